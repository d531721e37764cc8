"""Bytes to text: refuse binaries, honour a BOM or a declared charset, else UTF-8, else a guess."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

from ..errors import InputError, InputTooLarge

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of common binaries people pass by mistake.
GZIP_MAGIC = b"\x1f\x8b"  # unpacked once by the reader; a gzip left after that is binary
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", GZIP_MAGIC, b"BZh", b"\xfd7zXZ")


def gunzip_capped(data: bytes, *, cap: int, origin: str) -> bytes:
    """The content of gzip-compressed bytes (a saved ``page.html.gz``), read no further than ``cap``.

    Reading stops one byte past the cap, so a small file that unpacks to gigabytes (a gzip bomb)
    costs no more memory than the cap. One layer only: a gzip inside the gzip stays binary.
    """
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(cap + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot unpack the gzip data ({exc})", source=origin) from None
    if len(out) > cap:
        raise InputTooLarge(f"gzip data unpacks to over the {cap:,}-byte cap (set ingest.max_bytes)", source=origin)
    return out


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_MAGIC):
        return True
    if any(head.startswith(b) for b, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and control / len(head) > 0.05


def decode_bytes(data: bytes, *, origin: str) -> str:
    if looks_binary(data):
        raise InputError("looks like a binary file, not a page, text or comment export", source=origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _DECLARED.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii", "ignore")
        try:
            info = codecs.lookup(name)
        except LookupError:
            raise InputError(f"declares an unknown encoding {name!r}", source=origin) from None
        # codecs also knows bytes-to-bytes transforms (zlib, base64, hex, rot13); a page cannot be in those
        if not getattr(info, "_is_text_encoding", True):
            raise InputError(f"declares {name!r}, which is not a text encoding", source=origin)
        try:
            return data.decode(info.name, errors="replace")
        except (LookupError, UnicodeError, ValueError):
            raise InputError(f"cannot decode the text as its declared encoding {name!r}", source=origin) from None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - charset_normalizer is a soft dependency
        best = None
    if best is None:
        raise InputError("text is in an unknown encoding; convert it to UTF-8", source=origin)
    return str(best)


# JSON may escape one half of a UTF-16 pair on its own ("\ud83d", half an emoji cut by a
# truncating exporter). Python keeps it as a lone surrogate, a str that cannot be written as
# UTF-8: hashing, storing or printing the text would fail far from the input.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (and a split pair joined)."""
    if _SURROGATE.search(text):
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def mend_surrogates(value: object) -> object:
    """``value`` (parsed JSON) with each lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return mend_text(value)
    if isinstance(value, list):
        return [mend_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {mend_surrogates(k): mend_surrogates(v) for k, v in value.items()}
    return value


def load_json(text: str, *, origin: str) -> object:
    """Parse JSON input; malformed or too deeply nested JSON is an :class:`InputError`."""
    import json

    try:
        data = json.loads(text)
        return mend_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source=origin) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", source=origin) from None
