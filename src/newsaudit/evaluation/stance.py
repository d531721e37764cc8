"""Evaluate comment stance on RumourEval-2017-format data (support / deny / query / comment).

Reads ``rumoureval2017_flat.jsonl`` (one post a line: split, thread_id, id,
in_reply_to, text, sdqc) from the folder given, or the official layout
(``raw/data/<split>/.../<thread>/{source-tweet,replies}/*.json`` with
``<split>-annotations/subtaskA.json``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..errors import InputError
from ..models import STANCES
from ..thread.stance_model import Post, StanceModel, load_model
from .metrics import per_class


def _read_flat(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"line {n} is not JSON: {exc}", source=str(path)) from exc
    return rows


def _read_raw(root: Path) -> list[dict]:
    rows = []
    for split in ("train", "dev", "test"):
        ann_dir = root / f"{split}-annotations"
        if not (ann_dir / "subtaskA.json").exists():
            continue
        labels = json.loads((ann_dir / "subtaskA.json").read_text(encoding="utf-8"))
        for src in (root / split).rglob("source-tweet/*.json"):
            thread = src.parent.parent
            for path in [src, *sorted((thread / "replies").glob("*.json"))]:
                tweet = json.loads(path.read_text(encoding="utf-8"))
                tid = str(tweet.get("id_str") or tweet.get("id"))
                if tid not in labels:
                    continue
                parent = tweet.get("in_reply_to_status_id_str")
                rows.append({
                    "split": split, "thread_id": thread.name, "id": tid, "is_source": path == src,
                    "in_reply_to": parent, "text": tweet.get("text", ""), "sdqc": labels[tid],
                })
    return rows


def load_rumoureval(data: str | Path) -> list[dict]:
    """All posts of a RumourEval-format folder, each with its split and label."""
    root = Path(data)
    flat = root / "rumoureval2017_flat.jsonl" if root.is_dir() else root
    if flat.is_file():
        rows = _read_flat(flat)
    elif (root / "raw" / "data").is_dir():
        rows = _read_raw(root / "raw" / "data")
    elif root.is_dir():
        rows = _read_raw(root)
    else:
        raise InputError("no RumourEval data here: expected rumoureval2017_flat.jsonl or raw/data/<split>/",
                         source=str(data))
    if not rows:
        raise InputError("no labelled posts found; is this a RumourEval-2017 folder?", source=str(data))
    return rows


def posts_of(rows: list[dict]) -> list[Post]:
    """Each row as a :class:`Post` read in its chain: parent text, source text, depth."""
    by_id = {r["id"]: r for r in rows}
    sources = {r["thread_id"]: r["text"] for r in rows if r.get("is_source")}
    posts = []
    for r in rows:
        depth, cur, seen = 0, r, set()
        while cur.get("in_reply_to") and cur["in_reply_to"] in by_id and cur["id"] not in seen:
            seen.add(cur["id"])
            depth += 1
            cur = by_id[cur["in_reply_to"]]
        if not r.get("is_source") and depth == 0:
            depth = 1  # a reply whose parent was not kept still answers the thread
        parent = by_id.get(r.get("in_reply_to") or "")
        posts.append(Post(
            text=r["text"],
            parent_text=parent["text"] if parent else (None if r.get("is_source") else sources.get(r["thread_id"])),
            source_text=sources.get(r["thread_id"], ""),
            depth=depth,
        ))
    return posts


def scores(gold: list[str], pred: list[str], labels: tuple[str, ...] = STANCES) -> dict:
    """Macro-F1, per-class precision/recall/F1 and accuracy."""
    per = per_class(gold, pred, labels)
    accuracy = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0
    return {"macro_f1": round(sum(v["f1"] for v in per.values()) / len(labels), 4),
            "accuracy": round(accuracy, 4), "per_class": per}


def evaluate_stance(data: str | Path, *, split: str = "test", model: StanceModel | None = None) -> dict:
    """Score the shipped stance model on one split, next to the majority-class baseline."""
    rows = load_rumoureval(data)
    posts = posts_of(rows)
    chosen = [(r, p) for r, p in zip(rows, posts) if r.get("split", split) == split and r.get("sdqc") in STANCES]
    if not chosen:
        raise InputError(f"no labelled posts in split {split!r}", source=str(data))
    model = model or load_model()
    gold = [r["sdqc"] for r, _ in chosen]
    pred = model.predict_many([p for _, p in chosen])
    train_labels = [r["sdqc"] for r in rows if r.get("split") == "train" and r.get("sdqc") in STANCES] or gold
    majority = Counter(train_labels).most_common(1)[0][0]
    result = scores(gold, pred)
    base = scores(gold, [majority] * len(gold))
    return {
        "task": "stance",
        "data": str(data),
        "split": split,
        "n": len(gold),
        "macro_f1": result["macro_f1"],
        "accuracy": result["accuracy"],
        "per_class": result["per_class"],
        "baseline": {"label": majority, "macro_f1": base["macro_f1"], "accuracy": base["accuracy"]},
        "predicted": dict(Counter(pred)),
    }
