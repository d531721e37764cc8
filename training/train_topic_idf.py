"""Rebuild src/newsaudit/models/topic_idf.npz: how common each word is in general conversation.

The topic stage must tell words that carry a subject ("cucumber", "primaries", "Maduro") from
words any comment may use ("respect", "hope", "facts"). It reads that from document frequencies
over ~45,000 general comments: Wikipedia talk pages (toxicity_context_wikitalk, Apache-2.0) and
tweets (davidson_hate_offensive, MIT). Only words with document frequency >= 5 ship, with their IDF;
no text ships.

    .venv/bin/python training/train_topic_idf.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from newsaudit.thread.topic import content_words

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsaudit" / "models"
csv.field_size_limit(10**8)


def texts(data: Path) -> list[str]:
    out = []
    wiki = data / "toxicity_context_wikitalk"
    for name, column in (("gc.csv", "text"), ("gn.csv", "text"), ("cat_small.csv", "text")):
        with (wiki / name).open(encoding="utf-8") as fh:
            out += [r[column] for r in csv.DictReader(fh)]
    with (data / "davidson_hate_offensive" / "labeled_data.csv").open(encoding="utf-8") as fh:
        out += [r["tweet"] for r in csv.DictReader(fh)]
    return list(dict.fromkeys(out))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--min-df", type=int, default=5)
    args = ap.parse_args(argv)
    docs = texts(Path(args.data))
    df = Counter(w for t in docs for w in set(content_words(t)))
    words = sorted(w for w, n in df.items() if n >= args.min_df)
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1.0 for w in words])
    unseen = math.log((1 + n) / (1 + args.min_df - 1)) + 1.0
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "topic_idf.npz", words=np.array(words, dtype=str), idf=idf, unseen=np.array(unseen))
    (OUT / "topic_idf.md").write_text(CARD.format(n=n, v=len(words), min_df=args.min_df,
                                                  date=datetime.date.today().isoformat()), encoding="utf-8")
    print(f"{len(words)} words from {n} documents", file=sys.stderr)
    return 0


CARD = """# topic_idf.npz: how common a word is in general conversation

- **What:** inverse document frequency of {v} content-word stems (stems as `newsaudit.thread.topic.content_words`
  makes them), over {n} general comments; words seen in fewer than {min_df} documents are left out and read as
  rare (`unseen`). The topic stage weights a comment's words by it, so subject words count and filler does not.
- **Data:** `toxicity_context_wikitalk` gc/gn/cat_small texts (Apache-2.0) and `davidson_hate_offensive` tweets
  (MIT), de-duplicated. No labels are used; no text ships.
- **Metric:** none of its own; the topic stage is checked on the example page (tests/thread/test_topic.py).
- **Rebuild:** `.venv/bin/python training/train_topic_idf.py` ({date}).
"""

if __name__ == "__main__":
    raise SystemExit(main())
