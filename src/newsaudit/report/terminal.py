"""The terminal summary (rich): what a journalist reads in ten seconds.

Colour when the console is a terminal, plain text when piped (the caller's
``Console`` decides). Every string from the report goes into a ``Text`` object,
never into rich markup, so brackets in a comment cannot restyle the output and
control characters are stripped.
"""

from __future__ import annotations

import re

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Report
from .html import verdict
from .view import STANCE_COLOURS, ReportView, figure_value

LIST_LIMIT = 8  # rows per section before "and N more"
BAR_WIDTH = 30


# C0 and C1 control characters (ESC among them): rich strips only a few, and a comment
# holding "\x1b[2J" must not clear the reader's screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _t(text: object, style: str = "") -> Text:
    """Untrusted text as an inert rich Text: no markup parsed, no control characters."""
    return Text(_CONTROL.sub("", str(text)), style=style)


def _short(text: str | None, limit: int = 160) -> str:
    flat = " ".join(_CONTROL.sub("", text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _more(console: Console, total: int, shown: int, what: str) -> None:
    if total > shown:
        console.print(_t(f"  … and {total - shown} more {what} (see --format html)", style="dim"))


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(_t(title, style="bold underline"))


def render(report: Report, console: Console) -> None:
    view = ReportView(report)
    _header(view, console)
    _headline(view, console)
    _sources(view, console)
    _claims(view, console)
    _timeline(view, console)
    _figures(view, console)
    _thread(view, console)
    _diagnostics(view, console)


def _header(view: ReportView, console: Console) -> None:
    r, a = view.report, view.report.article
    console.print(_t(a.title or "(untitled)", style="bold"))
    meta = " · ".join(x for x in (a.site, a.published, ", ".join(a.authors), a.url) if x)
    if meta:
        console.print(_t(meta, style="cyan"))
    mix = view.sourcing_mix
    console.print(_t(
        f"{len(a.text.split()):,} words · {len(r.sources)} sources ({mix['named']} named, {mix['anonymous']} anonymous)"
        f" · {len(r.quotes)} quotes · {len(r.comments)} comments · report {r.id}",
        style="dim",
    ))


def _headline(view: ReportView, console: Console) -> None:
    h = view.report.headline
    v = verdict(view.report)
    body = _t("")
    if h.claim:
        body.append("Claim: ", style="bold")
        body.append(_clean(h.claim) + "\n")
    body.append(v["title"], style="bold red" if h.outruns_sourcing else "bold green" if h.evidence else "bold")
    if v["detail"]:
        body.append(": " + _clean(v["detail"]))
    parts: list = [body]
    if h.evidence:
        table = Table(box=None, show_header=True, header_style="dim", pad_edge=False, expand=False)
        for col in ("score", "certainty", "sources", "evidence"):
            table.add_column(col, overflow="fold")
        for e in sorted(h.evidence, key=lambda e: -e.score)[:3]:
            table.add_row(_t(f"{e.score:.2f}"), _t(e.certainty, style=_certainty_style(e.certainty)),
                          _t(", ".join(view.source_names(e.source_ids))), _t(_short(e.text, 140)))
        parts.append(table)
    console.print()
    console.print(Panel(Group(*parts), title="Headline check", title_align="left",
                        border_style="red" if h.outruns_sourcing else "dim"))


def _grid(columns: int) -> Table:
    """An indent column, then columns whose last one wraps under itself, not under the margin."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=1)
    for _ in range(columns - 2):
        grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    return grid


def _certainty_style(certainty: str) -> str:
    return {"hedged": "yellow", "attributed": "cyan"}.get(certainty, "")


def _sources(view: ReportView, console: Console) -> None:
    _heading(console, "Sources")
    roster = view.roster
    if not roster:
        console.print(_t("  no sources found", style="dim"))
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col, kw in (("source", {"overflow": "fold"}), ("", {}), ("role", {}), ("quotes", {"justify": "right"}),
                    ("words", {"justify": "right"}), ("as described", {"overflow": "fold", "ratio": 1})):
        table.add_column(col, **kw)
    for s in roster[:LIST_LIMIT * 2]:
        described = view.described(s)
        table.add_row(
            _t(s.name, style=f"bold {view.colour(s.id)}"),
            _t("anonymous", style="yellow") if s.anonymous else _t("named", style="green"),
            _t(s.role),
            _t(str(len(view.quotes_of(s)))),
            _t(str(view.quoted_words.get(s.id, 0))),
            _t(_short(described, 90), style="dim"),
        )
    console.print(table)
    _more(console, len(roster), LIST_LIMIT * 2, "sources")
    share = view.sourcing_mix["anonymous_word_share"]
    if share is not None:
        console.print(_t(f"  {share:.0%} of quoted words come from anonymous sources", style="dim"))


def _claims(view: ReportView, console: Console) -> None:
    flagged = view.flagged_statements
    _heading(console, f"Hedged and anonymous-only claims ({len(flagged)})")
    if not flagged:
        console.print(_t("  none found", style="dim"))
        return
    grid = _grid(3)
    for s in flagged[:LIST_LIMIT]:
        tag = _t(s.certainty + (", anon. only" if s.anonymous_only else ""), style="yellow")
        line = _t(_short(s.text))
        if s.cues:
            line.append(_clean(f"  (cues: {', '.join(s.cues)})"), style="dim")
        grid.add_row("", tag, line)
    console.print(grid)
    _more(console, len(flagged), LIST_LIMIT, "claims")


def _timeline(view: ReportView, console: Console) -> None:
    events = view.dated_events
    _heading(console, f"Timeline ({len(events)})")
    undated = len(view.undated_events)
    if undated:
        console.print(_t(f"  {undated} sentences have no date of their own (anchored at publication)", style="dim"))
    if not events:
        console.print(_t("  no dates found", style="dim"))
        return
    grid = _grid(4)
    for t in events[:LIST_LIMIT]:
        grid.add_row("", _t(t.date, style="bold cyan"), _t(_short(t.text, 30), style="dim"),
                     _t(_short(t.sentence, 120) if t.sentence else ""))
    console.print(grid)
    _more(console, len(events), LIST_LIMIT, "dates")


def _figures(view: ReportView, console: Console) -> None:
    figures = view.report.figures
    _heading(console, f"Figures ({len(figures)})")
    if not figures:
        console.print(_t("  no figures found", style="dim"))
        return
    for f in figures[:LIST_LIMIT]:
        line = _t("  ")
        line.append(_clean(f.text), style="bold")
        value = figure_value(f)
        if value:
            line.append(_clean(f"  = {value}"))
        if f.approximate:
            line.append("  approx.", style="yellow")
        line.append(_clean(f"  — {view.source_name(f.source_id, default='the paper')}"), style="dim")
        console.print(line)
    _more(console, len(figures), LIST_LIMIT, "figures")


def _thread(view: ReportView, console: Console) -> None:
    comments = view.report.comments
    _heading(console, f"Reader thread ({len(comments)} comments)")
    if not comments:
        console.print(_t("  no comments", style="dim"))
        return
    if view.thread_summary:
        grid = _grid(2)
        grid.add_row("", _t(_short(view.thread_summary, 300)))
        console.print(grid)
    counts = view.stance_counts
    labelled = sum(counts.values())
    top = max(counts.values(), default=0) or 1
    for label, n in counts.items():
        filled = round(BAR_WIDTH * n / top)
        line = _t(f"  {label:<8} ")
        line.append("█" * filled, style=STANCE_COLOURS[label])
        line.append("░" * (BAR_WIDTH - filled), style="dim")
        share = f"{n / labelled:.0%}" if labelled else "–"
        line.append(f" {n} ({share})")
        console.print(line)
    if not labelled:
        console.print(_t("  (no stance labels yet)", style="dim"))
    replies = sum(1 for row in view.thread_rows if row.parent)
    inferred = sum(1 for row in view.thread_rows if row.parent and row.comment.parent_inferred)
    console.print(_t(
        f"  {view.n_uncivil} uncivil · {view.n_off_topic} off topic · {replies} replies ({inferred} inferred)",
        style="dim",
    ))
    questions = view.reader_questions
    if questions:
        console.print(_t(f"  Questions readers ask ({len(questions)}):", style="bold"))
        grid = _grid(3)
        for c, asked in view.reader_question_texts[:5]:
            grid.add_row("", _t(c.author or "anonymous reader", style="cyan"), _t(_short(asked, 150)))
        console.print(grid)
        _more(console, len(questions), 5, "questions")
    if view.thread_facts:
        grid = _grid(3)
        for label, value in view.thread_facts:
            grid.add_row("", _t(label, style="dim"), _t(_short(value, 200)))
        console.print(grid)


def _diagnostics(view: ReportView, console: Console) -> None:
    diags = view.report.diagnostics
    if not diags:
        return
    _heading(console, "Notes")
    for d in diags:
        style = {"warning": "yellow", "error": "bold red"}.get(d.level, "dim")
        line = _t(f"  {d.level} ", style=style)
        line.append(_clean(f"{d.code}: {_short(d.message, 200)}"))
        console.print(line)
