"""CSV for spreadsheet users: sources, quotes, statements and comments of one or many reports.

Files are UTF-8 with a byte-order mark, which is what makes Excel read accents
right; every row carries its ``report_id`` so several reports share one file.
A text cell that a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with an apostrophe,
the usual defence against CSV formula injection: comments are untrusted text.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from ..errors import NewsauditError
from ..models import Report
from .view import ReportView

TABLES = ("sources", "quotes", "statements", "comments")

COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("report_id", "title", "source_id", "name", "label", "anonymous", "role", "description",
                "entity_type", "mentions", "quotes", "quoted_words", "role_evidence"),
    "quotes": ("report_id", "title", "quote_id", "source_id", "source_name", "anonymous", "type", "cue",
               "speaker", "start", "end", "text"),
    "statements": ("report_id", "title", "index", "certainty", "cues", "source_ids", "source_names",
                   "anonymous_only", "in_caption", "start", "end", "text"),
    "comments": ("report_id", "title", "comment_id", "author", "parent_id", "parent_inferred",
                 "parent_confidence", "posted", "deleted", "stance", "uncivil", "civility_score",
                 "civility_reasons", "on_topic", "topic_score", "text"),
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if value is None:
        return ""
    return value


def rows(report: Report) -> dict[str, list[dict[str, Any]]]:
    """One report's rows per table, keyed by the column names in :data:`COLUMNS`."""
    view = ReportView(report)
    rid, title = report.id, report.article.title
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for s in report.sources:
        out["sources"].append({
            "report_id": rid, "title": title, "source_id": s.id, "name": s.name, "label": s.label,
            "anonymous": s.anonymous, "role": s.role, "description": s.description, "entity_type": s.entity_type,
            "mentions": len(s.mentions), "quotes": len(view.quotes_of(s)),
            "quoted_words": view.quoted_words.get(s.id, 0), "role_evidence": "; ".join(s.role_evidence),
        })
    for q in report.quotes:
        src = view.source(q.source_id)
        out["quotes"].append({
            "report_id": rid, "title": title, "quote_id": q.id, "source_id": q.source_id,
            "source_name": src.name if src else None, "anonymous": src.anonymous if src else None,
            "type": q.type, "cue": q.cue, "speaker": q.speaker, "start": q.start, "end": q.end, "text": q.text,
        })
    for i, st in enumerate(report.statements):
        out["statements"].append({
            "report_id": rid, "title": title, "index": i, "certainty": st.certainty, "cues": "; ".join(st.cues),
            "source_ids": "; ".join(st.source_ids), "source_names": "; ".join(view.source_names(st.source_ids)),
            "anonymous_only": st.anonymous_only, "in_caption": st.in_caption, "start": st.start, "end": st.end,
            "text": st.text,
        })
    for c in report.comments:
        civ = c.civility
        out["comments"].append({
            "report_id": rid, "title": title, "comment_id": c.id, "author": c.author, "parent_id": c.parent_id,
            "parent_inferred": c.parent_inferred, "parent_confidence": c.parent_confidence, "posted": c.posted,
            "deleted": c.deleted, "stance": c.stance, "uncivil": civ.uncivil if civ else None,
            "civility_score": civ.score if civ else None, "civility_reasons": "; ".join(civ.reasons) if civ else None,
            "on_topic": c.on_topic, "topic_score": c.topic_score, "text": c.text,
        })
    return out


def export_csv(reports: Iterable[Report], directory: str | Path) -> dict[str, int]:
    """Write ``sources.csv``, ``quotes.csv``, ``statements.csv`` and ``comments.csv`` into
    ``directory`` (created if needed); returns the row count of each file."""
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsauditError(f"cannot create the folder ({exc.strerror})", source=str(folder)) from None
    handles, writers, counts = {}, {}, {t: 0 for t in TABLES}
    try:
        for table in TABLES:
            fh = open(folder / f"{table}.csv", "w", encoding="utf-8-sig", newline="")
            handles[table] = fh
            writers[table] = csv.DictWriter(fh, fieldnames=COLUMNS[table])
            writers[table].writeheader()
        for report in reports:
            for table, table_rows in rows(report).items():
                for row in table_rows:
                    writers[table].writerow({k: _cell(v) for k, v in row.items()})
                counts[table] += len(table_rows)
    except OSError as exc:
        raise NewsauditError(f"cannot write CSV ({exc.strerror})", source=str(folder)) from None
    finally:
        for fh in handles.values():
            fh.close()
    return counts
