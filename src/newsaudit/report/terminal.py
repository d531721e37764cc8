"""The terminal summary (rich). Colour on a terminal, plain text when piped."""

from __future__ import annotations

from rich.console import Console

from ..models import Report


def render(report: Report, console: Console) -> None:
    a = report.article
    console.print(f"[bold]{a.title or '(untitled)'}[/bold]", highlight=False)
    meta = " · ".join(x for x in (a.site, a.published, ", ".join(a.authors)) if x)
    if meta:
        console.print(meta, highlight=False)
    console.print(
        f"{len(a.text.split())} words · {len(report.sources)} sources · {len(report.quotes)} quotes · "
        f"{len(report.comments)} comments · report {report.id}",
        highlight=False,
    )
    for d in report.diagnostics:
        console.print(f"[yellow]{d.level}[/yellow] {d.code}: {d.message}", highlight=False)
