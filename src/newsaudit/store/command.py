"""``newsaudit query``: the corpus questions of :mod:`.queries` as commands, printed as a table, CSV or JSON.

Kept out of ``cli.py`` so that file stays a short list of commands; ``cli.py``
registers the group. The main group turns newsaudit errors into one stderr line.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable

import click

from ..models import QUOTE_TYPES, ROLES

FORMATS = ("table", "csv", "json")


def _common(f: Callable) -> Callable:
    f = click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")(f)
    f = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)(f)
    return click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")(f)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def emit(rows: list[dict[str, Any]], fmt: str, *, out=None) -> None:  # noqa: ANN001
    """Write rows to ``out`` (stdout) as a rich table, CSV or JSON."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, default=str, indent=2, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        return
    if not rows:
        click.echo("no rows", err=True)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*rows[0].keys(), show_lines=False)
    for row in rows:
        # Text() never reads markup, so brackets in a quote or comment print as written.
        table.add_row(*(Text(_cell(v)) for v in row.values()))
    Console(file=out, highlight=False, width=None if out.isatty() else 200).print(table)


def _run(ctx: click.Context, db: str | None, fmt: str, name: str, **filters: Any) -> None:
    from . import open_store, queries

    with open_store(db, settings=ctx.obj["settings"], read_only=True) as store:
        rows = queries.QUERIES[name](store, **filters)
    emit(rows, fmt)


@click.group(name="query")
def query_group() -> None:
    """Ask questions across every stored report: sources, quotes, headlines, threads, figures, or SQL."""


@query_group.command("sources")
@click.option("--site", help="Only outlets whose site (or URL host) contains this.")
@click.option("--role", type=click.Choice(ROLES, case_sensitive=False), help="Only sources with this role.")
@click.option("--anonymous/--named", default=None, help="Only anonymous, or only named, sources.")
@_common
@click.pass_context
def query_sources(ctx: click.Context, site, role, anonymous, db, fmt, limit) -> None:  # noqa: ANN001
    """Sources by outlet, with the share that are anonymous."""
    _run(ctx, db, fmt, "sources", site=site, role=role, anonymous=anonymous, limit=limit)


@query_group.command("quotes")
@click.option("--source", "source", metavar="NAME", help="Only quotes by a source whose name or label contains NAME.")
@click.option("--type", "qtype", type=click.Choice(QUOTE_TYPES, case_sensitive=False), help="direct, indirect or mixed.")
@click.option("--site", help="Only outlets whose site (or URL host) contains this.")
@_common
@click.pass_context
def query_quotes(ctx: click.Context, source, qtype, site, db, fmt, limit) -> None:  # noqa: ANN001
    """Every quote across the corpus, e.g. all by one named source."""
    _run(ctx, db, fmt, "quotes", source=source, type=qtype, site=site, limit=limit)


@query_group.command("outruns")
@click.option("--site", help="Only outlets whose site (or URL host) contains this.")
@_common
@click.pass_context
def query_outruns(ctx: click.Context, site, db, fmt, limit) -> None:  # noqa: ANN001
    """Articles whose headline claims more than their sourcing supports."""
    _run(ctx, db, fmt, "outruns", site=site, limit=limit)


@query_group.command("threads")
@click.option("--min-comments", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only threads with at least this many comments.")
@click.option("--site", help="Only outlets whose site (or URL host) contains this.")
@_common
@click.pass_context
def query_threads(ctx: click.Context, min_comments, site, db, fmt, limit) -> None:  # noqa: ANN001
    """Reader threads ranked by the share of comments denying the report."""
    _run(ctx, db, fmt, "threads", min_comments=min_comments, site=site, limit=limit)


@query_group.command("figures")
@click.option("--unit", help="Only this unit (USD, percent...; for dates: day, month, year).")
@click.option("--kind", help="Only this kind: money, count, range, percent, quantity, duration, or date.")
@click.option("--site", help="Only outlets whose site (or URL host) contains this.")
@_common
@click.pass_context
def query_figures(ctx: click.Context, unit, kind, site, db, fmt, limit) -> None:  # noqa: ANN001
    """Figures and dates across articles."""
    _run(ctx, db, fmt, "figures", unit=unit, kind=kind, site=site, limit=limit)


@query_group.command("sql")
@click.argument("query_text", metavar="SQL")
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def query_sql(ctx: click.Context, query_text: str, db: str | None, fmt: str) -> None:
    """Run your own SQL on a read-only store (no writes, no other files); `-` reads it from stdin.

    Tables: reports, sources, quotes, statements, timeline, figures, comments, failures, report_origins.
    """
    from . import open_store, queries

    if query_text == "-":
        query_text = sys.stdin.read()
    with open_store(db, settings=ctx.obj["settings"], read_only=True, sandbox=True) as store:
        rows = queries.sql(store, query_text)
    emit(rows, fmt)


@click.group(name="store")
def store_group() -> None:
    """Maintain the store: load reports that batch workers wrote as Parquet."""


@store_group.command("import-parquet")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")
@click.option("--files-per-transaction", type=click.IntRange(min=1), default=64, show_default=True,
              help="Partitions (tasks) loaded per transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def store_import_parquet(ctx: click.Context, directory: str, db: str | None, files_per_transaction: int,
                         as_json: bool) -> None:
    """Load the Parquet partitions `newsaudit batch --out-parquet DIR` wrote into the store.

    Reports already stored (same content hash) are not added again, so importing
    twice is safe. Every file is checked before anything is written.
    """
    from . import open_store
    from .parquet import import_parquet

    with open_store(db, settings=ctx.obj["settings"]) as store:
        summary = import_parquet(store, directory, files_per_transaction=files_per_transaction)
        db_path = store.path
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
        return
    click.echo(f"{summary.reports} reports imported, {summary.duplicates} already stored, "
               f"{summary.origins} origins linked, from {summary.partitions} partitions "
               f"in {summary.transactions} transactions ({summary.seconds:.1f}s) into {db_path}")
