"""Stage stub: claims. Filled in by its issue; until then it assigns empty results."""

from __future__ import annotations

from ..pipeline import Context, Stage


def run(ctx: Context) -> None:
    for key in ('headline',):
        ctx.out.setdefault(key, [] if key != "sourcing" else {})


STAGE = Stage(name="claims", func=run, requires=("doc",), assigns=('headline',))
