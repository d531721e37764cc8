"""Plain-text page capture: what a reader gets by selecting a news page and pasting it.

The layout this reader expects (``../shared/examples/venezuela-page.txt`` is the model):

- a title line, then paragraphs separated by blank lines;
- optionally a "By NAME" byline and a date line near the top;
- photo captions mixed into the body: "Above Photo: ..." lines, paragraphs ending in a
  photo credit ("...its leaderCREDIT: AFP", often glued to the caption), and short lines
  without final punctuation standing alone between paragraphs;
- then the reader thread: a bullet ("•", "*", "-", "–") starts a comment. A short bullet
  line followed by indented paragraphs is the author's name; any other bullet line is the
  comment's first paragraph; the paragraphs after it (even after two blank lines) belong
  to the same comment until the next bullet.

The body keeps paragraphs joined by a blank line, so ``article.text`` offsets are offsets
into exactly that text; captions go to ``article.captions``, never into the body.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..models import Article, Comment, Document
from ..settings import Settings

log = logging.getLogger(__name__)

_BULLET = re.compile(r"^(\s*)[•*\-–]\s+(\S.*)$")
_THREAD_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|replies|reactions?|thoughts? on .*|"
    r"join the (?:discussion|conversation)|discussion|conversation)\s*:?\s*(?:\(\d+\))?$",
    re.I,
)
_CAPTION_LABEL = re.compile(
    r"^(?:above|top|main|lead|header|featured|below)?\s*(?:photo(?:graph)?|image|picture|pictured|caption)\s*:",
    re.I,
)
# A photo credit ending a paragraph: "... leaderCREDIT: AFP", "... (Photo: Reuters)".
_CREDIT_END = re.compile(r"\(?(?:credit|photo(?:graph)?|image|picture)s?\s*:\s*[^.!?:()]{1,60}?\)?\s*$", re.I)
_FINAL_PUNCT = ".!?:;,\"'”’)…]»"
_BYLINE = re.compile(r"^by\s+(?P<rest>\S.*)$", re.I)
_DATELINE_PREFIX = re.compile(r"^(?:published|updated|posted|first published|last updated|date)\b\s*:?\s*", re.I)
_ROLE_WORDS = {
    "correspondent", "editor", "reporter", "writer", "staff", "contributor", "columnist", "journalist",
    "analyst", "bureau", "chief", "senior", "news", "desk", "associate", "deputy", "political", "foreign",
    "digital", "producer", "agency", "agencies", "special", "guest", "in", "for", "at", "the", "of", "from",
}
# Words that mark a bullet line as a sentence rather than a commenter's name.
_NOT_NAME_WORDS = {
    "i", "i'm", "im", "i've", "i'd", "i'll", "me", "my", "mine", "you", "your", "you're", "we", "our", "us",
    "they", "their", "he", "she", "his", "her", "it", "its", "it's", "is", "are", "was", "were", "be", "been",
    "am", "not", "no", "yes", "the", "a", "an", "this", "that", "these", "those", "there", "here", "what",
    "why", "how", "when", "who", "which", "lets", "let's", "let", "hope", "think", "agree", "disagree",
    "lol", "thanks", "thank", "please", "so", "and", "but", "or", "if", "then", "just", "very", "really",
    "all", "some", "any", "do", "does", "did", "don't", "can", "can't", "will", "would", "should", "could",
    "have", "has", "had", "to", "of", "in", "on", "at", "for", "with", "about", "as", "by", "from", "well",
    "actually", "totally", "fair", "enough", "right", "wrong", "true", "false", "same", "again", "ok", "okay",
}
_NOISE_LINES = {"reply", "report", "like", "share", "log in to reply", "flag", "permalink", "edit", "delete"}


@dataclass
class _Block:
    """A paragraph of the capture: its lines as written (indentation kept)."""

    lines: list[str]
    blank_before: int = 0

    @property
    def text(self) -> str:
        return "\n".join(line.strip() for line in self.lines)

    @property
    def indent(self) -> int:
        first = self.lines[0]
        return len(first) - len(first.lstrip())

    @property
    def bullet(self) -> re.Match[str] | None:
        return _BULLET.match(self.lines[0])


def _blocks(text: str) -> list[_Block]:
    """Split on blank lines; a bullet line always starts a new block."""
    blocks: list[_Block] = []
    current: list[str] = []
    blanks = 0
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if current:
                blocks.append(_Block(current, blanks))
                current, blanks = [], 0
            blanks += 1
            continue
        if current and _BULLET.match(line):
            blocks.append(_Block(current, blanks))
            current, blanks = [], 0
        current.append(line)
    if current:
        blocks.append(_Block(current, blanks))
    return blocks


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # Non-breaking and other odd spaces become plain spaces; zero-width characters go.
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return text.replace("\t", "    ")


def _squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# Dates written out in a line: "May 13, 2019", "13 May 2019", "2019-05-13"

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
]
_TIME = re.compile(r"\b(?P<h>\d{1,2})[:.](?P<m>\d\d)\s*(?P<ampm>[ap]\.?m\.?)?", re.I)
# What may stand around a date on a date line without making it a sentence.
_DATE_FILLER = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|\b(?:at|on|updated|"
    r"published|posted|last|first|edt|est|bst|gmt|utc|cet|cest|pst|pdt|am|pm|a\.m\.|p\.m\.)\b|[|,.:·•–—()-]",
    re.I,
)


def find_date(text: str, *, whole: bool = False, with_time: bool = False) -> str | None:
    """The first written-out date in ``text`` as ISO ``YYYY-MM-DD`` (``THH:MM`` added with ``with_time``).

    With ``whole`` the line must be a date line: nothing but the date, a weekday, a time and
    words like "Updated" around it, so a sentence that mentions a date is not taken for one.
    """
    for form in _DATE_FORMS:
        match = form.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
        day, year = int(parts["day"]), int(parts["year"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        rest = text[: match.start()] + " " + text[match.end():]
        time = _TIME.search(rest)
        if whole:
            leftover = _DATE_FILLER.sub(" ", _TIME.sub(" ", rest))
            if re.search(r"\w", leftover):
                return None
        try:
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            date.fromisoformat(iso)
        except ValueError:
            return None
        if with_time and time:
            hour, minute = int(time.group("h")), int(time.group("m"))
            ampm = (time.group("ampm") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            if ampm.startswith("a") and hour == 12:
                hour = 0
            if hour < 24 and minute < 60:
                iso += f"T{hour:02d}:{minute:02d}"
        return iso
    return None


# ---------------------------------------------------------------------------
# The thread

def _is_footer(block: _Block) -> bool:
    """ "Load more comments", "Leave a Reply", "Comments are closed": page furniture after a thread."""
    from .html_chrome import is_placeholder  # here, not at the top: html_chrome's helpers import this module

    return not block.bullet and len(block.lines) == 1 and len(block.text.split()) <= 12 and (
        is_placeholder(block.text) or block.text.lower() in _NOISE_LINES
    )


def _thread_span(blocks: list[_Block]) -> tuple[int, int]:
    """Where the reader thread starts and ends; start == end when there is none.

    An explicit heading ("24 Comments") starts it. Otherwise the thread is the longest tail of
    the capture that starts with a bullet and holds only bullet or indented blocks: a bulleted
    list inside the article is followed by flush-left paragraphs again, a thread is not.
    Furniture captured after the thread ("Load more comments") ends it.
    """
    end = len(blocks)
    while end > 1 and _is_footer(blocks[end - 1]):
        end -= 1
    for i, block in enumerate(blocks[:end]):
        if i > 0 and len(block.lines) == 1 and _THREAD_HEADING.match(block.text.strip()):
            if any(b.bullet for b in blocks[i + 1:end]):
                return i, end
    start = end
    for i in range(end - 1, 0, -1):
        block = blocks[i]
        if block.bullet or block.indent > 0 or (start < end and _is_footer(block)):
            if block.bullet:
                start = i
            continue
        break
    return (start, end) if start < end else (len(blocks), len(blocks))


def _looks_like_name(line: str) -> bool:
    """A commenter's name or handle: short, no sentence punctuation, no emoji, no function words."""
    line = line.strip()
    if not line or len(line) > 40:
        return False
    words = line.split()
    if len(words) > 4:
        return False
    if line[-1] in _FINAL_PUNCT or any(ch in line for ch in ",;!?:\"“”()…"):
        return False
    for ch in line:
        cat = unicodedata.category(ch)
        if cat.startswith(("S", "C")) and ch not in "_":
            return False
    lowered = [w.lower().replace("’", "'") for w in words]
    return not any(w in _NOT_NAME_WORDS for w in lowered)


