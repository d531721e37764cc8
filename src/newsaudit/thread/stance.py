"""Stance stage: each comment's stance toward the report (support, deny, query, comment).

A comment is read in its chain (:class:`~newsaudit.thread.stance_model.Post`): its own words,
its parent's (the report's claim for a top-level comment), the report's claim, and its depth.
The model learns from the chain's features instead of copying the parent's label: a reply
that disagrees with a commenter is not thereby a denial of the report. A comment the topic
stage found off topic is labelled ``comment`` (unless it asks a question): it takes no side
on this report.
"""

from __future__ import annotations

import dataclasses

from ..models import Comment
from ..pipeline import Context, Stage
from .stance_model import Post, StanceModel, load_model
from .structure import depths, is_live


def claim_of(ctx: Context) -> str:
    """What the comments respond to: the headline claim, or the title until a claim is found."""
    headline = ctx.out.get("headline")
    claim = getattr(headline, "claim", "") if headline is not None else ""
    return claim or ctx.article.title or ctx.article.text[:300]


def posts_of(comments: list[Comment], claim: str) -> list[Post]:
    by_id = {c.id: c for c in comments}
    depth = depths(comments)
    posts = []
    for c in comments:
        parent = by_id.get(c.parent_id or "")
        posts.append(Post(text=c.text, parent_text=parent.text if parent else claim, source_text=claim,
                          depth=depth[c.id]))
    return posts


def label_comments(comments: list[Comment], claim: str, *, model: StanceModel | None = None) -> list[Comment]:
    model = model or load_model()
    posts = posts_of(comments, claim)
    live = [i for i, c in enumerate(comments) if is_live(c)]
    out = list(comments)
    for i, scores in zip(live, model.scores_many([posts[i] for i in live])):
        label = model.decide(posts[i], scores)
        if comments[i].on_topic is False and label != "query":
            # A comment about something else takes no side on the report, whatever its words
            # ("He is a liar" about another politician); the model's scores are kept as read.
            label = "comment"
        out[i] = dataclasses.replace(comments[i], stance=label, stance_scores=scores)
    return out


def run(ctx: Context) -> None:
    ctx.comments = label_comments(ctx.comments, claim_of(ctx))


STAGE = Stage(name="stance", func=run, requires=("comments",), assigns=("stance",))
