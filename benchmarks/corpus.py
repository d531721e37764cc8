"""Corpus benchmark: batch throughput next to bare spaCy, and peak memory as the corpus grows.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/corpus.py                 # ~300 documents, every core
    .venv/bin/python benchmarks/corpus.py --limit 60      # a quick look

What it measures, in one run, on real articles from ../shared/data (PolNeAR
article texts and ScrapingHub news pages, gzipped HTML):

1. ``newsaudit batch`` (library: ``run_batch``, local process pool, a fresh
   DuckDB store) with 1 worker and with every core: documents/s and words/s.
2. Bare ``nlp.pipe`` with the same spaCy model on the very texts the batch
   analysed (read by the batch's own reader), in one process and with
   ``n_process`` = every core, each right after the batch run it is compared
   with. The ratio batch / nlp.pipe is the tracked figure (it should stay at
   0.7 or more).
3. Peak resident memory (parent + workers, sampled with psutil) of a batch of
   100 and of 1,000 documents. The documents are the corpus texts cut to their
   first ~150 words (so 1,000 of them fit the time budget), repeated with varied
   URLs so each is new to the store; memory must not grow with the corpus.

Throughput is the steady-state rate between the first and the last stored
report (worker start-up and model loading excluded, as nlp.pipe's model load is);
wall time with start-up is reported beside it. Writes benchmarks/results/corpus.json
and corpus.svg.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"


def corpus_paths(data: Path, limit: int) -> list[str]:
    """About four fifths PolNeAR article texts, one fifth ScrapingHub pages."""
    polnear = sorted((data / "polnear" / "data").glob("*/text/*.txt"))
    pages = sorted((data / "scrapinghub-article-extraction-benchmark" / "html").glob("*.html.gz"))
    if not polnear and not pages:
        sys.exit(f"no corpus under {data}; pass --data pointing at shared/data")
    n_pages = min(len(pages), limit // 5)
    return [str(p) for p in polnear[: limit - n_pages]] + [str(p) for p in pages[:n_pages]]


class PeakRSS:
    """Samples the resident memory of this process and all its children; keeps the peaks."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self.proc = psutil.Process()
        self.every = every
        self.peak_total = self.peak_parent = self.peak_workers = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                parent = self.proc.memory_info().rss
                workers = 0
                for child in self.proc.children(recursive=True):
                    try:
                        workers += child.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                continue
            self.samples += 1
            self.peak_parent = max(self.peak_parent, parent)
            self.peak_workers = max(self.peak_workers, workers)
            self.peak_total = max(self.peak_total, parent + workers)
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def mib(self) -> dict:
        return {
            "peak_total_mib": round(self.peak_total / 2**20, 1),
            "peak_parent_mib": round(self.peak_parent / 2**20, 1),
            "peak_workers_mib": round(self.peak_workers / 2**20, 1),
            "samples": self.samples,
        }


def run_batch_timed(inputs: list[str], workers: int, settings, tmp: Path, tag: str, *, chunk_size: int) -> dict:  # noqa: ANN001
    from newsaudit.batch import BatchOptions, run_batch
    from newsaudit.store import Store

    stamps: list[float] = []

    def note(status: str, origin: str) -> None:
        if status == "done":
            stamps.append(time.perf_counter())

    started = time.perf_counter()
    with Store(tmp / f"{tag}.duckdb") as store:
        summary = run_batch(inputs, store=store, settings=settings,
                            options=BatchOptions(workers=workers, chunk_size=chunk_size), progress=note)
    wall = time.perf_counter() - started
    out = {"workers": workers, "done": summary.done, "failed": summary.failed, "words": summary.words,
           "wall_seconds": round(wall, 2),
           "failures": [f"{o}: {r}" for o, r in summary.failures[:5]]}
    # Steady state: reports after the first, over the time from the first to the last.
    if len(stamps) > 1 and stamps[-1] > stamps[0]:
        span = stamps[-1] - stamps[0]
        share = (len(stamps) - 1) / len(stamps)
        out["docs_per_second"] = round((len(stamps) - 1) / span, 3)
        out["words_per_second"] = round(summary.words * share / span, 1)
    return out