def _parse_thread(blocks: list[_Block]) -> list[Comment]:
    comments: list[dict] = []
    for index, block in enumerate(blocks):
        match = block.bullet
        if match:
            first = _squash(match.group(2))
            rest = [line.strip() for line in block.lines[1:]]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            continues = following is not None and following.bullet is None
            posted = find_date(rest[0], whole=True, with_time=True) if rest else None
            if posted and _looks_like_name(first):  # name, then the time on the next line
                rest = rest[1:]
                comments.append({"author": first, "posted": posted, "paras": ["\n".join(rest)] if rest else []})
            elif not rest and continues and _looks_like_name(first):
                comments.append({"author": first, "paras": []})
            elif rest and len(first.split()) <= 3 and _looks_like_name(first):
                comments.append({"author": first, "paras": ["\n".join(rest)]})  # "• Jon" then his text
            else:
                comments.append({"author": None, "paras": ["\n".join([first, *rest])]})
            continue
        text = block.text
        if _THREAD_HEADING.match(text) and not comments:
            continue  # the "Comments" heading itself
        if text.lower() in _NOISE_LINES or _is_footer(block):
            continue
        if not comments:
            comments.append({"author": None, "paras": []})
        current = comments[-1]
        if not current["paras"] and current.get("posted") is None:
            posted = find_date(text, whole=True, with_time=True)
            if posted:
                current["posted"] = posted  # "May 13, 2019 at 10:42 am" under the name
                continue
        current["paras"].append(text)
    out: list[Comment] = []
    for c in comments:
        body = "\n\n".join(p for p in c["paras"] if p)
        if not body:
            continue
        out.append(Comment(id=f"c{len(out) + 1}", author=c["author"], text=body, posted=c.get("posted")))
    return out


