"""Reply structure: keep the export's reply tree, infer reply links on flat threads.

A page pasted as text loses who answered whom. The text often still shows it:
a reply names the commenter it answers ("you are mistaken, Southern"), answers a
question asked just before ("What have you got?" / "Just faith"), picks up the
words of an earlier comment ("a two week old cucumber"), or opens like a reply
("I disagree", "Please do", "right on"). :func:`infer_parents` links a comment
only on such evidence and marks the link ``parent_inferred`` with a confidence;
a comment with no such sign stays top level. A real parent is never replaced.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass

from ..lexicons import load_lexicon
from ..models import Comment
from ..pipeline import Context, Stage
from .cues import is_question, normalise, sentences

NAME_WINDOW = 50  # how far back a named commenter is looked for
WINDOW = 8  # how far back an opener or an answer looks
PICKUP_WINDOW = 12  # how far back picked-up words are looked for

STOP = frozenset(
    "a an the and or but if then so of to in on at for with by from as is are was were be been being am it its "
    "it's this that these those there here i me my mine you your yours he him his she her hers we us our they "
    "them their what which who whom whose when where why how all any some no not nor only own same than too very "
    "can will just don't should now do does did doing have has had having would could also about into over again "
    "up down out off i'm i've i'll i'd you're he's she's we're they're that's what's let's lets get got one".split()
)
NUMBERS = {str(i): w for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
LAUGH_RE = re.compile(r"^(?:(?:lol|lmao|haha+|ha|hah|heh|ok|okay|well|oh|ah)\b[\s,.!…]*)+", re.IGNORECASE)
VOCATIVE_RE = re.compile(r"(?:^|[,;]\s*)([A-Z][a-z]{2,})\s*[,.!?…]*\s*$|^([A-Z][a-z]{2,}),")
INTENT_RE = re.compile(r"\b(i'll|i will|i might|i'm going to|i am going to|shall i|should i|i think i'll)\b")
YOU_RE = re.compile(r"\b(you|your|you're|anyone|anybody|somebody|someone)\b")


@dataclass(frozen=True)
class _Info:
    author: str | None
    words: tuple[str, ...]
    content: frozenset[str]
    trigrams: frozenset[tuple[str, str, str]]
    norm: str
    n_words: int


def is_live(comment: Comment) -> bool:
    """A comment with words to read: not deleted, not blank. Only these get a stance, a civility
    verdict and a place in the thread's counts."""
    return not comment.deleted and bool(comment.text.strip())


def _words(text: str) -> list[str]:
    return [NUMBERS.get(w, w) for w in WORD_RE.findall(normalise(text))]


def _info(comment: Comment) -> _Info:
    words = _words(comment.text)
    content = frozenset(w for w in words if w not in STOP and len(w) > 2 and not w.isdigit())
    trigrams = frozenset(
        g for g in zip(words, words[1:], words[2:]) if any(len(w) > 3 and w not in STOP for w in g)
    )
    return _Info((comment.author or "").strip() or None, tuple(words), content, trigrams,
                 normalise(comment.text).strip(), len(words))


def _different(a: _Info, b: _Info) -> bool:
    """Two comments by different people, as far as the page shows (unknown authors may differ)."""
    return a.author is None or b.author is None or a.author != b.author


def _opener(info: _Info) -> str | None:
    text = LAUGH_RE.sub("", info.norm).lstrip(" \"'“”.,-–—:;")
    flat = re.sub(r"[^\w' ]+", " ", text[:60])
    flat = " ".join(flat.split())
    for entry in sorted(load_lexicon("reply_openers"), key=len, reverse=True):
        if flat == entry or flat.startswith(entry + " "):
            return entry
    return None


def _pickup(me: _Info, other: _Info, article: frozenset[str], weight: dict[str, float]) -> tuple[float, list[str]]:
    """How strongly ``me`` picks up words of ``other`` that the article does not hold."""
    words = sorted((me.content & other.content) - article)
    score = sum(weight.get(w, 1.0) for w in words)
    # A shared phrase counts when two of its words are the commenters' own, not the article's.
    shared = [g for g in me.trigrams & other.trigrams
              if len({w for w in g if w not in STOP and w not in article}) >= 2]
    return score + 1.5 * len(shared), words + [" ".join(g) for g in sorted(shared)]


def infer_parents(comments: list[Comment], *, article_text: str = "") -> list[Comment]:
    """The comments with inferred reply links on a flat thread; threaded exports come back unchanged."""
    if len(comments) < 2 or any(c.parent_id for c in comments):
        return list(comments)
    infos = [_info(c) for c in comments]
    article = frozenset(_words(article_text))
    df = Counter(w for info in infos for w in info.content)
    n = len(infos)
    weight = {w: min(1.0, math.log((1 + n) / df[w]) / math.log(1 + n) * 1.6) for w in df}
    authors: dict[str, list[int]] = {}
    out = list(comments)
    for i, me in enumerate(infos):
        found = _name_link(i, me, infos, comments, authors, article)
        if found is None:
            found = _answer_link(i, me, infos)
        if found is None:
            found = _opener_link(i, me, infos, article, weight)
        if found is None:
            found = _pickup_link(i, me, infos, article, weight)
        if found is not None:
            j, confidence = found
            out[i] = dataclasses.replace(comments[i], parent_id=comments[j].id, parent_inferred=True,
                                         parent_confidence=round(confidence, 2))
        if me.author:
            authors.setdefault(me.author, []).append(i)
    return out


