"""The Dask engine: the same chunks on a Dask distributed cluster.

``--scheduler tcp://host:8786`` connects to a running cluster whose workers have
newsaudit installed and can read the inputs' paths (a shared file system; JSONL
lines and URLs travel with the task). Without an address a ``LocalCluster`` of
single-threaded worker processes is started for the run. A worker plugin loads
the pipeline once per worker, including workers that join later; results come
back to this process through ``as_completed`` and only this process writes the
store, so the store needs no network access and has one writer. With
``--out-parquet`` the workers write the reports themselves (see
:mod:`newsaudit.store.parquet`) and only small outcome records come back.
"""

from __future__ import annotations

import itertools
import logging
from typing import Iterator

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from ..errors import NewsauditError
from ..settings import Settings
from .engines import Chunks, Task, crashed
from .inputs import Item
from .work import Outcome, analyzer, process_chunk


class AnalyzerPlugin(WorkerPlugin):
    """Dask worker plugin: load the pipeline when a worker starts (or joins later)."""

    name = "newsaudit-analyzer"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        analyzer(self.settings)


def _dask_client(scheduler: str | None, workers: int):  # noqa: ANN202
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise NewsauditError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    cluster = LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def dask_outcomes(
    chunks: Chunks, *, scheduler: str | None, workers: int, settings: Settings, in_flight: int | None,
    task: Task = process_chunk,
) -> Iterator[list[Outcome]]:
    first = next(chunks, None)
    if first is None:
        return  # everything was skipped: no cluster needed
    chunks = itertools.chain([first], chunks)
    client, cluster = _dask_client(scheduler, workers)
    try:
        client.register_plugin(AnalyzerPlugin(settings), name=AnalyzerPlugin.name)
        if in_flight is None:
            threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
            in_flight = max(2, 2 * threads)
        running = as_completed()
        chunk_of: dict[str, list[Item]] = {}

        def submit(chunk: list[Item]) -> None:
            future = client.submit(task, chunk, settings, pure=False)
            chunk_of[future.key] = chunk
            running.add(future)

        for chunk in chunks:
            submit(chunk)
            if len(chunk_of) >= in_flight:
                break
        for future in running:
            chunk = chunk_of.pop(future.key)
            try:
                outcomes = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection: fail the chunk, go on
                outcomes = crashed(chunk, exc)
            future.release()
            yield outcomes
            following = next(chunks, None)
            if following is not None:
                submit(following)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