def read_texts(paths: list[str], settings) -> list[str]:  # noqa: ANN001
    """The article texts exactly as the batch analysed them (same reader, same cap)."""
    from newsaudit.batch.inputs import iter_items
    from newsaudit.batch.work import read_item

    cap = settings.analysis.max_chars
    texts = []
    for item in iter_items(paths):
        try:
            texts.append(read_item(item, settings).article.text[:cap])
        except Exception:  # noqa: BLE001 - the batch failed it too, so it is not in its figures
            continue
    return texts


def spacy_pipe(texts: list[str], n_process: int, model: str) -> dict:
    from newsaudit.pipeline import load_nlp

    nlp = load_nlp(model)
    list(nlp.pipe(texts[:4]))  # warm up, as batch workers are warm
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8, n_process=n_process):
        pass
    seconds = time.perf_counter() - started
    return {"n_process": n_process, "docs": len(texts), "words": words, "seconds": round(seconds, 2),
            "docs_per_second": round(len(texts) / seconds, 3), "words_per_second": round(words / seconds, 1)}


def memory_docs(paths: list[str], n: int, folder: Path, settings, words: int = 150) -> str:  # noqa: ANN001
    """A JSONL file of ``n`` documents cycling through the corpus texts, each with its own URL."""
    texts = [" ".join(t.split()[:words]) for t in read_texts(paths[:50], settings) if t.strip()]
    path = folder / f"memory-{n}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            doc = {"article": {"title": f"Document {i}", "url": f"https://bench.invalid/{n}/{i}",
                               "text": texts[i % len(texts)]}, "comments": []}
            fh.write(json.dumps(doc) + "\n")
    return str(path)


