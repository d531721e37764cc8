"""Comment-export readers: Disqus, WordPress WXR, Reddit, Hacker News.

Expected figures for the hand-written fixtures were worked out by reading the
fixture files; for the real fixtures in ../shared they come from SOURCE.txt or from
an independent count written here over the raw structure (not the reader's code).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsaudit.errors import InputError
from newsaudit.ingest import read_bytes, read_path
from newsaudit.ingest.threads import max_depth
from newsaudit.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "fixtures" / "exports"
REAL = ROOT.parent / "shared" / "data" / "comment-exports"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only on developer machines and CI)")
    return path


@pytest.fixture(scope="module")
def settings():
    return load_settings()


def read(name, settings, **changes):
    return read_path(EXPORTS / name, settings=settings.replace(**changes) if changes else settings)


def codes(document):
    return {d.code for d in document.diagnostics}


def message(document, code):
    return next(d.message for d in document.diagnostics if d.code == code)


def by_id(document):
    return {c.id: c for c in document.comments}


# --- Disqus -----------------------------------------------------------------------------------


def test_disqus_reads_the_thread_with_most_posts(settings):
    doc = read("disqus_small.xml", settings)
    assert doc.input_kind == "disqus"
    assert doc.article.title == "Council closes the Mill Street bridge"
    assert doc.article.url == "https://riverside.example/news/bridge-closure"
    assert doc.article.text == ""
    assert [c.id for c in doc.comments] == ["1001", "1002", "1003", "1004", "1006"]
    assert "Spring fair returns (1 comment)" in message(doc, "export-other-threads")


def test_disqus_keeps_deleted_posts_and_drops_spam(settings):
    doc = read("disqus_small.xml", settings)
    c = by_id(doc)
    assert c["1003"].deleted and c["1003"].text == "" and c["1003"].author is None
    assert c["1004"].parent_id == "1003"  # reply to a deleted post keeps its place
    assert "1005" not in c
    assert message(doc, "export-spam-skipped").startswith("1 post ")
    assert max_depth(doc.comments) == 3  # 1004 -> 1003 -> 1002 -> 1001


def test_disqus_reply_to_spam_becomes_top_level_and_orphans_are_counted(settings):
    doc = read("disqus_small.xml", settings)
    assert by_id(doc)["1006"].parent_id is None
    assert {"export-orphan-replies", "export-orphans-skipped", "export-deleted-kept"} <= codes(doc)
    assert "1007" not in by_id(doc)


def test_disqus_authors_text_and_times(settings):
    c = by_id(read("disqus_small.xml", settings))
    assert [c[i].author for i in ("1001", "1002", "1004", "1006")] == ["Maria Lopez", "Guest", "Sam Ortiz", "Ann Bell"]
    assert c["1001"].text == "The bridge has been shaky for years & nobody listened.\n\nSecond paragraph."
    assert c["1001"].posted == "2024-03-04T09:15:00+00:00"


@pytest.mark.parametrize("wanted", ["200", "https://riverside.example/news/spring-fair", "Spring fair returns"])
def test_disqus_thread_setting_picks_another_thread(settings, wanted):
    doc = read("disqus_small.xml", settings, ingest__thread=wanted)
    assert doc.article.title == "Spring fair returns"
    assert [(c.id, c.author) for c in doc.comments] == [("2001", "Kim Park")]


def test_disqus_unknown_thread_setting_is_an_error(settings):
    with pytest.raises(InputError, match="no thread matches"):
        read("disqus_small.xml", settings, ingest__thread="no-such-thread")


def test_real_disqus_fixture(settings):
    doc = read_path(need_shared(REAL / "disqus" / "isso_disqus.xml"), settings=settings)
    # by hand from the file: thread 2 holds posts 4, 5, 9 (deleted) and 11; 8 is in thread 7, 6 is an orphan
    assert doc.article.title == "Hello, World!"
    assert [(c.id, c.author, c.parent_id, c.deleted) for c in doc.comments] == [
        ("4", "peter", None, False), ("5", "user", "4", False), ("9", None, None, True), ("11", "user", "9", False)]
    assert max_depth(doc.comments) == 1
    assert by_id(doc)["5"].text == "Hello, World."


# --- WordPress WXR ----------------------------------------------------------------------------


def test_wxr_keeps_approved_reader_comments_only(settings):
    doc = read("wxr_small.xml", settings)
    assert doc.input_kind == "wxr"
    assert [(c.id, c.author) for c in doc.comments] == [
        ("501", "Olu Adeyemi"), ("502", "Jane Doe"), ("503", "Olu Adeyemi"), ("508", "Replier")]
    left = message(doc, "export-comments-skipped")
    for part in ("1 pending", "1 pingback", "1 spam", "1 trackback"):
        assert part in left


def test_wxr_nesting_multiline_and_dates(settings):
    c = by_id(read("wxr_small.xml", settings))
    assert (c["502"].parent_id, c["503"].parent_id) == ("501", "502")
    assert c["508"].parent_id is None  # its parent is still in moderation, so not in the report
    assert max_depth(list(c.values())) == 2
    assert c["501"].text == "Eight percent is a lot.\nWho decided this?"
    assert c["501"].posted == "2024-05-13T08:00:00+00:00"  # the GMT column, not the local one
    assert c["503"].posted == "2024-05-13T11:00:00"  # zeroed GMT: local time, no zone claimed


def test_wxr_article_comes_from_the_post(settings):
    article = read("wxr_small.xml", settings).article
    assert article.title == "Ferry fares to rise in June"
    assert article.url == "https://harbour.example/2024/05/ferry-fares/"
    assert article.authors == ("Jane Doe",)  # login jdoe mapped to its display name
    assert article.published == "2024-05-13T07:30:00+00:00"
    assert article.text == "Fares will rise by 8 percent, the operator said.\n\nCommuters\u2019 groups object."


def test_real_wxr_isso_fixture(settings):
    doc = read_path(need_shared(REAL / "wordpress" / "isso_wordpress_wxr.xml"), settings=settings)
    assert [c.author for c in doc.comments] == [
        "Ohai", "Tester", "Tester", "Tester", "Tester", "Multiline Author", "Letzter :/"]
    assert max_depth(doc.comments) == 2  # 8 -> 7 -> 6
    assert by_id(doc)["10"].text == "When you have a comment with multiple lines:\nWordPress exports it like this."


def test_real_wxr_theme_unit_test_data(settings):
    path = need_shared(REAL / "wordpress" / "themeunittestdata.wordpress.xml")
    doc = read_path(path, settings=settings)
    assert doc.article.title == "Template: Comments"
    # independent count with plain ElementTree over the trusted fixture
    wp = "{https://wordpress.org/export/1.2/}"
    item = next(i for i in ET.parse(path).iter("item") if i.findtext("title") == "Template: Comments")
    raw = item.findall(f"{wp}comment")
    assert len(raw) == 20  # SOURCE.txt
    approved = [c for c in raw if c.findtext(f"{wp}comment_approved") == "1"]
    assert len(doc.comments) == len(approved) == 19
    assert [c.author for c in doc.comments] == [c.findtext(f"{wp}comment_author") for c in approved]
    assert max_depth(doc.comments) == 9  # SOURCE.txt: threaded 10 levels, max parent chain 9
    assert "1 pending" in message(doc, "export-comments-skipped")


def test_real_wxr_pingbacks_are_not_comments(settings):
    path = need_shared(REAL / "wordpress" / "themeunittestdata.wordpress.xml")
    doc = read_path(path, settings=settings.replace(ingest__thread="Template: Pingbacks And Trackbacks"))
    assert [c.author for c in doc.comments] == ["John Doe"]  # 2 pingbacks and 2 trackbacks left out
    assert "2 pingbacks" in message(doc, "export-comments-skipped")
    assert "2 trackbacks" in message(doc, "export-comments-skipped")


# --- Reddit -----------------------------------------------------------------------------------


def test_reddit_thread_comments_and_stubs(settings):
    doc = read("reddit_small.json", settings)
    assert doc.input_kind == "reddit"
    assert [c.id for c in doc.comments] == ["k1", "k2", "k3", "k4", "k5", "k6"]
    assert message(doc, "export-more-skipped").startswith('3 "load more" stubs')
    assert "5 further comments" in message(doc, "export-more-skipped")
    assert "reports 9 comments; this file holds 6" in message(doc, "export-partial-thread")


def test_reddit_deleted_and_removed(settings):
    c = by_id(read("reddit_small.json", settings))
    assert c["k2"].author is None and not c["k2"].deleted  # account gone, words still there
    assert c["k2"].text == "I deleted my account but this stays."
    assert c["k3"].deleted and c["k3"].text == "" and c["k3"].author is None
    assert c["k5"].deleted and c["k5"].text == ""  # [removed]
    assert c["k4"].parent_id == "k3"
    assert max_depth(list(c.values())) == 3


def test_reddit_escaped_html_becomes_plain_text(settings):
    doc = read("reddit_small.json", settings)
    assert by_id(doc)["k1"].text == "Eight percent is a lot & nobody asked us.\n\nSee the notice."
    assert doc.article.title == "Ferry fares to rise 8% & commuters object"
    assert doc.article.url == "https://harbour.example/2024/05/ferry-fares/"
    assert doc.article.published is None  # a link post's date is not the article's
    assert by_id(doc)["k1"].posted == "2024-05-13T09:00:00+00:00"


def test_reddit_morechildren_shape(settings):
    doc = read("reddit_morechildren_small.json", settings)
    assert doc.input_kind == "reddit"
    c = by_id(doc)
    assert list(c) == ["k9", "k10", "k11"]
    assert c["k9"].parent_id is None  # k1 is not in this file
    assert c["k10"].parent_id == "k9" and c["k10"].deleted
    assert message(doc, "export-more-skipped").startswith('1 "load more" stub ')


def _walk_reddit(children, depth, tally):
    for thing in children:
        if thing["kind"] == "more":
            tally["more"] += 1
            continue
        data = thing["data"]
        tally["t1"] += 1
        tally["depth"] = max(tally["depth"], depth)
        tally["deleted_author"] += data["author"] == "[deleted]"
        tally["gone_body"] += data["body"] in ("[deleted]", "[removed]")
        if isinstance(data.get("replies"), dict):
            _walk_reddit(data["replies"]["data"]["children"], depth + 1, tally)


def test_real_reddit_thread(settings):
    path = need_shared(REAL / "reddit" / "reddit_thread_n49rw.json")
    tally = {"t1": 0, "more": 0, "depth": 0, "deleted_author": 0, "gone_body": 0}
    _walk_reddit(json.loads(path.read_text())[1]["data"]["children"], 0, tally)
    assert (tally["t1"], tally["depth"], tally["deleted_author"], tally["more"]) == (485, 9, 60, 177)  # SOURCE.txt
    doc = read_path(path, settings=settings)
    assert doc.article.title == "We're back"
    assert len(doc.comments) == 485
    assert max_depth(doc.comments) == 9
    assert sum(c.author is None for c in doc.comments) == 60
    assert sum(c.deleted for c in doc.comments) == tally["gone_body"] == 10
    assert message(doc, "export-more-skipped").startswith('177 "load more" stubs')
    assert by_id(doc)["c364wqo"].author == "alienth"


def test_real_reddit_morechildren(settings):
    path = need_shared(REAL / "reddit" / "reddit_morechildren_n49rw.json")
    things = [t for response in json.loads(path.read_text()) for t in response["json"]["data"]["things"]]
    assert len(things) == 998  # SOURCE.txt
    t1 = [t["data"] for t in things if t["kind"] == "t1"]
    doc = read_path(path, settings=settings)
    assert len(doc.comments) == len(t1) == 940
    assert [c.author for c in doc.comments] == [None if d["author"] == "[deleted]" else d["author"] for d in t1]


# --- Hacker News ------------------------------------------------------------------------------


def test_hn_official_items(settings):
    doc = read("hn_official_small.json", settings)
    assert doc.input_kind == "hn"
    assert doc.article.title == "Ferry fares to rise 8%"
    assert doc.article.authors == ("harbourfan",)
    c = by_id(doc)
    assert list(c) == ["9001", "9002", "9003", "9004", "9005"]
    assert [c[i].author for i in c] == ["olu", "kim", None, None, "pat"]
    assert c["9003"].deleted and c["9004"].deleted and c["9004"].text == ""  # deleted, dead
    assert c["9005"].parent_id == "9003"
    assert max_depth(doc.comments) == 3
    assert c["9001"].text == "Eight percent is a lot.\n\nOperators' costs rose > 10% though: source"
    assert c["9002"].text == "Did they? Citation needed."
    assert "1 of them dead" in message(doc, "export-deleted-kept")
    assert "item?id=8888 (1 comment)" in message(doc, "export-other-threads")  # parent unknown: its own thread


def test_hn_story_with_kids_only_says_so(settings):
    story = {"id": 1, "type": "story", "by": "a", "title": "T", "kids": [2, 3], "time": 0}
    doc = read_bytes(json.dumps(story).encode(), origin="story.json", settings=settings)
    assert doc.comments == () and doc.article.title == "T"
    assert "lists 2 replies by id only" in message(doc, "export-kids-only")


def test_hn_algolia_item_tree(settings):
    doc = read("hn_algolia_small.json", settings)
    c = by_id(doc)
    assert list(c) == ["7001", "7002", "7003", "7004"]
    assert c["7002"].deleted and c["7002"].author is None
    assert c["7003"].parent_id == "7002" and c["7001"].parent_id is None
    assert max_depth(doc.comments) == 2
    assert c["7001"].text == "Eight percent is a lot.\n\nToo much."
    assert c["7004"].text == "Fares & fees."
    assert doc.article.published == "2024-05-13T07:30:00+00:00"


def test_real_hn_algolia_item(settings):
    path = need_shared(REAL / "hackernews" / "node-hacker-news-api_algolia_fixtures.json")
    item = next(r["reply"] for r in json.loads(path.read_text()) if r["url"] == "/api/v1/items/17")
    doc = read_bytes(json.dumps(item).encode(), origin="items-17.json", settings=settings)
    # SOURCE.txt: a nested tree of 3 nodes; the root is pg's comment 17 with two replies
    assert [(c.id, c.author, c.parent_id) for c in doc.comments] == [
        ("17", "pg", None), ("1079", "dmon", "17"), ("454426", "Arrington", "17")]
    assert max_depth(doc.comments) == 1
    assert by_id(doc)["454426"].text == "This is why we can't have nice things."


def test_real_hn_recorded_bundle_reads_the_item_tree(settings):
    doc = read_path(need_shared(REAL / "hackernews" / "node-hacker-news-api_algolia_fixtures.json"), settings=settings)
    assert doc.input_kind == "hn"
    assert [c.author for c in doc.comments] == ["pg", "dmon", "Arrington"]
    assert "export-other-threads" in codes(doc)  # the search hits belong to other stories


# --- unsafe XML -------------------------------------------------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE disqus [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<disqus xmlns="http://disqus.com"><thread><title>&b;</title></thread></disqus>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&secret;</title></item></channel></rss>"""


