"""The sentence encoder's cost: texts/s and ms a token on real tweets and news comments, one process.

    .venv/bin/python benchmarks/encoder.py [--data ../shared/data] [--n 300]

Prints one JSON line: for RumourEval replies (short) and SOCC comments (news-comment length),
the texts encoded, their WordPiece tokens, ms a text and ms a token, plus the resident memory
the loaded encoder adds. The stance and civility stages pay this once per comment (the encoder's
memo shares one pass between them).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    from newsaudit.encoder import SentenceEncoder
    from newsaudit.evaluation.stance import load_rumoureval

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args(argv)
    data = Path(args.data)
    tweets = [r["text"] for r in load_rumoureval(data / "rumoureval2017") if not r.get("is_source")][: args.n]
    csv.field_size_limit(10**8)
    with (data / "socc_ctc" / "SFU_constructiveness_toxicity.csv").open(encoding="utf-8") as fh:
        comments = [r["comment"] for r in csv.DictReader(fh)][: args.n]
    if not tweets or not comments:
        print(f"no texts under {data}", file=sys.stderr)
        return 2
    before = rss_mib()
    encoder = SentenceEncoder()
    loaded = rss_mib()
    out = {"encoder_rss_mib": round(loaded - before, 1)}
    for name, texts in (("tweets", tweets), ("news_comments", comments)):
        tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts))
        start = time.perf_counter()
        encoder.encode(texts)
        seconds = time.perf_counter() - start
        out[name] = {"texts": len(texts), "tokens": tokens, "ms_per_text": round(1000 * seconds / len(texts), 1),
                     "ms_per_token": round(1000 * seconds / tokens, 3)}
    out["peak_rss_mib"] = round(rss_mib(), 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
