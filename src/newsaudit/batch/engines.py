"""Engines: run chunks of items somewhere and hand their outcomes back as they finish.

Every engine takes an iterator of chunks and yields each chunk's outcomes. It
pulls a new chunk only when one finishes, so at most ``in_flight`` chunks exist
at once whatever the size of the corpus. Outcomes come back in completion order.

- ``inline``: in this process (``--workers 0``), for debugging and small runs.
- ``local``: a process pool on this machine; each worker loads the pipeline once.
- ``dask``: a Dask distributed cluster, in :mod:`.dask_engine`.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator

from ..settings import Settings
from .inputs import Item
from .work import Outcome, init_worker, process_chunk

log = logging.getLogger(__name__)

Chunks = Iterator[list[Item]]
# What a worker runs on a chunk: process_chunk, or a partial of process_chunk_to_parquet.
# It travels to the workers by pickle, so it is a module-level function or a partial of one.
Task = Callable[[list[Item], Settings], list[Outcome]]


def inline_outcomes(chunks: Chunks, *, settings: Settings, task: Task = process_chunk) -> Iterator[list[Outcome]]:
    for chunk in chunks:
        yield task(chunk, settings)


def crashed(chunk: list[Item], exc: BaseException) -> list[Outcome]:
    """Outcomes for a chunk whose worker died (killed, out of memory) before answering."""
    reason = f"worker died while analysing this chunk ({type(exc).__name__}: {exc})"
    return [Outcome(origin=item.origin, error=" ".join(reason.split()), step="worker") for item in chunk]


def _pool(workers: int, settings: Settings) -> ProcessPoolExecutor:
    # spawn, not fork: the parent holds a DuckDB connection and maybe a progress thread,
    # neither of which a forked child should inherit.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(settings,),
    )


def local_outcomes(
    chunks: Chunks, *, workers: int, settings: Settings, in_flight: int, task: Task = process_chunk
) -> Iterator[list[Outcome]]:
    first = next(chunks, None)
    if first is None:
        return  # everything was skipped: no need to start (and load the model in) any worker
    chunks = itertools.chain([first], chunks)
    pool = _pool(workers, settings)
    pending: dict[Future, list[Item]] = {}
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < in_flight:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending[pool.submit(task, chunk, settings)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                chunk = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool as exc:
                    broken = True
                    outcomes = crashed(chunk, exc)
                yield outcomes
            if broken:
                # A dead worker breaks the whole pool and every chunk in it: report those, start afresh.
                log.warning("a worker died; %d chunks in flight are marked failed, starting a new pool", len(pending))
                for future, chunk in list(pending.items()):
                    yield crashed(chunk, BrokenProcessPool("pool broken by another worker's death"))
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers, settings)
    finally:
        if pending:
            # Stopped early (Ctrl-C, an error in the parent): the chunks in flight will not be
            # stored anyway, and a rerun analyses them again, so do not wait for them.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=not pending, cancel_futures=True)
