"""Which thread of a many-thread comment export `analyze PAGE --comments EXPORT` reads.

The fixtures in tests/fixtures/threads/ are written for these tests. In forum.disqus.xml
thread 302 has the most comments, so a test that expects 301 or 303 fails if the reader
falls back to "most comments" instead of matching the article.
"""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest

from newsaudit.ingest.threadmatch import normalise_title, normalise_url, printable

THREADS = Path(__file__).resolve().parents[1] / "fixtures" / "threads"
FORUM = THREADS / "forum.disqus.xml"


@pytest.mark.parametrize(("url", "key"), [
    ("https://harbour-news.example/local/pier-repairs", "harbour-news.example/local/pier-repairs"),
    ("http://www.Harbour-News.example/council/budget-vote/?utm_source=newsletter&utm_medium=email#comments",
     "harbour-news.example/council/budget-vote"),
    ("https://harbour-news.example:443/a//", "harbour-news.example/a"),
    ("https://harbour-news.example:8443/a", "harbour-news.example:8443/a"),
    ("https://harbour-news.example/?p=42&fbclid=abc", "harbour-news.example?p=42"),
    ("https://harbour-news.example/list?b=2&a=1", "harbour-news.example/list?a=1&b=2"),
    ("https://harbour-news.example/", "harbour-news.example"),
    ("ftp://harbour-news.example/a", None),
    ("not a url", None),
    ("", None),
])
def test_normalise_url(url, key):
    assert normalise_url(url) == key


def test_a_page_query_that_names_the_article_is_kept():
    assert normalise_url("https://h.example/?p=42") != normalise_url("https://h.example/?p=43")


@pytest.mark.parametrize(("title", "key", "without_site"), [
    ("Harbour Ferry Fares To Rise In June \u2013 Harbour News", "harbour ferry fares to rise in june harbour news",
     "harbour ferry fares to rise in june"),
    ("\u201cWe were not told,\u201d say pier traders", "we were not told say pier traders",
     "we were not told say pier traders"),
    ("Brexit: what happens next", "brexit what happens next", "brexit what happens next"),
    ("", "", ""),
])
def test_normalise_title(title, key, without_site):
    assert normalise_title(title) == key
    assert normalise_title(title, drop_site=True) == without_site


def test_printable_strips_control_and_format_characters():
    assert printable("Pier\u202e news\x1b[31m\nsecond line") == "Pier news [31m second line"
    assert printable("x" * 100, limit=10) == "x" * 9 + "\u2026"


# --- through the real CLI ---------------------------------------------------------------------

def analyze(cli, page, export, *extra):
    return cli(*extra, "analyze", str(page), "--comments", str(export), "--format", "json", "--no-store")


def comment_ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [c["id"] for c in json.loads(result.stdout)["comments"]]


def matched_note(result) -> str:
    notes = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "export-thread-matched"]
    assert len(notes) == 1, notes
    return notes[0]


@pytest.mark.model
def test_the_thread_whose_link_is_the_pages_canonical_url(cli):
    # canonical https://harbour-news.example/council/budget-vote against the thread link
    # http://www.Harbour-News.example/council/budget-vote/?utm_source=...#comments
    result = analyze(cli, THREADS / "budget-page.html", FORUM)
    assert comment_ids(result) == ["3301"]
    assert "its link matches the article's URL" in matched_note(result)


@pytest.mark.model
def test_the_thread_whose_title_is_the_articles_title(cli):
    # a text capture has no URL; its title matches "Harbour Ferry Fares To Rise In June – Harbour News"
    result = analyze(cli, THREADS / "ferry-page.txt", FORUM)
    assert comment_ids(result) == ["3101", "3102"]
    assert "its title matches the article's title" in matched_note(result)


@pytest.mark.model
def test_a_wordpress_export_is_matched_too(cli):
    result = analyze(cli, THREADS / "ferry-page.txt", THREADS / "site.wxr.xml")
    assert comment_ids(result) == ["4201"]  # the pier post has more comments; the ferry post is the article's


@pytest.mark.model
def test_ingest_thread_set_by_hand_wins_over_a_match(cli, tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('[ingest]\nthread = "302"\n', "utf-8")
    result = analyze(cli, THREADS / "budget-page.html", FORUM, "--config", str(config))
    assert comment_ids(result) == ["3201", "3202", "3203"]


@pytest.mark.model
def test_a_single_thread_export_is_read_even_without_a_match(cli):
    result = analyze(cli, THREADS / "lighthouse-page.txt", THREADS / "one-thread.disqus.xml")
    assert comment_ids(result) == ["5101"]
    assert "only thread" in matched_note(result)


def test_no_matching_thread_among_several_is_one_clear_error(cli):
    result = analyze(cli, THREADS / "lighthouse-page.txt", FORUM)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(f"newsaudit: error: {FORUM}: the Disqus export holds 3 threads and none matches")
    assert "title ('Lighthouse reopens to visitors')" in line
    assert "ingest.thread" in line and "--config" in line
    # listed with their ids, most comments first, so the user can copy one
    assert line.index("id 302") < line.index("id 301") < line.index("id 303")
    assert "Traceback" not in result.output


def test_no_match_in_a_wordpress_export(cli):
    result = analyze(cli, THREADS / "lighthouse-page.txt", THREADS / "site.wxr.xml")
    assert result.exit_code == 2
    assert "the WordPress export holds 2 threads and none matches" in result.stderr
    assert "id 41" in result.stderr and "id 42" in result.stderr


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def site(tmp_path):
    """A real HTTP server on loopback serving the lighthouse story as a text capture."""
    root = tmp_path / "site"
    (root / "stories").mkdir(parents=True)
    (root / "stories" / "lighthouse.txt").write_bytes((THREADS / "lighthouse-page.txt").read_bytes())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a, **k: _Quiet(*a, directory=str(root), **k))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.model
def test_the_thread_whose_link_is_the_url_the_page_was_fetched_from(cli, site, tmp_path):
    # The export is written here because its link must name the test server's port.
    export = tmp_path / "forum.xml"
    link = "http://www.Harbour-News.example/council/budget-vote/?utm_source=newsletter&amp;utm_medium=email#comments"
    forum = FORUM.read_text("utf-8")
    assert link in forum
    export.write_text(forum.replace(link, f"{site}/stories/lighthouse.txt#comments"), "utf-8")
    result = analyze(cli, f"{site}/stories/lighthouse.txt?utm_source=feed", export)
    assert comment_ids(result) == ["3301"]  # thread 303, one comment; the page's title matches no thread
    assert "its link matches the article's URL" in matched_note(result)
