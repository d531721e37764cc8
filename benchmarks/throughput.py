"""Throughput: bare spaCy ``nlp.pipe`` against the full article analysis, same texts, one process.

    .venv/bin/python benchmarks/throughput.py [--data ../shared/data/polnear/data/train] [--n 200]

Prints one JSON line: words/second for both and analysis/bare (the issue asks >= 0.7).
The analysis runs the article stages only (the thread stages have no comments to work on
in PolNeAR texts); it parses with the same model and batch size as the bare run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ARTICLE_STAGES = [s for s in __import__("newsaudit.pipeline", fromlist=["STAGES"]).STAGES if ".article." in s]


def main(argv: list[str] | None = None) -> int:
    from newsaudit.models import Article, Document
    from newsaudit.pipeline import Analyzer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear/data/train")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--stages", choices=["article", "quotes", "all"], default="article")
    args = parser.parse_args(argv)

    folder = Path(args.data)
    folder = folder / "text" if (folder / "text").is_dir() else folder
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[: args.n]]
    if not texts:
        print(f"no .txt files under {folder}", file=sys.stderr)
        return 2
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    chosen = {"article": ARTICLE_STAGES, "quotes": ["newsaudit.article.quotes:STAGE"], "all": None}
    analyzer = Analyzer(stages=chosen[args.stages])
    nlp = analyzer.nlp
    list(nlp.pipe(texts[:8], batch_size=args.batch_size))  # warm up both paths once
    docs = [Document(article=Article(text=t)) for t in texts]
    list(analyzer.analyze_many(docs[:8], batch_size=args.batch_size))

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - started

    started = time.perf_counter()
    for _ in analyzer.analyze_many(docs, batch_size=args.batch_size):
        pass
    full = time.perf_counter() - started

    result = {
        "articles": len(texts),
        "words": words,
        "stages": [s.name for s in analyzer.stages],
        "bare_spacy_words_per_s": round(words / bare),
        "analysis_words_per_s": round(words / full),
        "ratio": round(bare / full, 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
