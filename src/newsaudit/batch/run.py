"""Run a batch: stream items, skip what is stored, analyse the rest on an engine, store each report.

Only this (the parent) process writes the store, one transaction per report, as
results arrive; so a run stopped at any point has stored every report that came
back, and a second run skips them by origin without reading them again. An item
that cannot be read or analysed is written to the ``failures`` table and the run
goes on; a failure is tried again by the next run.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
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
    workers = options.worker_count()
    in_flight = options.in_flight or max(2, 2 * max(1, workers))
    if options.engine == "dask":
        from .dask_engine import dask_outcomes

        return dask_outcomes(chunks, scheduler=options.scheduler, workers=max(1, workers), settings=settings,
                             in_flight=options.in_flight)
    if options.engine != "local":
        raise InputError(f"unknown engine {options.engine!r}; choose one of {', '.join(ENGINES)}")
    if workers == 0:
        from .engines import inline_outcomes

        return inline_outcomes(chunks, settings=settings)
    from .engines import local_outcomes

    return local_outcomes(chunks, workers=workers, settings=settings, in_flight=in_flight)


def run_batch(
    inputs: Iterable[str],
    *,
    store: Store,
    settings: Settings,
    options: BatchOptions | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Analyse every document the inputs hold and store the reports; returns what happened."""
    options = options or BatchOptions()
    inputs = list(inputs)
    check_inputs(inputs)
    summary = BatchSummary()
    note = progress or (lambda status, origin: None)
    started = time.perf_counter()

    def keep(item: Item) -> bool:
        if not options.force and store.has_origin(item.origin):
            summary.skipped += 1
            note("skipped", item.origin)
            return False
        return True

    def fail(origin: str, reason: str, step: str | None) -> None:
        summary.failed += 1
        if len(summary.failures) < KEEP_REASONS:
            summary.failures.append((origin, reason))
        try:
            store.record_failure(origin, reason, step=step)
        except Exception as exc:  # noqa: BLE001 - the summary still carries it
            log.warning("could not record the failure of %s: %s", origin, exc)
        note("failed", origin)

    stream = _outcomes(_chunks(iter_items(inputs), max(1, options.chunk_size), keep), options, settings)
    try:
        for outcomes in stream:
            for outcome in outcomes:
                if outcome.step == "setup":
                    raise NewsauditError(f"the analysis pipeline cannot be built: {outcome.error}")
                if outcome.report is None:
                    fail(outcome.origin, outcome.error or "unknown error", outcome.step)
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
