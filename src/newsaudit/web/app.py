"""The local web app: paste, upload or fetch a page, read its report, search the store.

Every HTML page has a JSON twin (the same path with ``.json``), and FastAPI serves
the OpenAPI description at ``/openapi.json``. Analyses run in the threadpool, one at
a time (spaCy's pipeline is loaded once per process and is not shared across
threads); the DuckDB file is opened per request under a lock and closed again, so
the CLI can use the same store while the server is idle. Bad input never reaches
the store: a report is saved only after it was read and analysed in full.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path
from typing import Annotated, Any, Callable, TypeVar

from fastapi import FastAPI, File, Form, Path as PathParam, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import (
    BlockedURL,
    FetchError,
    InputError,
    InputTooLarge,
    NewsauditError,
    NotFound,
    StoreError,
)
from ..models import Document, Report
from ..report.html import add_filters, render_html, stylesheet
from ..report.html import context as report_context
from ..report.markdown import render_markdown
from ..settings import Settings
from .guard import Guard

log = logging.getLogger(__name__)

T = TypeVar("T")
ReportId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="A report id or a unique prefix")]
FormText = Annotated[str, Form()]
FormFile = Annotated[UploadFile | str | None, File(description="A page, document or export file")]
FormComments = Annotated[UploadFile | str | None, File(description="A separate comment export for the article")]
Search = Annotated[str | None, Query(max_length=200, description="Outlet, source name, title or quoted text")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
STATIC = Path(__file__).with_name("static")
TOO_LARGE = "the upload is over the {cap:,}-byte limit (web.max_upload_bytes); nothing was stored"

# The CSP of the standalone report file, which carries its own inline stylesheet.
STANDALONE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _environment() -> Environment:
    return add_filters(Environment(
        loader=ChoiceLoader([PackageLoader("newsaudit.web", "templates"), PackageLoader("newsaudit.report", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    ))


class WebState:
    """What the views share: settings, the store's path, and the locks that serialise work."""

    def __init__(self, settings: Settings, db_path: str | Path) -> None:
        self.settings = settings
        self.db_path = str(db_path)
        self.store_lock = threading.Lock()
        self.analyze_lock = threading.Lock()
        self.templates = _environment()

    def with_store(self, fn: Callable[[Any], T]) -> T:
        from ..store import Store

        with self.store_lock, Store(self.db_path) as store:
            return fn(store)

    def history(self, search: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        try:
            from ..store import queries
        except ImportError:  # the corpus queries module is optional
            return self.with_store(lambda s: s.history(limit=limit, search=search))
        return self.with_store(lambda s: queries.history(s, limit=limit, search=search, offset=offset))

    def read(self, *, text: str, url: str, upload: tuple[str, bytes] | None,
             comments: tuple[str, bytes] | None, published: str) -> Document:
        """The submitted input as a document: exactly one of text, upload or URL, plus optional comments."""
        from ..ingest import ThreadTarget, combine, read_bytes

        given = [name for name, present in (("text", text.strip()), ("file", upload), ("URL", url.strip())) if present]
        if not given:
            raise InputError("nothing to analyse: paste the text, choose a file or give a URL")
        if len(given) > 1:
            raise InputError(f"give one input, not {' and '.join(given)}: paste text, choose a file or give a URL")
        settings = self.settings
        if url.strip():
            from ..ingest.fetch import fetch_url

            document = fetch_url(url.strip(), settings=settings)
        elif upload is not None:
            document = read_bytes(upload[1], origin=upload[0], settings=settings)
        else:
            document = read_bytes(text.encode("utf-8"), origin="pasted text", settings=settings)
        if comments is not None:
            export = read_bytes(comments[1], origin=comments[0], settings=settings,
                                target=ThreadTarget.for_document(document))  # the article's own thread
            document = combine(document, export)
        if published.strip():
            from ..ingest.dates import parse_published

            date = parse_published(published, source="published")
            document = dataclasses.replace(document, article=dataclasses.replace(document.article, published=date))
        return document

    def analyze(self, document: Document) -> Report:
        from ..pipeline import get_analyzer

        with self.analyze_lock:
            report = get_analyzer(self.settings).analyze(document)
        self.with_store(lambda s: s.save(report))
        return report

    def render(self, template: str, **values: Any) -> str:
        values.setdefault("q", None)
        return self.templates.get_template(template).render(version=__version__, **values)


_STATUS = ((InputTooLarge, 413), (BlockedURL, 400), (FetchError, 400), (InputError, 400), (NotFound, 404),
           (StoreError, 503))


def status_of(exc: NewsauditError) -> int:
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


async def _upload(part: UploadFile | str | None) -> tuple[str, bytes] | None:
    """A chosen file's name and bytes; a form's empty file input (no file chosen) is None."""
    if part is None or isinstance(part, str):
        return None
    data = await part.read()
    name = Path(part.filename or "upload").name or "upload"
    if not data and not part.filename:
        return None
    return name, data


def create_app(settings: Settings, db_path: str | Path, allow_private_urls: bool = False) -> FastAPI:
    """The web app over the store at ``db_path``; URLs on private networks only with ``allow_private_urls``."""
    settings = settings.replace(ingest__allow_private_urls=bool(allow_private_urls))
    state = WebState(settings, db_path)
    cap = settings.web.max_upload_bytes
    app = FastAPI(
        title="newsaudit",
        version=__version__,
        summary="Audit a news report and its reader thread.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN; the schema alone is served
        redoc_url=None,
        form_limits={"max_part_size": cap, "max_files": 2, "max_fields": 16},
    )
    app.state.web = state

    def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(state.render(template, **values), status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        message = _one_line(message) or "error"
        if _wants_json(request):
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        try:
            return page("error.html.j2", status=status, code=status, message=message)
        except Exception:  # the error page must not fail in turn
            log.exception("error page failed")
            return Response(f"error {status}: {message}\n", status_code=status, media_type="text/plain")

    @app.exception_handler(NewsauditError)
    async def _newsaudit_error(request: Request, exc: NewsauditError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.warning("request failed: %s", exc)
        return error(request, status, str(exc))

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 413:
            detail = TOO_LARGE.format(cap=cap)
        return error(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 422, "; ".join(parts))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error")
        return error(request, 500, "internal error; the store was not changed by this request")

    # -- pages and their JSON twins ------------------------------------------------------

    def _about() -> dict[str, Any]:
        from ..ingest import READERS

        return {
            "service": "newsaudit",
            "version": __version__,
            "analyze": {"html": "/analyze", "json": "/analyze.json", "method": "POST",
                        "fields": ["text", "file", "url", "comments", "published"]},
            "input_kinds": sorted(READERS),
            "reports": {"html": "/reports", "json": "/reports.json"},
            "report": {"html": "/report/{id}", "json": "/report/{id}.json", "standalone": "/report/{id}.html",
                       "markdown": "/report/{id}.md"},
            "openapi": "/openapi.json",
            "limits": {"max_upload_bytes": cap, "max_input_bytes": settings.ingest.max_bytes},
            "allow_private_urls": settings.ingest.allow_private_urls,
        }

    @app.get("/", response_class=HTMLResponse, summary="The form: paste text, upload a file or give a URL")
    async def index() -> HTMLResponse:
        return page("index.html.j2", about=_about())

    @app.get("/index.json", summary="What the app accepts, and where")
    async def index_json() -> dict[str, Any]:
        return _about()

    async def _submit(text: str, url: str, published: str, file: UploadFile | str | None,
                      comments: UploadFile | str | None) -> Report:
        upload, extra = await _upload(file), await _upload(comments)

        def work() -> Report:
            return state.analyze(state.read(text=text, url=url, upload=upload, comments=extra, published=published))

        return await run_in_threadpool(work)

    @app.post("/analyze", response_class=RedirectResponse, status_code=303,
              summary="Analyse one input and show its report")
    async def analyze_form(text: FormText = "", url: FormText = "", published: FormText = "",
                           file: FormFile = None, comments: FormComments = None) -> RedirectResponse:
        report = await _submit(text, url, published, file, comments)
        return RedirectResponse(f"/report/{report.id}", status_code=303)

    @app.post("/analyze.json", status_code=201, summary="Analyse one input; the report as JSON")
    async def analyze_json(text: FormText = "", url: FormText = "", published: FormText = "",
                           file: FormFile = None, comments: FormComments = None) -> JSONResponse:
        report = await _submit(text, url, published, file, comments)
        return JSONResponse(report.to_dict(), status_code=201, headers={"Location": f"/report/{report.id}.json"})

    async def _get(report_id: str) -> Report:
        return await run_in_threadpool(state.with_store, lambda s: s.get(report_id))

    @app.get("/report/{report_id}.json", summary="A stored report as JSON")
    async def report_json(report_id: ReportId) -> JSONResponse:
        return JSONResponse((await _get(report_id)).to_dict())

    @app.get("/report/{report_id}.html", response_class=HTMLResponse, summary="A stored report as one HTML file")
    async def report_file(report_id: ReportId) -> HTMLResponse:
        report = await _get(report_id)
        return HTMLResponse(render_html(report), headers={
            "Content-Security-Policy": STANDALONE_CSP,
            "Content-Disposition": f'inline; filename="newsaudit-{report.id}.html"',
        })

    @app.get("/report/{report_id}.md", summary="A stored report as Markdown")
    async def report_md(report_id: ReportId) -> Response:
        return Response(render_markdown(await _get(report_id)), media_type="text/markdown; charset=utf-8")

    @app.get("/report/{report_id}", response_class=HTMLResponse, summary="A stored report")
    async def report_page(report_id: ReportId) -> HTMLResponse:
        report = await _get(report_id)
        return page("report.html.j2", **report_context(report))

    def _listing(q: str | None, limit: int, offset: int) -> dict[str, Any]:
        q = (q or "").strip() or None
        rows = state.history(q, limit, offset)
        return {"q": q, "limit": limit, "offset": offset, "count": len(rows), "reports": jsonable_encoder(rows)}

    @app.get("/reports", response_class=HTMLResponse, summary="Stored analyses, newest first, with search")
    async def reports(q: Search = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
        return page("reports.html.j2", **await run_in_threadpool(_listing, q, limit, offset))

    @app.get("/reports.json", summary="Stored analyses as JSON")
    async def reports_json(q: Search = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return await run_in_threadpool(_listing, q, limit, offset)

    @app.get("/static/report.css", include_in_schema=False)
    async def report_css() -> Response:
        return Response(str(stylesheet()), media_type="text/css")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")  # after /static/report.css
    app.add_middleware(Guard, host=settings.web.host, max_body=cap,
                       too_large=lambda request: error(request, 413, TOO_LARGE.format(cap=cap)))
    return app
