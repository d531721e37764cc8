"""Does a comment stay on the article's topic? A cheap overlap score, no parsing.

The score is the share of a comment's subject matter that the article shares: its names
(capitalised words: Biden, Tulsi, Gravel against Putin, Maduro) and its uncommon words
("cucumber", "primaries"), weighted by how rare they are in general conversation, so that
filler ("respect", "hope") decides nothing. Words about the report itself ("propaganda",
"article") count as on topic. A thread drifting to other news brings new names and words.
A short comment says too little to judge alone, so its score is pulled toward its parent's (a reply
stays in its chain's topic) or, at top level, toward a neutral prior: pseudo-counts below.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import NewsauditError
from ..models import Comment
from ..pipeline import Context, Stage
from ..lexicons import load_lexicon_set
from .cues import sentences
from .structure import STOP, VOCATIVE_RE

THRESHOLD = 0.3  # on the example page, drifting comments score under 0.2, on-topic ones over 0.35
PSEUDO = 1.5  # weight, in subject words, of the parent's score (or the prior) in a comment's score
PRIOR = 0.5  # a top-level comment that says almost nothing is given the benefit of the doubt
NAME_WEIGHT = 3.0  # a name says more about the subject than any other word
COMMON = 6.0
ECHO_SCORE, ECHO_EVIDENCE = 0.35, 5.0  # a comment this on-topic lends its words to the topic  # general IDF under which a word is filler (topic_idf.npz: "respect" 7.0, "hope" 5.8)

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# "this article is a piece of tripe", "the report is fake": a comment that points at the report
# itself is about it, however many other names it goes on to bring in.
REPORT_REF_RE = re.compile(
    # "this story", "this piece": the demonstrative points at the page; "the story" or "the piece"
    # are as often any story ("the story of my life"), so "the" only goes with the report's own words
    r"\b(?:(?:this|that|your|their)\s+(?:(?:so-called|whole|latest|entire|same)\s+)?"
    r"(?:article|report|story|piece|headline|reporting|coverage|reporter|journalist|author|writer)"
    r"|the\s+(?:(?:so-called|whole|latest|entire|same)\s+)?(?:article|report|headline|reporter|journalist|author))\b",
    re.IGNORECASE,
)
REPORT_REF_SCORE = 0.5  # the least score of a comment that points at the report
EXTRA_STOP = frozenset("think like know really even still just much many well way yes said says say "
                       "people thing time make made going want seem best good lot actually also "
                       "two three four five six seven eight nine ten hundred thousand million".split())


@lru_cache(maxsize=1)
def general_idf() -> tuple[dict[str, float], float]:
    """Word stems and their IDF over general comments (models/topic_idf.npz)."""
    ref = resources.files("newsaudit").joinpath("models", "topic_idf.npz")
    try:
        with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as data:
            return dict(zip(data["words"].tolist(), data["idf"].tolist())), float(data["unseen"])
    except FileNotFoundError as exc:
        raise NewsauditError("models/topic_idf.npz missing; run training/train_topic_idf.py") from exc


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def content_words(text: str) -> list[str]:
    return [s for s in (_stem(w) for w in WORD_RE.findall(text))
            if len(s) > 2 and s not in STOP and s not in EXTRA_STOP]


def _sentences(text: str) -> list[list[str]]:
    return [WORD_RE.findall(s) for s in re.split(r"(?<=[.!?…:])\s+|\n+|…", text)]


def names(text: str, known: frozenset[str] = frozenset()) -> set[str]:
    """Capitalised words inside a sentence (mostly people, places, organisations), and words
    opening one that are ``known`` as names from elsewhere on the page ("Biden has ...")."""
    found = set()
    for words in _sentences(text):
        for k, w in enumerate(words):
            s = _stem(w)
            if w[0].isupper() and not w.isupper() and s not in STOP and s not in EXTRA_STOP and (k or s in known):
                found.add(s)
    return found


def _vocatives(text: str) -> set[str]:
    """Names a comment calls its reader by ("you are mistaken, Southern"): people, not subjects."""
    found = set()
    for sentence in sentences(text):
        m = VOCATIVE_RE.search(sentence.strip())
        if m:
            found.add(_stem(m.group(1) or m.group(2)))
    return found


class TopicScorer:
    """Scores comments against one article; IDF from the article's paragraphs and the comments."""

    def __init__(self, article_text: str, comments: list[Comment]) -> None:
        self.tf = Counter(content_words(article_text))
        self.meta = load_lexicon_set("topic_meta")
        self.known = frozenset(names(article_text).union(*(names(c.text) for c in comments)))
        self.general, self.unseen = general_idf()
        self.addressed = {w for c in comments if c.author for w in (_stem(x) for x in c.author.split())}
        self.echo: set[str] = set()
        # One round of feedback: the subject words of clearly on-topic comments ("Bolivarian" next to
        # "Venezuela") half-count as the article's, so a comment using them is not read as drift.
        for c in comments:
            score, evidence = self.own(c.text)
            if score >= ECHO_SCORE and evidence >= ECHO_EVIDENCE:
                self.echo.update(content_words(c.text))

    def credit(self, word: str) -> float:
        """How much a word ties a comment to the article: a word the article uses once may be chance."""
        if word in self.meta or self.tf[word] >= 2:
            return 1.0
        return 0.5 if self.tf[word] == 1 or word in self.echo else 0.0

    def weight(self, word: str, named: set[str]) -> float:
        """How much a word says about a subject: names fully, filler ("respect", "hope") hardly."""
        if word in named:
            return NAME_WEIGHT
        g = self.general.get(word, self.unseen)
        t = min(1.0, max(0.0, (g - COMMON) / (self.unseen - COMMON)))
        return max(t * t, 0.5) if word in self.meta else t * t

    def own(self, text: str) -> tuple[float, float]:
        """(score, evidence): the comment's own on-topic share and how much subject matter it holds."""
        words = set(content_words(text))
        named = names(text, self.known) - self.addressed - _vocatives(text)
        weights = {w: self.weight(w, named) for w in words}
        total = sum(weights.values())
        if not total:
            return 0.0, 0.0
        return sum(wt * self.credit(w) for w, wt in weights.items()) / total, total


def score_comments(comments: list[Comment], article_text: str) -> list[Comment]:
    scorer = TopicScorer(article_text, comments)
    by_id = {c.id: c for c in comments}
    scores: dict[str, float] = {}

    def final(c: Comment, seen: frozenset[str] = frozenset()) -> float:
        if c.id in scores:
            return scores[c.id]
        own, evidence = scorer.own(c.text)
        parent = by_id.get(c.parent_id or "")
        anchor = final(parent, seen | {c.id}) if parent and parent.id not in seen else PRIOR
        score = (own * evidence + anchor * PSEUDO) / (evidence + PSEUDO)
        if REPORT_REF_RE.search(c.text):
            score = max(score, REPORT_REF_SCORE)
        scores[c.id] = score
        return scores[c.id]

    out = []
    for c in comments:
        s = final(c)
        out.append(dataclasses.replace(c, on_topic=s >= THRESHOLD, topic_score=round(s, 3)))
    return out


def run(ctx: Context) -> None:
    ctx.comments = score_comments(ctx.comments, ctx.article.title + "\n" + ctx.article.text)


STAGE = Stage(name="topic", func=run, requires=("comments",), assigns=("topic",))
