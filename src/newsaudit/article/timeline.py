"""Stage stub: timeline. Filled in by its issue; until then it assigns empty results."""

from __future__ import annotations

from ..pipeline import Context, Stage


def run(ctx: Context) -> None:
    for key in ('timeline',):
        ctx.out.setdefault(key, [] if key != "sourcing" else {})


STAGE = Stage(name="timeline", func=run, requires=("doc",), assigns=('timeline',))
