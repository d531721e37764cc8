"""Stage: the headline's central claim, the body sentences that bear on it, and whether
the headline outruns its sourcing.

The claim: a headline often wraps the contentious claim in a frame ("US and Russia
to discuss fate of Venezuela amid reports Putin will not prop up Maduro"). A
reports-of clause ("amid reports X", "X, sources say", "reports: X") holds the claim
to check, since that is where a headline can say more than its sources; otherwise the
main clause before "amid"/"as"/"after" is. Title Case is undone using the body:
a word keeps its capital only if the body writes it capitalised mid-sentence.

Evidence: body statements ranked by relatedness to the claim (IDF-weighted cosine and
claim-word recall, IDF from the article's own sentences), each with its certainty and
sources. ``outruns_sourcing`` is true when the headline states the claim as fact, the
body sentences bearing on it hedge it or rest on anonymous sources, and no named
source supports it (see :func:`judge`).
"""

from __future__ import annotations

import logging
import re

from ..models import Evidence, Headline, Statement
from ..pipeline import Context, Stage
from .hedging import find_cues, tokenize
from .relatedness import content_words, cosine, idf_from, tfidf

log = logging.getLogger(__name__)

BEARS = 0.22  # relatedness above which a sentence counts as bearing on the claim
MAX_EVIDENCE = 6

_FRAME_NOUNS = r"(?:reports?|claims?|rumou?rs?|speculation|suggestions?|signs?|fears?|allegations?|word)"
_REPORTED_TAIL = re.compile(
    rf"^(?P<main>.*?)\s+(?:amid|after|as|following|over|despite|with)\s+{_FRAME_NOUNS}\s+(?:that\s+)?(?P<claim>.+)$",
    re.IGNORECASE,
)
_REPORTS_LEAD = re.compile(rf"^{_FRAME_NOUNS}\s*(?::|say|says|said|suggest|suggests|claim|claims)\s*(?:that\s+)?"
                           r"(?P<claim>.+)$", re.IGNORECASE)
_SAYS_TAIL = re.compile(r"^(?P<claim>.+?)[,:;]?\s*(?:[-–—]\s*)?(?:(?:a |the )?reports?|(?:unnamed |anonymous )?sources?|"
                        r"officials?|insiders?)(?:\s+(?:say|says|said|claim|claims|suggest|suggests))?\s*$",
                        re.IGNORECASE)
_SPLIT = re.compile(r"\s+(?:amid|as|after|while|despite|following|before|ahead of)\s+", re.IGNORECASE)


def _proper_words(body: str) -> set[str]:
    """Words the body writes capitalised where a sentence does not start."""
    proper = set()
    for m in re.finditer(r"(?<=[a-z,;’'\"”)]\s)([A-Z][\w’'-]*)", body):
        proper.add(m.group(1).lower())
    return proper


def sentence_case(text: str, body: str) -> str:
    """Undo Title Case: keep capitals only for words the body capitalises (names), acronyms, and "I"."""
    words = text.split()
    if not words:
        return text
    titled = sum(w[:1].isupper() for w in words) >= max(2, int(0.7 * len(words)))
    if not titled:
        return text[:1].upper() + text[1:]
    proper = _proper_words(body)
    out = []
    for w in words:
        core = w.strip("\"'‘’“”,:;.!?()")
        if core.isupper() and len(core) > 1 or core.lower() in proper or core == "I":
            out.append(w)
        else:
            out.append(w.lower())
    first = out[0]
    out[0] = first[:1].upper() + first[1:]
    return " ".join(out)


def central_claim(title: str, body: str = "") -> tuple[str, str | None]:
    """(claim, frame): the claim in sentence case, and the frame that hedges it in the headline
    ("reports", "question", a hedge cue), or None when the headline states it as fact."""
    text = " ".join(title.replace("‘", "'").replace("’", "'").split()).strip()
    if not text:
        return "", None
    frame: str | None = None
    m = _REPORTED_TAIL.match(text)
    if m:
        text, frame = m.group("claim"), "reports"
    elif (m := _REPORTS_LEAD.match(text)) or (m := _SAYS_TAIL.match(text)):
        text, frame = m.group("claim"), "reports"
    else:
        text = _SPLIT.split(text, maxsplit=1)[0]
        if ":" in text:
            kicker, _, rest = text.partition(":")
            if len(kicker.split()) <= 4 and rest.strip():
                text = rest
    text = text.strip(" .,:;-–—")
    if text.endswith("?"):
        frame = frame or "question"
        text = text.rstrip("?").strip()
    if frame is None:
        cues = find_cues(tokenize(text))
        if cues:
            frame = cues[0][2]
    return sentence_case(text, body), frame


def rank_evidence(claim: str, statements: list[Statement]) -> list[tuple[float, Statement]]:
    """Body statements scored by how directly they bear on ``claim``, best first."""
    body = [s for s in statements if not s.in_caption]
    claim_words = content_words(claim)
    if not claim_words or not body:
        return []
    docs = [content_words(s.text) for s in body]
    idf = idf_from(docs + [claim_words])
    default = max(idf.values())
    cv = tfidf(claim_words, idf, default)
    weight = sum(idf.get(w, default) for w in set(claim_words))
    scored = []
    for s, words in zip(body, docs):
        shared = set(claim_words) & set(words)
        recall = sum(idf.get(w, default) for w in shared) / weight if weight else 0.0
        score = 0.5 * cosine(cv, tfidf(words, idf, default)) + 0.5 * recall
        scored.append((round(score, 4), s))
    scored.sort(key=lambda x: (-x[0], x[1].start))
    return scored


_NEGATION = frozenset({"no", "not", "never", "n't", "deny", "denied", "denies", "denying", "false", "untrue",
                       "rejected", "dismissed", "nothing"})


def relation(claim: str, statement: Statement) -> str | None:
    """"discuss" for a hedged sentence, "disagree" when it negates a claim that does not, else unknown."""
    if statement.certainty == "hedged":
        return "discuss"
    negated = lambda text: any(w in _NEGATION or w.endswith("n't") for w in tokenize(text))  # noqa: E731
    if not negated(claim) and negated(statement.text):
        return "disagree"
    return None


def judge(claim: str, frame: str | None, bearing: list[tuple[Statement, str | None]]) -> tuple[bool, str | None]:
    """Does the headline outrun its sourcing? (flag, reason).

    It does when the headline states the claim as fact (no "reports", question or hedge
    in it), some body sentences bearing on the claim hedge it or rest on anonymous
    sources, and no sentence attributed to a named source supports it. The paper's own
    unattributed restatement (a lead that repeats the headline) is not sourcing.
    """
    if not bearing or frame is not None:
        return False, None
    hedged = [s for s, _ in bearing if s.certainty == "hedged"]
    anonymous = [s for s, rel in bearing if s.anonymous_only and rel != "disagree"]
    on_record = [s for s, rel in bearing
                 if s.certainty == "attributed" and s.source_ids and not s.anonymous_only and rel != "disagree"]
    disputed = [s for s, rel in bearing if s.certainty == "attributed" and rel == "disagree"]
    own_voice = [s for s, _ in bearing if s.certainty == "asserted"]
    if on_record or not (hedged or anonymous):
        return False, None
    parts = []
    if hedged:
        cues = sorted({c for s in hedged for c in s.cues})
        parts.append(f"hedges it ({', '.join(repr(c) for c in cues[:4])})")
    if anonymous:
        parts.append("attributes it to anonymous sources only")
    if own_voice:
        parts.append("restates it in the paper's own voice without a source")
    if disputed:
        parts.append("quotes a source disputing it")
    return True, (f"the headline states {claim!r} as fact, but no named source in the body supports it: "
                  f"the body {', '.join(parts[:-1]) + ' and ' + parts[-1] if len(parts) > 1 else parts[0]}")


def backing(bearing: list[tuple[Statement, str | None]]) -> dict[str, int]:
    """What the body sentences bearing on the claim rest on, counted sentence by sentence: the
    paper's own voice, a named source, anonymous sources only, an attribution whose speaker was
    not found, a hedge, a source disputing it."""
    out = {"own_voice": 0, "named": 0, "anonymous_only": 0, "unknown_source": 0, "hedged": 0, "disputing": 0}
    for s, rel in bearing:
        if rel == "disagree" and s.certainty == "attributed":
            out["disputing"] += 1
        elif s.certainty == "hedged":
            out["hedged"] += 1
        elif s.anonymous_only:
            out["anonymous_only"] += 1
        elif s.certainty == "attributed":
            out["named" if s.source_ids else "unknown_source"] += 1
        else:
            out["own_voice"] += 1
    return out


def build_headline(title: str, body: str, statements: list[Statement]) -> Headline:
    claim, frame = central_claim(title, body)
    if not claim:
        return Headline()
    ranked = rank_evidence(claim, statements)
    bearing = [(score, s) for score, s in ranked if score >= BEARS][:MAX_EVIDENCE]
    relations = [relation(claim, s) for _, s in bearing]
    evidence = tuple(
        Evidence(text=s.text, start=s.start, end=s.end, score=score, certainty=s.certainty,
                 source_ids=s.source_ids, relation=rel)
        for (score, s), rel in zip(bearing, relations)
    )
    pairs = [(s, rel) for (_, s), rel in zip(bearing, relations)]
    flag, reason = judge(claim, frame, pairs)
    if not bearing:
        reason = "no body sentence bears on the headline's claim"
    return Headline(claim=claim, evidence=evidence, outruns_sourcing=flag, reason=reason, frame=frame,
                    backing=backing(pairs) if pairs else None)


def run(ctx: Context) -> None:
    ctx.out["headline"] = build_headline(ctx.article.title, ctx.article.text, list(ctx.out.get("statements", ())))


STAGE = Stage(name="claims", func=run, requires=("doc", "statements", "sources"), assigns=("headline",))
