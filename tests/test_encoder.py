"""The numpy sentence encoder against sentence-transformers' own vectors.

The expected numbers were computed by sentence-transformers 6.2.0 on torch 2.13.0 (CPU) from the
same installed weights, in a separate environment (torch is not a dependency of newsaudit): an
independent implementation of the same model. The two paraphrase similarities are also the ones
sentence-transformers' documentation prints for all-MiniLM-L6-v2 (0.6788, 0.8939).
"""

from __future__ import annotations

import numpy as np
import pytest

from newsaudit.encoder import SentenceEncoder, _shared, encode
from newsaudit.errors import ModelError

# (text, first four dimensions, last dimension)
REFERENCE = [
    ("The cat sits outside", [0.13919, 0.00303, 0.04701, 0.03957], 0.06362),
    ("The cat plays in the garden", [0.10557, -0.0347, 0.01825, -0.04254], 0.00277),
    ("The new movie is awesome", [-0.10044, -0.07739, -0.00137, -0.04846], 0.02205),
    ("The new movie is so great", [-0.08419, -0.05923, -0.00097, -0.03912], 0.03887),
    ("How does the Telegraph know what Putin is thinking?", [0.05723, -0.02456, 0.05419, 0.02495], -0.06852),
    ("Café naïve — “quotes” 🤔 #tags @user", [-0.04137, 0.01716, 0.04151, 0.02409], -0.04659),
    ("", [-0.11884, 0.0483, -0.00255, -0.01101], -0.01572),
    ("word " * 400, [-0.00812, -0.09559, -0.03867, 0.04966], 0.01524),  # cut at 256 tokens, as they are
]


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return encode([text for text, _, _ in REFERENCE])


def test_vectors_match_sentence_transformers(vectors: np.ndarray) -> None:
    for (text, head, last), vec in zip(REFERENCE, vectors):
        assert vec[:4] == pytest.approx(head, abs=2e-5), text[:40]
        assert vec[383] == pytest.approx(last, abs=2e-5), text[:40]


def test_vectors_are_unit_length_float32(vectors: np.ndarray) -> None:
    assert vectors.shape == (len(REFERENCE), 384)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(len(REFERENCE)), abs=1e-5)


def test_paraphrases_are_close_and_unrelated_texts_are_not(vectors: np.ndarray) -> None:
    assert float(vectors[0] @ vectors[1]) == pytest.approx(0.6788, abs=1e-3)
    assert float(vectors[2] @ vectors[3]) == pytest.approx(0.8939, abs=1e-3)
    assert float(vectors[0] @ vectors[2]) == pytest.approx(-0.0247, abs=1e-3)


def test_a_text_gets_the_same_vector_alone_or_padded_in_a_batch(vectors: np.ndarray) -> None:
    # past the memo (encode() would hand back the batch's own vector): the text run by itself
    alone = _shared().encode(["The cat sits outside"])[0]
    assert np.abs(alone - vectors[0]).max() < 1e-5


def test_no_texts_is_an_empty_matrix() -> None:
    assert encode([]).shape == (0, 384)


def test_missing_weights_are_one_clear_error(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ModelError, match="requirements-encoder.txt"):
        SentenceEncoder(tmp_path)


def test_repeated_texts_come_back_the_same_from_the_memo(vectors: np.ndarray) -> None:
    again = encode(["The new movie is awesome", "The cat sits outside", "The new movie is awesome"])
    assert np.abs(again[0] - vectors[2]).max() < 1e-6
    assert np.abs(again[1] - vectors[0]).max() < 1e-6
    assert np.array_equal(again[0], again[2])


def test_an_unpaired_surrogate_is_read_as_a_replacement_character() -> None:
    # JSON input may carry "\ud83d" alone (a cut emoji); the tokenizer refuses such a str outright.
    lone, replaced = encode(["This is fake \ud83d news", "This is fake \ufffd news"])
    assert np.abs(lone - replaced).max() < 1e-5
    # a pair split into its two halves is the character it encodes
    split, whole = encode(["hmm \ud83e\udd14", "hmm \U0001f914"])
    assert np.abs(split - whole).max() < 1e-5


def test_the_memo_keeps_its_own_vectors_not_views_of_a_whole_batch() -> None:
    # A view would keep the batch's whole (n, 384) array alive as long as one of its texts is
    # remembered: a frequent "+1" from a 50,000-comment page would pin 77 MB.
    from newsaudit.encoder import _MEMO

    texts = [f"memo check number {i}" for i in range(40)]
    encode(texts)
    assert all(_MEMO[t].base is None for t in texts)


class _Spy:
    """The encoder's tokenizer, noting the longest text it is handed."""

    def __init__(self, tokenizer) -> None:  # noqa: ANN001
        self.tokenizer, self.longest = tokenizer, 0

    def encode_batch(self, texts):  # noqa: ANN001, ANN201
        self.longest = max([self.longest, *(len(t) for t in texts)])
        return self.tokenizer.encode_batch(texts)


def test_a_long_comment_is_not_tokenized_past_what_the_model_reads() -> None:
    # The tokenizer keeps every token it cuts off (as "overflowing" encodings): a page of long
    # comments cost about 1.2 MB and 30 ms a 50,000-character comment for tokens never read.
    encoder = SentenceEncoder()
    encoder.tokenizer = _Spy(encoder.tokenizer)
    long, unk = encoder.encode(["word " * 10_000, "a" * 4_100 + " tail words"])
    assert encoder.tokenizer.longest < 10_000
    # [CLS], 254 times "word", [SEP]: the same 256 tokens as the reference's 400 words
    text, head, last = REFERENCE[-1]
    assert long[:4] == pytest.approx(head, abs=2e-5) and long[383] == pytest.approx(last, abs=2e-5)
    # a first word over 100 characters is one [UNK] (WordPiece's limit), so the rest is still read
    assert np.abs(unk - encoder.encode(["b" * 200 + " tail words"])[0]).max() < 1e-5


@pytest.mark.parametrize("broken", ["model.safetensors", "config.json", "tokenizer.json"])
def test_a_damaged_weight_file_is_one_clear_error(tmp_path, broken) -> None:  # noqa: ANN001
    # an interrupted install or a full disk: the files are there, one of them cut short
    import shutil

    from newsaudit.encoder import model_dir

    for name in ("model.safetensors", "config.json", "tokenizer.json"):
        shutil.copy(model_dir() / name, tmp_path / name)
    data = (tmp_path / broken).read_bytes()
    (tmp_path / broken).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="requirements-encoder.txt"):
        SentenceEncoder(tmp_path)


def test_no_texts_need_no_encoder(monkeypatch) -> None:  # noqa: ANN001
    # A page without live comments must not load 90 MB of weights, nor fail where they are missing.
    def not_installed() -> SentenceEncoder:
        raise ModelError("the sentence encoder is not installed")

    monkeypatch.setattr("newsaudit.encoder._shared", not_installed)
    assert encode([]).shape == (0, 384)
