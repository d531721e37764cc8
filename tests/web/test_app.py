"""The web app through its test client, against a real DuckDB file (no model needed here)."""

from __future__ import annotations

import lxml.html
import pytest

SAMPLE, HOSTILE = "sample0000000001", "hostile000000001"


def _page(response):
    return lxml.html.document_fromstring(response.text)


# -- pages and their JSON twins -------------------------------------------------------------


def test_index_offers_paste_upload_url_and_a_comment_export(client):
    r = client.get("/")
    assert r.status_code == 200
    form = _page(r).cssselect("form#analyze-form")[0]
    assert form.get("action") == "/analyze" and form.get("enctype") == "multipart/form-data"
    names = {el.get("name") for el in form.cssselect("input, textarea")}
    assert {"text", "file", "comments", "url", "published"} <= names
    about = client.get("/index.json").json()
    assert about["analyze"]["json"] == "/analyze.json"
    assert about["limits"]["max_upload_bytes"] == 20_000_000
    assert {"text", "html", "disqus", "wxr", "reddit", "hn", "json"} <= set(about["input_kinds"])


def test_report_page_shows_roster_quote_marks_and_stance_chart(client):
    page = _page(client.get(f"/report/{SAMPLE}"))
    names = [td.text_content() for td in page.cssselect("table.roster td.name")]
    assert names == ["Ruth Okafor", "one council source", "a person familiar with the plans"]
    assert {m.get("data-quote") for m in page.cssselect("div.article-text mark.quote")} == {"q1", "q2", "q3"}
    bars = {g.get("data-label"): g.get("data-value") for g in page.cssselect("svg.stance-chart g.bar")}
    assert bars == {"support": "2", "deny": "1", "query": "1", "comment": "1"}


def test_report_json_twin_is_the_stored_report(client, samples):
    from newsaudit.models import Report

    data = client.get(f"/report/{SAMPLE}.json").json()
    assert Report.from_dict(data) == samples.sample_report()
    assert client.get("/report/sample00.json").json()["id"] == SAMPLE  # a unique prefix works


def test_report_downloads_as_one_html_file_and_as_markdown(client):
    r = client.get(f"/report/{SAMPLE}.html")
    assert r.status_code == 200 and "default-src 'none'" in r.headers["content-security-policy"]
    assert _page(r).cssselect("style") and not _page(r).cssselect("link, script")
    md = client.get(f"/report/{SAMPLE}.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Harbour council to close the old pier\n")


@pytest.mark.parametrize("q, want", [
    ("Marlow", {SAMPLE}),                 # outlet (the hostile report's site is markup)
    ("okafor", {SAMPLE}),                 # source name, any case (renamed in the hostile one)
    ("timbers are rotten", {SAMPLE, HOSTILE}),  # quoted text
    ("Pier <script", {HOSTILE}),          # title
    ("no such thing", set()),
    ("100%_", set()),                     # LIKE wildcards are literal
])
def test_search_by_outlet_source_or_text(client, q, want):
    data = client.get("/reports.json", params={"q": q}).json()
    assert {r["id"] for r in data["reports"]} == want
    page = _page(client.get("/reports", params={"q": q}))
    assert {tr.get("data-report") for tr in page.cssselect("table.history tbody tr")} == want


