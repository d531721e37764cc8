"""Sentence vectors for training texts, cached on disk: encoding tens of thousands of texts with
the numpy encoder takes minutes, and a rebuild with the same texts should not pay it twice.

The cache file is named by a SHA-256 of the texts in order, so a changed data set or order is a
miss, never a wrong hit.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

from newsaudit.encoder import DIM, encode

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".cache" / "encoder"


def key(texts: list[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _same_encoder(texts: list[str], vectors: np.ndarray) -> bool:
    """The cache is keyed by the texts, not by the encoder: a few rows are encoded afresh and
    compared, so vectors from another encoder (or another version of it) are not reused."""
    probe = [0, len(texts) // 2, len(texts) - 1]
    if np.allclose(encode([texts[i] for i in probe]), vectors[probe], atol=1e-4):
        return True
    print("cached vectors differ from the encoder's; encoding afresh", file=sys.stderr)
    return False


def cached_vectors(texts: list[str], cache: Path | None = DEFAULT) -> np.ndarray:
    """(len(texts), 384) float32 vectors, read from ``cache`` when the same texts were encoded before
    by the same encoder."""
    path = Path(cache) / f"{key(texts)}.npy" if cache else None
    if path is not None and path.is_file():
        vectors = np.load(path)
        if vectors.shape == (len(texts), DIM) and _same_encoder(texts, vectors):
            return vectors
    print(f"encoding {len(texts)} texts (cached afterwards)...", file=sys.stderr)
    vectors = encode(texts)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors
