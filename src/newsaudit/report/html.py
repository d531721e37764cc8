"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing fetched).

Templates are jinja2 with autoescape on, so every string from the report is escaped
where it is printed; the only unescaped values are the article mark-up and the
charts, which are built in Python from escaped pieces (``markup.py``, ``charts.py``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..models import Headline, Report
from .charts import sourcing_chart, stance_chart
from .markup import mark_up
from .view import MAX_DEPTH, PALETTE, UNATTRIBUTED, ReportView, describe, figure_value, format_value


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsaudit.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return add_filters(env)


def add_filters(env: Environment) -> Environment:
    """The filters the report templates use; the web app's environment needs them too."""
    env.filters["describe"] = describe
    env.filters["value"] = format_value
    env.filters["figure_value"] = figure_value
    return env


def _palette_css() -> str:
    rules = []
    for i, colour in enumerate((*PALETTE, UNATTRIBUTED)):
        name = f"src-{i}" if i < len(PALETTE) else "src-none"
        rules.append(
            f"mark.{name} {{ background: {colour}2e; color: inherit; border-bottom-color: {colour}; outline-color: {colour}; }}\n"
            f"sup.who.{name}, .swatch.{name} {{ background-color: {colour}; border-color: {colour}; }}"
        )
    # Reply depth as classes, not inline styles, so the web app's CSP can forbid inline style.
    rules += [f".comment.depth-{d} {{ margin-left: {d * 1.6:.1f}rem; }}" for d in range(1, MAX_DEPTH + 1)]
    return "\n".join(rules)


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """The report CSS with the per-source colour rules; static text of our own, safe to inline."""
    base = resources.files("newsaudit.report").joinpath("templates/report.css").read_text("utf-8")
    return Markup(base + "\n" + _palette_css() + "\n")


def safe_href(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: a report must never carry a javascript: link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


_BACKING_WORDS = (("own_voice", "in the paper's own voice, no source"), ("named", "from a named source"),
                  ("anonymous_only", "from anonymous sources only"),
                  ("unknown_source", "attributed to a speaker not found"), ("hedged", "hedged"),
                  ("disputing", "from a source disputing it"))
_FRAME_WORDS = {"reports": "The headline itself presents the claim as reports",
                "question": "The headline itself puts the claim as a question"}


def backing_detail(h: Headline) -> str:
    """One line on what the claim rests on: 'The headline itself presents the claim as reports.
    The bearing sentences: 1 in the paper's own voice, no source; 1 from anonymous sources only; 2 hedged.'"""
    parts = []
    if h.frame:
        parts.append(_FRAME_WORDS.get(h.frame, f"The headline itself hedges the claim ('{h.frame}')") + ".")
    counts = h.backing or {}
    said = [f"{counts[key]} {words}" for key, words in _BACKING_WORDS if counts.get(key)]
    if said:
        parts.append("The sentences bearing on it: " + "; ".join(said) + ".")
    return " ".join(parts)


def verdict(report: Report) -> dict[str, str]:
    h = report.headline
    if h.outruns_sourcing:
        return {"title": "The headline outruns its sourcing", "detail": h.reason or ""}
    if h.evidence:
        return {"title": "The headline's claim is carried by the body", "detail": h.reason or backing_detail(h)}
    if h.claim:
        return {"title": "No body sentence was found to bear on the headline", "detail": h.reason or ""}
    return {"title": "Headline not checked", "detail": h.reason or "no headline claim was extracted"}


def context(report: Report) -> dict[str, Any]:
    """What the report templates need; the web app adds its own keys to this."""
    view = ReportView(report)
    return {
        "view": view,
        "css": stylesheet(),
        "href": safe_href(report.article.url),
        "words": f"{len(report.article.text.split()):,}",
        "verdict": verdict(report),
        "evidence": sorted(report.headline.evidence, key=lambda e: -e.score),
        "marked": mark_up(view),
        "sourcing_chart": sourcing_chart(view),
        "stance_chart": stance_chart(view),
    }


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    return environment().get_template("report.html.j2").render(**context(report))
