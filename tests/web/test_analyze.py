"""Submitting real input to the web app: the real pipeline, the real store, a real local URL."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import lxml.html
import pytest

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGE = EXAMPLES / "example-page.txt"
EXPORT = EXAMPLES / "example-comments.xml"
TITLE = "Ministers Agree $4.2 Billion Sale Of Kessick Port To Foreign Consortium"


@pytest.fixture
def empty_db(tmp_path):
    return tmp_path / "fresh.duckdb"


def test_pasted_page_is_analysed_stored_and_shown(make_client, empty_db, stored_ids):
    with make_client(empty_db) as client:
        r = client.post("/analyze", data={"text": PAGE.read_text("utf-8")}, follow_redirects=False)
        assert r.status_code == 303, r.text
        location = r.headers["location"]
        report_id = location.rsplit("/", 1)[1]
        page = lxml.html.document_fromstring(client.get(location).text)
        assert page.cssselect("h1.title")[0].text_content() == TITLE
        assert page.cssselect("table.roster tbody tr"), "no source in the roster"
        assert page.cssselect("div.article-text mark.quote"), "no quote marked"
        assert len(page.cssselect("ol.comments li.comment")) == 19  # examples/README.md: 19 comments
        assert page.cssselect("svg.stance-chart")
        assert stored_ids(empty_db) == [report_id]
        listed = client.get("/reports.json", params={"q": "Kessick"}).json()
        assert [r["id"] for r in listed["reports"]] == [report_id]
        # the same content again replaces, never duplicates
        again = client.post("/analyze", data={"text": PAGE.read_text("utf-8")}, follow_redirects=False)
        assert again.headers["location"] == location
    assert stored_ids(empty_db) == [report_id]


def test_article_upload_with_a_comment_export_takes_the_exports_replies(make_client, empty_db):
    with make_client(empty_db) as client:
        r = client.post("/analyze.json", files={
            "file": (PAGE.name, PAGE.read_bytes(), "text/plain"),
            "comments": (EXPORT.name, EXPORT.read_bytes(), "application/xml"),
        })
        assert r.status_code == 201, r.text
        report = r.json()
        assert r.headers["location"] == f"/report/{report['id']}.json"
        assert report["article"]["title"] == TITLE
        comments = report["comments"]
        assert len(comments) == 19
        # the Disqus export carries real reply links, so some replies are not inferred
        assert any(c["parent_id"] and not c["parent_inferred"] for c in comments)
        assert any(d["code"] == "comments-replaced" for d in report["diagnostics"])


def test_published_date_given_in_the_form_is_used(make_client, empty_db):
    with make_client(empty_db) as client:
        r = client.post("/analyze.json", data={"text": "Storm Hits Town\n\nA storm hit the town last week, officials said.",
                                               "published": "2024-02-10"})
        assert r.status_code == 201, r.text
        assert r.json()["article"]["published"] == "2024-02-10"
        bad = client.post("/analyze.json", data={"text": "x y z", "published": "10/02/2024"})
        assert bad.status_code == 400 and "published" in bad.json()["error"]["message"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


@pytest.fixture
def local_site(tmp_path):
    """A real HTTP server on loopback serving a copy of the example page."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.txt").write_bytes(PAGE.read_bytes())
    handler = lambda *a, **k: _Quiet(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_on_loopback_is_fetched_only_when_the_server_allows_it(make_client, empty_db, local_site, stored_ids):
    url = f"{local_site}/story.txt"
    with make_client(empty_db) as client:
        refused = client.post("/analyze.json", data={"url": url})
        assert refused.status_code == 400 and "loopback" in refused.json()["error"]["message"]
    assert not empty_db.exists()  # refused before anything touched the store
    with make_client(empty_db, allow_private_urls=True) as client:
        r = client.post("/analyze.json", data={"url": url})
        assert r.status_code == 201, r.text
        assert r.json()["article"]["title"] == TITLE
        assert r.json()["origin"] == url


THREADS = Path(__file__).resolve().parents[1] / "fixtures" / "threads"


def test_a_comment_upload_gives_the_articles_own_thread_or_a_clear_refusal(make_client, empty_db):
    forum = ("forum.xml", (THREADS / "forum.disqus.xml").read_bytes(), "application/xml")
    with make_client(empty_db) as client:
        page = THREADS / "budget-page.html"
        r = client.post("/analyze.json", files={"file": (page.name, page.read_bytes(), "text/html"), "comments": forum})
        assert r.status_code == 201, r.text
        assert [c["id"] for c in r.json()["comments"]] == ["3301"]  # canonical URL = thread 303's link
        page = THREADS / "lighthouse-page.txt"
        r = client.post("/analyze.json", files={"file": (page.name, page.read_bytes(), "text/plain"), "comments": forum})
        assert r.status_code == 400
        assert "none matches" in r.json()["error"]["message"] and "ingest.thread" in r.json()["error"]["message"]
