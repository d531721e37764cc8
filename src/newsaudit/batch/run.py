"""Run a batch: stream items, skip what is stored, analyse the rest on an engine, store each report.

Only this (the parent) process writes the store, one transaction per report, as
results arrive; so a run stopped at any point has stored every report that came
back, and a second run skips them by origin without reading them again. An item
that cannot be read or analysed is written to the ``failures`` table and the run
goes on; a failure is tried again by the next run.

With ``out_parquet`` the workers write the reports as Parquet partitions instead
(:mod:`newsaudit.store.parquet`) and this process writes nothing: it skips the
origins already in that folder or in the store, if one is given, and counts the
small outcomes that come back. Failures are then only in the summary (all of them).
"""

from __future__ import annotations

import logging
import functools
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError, NewsauditError, StoreError
from ..settings import Settings
from ..store import Store
from .inputs import Item, check_inputs, iter_items
from .work import Outcome

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
KEEP_REASONS = 20  # failures listed in the summary; the failures table has them all


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    workers: int | None = None  # None: every core; 0: in this process
    engine: str = "local"
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    chunk_size: int = 8  # documents per task, parsed together with nlp.pipe
    in_flight: int | None = None  # chunks queued or running at once; None: twice the workers
    force: bool = False  # analyse and store again even what is stored
    out_parquet: str | None = None  # workers write Parquet partitions here; the store is not written

    def worker_count(self) -> int:
        if self.workers is None:
            try:
                return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
            except AttributeError:  # pragma: no cover - not on Linux
                return os.cpu_count() or 1
        return self.workers


@dataclass(kw_only=True)
class BatchSummary:
    done: int = 0
    skipped: int = 0  # origin already stored
    duplicates: int = 0  # new origin, but the same content is already stored
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason), the first few

    @property
    def seen(self) -> int:
        return self.done + self.skipped + self.duplicates + self.failed

    def to_dict(self) -> dict:
        return {
            "done": self.done, "skipped": self.skipped, "duplicates": self.duplicates, "failed": self.failed,
            "words": self.words, "seconds": round(self.seconds, 2), "interrupted": self.interrupted,
            "docs_per_second": round(self.done / self.seconds, 3) if self.seconds else None,
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None,
            "failures": [{"origin": o, "reason": r} for o, r in self.failures],
        }


# Called once per item: status ("done", "skipped", "duplicate", "failed") and the item's origin.
Progress = Callable[[str, str], None]


def _chunks(items: Iterator[Item], size: int, keep: Callable[[Item], bool]) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        if not keep(item):
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _outcomes(chunks: Iterator[list[Item]], options: BatchOptions, settings: Settings) -> Iterator[list[Outcome]]:
    from .work import process_chunk, process_chunk_to_parquet

    workers = options.worker_count()
    in_flight = options.in_flight or max(2, 2 * max(1, workers))
    task = process_chunk
    if options.out_parquet:
        task = functools.partial(process_chunk_to_parquet, directory=options.out_parquet)
    if options.engine == "dask":
        from .dask_engine import dask_outcomes

        return dask_outcomes(chunks, scheduler=options.scheduler, workers=max(1, workers), settings=settings,
                             in_flight=options.in_flight, task=task)
    if options.engine != "local":
        raise InputError(f"unknown engine {options.engine!r}; choose one of {', '.join(ENGINES)}")
    if workers == 0:
        from .engines import inline_outcomes

        return inline_outcomes(chunks, settings=settings, task=task)
    from .engines import local_outcomes

    return local_outcomes(chunks, workers=workers, settings=settings, in_flight=in_flight, task=task)


def _with_folder(options: BatchOptions) -> BatchOptions:
    """The Parquet folder as an absolute path (workers resolve it elsewhere), created here."""
    folder = Path(options.out_parquet).expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the Parquet folder ({exc.strerror})", source=str(folder)) from None
    return replace(options, out_parquet=str(folder))


def run_batch(
    inputs: Iterable[str],
    *,
    store: Store | None,
    settings: Settings,
    options: BatchOptions | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Analyse every document the inputs hold and store the reports; returns what happened.

    With ``options.out_parquet`` the workers write the reports as Parquet partitions
    and ``store`` (which may then be None) is only read, to skip what it holds.
    """
    options = options or BatchOptions()
    inputs = list(inputs)
    check_inputs(inputs)
    parquet = options.out_parquet
    if parquet:
        options = _with_folder(options)
    elif store is None:
        raise InputError("a batch needs a store to write, or an out_parquet folder")
    summary = BatchSummary()
    note = progress or (lambda status, origin: None)
    started = time.perf_counter()
    written: set[str] = set()  # origins already in the Parquet folder
    ids: set[str] = set()  # report ids written by this run, to count duplicates as the store would
    if parquet and not options.force:
        from ..store.parquet import done_origins

        written = done_origins(options.out_parquet)

    def keep(item: Item) -> bool:
        if options.force:
            return True
        if item.origin in written or (store is not None and store.has_origin(item.origin)):
            summary.skipped += 1
            note("skipped", item.origin)
            return False
        return True

    def fail(origin: str, reason: str, step: str | None) -> None:
        summary.failed += 1
        # Without a store to hold them, the summary is the only record: keep every failure.
        if parquet or len(summary.failures) < KEEP_REASONS:
            summary.failures.append((origin, reason))
        if not parquet:
            try:
                store.record_failure(origin, reason, step=step)
            except Exception as exc:  # noqa: BLE001 - the summary still carries it
                log.warning("could not record the failure of %s: %s", origin, exc)
        note("failed", origin)

    def count_written(outcome: Outcome) -> None:
        rid = outcome.report_id
        if not options.force and (rid in ids or (store is not None and store.has(rid))):
            # The worker wrote it anyway (it cannot know); the import stores it once.
            summary.duplicates += 1
            note("duplicate", outcome.origin)
            return
        ids.add(rid)
        summary.done += 1
        summary.words += outcome.words
        note("done", outcome.origin)

    stream = _outcomes(_chunks(iter_items(inputs), max(1, options.chunk_size), keep), options, settings)
    try:
        for outcomes in stream:
            for outcome in outcomes:
                if outcome.step == "setup":
                    raise NewsauditError(f"the analysis pipeline cannot be built: {outcome.error}")
                if outcome.error is not None or (outcome.report is None and outcome.report_id is None):
                    fail(outcome.origin, outcome.error or "unknown error", outcome.step)
                    continue
                if outcome.report is None:  # written as Parquet by the worker
                    count_written(outcome)
                    continue
                report = outcome.report
                if not options.force and store.has(report.id):
                    store.link_origin(outcome.origin, report.id, report.content_hash)
                    summary.duplicates += 1
                    note("duplicate", outcome.origin)
                    continue
                try:
                    store.save(report)
                except StoreError as exc:
                    fail(outcome.origin, str(exc), "store")
                    continue
                summary.done += 1
                summary.words += outcome.words
                note("done", outcome.origin)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
        summary.seconds = time.perf_counter() - started
    return summary
