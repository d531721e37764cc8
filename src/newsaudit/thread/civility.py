"""Civility stage: each comment's ``civility`` (uncivil, score, the reasons that decided it).

The scoring is :mod:`newsaudit.thread.civility_model`: a trained linear model over word and
character n-grams plus incivility lexicons (insults, profanity, mockery such as "Blah blah blah",
attacks on other readers), mixed with one over each comment's sentence embedding. No parsing: a
page may hold thousands of comments, and they are encoded together in one pass.
"""

from __future__ import annotations

import dataclasses

from ..models import Civility, Comment
from ..pipeline import Context, Stage
from .civility_model import CivilityModel, load_model
from .structure import is_live


def assess(text: str, *, model: CivilityModel | None = None) -> Civility:
    """The civility of one comment's text."""
    uncivil, score, reasons = (model or load_model()).assess(text)
    return Civility(uncivil=uncivil, score=score, reasons=reasons)


def rate_comments(comments: list[Comment], *, model: CivilityModel | None = None) -> list[Comment]:
    model = model or load_model()
    rated = [i for i, c in enumerate(comments) if is_live(c)]
    out = list(comments)
    for i, (uncivil, score, reasons) in zip(rated, model.assess_many([comments[i].text for i in rated])):
        civility = Civility(uncivil=uncivil, score=score, reasons=reasons)
        out[i] = dataclasses.replace(comments[i], civility=civility)
    return out


def run(ctx: Context) -> None:
    ctx.comments = rate_comments(ctx.comments)


STAGE = Stage(name="civility", func=run, requires=("comments",), assigns=("civility",))
