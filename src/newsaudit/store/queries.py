"""Ready questions over a whole corpus in the store. Each returns rows as dicts.

The CLI (``newsaudit query ...``) and the web app's list and search call these
same functions, so a figure on the page and in a terminal come from one query.
Text filters match case-insensitively anywhere in the value (``--site times``
matches ``nytimes.com``); choice filters (role, type, kind, unit) match exactly,
ignoring case.
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import InputError, StoreError
from .duck import Store

# The outlet: the site the page names, else the host of its URL, else "(unknown)".
OUTLET = (
    "coalesce(nullif(r.site, ''), nullif(regexp_extract(r.url, '^[a-z]+://(?:www\\.)?([^/:?#]+)', 1), ''),"
    " '(unknown)')"
)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _Where:
    """WHERE clauses and their parameters, built up filter by filter."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def contains(self, expr: str, value: str | None) -> None:
        if value:
            self.add(f"{expr} ILIKE ? ESCAPE '\\'", _like(value))

    def equals(self, expr: str, value: str | None) -> None:
        if value:
            self.add(f"lower({expr}) = lower(?)", value)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _limit(sql: str, params: list[Any], limit: int | None, offset: int = 0) -> tuple[str, list[Any]]:
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    if offset:
        sql += " OFFSET ?"
        params = [*params, int(offset)]
    return sql, params


