"""The report as Markdown: the same content as the HTML report, for notes, tickets and wikis.

Every piece of untrusted text goes through :func:`md_escape`: HTML is entity-escaped
(a Markdown renderer passes raw HTML through) and Markdown punctuation is
backslash-escaped, so a comment cannot make a link, an image, a heading or a table cell.
"""

from __future__ import annotations

import re

from ..models import Report
from .html import safe_href, verdict
from .view import ReportView, figure_value

_INLINE = re.compile(r"([\\`*_\[\]{}|~#<>!])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")
_PARAGRAPH = re.compile(r"(?:(?!\n[ \t]*\n)[\s\S])+")


def md_escape(text: object, *, flat: bool = True) -> str:
    """Escape text for Markdown; ``flat`` folds all whitespace into single spaces (for cells and lists)."""
    s = str(text if text is not None else "")
    s = s.replace("&", "&amp;")
    s = _INLINE.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), s)
    if flat:
        s = " ".join(s.split())
    return s


def _cell(text: object) -> str:
    return md_escape(text) or " "


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def render_markdown(report: Report) -> str:
    view = ReportView(report)
    a = report.article
    lines: list[str] = [f"# {md_escape(a.title or '(untitled)')}", ""]
    meta = [md_escape(x) for x in (a.site, a.published, ", ".join(a.authors)) if x]
    href = safe_href(a.url)
    if href:
        meta.append(f"<{href.replace('>', '%3E').replace('<', '%3C').replace(' ', '%20')}>")
    if meta:
        lines += [" · ".join(meta), ""]
    mix = view.sourcing_mix
    lines += [
        f"{len(a.text.split()):,} words · {len(report.sources)} sources ({mix['named']} named, "
        f"{mix['anonymous']} anonymous) · {len(report.quotes)} quotes · {len(report.comments)} comments · "
        f"report `{md_escape(report.id).replace('`', '')}`",
        "",
    ]
    lines += _headline(view)
    lines += _sources(view)
    lines += _quotes(view)
    lines += _claims(view)
    lines += _timeline(view)
    lines += _figures(view)
    lines += _thread(view)
    lines += _article(view)
    if report.diagnostics:
        lines += ["## Notes on the input", ""]
        lines += [f"- **{md_escape(d.level)}** {md_escape(d.code)}: {md_escape(d.message)}" for d in report.diagnostics]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _headline(view: ReportView) -> list[str]:
    h = view.report.headline
    v = verdict(view.report)
    out = ["## Headline check", ""]
    if h.claim:
        out += [f"Claim: *{md_escape(h.claim)}*", ""]
    out += [f"**{md_escape(v['title'])}**" + (f": {md_escape(v['detail'])}" if v["detail"] else ""), ""]
    if h.evidence:
        rows = [[i, f"{e.score:.2f}", e.certainty, e.relation or "", ", ".join(view.source_names(e.source_ids)), e.text]
                for i, e in enumerate(sorted(h.evidence, key=lambda e: -e.score), 1)]
        out += _table(["#", "score", "certainty", "relation", "sources", "evidence"], rows)
    return out


def _sources(view: ReportView) -> list[str]:
    out = ["## Source roster", ""]
    mix = view.sourcing_mix
    roles = ", ".join(f"{r} {n}" for r, n in mix["by_role"].items())  # type: ignore[union-attr]
    out += [f"Named {mix['named']}, anonymous {mix['anonymous']}" + (f"; by role: {roles}" if roles else "") + ".", ""]
    for label, value in view.sourcing_facts:
        out.append(f"- {md_escape(label)}: {md_escape(value)}")
    if view.sourcing_facts:
        out.append("")
    if not view.roster:
        return out + ["No sources found.", ""]
    rows = [[s.name, "anonymous" if s.anonymous else "named", s.role, len(s.mentions), len(view.quotes_of(s)),
             view.quoted_words.get(s.id, 0), view.described(s)]
            for s in view.roster]
    return out + _table(["source", "named?", "role", "mentions", "quotes", "quoted words", "as described"], rows)


def _quotes(view: ReportView) -> list[str]:
    out = ["## Quotes", ""]
    if not view.report.quotes:
        return out + ["No quotes found.", ""]
    rows = []
    for q in view.report.quotes:
        src = view.source(q.source_id)
        who = src.name if src else (q.speaker or "(unattributed)")
        rows.append([who + (" (anonymous)" if src and src.anonymous else ""), q.type, q.cue or "", q.text])
    return out + _table(["speaker", "type", "cue", "quote"], rows)


def _claims(view: ReportView) -> list[str]:
    out = ["## Hedged and anonymous-only claims", ""]
    if not view.flagged_statements:
        return out + ["None found.", ""]
    for s in view.flagged_statements:
        tag = s.certainty + (", anonymous only" if s.anonymous_only else "")
        extra = f" (cues: {md_escape(', '.join(s.cues))})" if s.cues else ""
        out.append(f"- **{md_escape(tag)}**{extra}: {md_escape(s.text)}")
    return out + [""]


