"""Stage stub: structure. Filled in by its issue; until then it changes nothing."""

from __future__ import annotations

from ..pipeline import Context, Stage


def run(ctx: Context) -> None:
    ctx.comments  # comments stay as read


STAGE = Stage(name="structure", func=run, requires=("comments",), assigns=("comments",))
