"""The data model: every record newsaudit reads or writes.

Records are frozen, keyword-only dataclasses. Each has ``to_dict()`` and
``from_dict()``; the JSON report (``docs/json.md``) is exactly ``Report.to_dict()``.
Character offsets ride along on the records but are left out of equality, so two
analyses of the same content compare equal even if whitespace moved.

The keys named in the foundation issue are a public contract: add keys freely,
never rename or drop one.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar

SCHEMA_VERSION = "1.0"

CERTAINTIES = ("asserted", "attributed", "hedged")
QUOTE_TYPES = ("direct", "indirect", "mixed")
STANCES = ("support", "deny", "query", "comment")
ROLES = ("official", "expert", "journalist", "organisation", "document", "witness", "unknown")
GRANULARITIES = ("day", "month", "year", "decade", "century", "week", "time", "unknown")
LEVELS = ("info", "warning", "error")


def _offset(default: int | None = None) -> Any:
    """A character offset: serialised, but not part of equality or hashing."""
    return field(default=default, compare=False)


class Record:
    """Mixin giving dataclass records a JSON round trip."""

    _nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _dump(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):  # noqa: ANN206 - returns cls
        hints = typing.get_type_hints(cls)
        kwargs: dict[str, Any] = {}
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        for name in names:
            if name not in data:
                continue
            kwargs[name] = _load(hints[name], data[name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is type(None):
                continue
            return _load(arg, value)
    if origin in (tuple, list):
        inner = args[0] if args else Any
        items = [_load(inner, v) for v in value]
        return tuple(items) if origin is tuple else items
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if origin is dict:
        return dict(value)
    return value


@dataclass(frozen=True, kw_only=True)
class Diagnostic(Record):
    """Something worth telling the user about the input or the analysis."""

    level: str = "info"
    code: str
    message: str
    stage: str | None = None  # "ingest" for what the reader noticed; kept when a report is re-read


@dataclass(frozen=True, kw_only=True)
class Article(Record):
    title: str = ""
    url: str | None = None
    site: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or full ISO datetime
    authors: tuple[str, ...] = ()
    text: str = ""
    captions: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True, kw_only=True)
class Civility(Record):
    uncivil: bool = False
    score: float = 0.0
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Comment(Record):
    id: str
    author: str | None = None
    text: str = ""
    parent_id: str | None = None
    parent_inferred: bool = False
    parent_confidence: float | None = None
    posted: str | None = None  # ISO datetime when the source has one
    deleted: bool = False
    stance: str | None = None
    stance_scores: dict[str, float] | None = None
    civility: Civility | None = None
    on_topic: bool | None = None
    topic_score: float | None = None


@dataclass(frozen=True, kw_only=True)
class Mention(Record):
    text: str
    start: int = _offset(0)
    end: int = _offset(0)


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    id: str
    name: str
    label: str = ""  # the fullest description as written, "Vladimir Frolov, a Russian analyst"
    anonymous: bool = False
    role: str = "unknown"
    mentions: tuple[Mention, ...] = ()
    description: str | None = None
    entity_type: str | None = None
    role_evidence: tuple[str, ...] = ()
    quote_ids: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Quote(Record):
    id: str
    text: str
    type: str  # one of QUOTE_TYPES
    source_id: str | None = None
    cue: str | None = None
    start: int = _offset(0)
    end: int = _offset(0)
    speaker: str | None = None  # the speaker's words as written near the cue
    cue_start: int | None = _offset(None)
    cue_end: int | None = _offset(None)
    # the speaker is a pronoun nothing earlier in the article resolves: source_id stays None
    speaker_unresolved: bool = False


@dataclass(frozen=True, kw_only=True)
class Statement(Record):
    text: str
    start: int = _offset(0)
    end: int = _offset(0)
    certainty: str = "asserted"  # one of CERTAINTIES
    cues: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    in_caption: bool = False
    anonymous_only: bool = False
    # Captions are not in article.text: a caption statement has start=end=0 and says
    # which caption it is (index into article.captions); offsets are then into that caption.
    caption_index: int | None = None


@dataclass(frozen=True, kw_only=True)
class Evidence(Record):
    text: str
    start: int = _offset(0)
    end: int = _offset(0)
    score: float = 0.0
    certainty: str = "asserted"
    source_ids: tuple[str, ...] = ()
    relation: str | None = None  # agree / disagree / discuss, when known


@dataclass(frozen=True, kw_only=True)
class Headline(Record):
    claim: str = ""
    evidence: tuple[Evidence, ...] = ()
    outruns_sourcing: bool = False
    reason: str | None = None
    # added 2026-11-29: how the headline itself frames the claim ("reports", "question", a hedge
    # cue, or None when stated as fact), and what the body sentences bearing on it rest on
    frame: str | None = None
    backing: dict[str, int] | None = None


@dataclass(frozen=True, kw_only=True)
class TimelineEvent(Record):
    date: str  # ISO, truncated to its granularity: 2019, 2019-05, 2019-05-03
    granularity: str = "day"
    text: str = ""  # the date expression as written
    start: int = _offset(0)
    end: int = _offset(0)
    sentence: str | None = None
    actors: tuple[str, ...] = ()
    caption_index: int | None = None  # set when found in a caption (start/end then 0)
    # No date expression in the sentence: dated by the report's publication (its reference
    # time), as SemEval-2015 TimeLine anchors undated events; text is then "".
    inferred: bool = False


@dataclass(frozen=True, kw_only=True)
class Figure(Record):
    text: str
    value: float | None = None
    unit: str | None = None
    source_id: str | None = None
    start: int = _offset(0)
    end: int = _offset(0)
    kind: str | None = None  # money, count, range, percent, quantity, duration
    approximate: bool = False
    value_max: float | None = None  # upper bound of a range
    caption_index: int | None = None  # set when found in a caption (start/end then 0)


@dataclass(frozen=True, kw_only=True)
class Document(Record):
    """What a reader produces: an article, its comments, and what was noticed on the way."""

    article: Article
    comments: tuple[Comment, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    input_kind: str | None = None
    origin: str | None = None  # file path or URL the document came from


@dataclass(frozen=True, kw_only=True)
class Report(Record):
    schema_version: str = SCHEMA_VERSION
    id: str = ""
    content_hash: str = ""
    created: str | None = field(default=None, compare=False)
    generator: str | None = field(default=None, compare=False)
    input_kind: str | None = None
    origin: str | None = field(default=None, compare=False)
    article: Article = field(default_factory=Article)
    sources: tuple[Source, ...] = ()
    quotes: tuple[Quote, ...] = ()
    statements: tuple[Statement, ...] = ()
    headline: Headline = field(default_factory=Headline)
    timeline: tuple[TimelineEvent, ...] = ()
    figures: tuple[Figure, ...] = ()
    comments: tuple[Comment, ...] = ()
    thread: dict[str, Any] = field(default_factory=dict)
    sourcing: dict[str, Any] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def document(self) -> Document:
        """The input this report was made from, with the analysis stripped."""
        bare = tuple(
            Comment(
                id=c.id,
                author=c.author,
                text=c.text,
                parent_id=None if c.parent_inferred else c.parent_id,
                posted=c.posted,
                deleted=c.deleted,
            )
            for c in self.comments
        )
        kept = tuple(d for d in self.diagnostics if d.stage == "ingest")
        return Document(
            article=self.article,
            comments=bare,
            diagnostics=kept,
            input_kind=self.input_kind,
            origin=self.origin,
        )