def _name_link(i, me, infos, comments, authors, article):  # noqa: ANN001, ANN202
    """A reply that names an earlier commenter, or addresses someone by a name no author shows."""
    text = comments[i].text
    present = set(re.findall(r"[\w'’.-]+", text))
    # Only authors whose first word occurs in the text are tried: threads may hold thousands.
    for name in [a for a in authors if a.split()[0] in present]:
        idxs = authors[name]
        if name == me.author or len(name) < 3:
            continue
        earlier = [j for j in idxs if i - j <= NAME_WINDOW]
        if earlier and re.search(rf"(?<![\w@])@?{re.escape(name)}(?![\w])", text):
            return earlier[-1], 0.85
    for sentence in sentences(text)[:3]:
        m = VOCATIVE_RE.search(sentence.strip())
        name = m and (m.group(1) or m.group(2))
        if name and name.lower() not in article and YOU_RE.search(sentence.lower()):
            for j in range(i - 1, max(-1, i - WINDOW - 1), -1):
                if _different(me, infos[j]):
                    return j, 0.6
    return None


def _answer_link(i, me, infos):  # noqa: ANN001, ANN202
    """A short non-question right after a comment that ends asking its readers something."""
    if me.n_words > 30 or is_question(me.norm) or i == 0:
        return None
    other = infos[i - 1]
    last = sentences(other.norm)[-1:] or [""]
    if _different(me, other) and is_question(last[0]) and YOU_RE.search(last[0]):
        return i - 1, 0.6
    return None


def _opener_link(i, me, infos, article, weight):  # noqa: ANN001, ANN202
    opener = _opener(me)
    if opener is None or i == 0:
        return None
    candidates = [j for j in range(i - 1, max(-1, i - WINDOW - 1), -1) if _different(me, infos[j])]
    if not candidates:
        return None
    if opener == "please do":
        for j in candidates:
            if INTENT_RE.search(infos[j].norm):
                return j, 0.7
    scored = [(_pickup(me, infos[j], article, weight)[0], -k, j) for k, j in enumerate(candidates)]
    best = max(scored)
    if best[0] >= 0.5:
        return best[2], 0.6
    return candidates[0], 0.4


def _pickup_link(i, me, infos, article, weight):  # noqa: ANN001, ANN202
    """Words of an earlier comment taken up again: a shared phrase, or rare words close by."""
    best = None
    for j in range(i - 1, max(-1, i - PICKUP_WINDOW - 1), -1):
        other = infos[j]
        if not _different(me, other):
            continue
        score, words = _pickup(me, other, article, weight)
        phrase = len(words) > len((me.content & other.content) - article)
        if (phrase and score >= 2.0) or (score >= 2.5 and i - j <= 3):
            if best is None or score > best[0]:
                best = (score, j)
    if best is None:
        return None
    return best[1], min(0.8, 0.4 + best[0] / 10)


def depths(comments: list[Comment]) -> dict[str, int]:
    """Reply depth of each comment: 1 for a top-level comment, 2 for a reply to it, ..."""
    parent = {c.id: c.parent_id for c in comments}
    out: dict[str, int] = {}
    for c in comments:
        depth, cur, seen = 1, c.parent_id, {c.id}
        while cur and cur in parent and cur not in seen:
            seen.add(cur)
            depth += 1
            cur = parent[cur]
        out[c.id] = depth
    return out


def longest_chains(comments: list[Comment], k: int = 3) -> list[list[str]]:
    """The ``k`` longest root-to-leaf reply chains of two comments or more, as id lists."""
    ids = {c.id for c in comments}
    parent = {c.id: c.parent_id for c in comments if c.parent_id in ids}
    has_child = set(parent.values())
    chains = []
    for c in comments:
        if c.id in has_child or c.id not in parent:
            continue
        chain, cur, seen = [c.id], c.id, {c.id}
        while cur in parent and parent[cur] not in seen:
            cur = parent[cur]
            seen.add(cur)
            chain.append(cur)
        chains.append(chain[::-1])
    chains.sort(key=len, reverse=True)
    return chains[:k]


def run(ctx: Context) -> None:
    ctx.comments = infer_parents(ctx.comments, article_text=ctx.article.title + "\n" + ctx.article.text)


STAGE = Stage(name="structure", func=run, requires=("comments",), assigns=("comments",))