# ---------------------------------------------------------------------------
# The article

def _is_title(block: _Block) -> bool:
    text = block.text
    return len(block.lines) == 1 and len(text) <= 200 and len(text.split()) <= 30 and text[-1] not in ".,:;"


def _byline(text: str) -> tuple[list[str], str] | None:
    """Authors named by a "By ..." line, and whatever follows the names (often a date)."""
    match = _BYLINE.match(text)
    if not match or len(text.split()) > 25:
        return None
    rest = match.group("rest")
    head, _, tail = re.split(r"(\s*[|•·—–]\s*|\s+-\s+|\n)", rest, maxsplit=1) + ["", ""][: 2]
    authors: list[str] = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", head):
        words = part.split()
        if not words or len(words) > 4 or not all(w[0].isupper() for w in words):
            break
        if any(w.lower().strip(".") in _ROLE_WORDS for w in words):
            break
        authors.append(" ".join(words))
    if not authors:
        return None
    return authors, tail


def _caption_of(block: _Block, prev: _Block | None, nxt: _Block | None) -> str | None:
    """The caption text when this block is a photo caption, else None."""
    text = _squash(block.text)
    if _CAPTION_LABEL.match(text):
        return text
    credit = _CREDIT_END.search(text)
    if credit and credit.start() > 0:
        start = credit.start()
        before = text[start - 1]
        if before.isspace() or before == "(":
            return text
        if text[start:].startswith("CREDIT"):  # glued: only an upper-case CREDIT, not "telephoto: ..."
            return f"{text[:start]} {text[start:]}"  # put the missing space back
    words = text.split()
    short_line = len(block.lines) == 1 and 5 <= len(words) <= 25 and text[-1] not in _FINAL_PUNCT
    if short_line and prev is not None and nxt is not None and text[0].isupper():
        return text
    return None


def _paragraph(block: _Block) -> str:
    """A body paragraph: hard-wrapped lines are joined with spaces, longer lines kept apart."""
    lines = [line.strip() for line in block.lines]
    if len(lines) > 1 and max(len(line) for line in lines) <= 100:
        return " ".join(lines)
    return "\n".join(lines)


def read(text: str, *, origin: str, settings: Settings) -> Document:
    blocks = _blocks(_clean(text))
    if not blocks:
        raise InputError("the text holds no paragraphs", source=origin)
    start, end = _thread_span(blocks)
    article_blocks, thread_blocks = blocks[:start], blocks[start:end]
    comments = _parse_thread(thread_blocks)

    title = ""
    if article_blocks and _is_title(article_blocks[0]) and len(article_blocks) > 1:
        title = _squash(article_blocks[0].text)
        article_blocks = article_blocks[1:]

    authors: list[str] = []
    published: str | None = None
    captions: list[str] = []
    body: list[str] = []
    body_is_list = False
    for i, block in enumerate(article_blocks):
        flat = _squash(block.text)
        in_header = not body and i < 6
        if in_header:
            byline = _byline(flat)
            if byline and not authors:
                authors, tail = byline
                published = published or find_date(tail)
                continue
            if published is None and len(flat.split()) <= 15:
                found = find_date(_DATELINE_PREFIX.sub("", flat), whole=True)
                if found:
                    published = found
                    continue
        if block.bullet:  # a list inside the article: its items stay together, one per line
            item = _squash(block.text)
            if body and body_is_list:
                body[-1] += "\n" + item
            else:
                body.append(item)
            body_is_list = True
            continue
        body_is_list = False
        prev = article_blocks[i - 1] if i > 0 else None
        nxt = article_blocks[i + 1] if i + 1 < len(article_blocks) else None
        caption = _caption_of(block, prev if body or i > 0 else None, nxt)
        if caption:
            captions.append(caption)
            continue
        body.append(_paragraph(block))

    if not body and not comments:
        raise InputError("found no article text in the capture", source=origin)
    log.debug("text capture %s: %d paragraphs, %d captions, %d comments", origin, len(body), len(captions),
              len(comments))
    article = Article(
        title=title,
        published=published,
        authors=tuple(authors),
        text="\n\n".join(body),
        captions=tuple(captions),
    )
    return Document(article=article, comments=tuple(comments), input_kind="text")