def test_listing_pages_through_the_store(client):
    first = client.get("/reports.json", params={"limit": 1}).json()
    second = client.get("/reports.json", params={"limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] == 1
    assert {first["reports"][0]["id"], second["reports"][0]["id"]} == {SAMPLE, HOSTILE}


def test_openapi_schema_describes_every_json_endpoint(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/analyze", "/analyze.json", "/reports.json", "/report/{report_id}.json", "/index.json"):
        assert path in paths, path
    form = paths["/analyze.json"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in form


def test_pages_load_nothing_from_elsewhere(client):
    for path in ("/", "/reports", f"/report/{SAMPLE}"):
        page = _page(client.get(path))
        for el in page.cssselect("script[src], link[href], img[src]"):
            ref = el.get("src") or el.get("href")
            assert ref.startswith("/static/") or ref == "data:,", (path, ref)
        for el in page.cssselect("a[href]"):
            assert el.get("href").startswith(("/", "#", "https://gazette.example")), (path, el.get("href"))
    assert client.get("/docs").status_code == 404  # Swagger UI would pull scripts from a CDN


def test_every_response_carries_the_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_untrusted_text_is_not_live_on_the_report_page(client, samples):
    r = client.get(f"/report/{HOSTILE}")
    page = _page(r)
    assert [s.get("src") for s in page.cssselect("script")] == ["/static/app.js"]
    assert page.cssselect("img") == []
    for el in page.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, dict(el.attrib))
    assert samples.SCRIPT in page.cssselect("ol.comments")[0].text_content()
    listing = _page(client.get("/reports"))
    assert samples.SCRIPT in listing.cssselect("table.history")[0].text_content()
    assert not listing.cssselect("table.history script")


# -- errors ----------------------------------------------------------------------------------


def test_unknown_report_is_a_404_page_and_a_404_json(client):
    r = client.get("/report/nosuchreport")
    assert r.status_code == 404
    assert "no stored report" in _page(r).cssselect("p.message")[0].text_content()
    j = client.get("/report/nosuchreport.json")
    assert j.status_code == 404 and "no stored report" in j.json()["error"]["message"]


def test_a_malformed_id_is_a_422(client):
    r = client.get("/report/bad id!.json")
    assert r.status_code == 422
    assert "report_id" in r.json()["error"]["message"]


@pytest.mark.parametrize("data, files, message", [
    ({}, None, "nothing to analyse"),
    ({"text": "   "}, None, "nothing to analyse"),
    ({"text": "some text", "url": "https://example.org/"}, None, "give one input, not text and URL"),
    ({}, {"file": ("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))}, "x.png"),
    ({}, {"file": ("empty.txt", b"")}, "empty"),
    ({"url": "ftp://example.org/x"}, None, "http"),
])
def test_bad_input_is_a_400_with_one_line_and_the_store_unharmed(client, db_path, stored_ids, data, files, message):
    before = stored_ids(db_path)
    r = client.post("/analyze", data=data, files=files)
    assert r.status_code == 400
    shown = _page(r).cssselect("p.message")[0].text_content()
    assert message in shown and "\n" not in shown
    j = client.post("/analyze.json", data=data, files=files)
    assert j.status_code == 400 and message in j.json()["error"]["message"]
    assert stored_ids(db_path) == before


def test_an_upload_over_the_cap_is_a_413_and_stores_nothing(make_client, db_path, stored_ids):
    before = stored_ids(db_path)
    with make_client(db_path, web__max_upload_bytes=10_000) as client:
        r = client.post("/analyze", files={"file": ("big.txt", b"word " * 5_000)})
        assert r.status_code == 413
        assert "10,000-byte limit" in _page(r).cssselect("p.message")[0].text_content()

        def chunks():  # no Content-Length: the cap must hold while the body streams
            for _ in range(20):
                yield b"x" * 1_000

        r = client.post("/analyze.json", content=chunks(),
                        headers={"content-type": "multipart/form-data; boundary=zzz"})
        assert r.status_code == 413 and "10,000-byte limit" in r.json()["error"]["message"]
    assert stored_ids(db_path) == before


def test_private_urls_are_refused_unless_allowed(client, db_path, stored_ids):
    before = stored_ids(db_path)
    for url in ("http://127.0.0.1:9/page", "http://localhost/x", "http://10.1.2.3/", "http://169.254.169.254/latest"):
        r = client.post("/analyze.json", data={"url": url})
        assert r.status_code == 400, url
        assert "allow_private_urls" in r.json()["error"]["message"] or "private" in r.json()["error"]["message"]
    assert stored_ids(db_path) == before


def test_requests_for_another_host_name_are_refused(client):
    # a page elsewhere reaching the app through a DNS name that rebinds to 127.0.0.1
    assert client.get("/", headers={"host": "attacker.example:8765"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200


def test_a_server_listening_beyond_loopback_does_not_check_the_host(make_client, db_path):
    with make_client(db_path, web__host="0.0.0.0") as client:
        assert client.get("/", headers={"host": "newsroom.example"}).status_code == 200


def test_a_corrupt_store_is_an_error_page_not_a_crash(make_client, tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with make_client(bad) as client:
        r = client.get("/reports")
        assert r.status_code == 503
        assert "cannot open the store" in _page(r).cssselect("p.message")[0].text_content()
    assert bad.read_bytes() == b"this is not a duckdb file" * 100


def test_a_pasted_text_over_a_megabyte_reaches_the_reader(client):
    # form parsers cap text fields at 1 MB by default; a pasted page may be bigger than that
    r = client.post("/analyze.json", data={"text": "\n" * 10 + " " * 2_000_000 + "\u200b"})
    assert r.status_code == 400
    assert r.json()["error"]["message"].startswith("pasted text: ")  # the reader saw it and named it
