"""The sniffer picks a reader from the content, not the file name."""

from __future__ import annotations

import json

import pytest

from newsaudit.errors import InputError, UnsupportedFormat
from newsaudit.ingest import read_bytes
from newsaudit.ingest.decode import decode_bytes
from newsaudit.ingest.sniff import sniff

CASES = [
    ("Council closes bridge\n\nThe council said on Monday...", "text"),
    ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
    ("<div class='story'><p>Fragment only</p></div>", "html"),
    ('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><html><body/></html>', "html"),
    ('<?xml version="1.0"?>\n<!-- export -->\n<disqus xmlns="http://disqus.com"></disqus>', "disqus"),
    ('<disqus xmlns="http://disqus.com"></disqus>', "disqus"),
    ('<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.0/"><channel/></rss>', "wxr"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>Plain feed</title></channel></rss>', "unknown-xml"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><lolz>&a;</lolz>', "unknown-xml"),
    (json.dumps({"article": {"text": "x"}}), "json"),
    ("{not json", "json"),
    (json.dumps([{"kind": "Listing", "data": {"children": []}}]), "reddit"),
    (json.dumps({"json": {"errors": [], "data": {"things": []}}}), "reddit"),
    (json.dumps([{"kind": "t1", "data": {"id": "a"}}]), "reddit"),
    (json.dumps({"id": 1, "type": "story", "by": "pg", "kids": [2]}), "hn"),
    (json.dumps([{"id": 2, "by": "pg", "parent": 1, "text": "x"}]), "hn"),
    (json.dumps({"id": 1, "author": "pg", "children": []}), "hn"),
    (json.dumps({"hits": []}), "hn"),
    (json.dumps([{"url": "/api/v1/items/1", "reply": {}}]), "hn"),
    (json.dumps({"some": "thing"}), "unknown-json"),
]


@pytest.mark.parametrize(("text", "kind"), CASES)
def test_sniff(text, kind):
    assert sniff(text) == kind


def test_name_decides_only_when_content_cannot():
    assert sniff("<b>bold</b> words", name="page.html") == "html"
    assert sniff("<b>bold</b> words", name="page.txt") == "text"


def test_bom_is_skipped():
    assert sniff('\ufeff<?xml version="1.0"?><disqus/>') == "disqus"


def test_unknown_json_is_one_clear_error(settings):
    with pytest.raises(UnsupportedFormat, match="unknown input format"):
        read_bytes(b'{"some": "thing"}', origin="x.json", settings=settings)


def test_unknown_xml_bomb_is_named_as_such(settings):
    with pytest.raises(InputError, match="XML bomb"):
        read_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><lolz>&a;</lolz>', origin="b.xml",
                   settings=settings)


def test_plain_rss_feed_is_unsupported(settings):
    with pytest.raises(UnsupportedFormat):
        read_bytes(b'<?xml version="1.0"?><rss><channel/></rss>', origin="feed.xml", settings=settings)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("caf\u00e9".encode("utf-8"), "caf\u00e9"),
        ("\ufeffcaf\u00e9".encode("utf-8"), "caf\u00e9"),
        ("caf\u00e9".encode("utf-16"), "caf\u00e9"),
        ('<meta charset="iso-8859-1"><p>caf\u00e9</p>'.encode("latin-1"), '<meta charset="iso-8859-1"><p>caf\u00e9</p>'),
    ],
)
def test_decode(data, expected):
    assert decode_bytes(data, origin="x") == expected


@pytest.mark.parametrize("data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n", b"abc\x00\x00\x01def" * 10])
def test_binary_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, origin="x")


def test_declared_unknown_encoding_is_refused():
    with pytest.raises(InputError, match="unknown encoding 'x-klingon'"):
        decode_bytes(b'<meta charset="x-klingon"><p>\xe9\xe8</p>', origin="x")


@pytest.mark.parametrize("codec", ["zlib", "base64", "hex", "rot13", "uu"])
def test_declared_non_text_codec_is_refused(codec):
    with pytest.raises(InputError, match="not a text encoding"):
        decode_bytes(f'<meta charset="{codec}"><p>'.encode() + b"caf\xe9</p>", origin="x")
