"""Stage stub: summary. Filled in by its issue; until then it changes nothing."""

from __future__ import annotations

from ..pipeline import Context, Stage


def run(ctx: Context) -> None:
    ctx.out.setdefault('thread', {})


STAGE = Stage(name="summary", func=run, requires=("comments",), assigns=("thread",))
