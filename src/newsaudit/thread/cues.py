"""Lexicon matching and word features shared by the thread stages and their training scripts.

Everything here is plain Python and numpy so that the shipped stages and the
``training/`` scripts compute exactly the same features: a model is only as good
as the agreement between the features it was trained on and those it is fed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import load_lexicon

URL_RE = re.compile(r"https?://\S+|www\.\S+")
HANDLE_RE = re.compile(r"@\w+")
# Words, contractions kept whole ("don't"), and the punctuation that carries stance.
TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[?!]")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+")


def normalise(text: str) -> str:
    """Lower case, URLs and @handles replaced by placeholders, curly quotes straightened."""
    text = URL_RE.sub(" urlx ", text)
    text = HANDLE_RE.sub(" userx ", text)
    return text.replace("’", "'").replace("‘", "'").lower()


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(normalise(text))


def _word_pattern(word: str) -> str:
    """A trailing ``*`` matches the rest of a word; an inner one a single letter or asterisk ("f*ck")."""
    tail = word.endswith("*") and len(word) > 1
    core = re.escape(word[:-1] if tail else word).replace(r"\*", r"[\w*]")
    return core + (r"[\w*]*" if tail else "")


class Matcher:
    """Finds the entries of a lexicon in a text as whole words (``*`` as in :func:`_word_pattern`)."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        parts = []
        for entry in sorted(entries, key=len, reverse=True):
            pattern = r"\s+".join(_word_pattern(word) for word in entry.lower().replace("’", "'").split())
            parts.append(pattern)
        self.regex = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE) if parts else None

    def find(self, text: str) -> list[str]:
        if self.regex is None:
            return []
        return [m.group(0).lower() for m in self.regex.finditer(text.replace("’", "'"))]

    def count(self, text: str) -> int:
        return len(self.find(text))


@lru_cache(maxsize=None)
def matcher(name: str) -> Matcher:
    return Matcher(load_lexicon(name))


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in SENTENCE_END_RE.split(text.strip())) if s]


def is_question(sentence: str) -> bool:
    return sentence.rstrip(" .\"'”)").endswith("?")


WH_WORDS = frozenset("what why how who whom whose where when which is are do does did can could will would".split())


def question_sentences(text: str) -> list[str]:
    """Sentences that end in a question mark."""
    return [s for s in sentences(text) if is_question(s)]
