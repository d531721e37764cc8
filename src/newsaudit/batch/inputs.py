"""What a batch reads: folders, globs, JSONL files of documents and lists of URLs, streamed lazily.

Each INPUT given on the command line is one of:

- a folder: walked, taking files whose names look like pages or exports
  (``.html``, ``.txt``, ``.json``, ``.xml``..., also gzipped); hidden files are skipped;
- a glob (``corpus/**/*.html``): every match, whatever its extension;
- a JSONL file (``.jsonl``/``.ndjson``, or a file whose first two lines are JSON
  documents): one document per line, newsaudit's JSON input format;
- a text file listing URLs, one a line (``#`` comments and blank lines allowed);
- a URL, or any other file: one document.

Nothing here holds the whole corpus: items are yielded one by one, and a JSONL
file is read line by line. Each item has an ``origin`` (absolute path, URL, or
``path#L<line>``) by which a resumed batch recognises what it already stored.
"""

from __future__ import annotations

import glob
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError

# Extensions a folder walk takes (a glob or an explicit file takes anything).
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".txt", ".text", ".json", ".xml", ".jsonl", ".ndjson")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_URL = re.compile(r"^https?://\S+$")
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True, kw_only=True)
class Item:
    """One document to analyse. ``kind`` is "file", "jsonl" (``text`` holds the line) or "url"."""

    origin: str
    kind: str
    path: str | None = None
    text: str | None = None


def _strip_gz(name: str) -> str:
    return name[:-3] if name.endswith(".gz") else name


def _takes(name: str) -> bool:
    return not name.startswith(".") and _strip_gz(name.lower()).endswith(PAGE_SUFFIXES)


def _is_jsonl_name(name: str) -> bool:
    return _strip_gz(name.lower()).endswith(JSONL_SUFFIXES)


def _head_lines(path: str, n: int = 20, size: int = 65536) -> list[str]:
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
    except OSError:
        return []
    lines = head.decode("utf-8", errors="replace").splitlines()
    if len(head) == size and lines:
        lines = lines[:-1]  # the last line may be cut
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")][:n]


def sniff_list(path: str) -> str:
    """For a file named on the command line: "jsonl", "urls", or "file" (one document)."""
    if _is_jsonl_name(path):
        return "jsonl"
    if path.endswith(".gz"):
        return "file"
    lines = _head_lines(path)
    if lines and all(_URL.match(ln) for ln in lines):
        return "urls"
    if len(lines) >= 2 and all(ln.startswith("{") for ln in lines[:2]):
        try:
            first = json.loads(lines[0])
        except ValueError:
            return "file"
        if isinstance(first, dict) and "article" in first:
            return "jsonl"
    return "file"


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _takes(name):
                yield os.path.join(root, name)


def _jsonl(path: str) -> Iterator[Item]:
    origin = os.path.abspath(path)
    opener = _open_gz if path.endswith(".gz") else _open_text
    with opener(path) as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                yield Item(origin=f"{origin}#L{number}", kind="jsonl", text=line)


def _open_text(path: str):  # noqa: ANN202
    return open(path, encoding="utf-8", errors="replace")


def _open_gz(path: str):  # noqa: ANN202
    import gzip

    return gzip.open(path, "rt", encoding="utf-8", errors="replace")


def _urls(path: str) -> Iterator[Item]:
    with _open_text(path) as fh:
        for line in fh:
            url = line.strip()
            if url and not url.startswith("#"):
                yield Item(origin=url, kind="url")


def _file_items(path: str, *, explicit: bool) -> Iterator[Item]:
    kind = sniff_list(path) if explicit else ("jsonl" if _is_jsonl_name(path) else "file")
    if kind == "jsonl":
        yield from _jsonl(path)
    elif kind == "urls":
        yield from _urls(path)
    else:
        yield Item(origin=os.path.abspath(path), kind="file", path=path)


def check_inputs(inputs: Iterable[str]) -> None:
    """Fail early, before any work, on an INPUT that is neither a path, a glob nor a URL."""
    for value in inputs:
        if _URL.match(value) or _GLOB.search(value) or Path(value).exists():
            continue
        raise InputError("no such file or folder (nor a glob or a URL)", source=value)


def iter_items(inputs: Iterable[str]) -> Iterator[Item]:
    """Every document the INPUTs hold, one at a time, in a stable order."""
    for value in inputs:
        if _URL.match(value):
            yield Item(origin=value, kind="url")
        elif os.path.isdir(value):
            for path in _walk(value):
                yield from _file_items(path, explicit=False)
        elif os.path.exists(value):
            yield from _file_items(value, explicit=True)
        elif _GLOB.search(value):
            for path in glob.iglob(value, recursive=True):
                if os.path.isdir(path):
                    for inner in _walk(path):
                        yield from _file_items(inner, explicit=False)
                elif not os.path.basename(path).startswith("."):
                    yield from _file_items(path, explicit=False)
        else:
            raise InputError("no such file or folder (nor a glob or a URL)", source=value)


def count_items(inputs: Iterable[str]) -> int:
    """How many items :func:`iter_items` will yield, for a progress bar; reads no document."""
    return sum(1 for _ in iter_items(inputs))
