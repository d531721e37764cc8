"""``newsaudit batch``: analyse a corpus into the store, with a progress bar and a closing summary.

The progress bar (rate and ETA) goes to stderr; the summary goes to stdout, as
text or, with ``--json``, as one JSON object. ``cli.py`` registers the command.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click

from .run import ENGINES, KEEP_REASONS


def _stop(signum: int, frame: object) -> None:
    """SIGTERM (a scheduler's kill, ``timeout``) stops the run like Ctrl-C: what is stored stays stored."""
    raise KeyboardInterrupt


def _summary_text(summary, db: str | None, parquet: str | None = None) -> str:  # noqa: ANN001 - BatchSummary
    kept = "already written or stored" if parquet else "already stored"
    parts = [f"{summary.done} done", f"{summary.skipped} skipped ({kept})"]
    if summary.duplicates:
        parts.append(f"{summary.duplicates} duplicates (same content already stored)")
    parts.append(f"{summary.failed} failed")
    lines = [("interrupted: " if summary.interrupted else "") + ", ".join(parts) + f" in {summary.seconds:.1f}s"]
    if summary.done and summary.seconds:
        lines.append(f"{summary.done / summary.seconds:.2f} documents/s, {summary.words / summary.seconds:,.0f} words/s")
    for origin, reason in summary.failures[:KEEP_REASONS]:
        lines.append(f"  failed: {origin}: {reason}")
    if parquet and summary.failed > KEEP_REASONS:
        lines.append(f"  ... and {summary.failed - KEEP_REASONS} more: --json lists them all")
    elif summary.failed > len(summary.failures):
        lines.append(f"  ... and {summary.failed - len(summary.failures)} more: "
                     f"newsaudit query sql \"SELECT * FROM failures\" --db {db}")
    if parquet and summary.done:
        lines.append(f"reports written under {parquet}; load them with: newsaudit store import-parquet {parquet}"
                     + (f" --db {db}" if db else ""))
    if summary.interrupted:
        lines.append("run the same command again to carry on where this run stopped")
    return "\n".join(lines) + "\n"


@click.command("batch")
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("--workers", type=click.IntRange(min=0), help="Worker processes (default: every core; 0: this process).")
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: a process pool here; dask: a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://host:8786); without it a LocalCluster.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=8, show_default=True,
              help="Documents per task, parsed together.")
@click.option("--out-parquet", metavar="DIR", type=click.Path(file_okay=False),
              help="Workers write the reports as Parquet partitions under DIR instead of the client writing "
                   "the store (for a cluster); load them with `newsaudit store import-parquet`.")
@click.option("--force", is_flag=True, help="Analyse and store again what is already stored.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-progress", is_flag=True, help="No progress bar (it is off anyway when stderr is not a terminal).")
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], workers: int | None, db: str | None, engine: str,
          scheduler: str | None, chunk_size: int, out_parquet: str | None, force: bool, as_json: bool,
          no_progress: bool) -> None:
    """Analyse many pages into the store: folders, globs, JSONL files of documents, URL lists.

    Runs on every core (or a Dask cluster with --engine dask), skips what is already
    stored, so a stopped run picks up where it was, and records unreadable items as
    failures without stopping. With --out-parquet the workers write Parquet files
    instead, for `newsaudit store import-parquet`.
    """
    from ..store import open_store
    from .inputs import check_inputs, count_items
    from .run import BatchOptions, run_batch

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    settings = ctx.obj["settings"]
    check_inputs(inputs)
    options = BatchOptions(workers=workers, engine=engine, scheduler=scheduler, chunk_size=chunk_size, force=force,
                           out_parquet=out_parquet)
    if out_parquet:
        # The client writes nothing; it reads the store, where there is one, only to skip what it holds.
        db_path = db or str(settings.store.resolved_path())
        store = open_store(db_path, settings=settings, read_only=True) if Path(db_path).exists() else None
    else:
        store = open_store(db, settings=settings)
        db_path = str(store.path)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        show = not no_progress and sys.stderr.isatty()
        if show:
            summary = _with_progress(inputs, store, settings, options, total=count_items(inputs))
        else:
            summary = run_batch(inputs, store=store, settings=settings, options=options)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if store is not None:
            store.close()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        click.echo(_summary_text(summary, db_path, out_parquet), nl=False)
    if summary.interrupted:
        sys.exit(130)


def _with_progress(inputs, store, settings, options, *, total: int):  # noqa: ANN001, ANN202
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .run import run_batch

    counts = {"done": 0, "skipped": 0, "duplicate": 0, "failed": 0}
    columns = (
        TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        TextColumn("{task.fields[counts]}"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("batch", total=total or None, rate="-", counts="")

        def note(status: str, origin: str) -> None:
            counts[status] += 1
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:.2f}" if speed else "-",
                       counts=f"done {counts['done']} skipped {counts['skipped'] + counts['duplicate']} "
                              f"failed {counts['failed']}")

        return run_batch(inputs, store=store, settings=settings, options=options, progress=note)
