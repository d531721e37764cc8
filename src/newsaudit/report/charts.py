"""Small charts as inline SVG: no scripts, no fonts to fetch, readable offline and in print.

Every label goes through ``escape``; colours and sizes come from this module only.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .view import STANCE_COLOURS, ReportView

_ROW = 22  # px per bar
_LABEL_W = 110
_BAR_W = 240
_VALUE_W = 70


def bar_chart(rows: list[tuple[str, int, str]], *, title: str, css_class: str = "chart") -> Markup:
    """Horizontal bars, one per (label, count, colour); the count and share printed beside each."""
    total = sum(v for _, v, _ in rows)
    height = _ROW * max(len(rows), 1) + 28
    width = _LABEL_W + _BAR_W + _VALUE_W
    top = max((v for _, v, _ in rows), default=0) or 1
    parts = [
        f'<svg class="{escape(css_class)}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" class="chart-title" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    if not rows or total == 0:
        parts.append(f'<text x="0" y="{14 + _ROW}" font-size="12" fill="#666">nothing to show</text>')
    for i, (label, value, colour) in enumerate(rows):
        y = 24 + i * _ROW
        w = round(_BAR_W * value / top) if value else 0
        share = f"{value / total:.0%}" if total else "0%"
        parts.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{int(value)}">'
            f'<text x="{_LABEL_W - 6}" y="{y + 14}" font-size="12" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 3}" width="{w}" height="{_ROW - 6}" fill="{escape(colour)}">'
            f"<title>{escape(label)}: {int(value)} ({share})</title></rect>"
            f'<text x="{_LABEL_W + w + 5}" y="{y + 14}" font-size="12">{int(value)} ({share})</text>'
            "</g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def stance_chart(view: ReportView) -> Markup:
    counts = view.stance_counts
    rows = [(label, n, STANCE_COLOURS[label]) for label, n in counts.items()]
    return bar_chart(rows, title="Reader stance toward the report", css_class="chart stance-chart")


def sourcing_chart(view: ReportView) -> Markup:
    """Two charts, since each has its own whole: named against anonymous, then sources by role."""
    mix = view.sourcing_mix
    named = [("named", int(mix["named"]), "#0072B2"), ("anonymous", int(mix["anonymous"]), "#D55E00")]
    roles = [(role, int(n), "#56B4E9") for role, n in mix["by_role"].items()]  # type: ignore[union-attr]
    return Markup("").join([
        bar_chart(named, title="Sourcing mix: named and anonymous", css_class="chart sourcing-chart"),
        bar_chart(roles, title="Sources by role", css_class="chart role-chart"),
    ])
