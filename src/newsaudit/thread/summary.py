"""Thread summary: where the readers stand, in ``ctx.out["thread"]`` (the report's ``thread``).

Keys (all added to, never renamed): ``summary`` (one sentence), ``n_comments``, ``stance``
(counts), ``stance_share``, ``questions`` (the questions asked of the report: id, author, text,
and ``asks``, the question sentences themselves),
``share_uncivil``, ``uncivil`` (ids), ``uncivil_model_only`` (the ids among them flagged by the
model's reading alone, no insult, profanity, mockery or attack found: the least sure flags),
``share_off_topic``, ``off_topic`` (ids),
``replies``, ``inferred_replies``, ``longest_chains`` (id lists, root first),
``active_authors`` (author and comment count).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..models import STANCES, Comment
from ..pipeline import Context, Stage
from .civility_model import MODEL_REASON
from .structure import is_live, longest_chains

QUESTION_CHARS = 300  # questions are listed in full up to this length, then cut at a word


def _short(text: str, limit: int = QUESTION_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


# A match starts only where a sentence starts: tried at every position, a long stretch with no
# stop was scanned again from each of its characters (quadratic: 50 kB took 25 s).
_QUESTION_RE = re.compile(r"(?:^|(?<=[.!?…\n]))[^.!?…\n]*\?+")


def question_sentences(text: str) -> list[str]:
    """The sentences of a comment that end in a question mark, cleaned of spacing, for display.

    Not :func:`.cues.question_sentences`, which the stance model's features are trained on: this
    one also ends a sentence at a line break or at a stop with no space after it, as comments are
    typed, and that must not change what the model was trained to read."""
    found = []
    for m in _QUESTION_RE.finditer(text):
        q = " ".join(m.group(0).split())
        if sum(ch.isalpha() for ch in q) >= 3:
            found.append(_short(q, 200))
    return found


def _share(n: int, d: int) -> float:
    return round(n / d, 3) if d else 0.0


def model_only(comment: Comment) -> bool:
    """Flagged uncivil with no insult, profanity, mockery or attack found: the model's reading alone."""
    civ = comment.civility
    return bool(civ and civ.uncivil and civ.reasons and all(r.startswith(MODEL_REASON) for r in civ.reasons))


def sentence(n: int, counts: dict[str, int], share_uncivil: float, share_off: float,
             asking: int | None = None, model_only: int = 0) -> str:
    """One plain sentence saying where the thread stands.

    ``asking``: how many comments ask something of the report (the ``questions`` list); the
    query count when not given.
    """
    if not n:
        return "No reader comments."
    labelled = sum(counts.values())
    if not labelled:
        return f"{n} comments; no stance read."
    voiced = {k: counts[k] for k in ("support", "deny", "query")}
    parts = []
    if voiced["deny"] > voiced["support"]:
        lead = f"readers who take a side mostly reject the report ({voiced['deny']} deny, {voiced['support']} support)"
    elif voiced["support"] > voiced["deny"]:
        lead = f"readers who take a side mostly back the report ({voiced['support']} support, {voiced['deny']} deny)"
    elif voiced["support"]:
        lead = f"readers are split on the report ({voiced['support']} support, {voiced['deny']} deny)"
    else:
        lead = "no reader takes a side on the report"
    parts.append(lead)
    if counts.get("comment"):
        parts.append(f"{counts['comment']} just comment")
    # Questions cut across the stances (a denial can be put as a question), so they get their
    # own clause rather than a share of the count above.
    asking = voiced["query"] if asking is None else asking
    if asking:
        parts[-1] += f"; {asking} ask{'s' if asking == 1 else ''} questions of the report"
    tail = []
    if share_uncivil:
        tail.append(f"{share_uncivil:.0%} uncivil" + (f" ({model_only} of them on the model's reading alone)"
                                                      if model_only else ""))
    if share_off:
        tail.append(f"{share_off:.0%} off topic")
    text = f"{n} comments: " + ", ".join(parts)
    return text + ("; " + ", ".join(tail) if tail else "") + "."


def summarize(comments: list[Comment]) -> dict[str, Any]:
    live = [c for c in comments if is_live(c)]
    n = len(live)
    counts = Counter(c.stance for c in live if c.stance in STANCES)
    stance = {s: counts[s] for s in STANCES}
    labelled = sum(stance.values())
    uncivil = [c.id for c in live if c.civility and c.civility.uncivil]
    unsure = [c.id for c in live if model_only(c)]
    rated = sum(1 for c in live if c.civility)
    off = [c.id for c in live if c.on_topic is False]
    judged = sum(1 for c in live if c.on_topic is not None)
    authors = Counter(c.author for c in live if c.author)
    share_uncivil, share_off = _share(len(uncivil), rated), _share(len(off), judged)
    questions = []
    for c in live:
        # Asked of the report: an on-topic query, or an on-topic denial put as a question ("How
        # does the Telegraph know what Putin is thinking?"). A question in a thread gone off topic
        # ("Have you seen her videos?") is about something else.
        if c.on_topic is False or c.stance not in ("query", "deny"):
            continue
        asks = question_sentences(c.text)
        if c.stance == "query" or asks:
            questions.append({"id": c.id, "author": c.author, "text": _short(c.text), "asks": asks})
    return {
        "summary": sentence(n, stance, share_uncivil, share_off, asking=len(questions), model_only=len(unsure)),
        "n_comments": len(comments),
        "stance": stance,
        "stance_share": {s: _share(k, labelled) for s, k in stance.items()},
        "questions": questions,
        "share_uncivil": share_uncivil,
        "uncivil": uncivil,
        "uncivil_model_only": unsure,
        "share_off_topic": share_off,
        "off_topic": off,
        "replies": sum(1 for c in comments if c.parent_id),
        "inferred_replies": sum(1 for c in comments if c.parent_id and c.parent_inferred),
        "longest_chains": longest_chains(comments),
        "active_authors": [{"author": a, "comments": k} for a, k in authors.most_common(5) if k > 1],
    }


def run(ctx: Context) -> None:
    ctx.out["thread"] = summarize(ctx.comments)


STAGE = Stage(name="summary", func=run, requires=("comments",), assigns=("thread",))
