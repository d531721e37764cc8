"""HTML pages: trafilatura for the article, a structural pass of our own for the reader comments.

trafilatura finds the body, title, date, authors and site name well (about 0.96 token F1 on
the ScrapingHub benchmark) but gives comments back as one flat block, without authors, times
or replies. So comments come from the markup itself (:mod:`.comments_html`, JSON-LD in
:mod:`.html_jsonld`), and a page that loads its thread by script says so in a diagnostic.

The page is untrusted: it is parsed by lxml's HTML parser with the network off, nothing is
fetched, and no DTD or entity in it is ever expanded (the HTML parser does not read DTDs).
"""

from __future__ import annotations

import dataclasses
import logging
import re

import trafilatura
from lxml import etree, html

from ..errors import InputError
from ..models import Article, Comment, Diagnostic, Document
from ..settings import Settings
from .comments_html import FoundComment, find_comments
from .comments_sections import section_comments
from .html_jsonld import jsonld_comments, script_comment_systems
from .html_text import element_text, tag_of

log = logging.getLogger(__name__)

__all__ = ["read", "parse_html", "extract_article", "page_comments"]

_NOT_ARTICLE = {"aside", "nav", "footer", "header", "form"}
_ENCODING_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_html(text: str, *, origin: str) -> etree._Element:
    """The page as an lxml tree: recovering from broken markup, never touching the network."""
    parser = html.HTMLParser(
        encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
        default_doctype=False,
    )
    data = _ENCODING_DECL.sub("", text, count=1).encode("utf-8", errors="replace")
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML ({exc})", source=origin) from None
    if root is None:
        raise InputError("the HTML holds no elements", source=origin)
    return root


def _captions(root: etree._Element) -> list[str]:
    """<figcaption> texts outside navigation, footers and asides, in page order, each once."""
    seen: set[str] = set()
    out: list[str] = []
    for node in root.iter("figcaption"):
        parent = node.getparent()
        outside = False
        while parent is not None:
            if tag_of(parent) in _NOT_ARTICLE:
                outside = True
                break
            parent = parent.getparent()
        if outside:
            continue
        caption = " ".join(element_text(node).split())
        if caption and len(caption) <= 600 and caption not in seen:
            seen.add(caption)
            out.append(caption)
    return out[:50]


def _body(text: str | None, captions: list[str]) -> str:
    """trafilatura's lines as paragraphs; a line that is a caption verbatim stays out of the body."""
    if not text:
        return ""
    drop = set(captions)
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(p for p in paragraphs if p and p not in drop)


def extract_article(text: str, *, url: str | None = None, root: etree._Element | None = None) -> Article:
    """The article of a page: body, title, date, authors, site, URL and figure captions."""
    result = trafilatura.bare_extraction(
        text, url=url, include_comments=False, with_metadata=True, include_tables=True, deduplicate=False,
        favor_precision=True,  # +0.003 F1 on the ScrapingHub pages: less boilerplate, barely less text
        # Dates from the page's markup only: a year guessed from the body text ("ran in 2009") would
        # anchor the timeline wrongly; on 250 dated trafilatura-eval pages this loses 3 right dates of 224.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    captions = _captions(root) if root is not None else []
    if result is not None and result.text:
        body = _body(result.text, captions)
    else:
        # trafilatura gives up on very short pages; its baseline still finds their paragraphs.
        _, baseline_text, _ = trafilatura.baseline(text)
        body = _body(baseline_text, captions)
        if not any(len(p.split()) >= 8 for p in body.split("\n\n")):
            body = ""  # menu words ("Home", "About") are not an article
    title = (result.title if result is not None else None) or _title_tag(root)
    head, _, rest = body.partition("\n\n")
    if title and rest and " ".join(head.split()) == " ".join(title.split()):
        body = rest  # the headline is the title, not the article's first paragraph
    authors: tuple[str, ...] = ()
    if result is not None and result.author:
        authors = tuple(dict.fromkeys(a.strip() for a in result.author.split(";") if a.strip()))
    published = result.date if result is not None and result.date else None
    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = None
    return Article(
        title=" ".join((title or "").split()),
        url=(result.url if result is not None and result.url else None) or url,
        site=(result.sitename if result is not None and result.sitename else None),
        published=published,
        authors=authors,
        text=body,
        captions=tuple(captions),
        language=(result.language if result is not None and result.language else "en"),
    )


def _title_tag(root: etree._Element | None) -> str:
    if root is None:
        return ""
    node = root.find(".//title")
    return element_text(node) if node is not None else ""


def _as_comments(found: list[FoundComment]) -> list[Comment]:
    ids = {f.key: f"c{i}" for i, f in enumerate(found, start=1)}
    return [
        Comment(id=ids[f.key], author=f.author, text=f.text, posted=f.posted,
                parent_id=ids.get(f.parent) if f.parent else None)
        for f in found
    ]


def page_comments(root: etree._Element) -> list[Comment]:
    """The reader comments in the page's markup or its JSON-LD, whichever holds more."""
    in_markup = find_comments(root) or section_comments(root)
    in_jsonld = jsonld_comments(root)
    return _as_comments(in_jsonld if len(in_jsonld) > len(in_markup) else in_markup)


def read(text: str, *, origin: str, settings: Settings) -> Document:
    root = parse_html(text, origin=origin)
    url = origin if origin.startswith(("http://", "https://")) else None
    article = extract_article(text, url=url, root=root)
    comments = page_comments(root)
    commenters = {c.author for c in comments if c.author}
    if commenters & set(article.authors):
        # With no byline, trafilatura takes the first name it sees, which may be a commenter's.
        article = dataclasses.replace(article, authors=tuple(a for a in article.authors if a not in commenters))
    if not article.text and not comments:
        raise InputError(
            "found no article text in the page (it may load its text by script, or be a page of links)",
            source=origin,
        )
    diagnostics: list[Diagnostic] = []
    systems = script_comment_systems(text)
    if systems:
        diagnostics.append(Diagnostic(
            level="info",
            code="comments-by-script",
            stage="ingest",
            message=f"the page loads its reader comments by script ({', '.join(systems)}), so they are not in "
            f"the HTML; {len(comments)} comments were found in the page itself. To analyse the thread, "
            "export it and pass it with --comments FILE.",
        ))
    if not article.text:
        diagnostics.append(Diagnostic(level="warning", code="no-article-text", stage="ingest",
                                      message="found no article text in the page, only its comments"))
    log.debug("html %s: %d chars of body, %d comments", origin, len(article.text), len(comments))
    return Document(article=article, comments=tuple(comments), diagnostics=tuple(diagnostics), input_kind="html")
