"""``newsaudit export``: stored reports as CSV files for spreadsheet users.

Kept beside the exporter so ``cli.py`` stays a short list of commands; ``cli.py``
registers it, and the main group turns newsaudit errors into one stderr line.
"""

from __future__ import annotations

import click


@click.command()
@click.argument("report_ids", nargs=-1, metavar="[ID]...")
@click.option("--csv", "csv_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write sources.csv, quotes.csv, statements.csv and comments.csv into.")
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")
@click.pass_context
def export(ctx: click.Context, report_ids: tuple[str, ...], csv_dir: str, db: str | None) -> None:
    """Write stored reports (all, or the IDs given) as CSV: sources, quotes, statements, comments."""
    from ..store import open_store
    from .csv_export import export_csv

    settings = ctx.find_root().obj["settings"]
    with open_store(db, settings=settings, read_only=True) as store:
        if report_ids:
            reports = [store.get(rid) for rid in report_ids]  # every ID checked before anything is written
        else:
            reports = list(store.iter_reports())
    counts = export_csv(reports, csv_dir)
    summary = ", ".join(f"{table}.csv {n} rows" for table, n in counts.items())
    click.echo(f"{len(reports)} reports -> {csv_dir}: {summary}")
