"""Stage stub: figures. Filled in by its issue; until then it assigns empty results."""

from __future__ import annotations

from ..pipeline import Context, Stage


def run(ctx: Context) -> None:
    for key in ('figures',):
        ctx.out.setdefault(key, [] if key != "sourcing" else {})


STAGE = Stage(name="figures", func=run, requires=("doc",), assigns=('figures',))