def _timeline(view: ReportView) -> list[str]:
    out = ["## Timeline", ""]
    if view.undated_events:
        out += [f"{len(view.undated_events)} sentences have no date of their own and are anchored at the "
                "publication date.", ""]
    if not view.dated_events:
        return out + ["No dates found.", ""]
    rows = [[t.date, t.text, ", ".join(t.actors), t.sentence or ""] for t in view.dated_events]
    return out + _table(["date", "as written", "actors", "sentence"], rows)


def _figures(view: ReportView) -> list[str]:
    out = ["## Figures ledger", ""]
    if not view.report.figures:
        return out + ["No figures found.", ""]
    rows = []
    for f in view.report.figures:
        rows.append([f.text, figure_value(f), f.kind or "", "approximate" if f.approximate else "exact",
                     view.source_name(f.source_id, default="the paper's own voice")])
    return out + _table(["as written", "value", "kind", "exact?", "asserted by"], rows)


def _thread(view: ReportView) -> list[str]:
    comments = view.report.comments
    out = ["## Reader thread", ""]
    if not comments:
        return out + ["No reader comments.", ""]
    counts = view.stance_counts
    total = sum(counts.values())
    stance = ", ".join(f"{k} {n}" + (f" ({n / total:.0%})" if total else "") for k, n in counts.items())
    out += [f"Stance: {stance}. Uncivil: {view.n_uncivil}. Off topic: {view.n_off_topic}.", ""]
    if view.thread_summary:
        out += [md_escape(view.thread_summary), ""]
    if view.reader_questions:
        out += ["Questions readers ask:", ""]
        out += [f"- **{md_escape(c.author or 'anonymous reader')}**: {md_escape(asked)}"
                for c, asked in view.reader_question_texts]
        out.append("")
    for label, value in view.thread_facts:
        out.append(f"- {md_escape(label)}: {md_escape(value)}")
    if view.thread_facts:
        out.append("")
    for row in view.thread_rows:
        c = row.comment
        badges = [c.stance] if c.stance else []
        if c.civility and c.civility.uncivil:
            badges.append("uncivil" + (f": {', '.join(c.civility.reasons)}" if c.civility.reasons else ""))
        if c.on_topic is False:
            badges.append("off topic")
        if c.deleted:
            badges.append("deleted")
        link = ""
        if row.parent:
            who = row.parent.author or row.parent.id
            link = f" ↳ reply to {md_escape(who)}" + (" (inferred)" if c.parent_inferred else "")
        head = f"**{md_escape(c.author or '(anonymous reader)')}**" + link
        if badges:
            head += " · " + " · ".join(f"*{md_escape(b)}*" for b in badges)
        indent = "  " * row.depth
        out.append(f"{indent}- {head}: {md_escape(c.text)}")
    return out + [""]


def _article(view: ReportView) -> list[str]:
    """The body, each quote in bold followed by its speaker in italics."""
    text = view.report.article.text
    out = ["## Article", ""]
    if view.report.article.captions:
        out += [f"> Caption: {md_escape(c)}" for c in view.report.article.captions] + [""]
    quotes = sorted(view.report.quotes, key=lambda q: (q.start, -q.end))
    for m in _PARAGRAPH.finditer(text):
        p0, p1 = m.span()
        ranges: list[list] = []
        for q in quotes:
            a, b = max(q.start, p0), min(q.end, p1)
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a >= b:
                continue
            src = view.source(q.source_id)
            who = (src.name if src else q.speaker or "unattributed") + (", anonymous" if src and src.anonymous else "")
            if ranges and a < ranges[-1][1]:  # overlapping quotes merge into one bold run
                ranges[-1][1] = max(ranges[-1][1], b)
                ranges[-1][2].append(who)
            else:
                ranges.append([a, b, [who]])
        pos, pieces = p0, []
        for a, b, whos in ranges:
            pieces.append(md_escape(text[pos:a], flat=False))
            pieces.append("**" + md_escape(text[a:b], flat=False) + "**")
            pieces.append(" *(" + md_escape("; ".join(dict.fromkeys(whos))) + ")*")
            pos = b
        pieces.append(md_escape(text[pos:p1], flat=False))
        para = " ".join("".join(pieces).split())
        if para:
            out += [_para_prefix(para), ""]
    return out


def _para_prefix(escaped: str) -> str:
    """Guard an already escaped paragraph against starting a block (list, heading, quote)."""
    m = _BLOCK_START.match(escaped)
    if m and m.group(2).isdigit():
        return escaped[: m.end()] + "\\" + escaped[m.end():]
    if m and m.group(2) in "-+=":
        return escaped[: m.start(2)] + "\\" + escaped[m.start(2):]
    return escaped