def test_xml_bomb_is_refused(settings):
    with pytest.raises(InputError, match="declares entity 'a'.*XML bomb"):
        read_bytes(BOMB, origin="bomb.xml", settings=settings)


def test_external_entity_is_refused(settings):
    with pytest.raises(InputError, match="external entity 'secret'.*file:///etc/passwd"):
        read_bytes(XXE, origin="xxe.xml", settings=settings)


def test_malformed_export_xml_says_where(settings):
    broken = b'<?xml version="1.0"?><disqus xmlns="http://disqus.com"><thread></disqus>'
    with pytest.raises(InputError, match="malformed XML at line 1"):
        read_bytes(broken, origin="broken.xml", settings=settings)


# --- odd shapes: wrong JSON types read as missing values, never a traceback ----------------------

ODD = [
    ({"id": 1, "type": "story", "by": 5, "title": ["x"], "kids": 7, "time": "soon", "descendants": True}, 0),
    ([{"id": 1, "type": "story", "title": "T"}, {"id": True, "parent": 1, "text": "no id"},
      {"id": 2, "type": "comment", "by": None, "parent": 1, "text": ["not", "text"], "time": 1e308}], 1),
    ({"id": 1, "author": "a", "type": None, "_tags": 3, "children": [{"id": 2, "author": "b", "text": 4}]}, 1),
    ([{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": 9, "title": None}}]}},
      {"kind": "Listing", "data": {"children": [
          {"kind": "t1", "data": {"id": "a", "body": 12, "author": [], "parent_id": None, "replies": []}},
          {"kind": "more", "data": {"count": "many"}}]}}], 1),
    ({"json": {"errors": [], "data": ["not", "an", "object"]}}, None),
]


@pytest.mark.parametrize(("shape", "expected"), ODD)
def test_wrong_json_types_are_tolerated(settings, shape, expected):
    try:
        doc = read_bytes(json.dumps(shape).encode(), origin="odd.json", settings=settings)
    except InputError:
        assert expected is None  # nothing readable left: one clear error is right
        return
    assert len(doc.comments) == expected
    assert all(isinstance(c.text, str) and (c.author is None or isinstance(c.author, str)) for c in doc.comments)


# --- comment bodies as plain text -------------------------------------------------------------

PLAIN = [
    ("<p>One.</p><p>Two.</p>", False, "One.\n\nTwo."),
    ("First<p>Second", False, "First\n\nSecond"),  # Hacker News separates paragraphs with a bare <p>
    ("a<br>b<br/>c", False, "a\nb\nc"),
    ("line one\nline two", False, "line one line two"),  # in HTML a newline is a space
    ("line one\nline two", True, "line one\nline two"),  # WordPress keeps them as line breaks
    ("para one\n\npara two", False, "para one\n\npara two"),
    ("<script>alert(1)</script><style>p{}</style>Visible", False, "Visible"),
    ("&lt;b&gt; &amp; &#x27;q&#x27; &#8230;", False, "<b> & 'q' \u2026"),
    ("<pre><code>x = 1\ny = 2</code></pre>after", False, "x = 1\ny = 2\n\nafter"),
    ("<a href='https://example.invalid'>the  notice</a>", False, "the notice"),
    ("", False, ""),
]


@pytest.mark.parametrize(("fragment", "keep", "expected"), PLAIN)
def test_html_to_text(fragment, keep, expected):
    from newsaudit.ingest.plaintext import html_to_text

    assert html_to_text(fragment, keep_newlines=keep) == expected
