"""What a worker does with a chunk of items: read each, analyse them together, report outcomes.

A worker process (local pool or Dask) builds the :class:`~newsaudit.pipeline.Analyzer`
once and keeps it in this module; every chunk after the first reuses it. A chunk
is parsed with ``nlp.pipe`` so spaCy batches its work. Nothing here raises for a
bad item: it becomes an :class:`Outcome` with an error, and the rest go on.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass

from ..errors import InputError, NewsauditError
from ..models import Document, Report
from ..settings import Settings
from .inputs import Item

log = logging.getLogger(__name__)

_ANALYZERS: dict[Settings, object] = {}
# spaCy does not promise that one Language may run in two threads at once; a Dask worker
# started with several threads therefore analyses one chunk at a time.
_LOCK = threading.Lock()


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """The result for one item: a report, or the step that failed and why."""

    origin: str
    report: Report | None = None
    error: str | None = None
    step: str | None = None  # "read", "analyse", "write" (a Parquet partition)
    words: int = 0
    report_id: str | None = None  # set when the report itself stayed on the worker (Parquet output)


def analyzer(settings: Settings):  # noqa: ANN201 - an Analyzer, imported lazily
    """This process's analyzer for ``settings``, built on first use."""
    found = _ANALYZERS.get(settings)
    if found is None:
        from ..pipeline import Analyzer

        found = _ANALYZERS[settings] = Analyzer(settings)
        log.info("worker loaded the pipeline")
    return found


def _die_with_parent() -> None:
    """On Linux, have the kernel end this worker when the batch process dies (killed, crashed).

    Otherwise an orphaned worker would finish its chunk for nobody before noticing.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux or no glibc: the worker ends at its next read instead
        pass


def init_worker(settings: Settings) -> None:
    """Pool initializer: ignore Ctrl-C (the parent decides when to stop) and load the pipeline."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        analyzer(settings)
    except Exception as exc:  # noqa: BLE001 - reported per chunk by process_chunk, which tries again
        log.warning("worker could not build the pipeline: %s", exc)


def _error(exc: BaseException) -> str:
    """One line; the item's origin is shown beside it, so a ``source: `` prefix is dropped."""
    text = " ".join(str(exc).split())
    if isinstance(exc, NewsauditError):
        if exc.source and text.startswith(f"{exc.source}: "):
            text = text[len(exc.source) + 2:]
        return text
    return f"{type(exc).__name__}: {text}"


def _read_file(path: str, origin: str, settings: Settings) -> Document:
    from ..ingest import read_path

    # gzipped files (page.html.gz) are unpacked by the reader itself, under the same byte cap
    document = read_path(path, settings=settings)
    return dataclasses.replace(document, origin=origin)


def read_item(item: Item, settings: Settings) -> Document:
    """The document an item holds; raises a newsaudit error if it cannot be read."""
    from ..ingest import read_bytes

    if item.kind == "file":
        return _read_file(item.path or item.origin, item.origin, settings)
    if item.kind == "jsonl":
        document = read_bytes((item.text or "").encode("utf-8"), origin=item.origin, settings=settings, kind="json")
        return dataclasses.replace(document, origin=item.origin)
    if item.kind == "url":
        from ..ingest.fetch import fetch_url

        return dataclasses.replace(fetch_url(item.origin, settings=settings), origin=item.origin)
    raise InputError(f"unknown batch item kind {item.kind!r}", source=item.origin)


def process_chunk(items: list[Item], settings: Settings) -> list[Outcome]:
    """Read and analyse a chunk; one outcome per item, in the same order.

    If the pipeline itself cannot be built (a missing model), every outcome says so
    with step "setup", and the batch stops rather than fail each item the same way.
    """
    try:
        analyzer(settings)
    except Exception as exc:  # noqa: BLE001
        return [Outcome(origin=item.origin, error=_error(exc), step="setup") for item in items]
    outcomes: dict[int, Outcome] = {}
    documents: list[tuple[int, Document]] = []
    for i, item in enumerate(items):
        try:
            documents.append((i, read_item(item, settings)))
        except Exception as exc:  # noqa: BLE001 - a bad item must not stop the batch
            outcomes[i] = Outcome(origin=item.origin, error=_error(exc), step="read")
    if documents:
        with _LOCK:
            outcomes.update(_analyse(documents, items, settings))
    return [outcomes[i] for i in range(len(items))]


def process_chunk_to_parquet(items: list[Item], settings: Settings, directory: str) -> list[Outcome]:
    """Analyse a chunk, write its reports as one Parquet partition here, and return small outcomes.

    The reports stay on the worker: what goes back is the origin, the report id, the
    word count or the error, enough for the progress bar and the closing summary.
    """
    from ..store.parquet import write_partition

    outcomes = process_chunk(items, settings)
    if any(o.step == "setup" for o in outcomes):
        return outcomes
    try:
        write_partition(directory, [o.report for o in outcomes if o.report is not None])
    except Exception as exc:  # noqa: BLE001 - a full disk fails this chunk's reports, not the batch
        return [o if o.report is None else Outcome(origin=o.origin, error=_error(exc), step="write")
                for o in outcomes]
    return [dataclasses.replace(o, report=None, report_id=o.report.id) if o.report is not None else o
            for o in outcomes]


def _analyse(documents: list[tuple[int, Document]], items: list[Item], settings: Settings) -> dict[int, Outcome]:
    engine = analyzer(settings)
    out: dict[int, Outcome] = {}
    try:
        reports = list(engine.analyze_many([d for _, d in documents], batch_size=max(1, len(documents))))
    except Exception:  # noqa: BLE001 - find which document broke by analysing them one by one
        reports = None
    for n, (i, document) in enumerate(documents):
        try:
            report = reports[n] if reports is not None else engine.analyze(document)
        except Exception as exc:  # noqa: BLE001
            log.warning("%s: analysis failed: %s", items[i].origin, exc)
            out[i] = Outcome(origin=items[i].origin, error=_error(exc), step="analyse")
            continue
        out[i] = Outcome(origin=items[i].origin, report=report, words=len(document.article.text.split()))
    return out