def svg(result: dict) -> str:
    """A small two-panel bar chart, written by hand: words/s, and peak memory per corpus size."""
    t = result["throughput"]
    bars = [
        ("nlp.pipe, 1 process", t["spacy_1"]["words_per_second"], "#9aa5b1"),
        ("batch, 1 worker", t["batch_1"].get("words_per_second", 0), "#2f6f9f"),
        (f"nlp.pipe, {t['spacy_all']['n_process']} processes", t["spacy_all"]["words_per_second"], "#9aa5b1"),
        (f"batch, {t['batch_all']['workers']} workers", t["batch_all"].get("words_per_second", 0), "#2f6f9f"),
    ]
    mem = [(f"{m['documents']:,} docs", m["peak_total_mib"]) for m in result["memory"]]
    width, height = 640, 300
    top = max(v for _, v, _ in bars) or 1
    mtop = max(v for _, v in mem) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="10" y="18" font-size="13" font-weight="bold">Throughput (words/s)</text>',
        '<text x="400" y="18" font-size="13" font-weight="bold">Peak RSS, all processes (MiB)</text>',
    ]
    for i, (label, value, colour) in enumerate(bars):
        y = 35 + i * 55
        w = 300 * value / top
        parts.append(f'<text x="10" y="{y + 12}">{label}</text>')
        parts.append(f'<rect x="10" y="{y + 17}" width="{w:.1f}" height="18" fill="{colour}"/>')
        parts.append(f'<text x="{14 + w:.1f}" y="{y + 31}">{value:,.0f}</text>')
    for i, (label, value) in enumerate(mem):
        x = 420 + i * 100
        h = 200 * value / mtop
        parts.append(f'<rect x="{x}" y="{250 - h:.1f}" width="60" height="{h:.1f}" fill="#c0703a"/>')
        parts.append(f'<text x="{x}" y="{245 - h:.1f}">{value:,.0f}</text>')
        parts.append(f'<text x="{x}" y="268">{label}</text>')
    ratio = result["ratio"]
    parts.append(f'<text x="10" y="292">batch / nlp.pipe: {ratio["one_worker"]:.2f} (1 worker), '
                 f'{ratio["all_workers"]:.2f} (all workers); {result["machine"]["cpus"]} CPUs, '
                 f'{result["corpus"]["documents"]} documents</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def save_partial(out: Path, result: dict) -> None:
    """What is measured so far, so a run stopped part-way still leaves its figures."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.partial.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="shared/data folder")
    parser.add_argument("--limit", type=int, default=300, help="documents in the throughput corpus")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the 'all workers' figure")
    parser.add_argument("--memory-docs", default="100,1000", help="corpus sizes for the memory runs")
    parser.add_argument("--memory-words", type=int, default=150, help="words per document in the memory runs")
    parser.add_argument("--chunk-size", type=int, default=8)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    import psutil

    import newsaudit
    from newsaudit.settings import load_settings

    settings = load_settings()
    paths = corpus_paths(args.data, args.limit)
    result: dict = {
        "when": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "newsaudit": newsaudit.__version__,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    with tempfile.TemporaryDirectory(prefix="newsaudit-bench-") as tmpdir:
        tmp = Path(tmpdir)
        # Memory first, while this process has not loaded spaCy itself.
        result["memory"] = []
        for n in [int(x) for x in args.memory_docs.split(",") if x]:
            source = memory_docs(paths, n, tmp, settings, words=args.memory_words)
            print(f"memory: {n} documents, {args.workers} workers ...", file=sys.stderr, flush=True)
            with PeakRSS() as peak:
                run = run_batch_timed([source], args.workers, settings, tmp, f"mem{n}", chunk_size=args.chunk_size)
            result["memory"].append({"documents": n, "words_each": args.memory_words, **peak.mib(),
                                     "done": run["done"], "wall_seconds": run["wall_seconds"]})
            save_partial(args.out, result)
        # Each batch run is followed at once by nlp.pipe with as many processes, so the two
        # figures of a ratio meet the same machine load (it drifts on a shared machine).
        texts = read_texts(paths, settings)
        throughput = {}
        for tag, workers in (("1", 1), ("all", args.workers)):
            print(f"batch: {len(paths)} documents, {workers} workers ...", file=sys.stderr, flush=True)
            throughput[f"batch_{tag}"] = run_batch_timed(paths, workers, settings, tmp, tag, chunk_size=args.chunk_size)
            print(f"nlp.pipe: {len(texts)} texts, {workers} processes ...", file=sys.stderr, flush=True)
            throughput[f"spacy_{tag}"] = spacy_pipe(texts, workers, settings.analysis.model)
            save_partial(args.out, {**result, "throughput": throughput})
    n_polnear = sum(1 for p in paths if p.endswith(".txt"))
    result["corpus"] = {"documents": len(paths), "polnear_texts": n_polnear, "scrapinghub_pages": len(paths) - n_polnear,
                        "words": throughput["spacy_1"]["words"]}
    result["throughput"] = throughput
    result["ratio"] = {
        "one_worker": round(throughput["batch_1"].get("words_per_second", 0) / throughput["spacy_1"]["words_per_second"], 3),
        "all_workers": round(throughput["batch_all"].get("words_per_second", 0)
                             / throughput["spacy_all"]["words_per_second"], 3),
        "floor": 0.7,
    }
    mem = result["memory"]
    if len(mem) >= 2:
        result["memory_growth"] = round(mem[-1]["peak_total_mib"] / mem[0]["peak_total_mib"], 3)
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["machine"]["memory_total_mib"] = round(psutil.virtual_memory().total / 2**20)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "corpus.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / "corpus.svg").write_text(svg(result), encoding="utf-8")
    (args.out / "corpus.partial.json").unlink(missing_ok=True)
    print(json.dumps({"ratio": result["ratio"], "memory": [(m["documents"], m["peak_total_mib"]) for m in mem],
                      "batch_all_words_per_second": throughput["batch_all"].get("words_per_second"),
                      "batch_1_words_per_second": throughput["batch_1"].get("words_per_second")}))


if __name__ == "__main__":
    main()