def history(store: Store, *, limit: int | None = 50, search: str | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored reports, newest first; ``search`` matches title, site, URL, a source's name or a quote."""
    where = _Where()
    if search:
        like = _like(search)
        where.add(
            "(r.title ILIKE ? ESCAPE '\\' OR r.site ILIKE ? ESCAPE '\\' OR r.url ILIKE ? ESCAPE '\\'"
            " OR r.id IN (SELECT report_id FROM sources WHERE name ILIKE ? ESCAPE '\\')"
            " OR r.id IN (SELECT report_id FROM quotes WHERE text ILIKE ? ESCAPE '\\'))",
            *[like] * 5,
        )
    sql = (
        "SELECT r.id, r.stored, r.title, r.site, r.published, r.input_kind, r.n_sources, r.n_anonymous,"
        " r.n_quotes, r.n_comments, r.outruns_sourcing FROM reports r" + where.sql() + " ORDER BY r.stored DESC, r.id"
    )
    return store.rows(*_limit(sql, where.params, limit, offset))


def sources(
    store: Store,
    *,
    site: str | None = None,
    role: str | None = None,
    anonymous: bool | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Sources by outlet: how many, how many anonymous, and the anonymous share of sources and quotes."""
    where = _Where()
    where.contains(OUTLET, site)
    where.equals("s.role", role)
    if anonymous is not None:
        where.add("s.anonymous = ?", anonymous)
    sql = (
        f"SELECT {OUTLET} AS site, count(DISTINCT r.id) AS articles, count(*) AS sources,"
        " count(*) FILTER (WHERE NOT s.anonymous) AS named,"
        " count(*) FILTER (WHERE s.anonymous) AS anonymous,"
        " round(count(*) FILTER (WHERE s.anonymous) / count(*), 3) AS share_anonymous,"
        " coalesce(sum(s.n_quotes), 0) AS quotes,"
        " round(coalesce(sum(s.n_quotes) FILTER (WHERE s.anonymous), 0) / nullif(sum(s.n_quotes), 0), 3)"
        " AS share_quotes_anonymous"
        " FROM sources s JOIN reports r ON r.id = s.report_id"
        + where.sql()
        + " GROUP BY 1 ORDER BY sources DESC, site"
    )
    return store.rows(*_limit(sql, where.params, limit))


def quotes(
    store: Store,
    *,
    source: str | None = None,
    type: str | None = None,  # noqa: A002 - the record's own field name
    site: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Every quote across the corpus, or those by a source whose name or label contains ``source``."""
    where = _Where()
    if source:
        like = _like(source)
        where.add("(s.name ILIKE ? ESCAPE '\\' OR s.label ILIKE ? ESCAPE '\\')", like, like)
    where.equals("q.type", type)
    where.contains(OUTLET, site)
    sql = (
        f"SELECT s.name AS source, s.anonymous, s.role, q.type, q.text, q.cue, r.title, {OUTLET} AS site,"
        " r.published, r.id AS report_id"
        " FROM quotes q JOIN reports r ON r.id = q.report_id"
        " LEFT JOIN sources s ON s.report_id = q.report_id AND s.id = q.source_id"
        + where.sql()
        + " ORDER BY r.published NULLS LAST, r.id, q.start_char"
    )
    return store.rows(*_limit(sql, where.params, limit))


def outruns(store: Store, *, site: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Articles whose headline claims more than their sourcing supports."""
    where = _Where()
    where.add("r.outruns_sourcing")
    where.contains(OUTLET, site)
    sql = (
        f"SELECT r.id AS report_id, r.title, {OUTLET} AS site, r.published, r.headline_claim AS claim,"
        " r.headline_reason AS reason, r.n_sources AS sources, r.n_anonymous AS anonymous FROM reports r"
        + where.sql()
        + " ORDER BY r.published DESC NULLS LAST, r.id"
    )
    return store.rows(*_limit(sql, where.params, limit))


def threads(
    store: Store, *, min_comments: int = 1, site: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Reader threads ranked by the share of comments that deny the report.

    The share is over comments that have a stance, so a thread whose stance was
    never analysed shows no share rather than a misleading zero.
    """
    where = _Where()
    where.contains(OUTLET, site)
    sql = (
        f"SELECT r.id AS report_id, r.title, {OUTLET} AS site, r.published, count(*) AS comments,"
        " count(*) FILTER (WHERE c.stance = 'deny') AS deny,"
        " count(*) FILTER (WHERE c.stance = 'support') AS support,"
        " count(*) FILTER (WHERE c.stance = 'query') AS query,"
        " round(count(*) FILTER (WHERE c.stance = 'deny') / nullif(count(c.stance), 0), 3) AS share_deny,"
        " count(*) FILTER (WHERE c.uncivil) AS uncivil,"
        " round(count(*) FILTER (WHERE c.uncivil) / nullif(count(c.uncivil), 0), 3) AS share_uncivil"
        " FROM comments c JOIN reports r ON r.id = c.report_id"
        + where.sql()
        + " GROUP BY r.id, r.title, r.site, r.url, r.published HAVING count(*) >= ?"
        " ORDER BY share_deny DESC NULLS LAST, comments DESC, r.id"
    )
    return store.rows(*_limit(sql, [*where.params, int(min_comments)], limit))


def figures(
    store: Store,
    *,
    unit: str | None = None,
    kind: str | None = None,
    site: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Figures and dates across articles, in reading order per article.

    Dates come from the timeline with ``kind`` "date", their ISO value in ``date``
    and their granularity (day, month, year...) in ``unit``.
    """
    where = _Where()
    where.equals("x.unit", unit)
    where.equals("x.kind", kind)
    where.contains(OUTLET, site)
    sql = (
        f"SELECT r.id AS report_id, r.title, {OUTLET} AS site, r.published, x.kind, x.text, x.value,"
        " x.value_max, x.unit, x.date, x.source FROM ("
        " SELECT report_id, kind, text, value, value_max, unit, NULL::VARCHAR AS date, source_name AS source,"
        " start_char FROM figures"
        " UNION ALL"
        " SELECT report_id, 'date', text, NULL, NULL, granularity, date, NULL, start_char FROM timeline"
        ") x JOIN reports r ON r.id = x.report_id"
        + where.sql()
        + " ORDER BY r.published NULLS LAST, r.id, x.start_char"
    )
    return store.rows(*_limit(sql, where.params, limit))


def sql(store: Store, query: str) -> list[dict[str, Any]]:
    """Run the caller's SQL. The store must be open read-only, so the query cannot change it."""
    if not store.read_only:
        raise StoreError("plain SQL runs only on a store opened read-only", source=str(store.path))
    if not query.strip():
        raise InputError("empty SQL query")
    try:
        return store.rows(query)
    except StoreError as exc:
        raise InputError(f"{exc}; the tables are reports, sources, quotes, statements, timeline, figures, "
                         "comments, failures, report_origins") from None


QUERIES: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "sources": sources,
    "quotes": quotes,
    "outruns": outruns,
    "threads": threads,
    "figures": figures,
}
