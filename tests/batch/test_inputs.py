"""What a batch reads: folders, globs, JSONL files, URL lists; lazily, with stable origins."""

from __future__ import annotations

import gzip
import json
import os
import types

import pytest

from newsaudit.batch.inputs import check_inputs, count_items, iter_items, sniff_list
from newsaudit.errors import InputError


def doc(title: str) -> str:
    return json.dumps({"article": {"title": title, "text": f"{title} happened today."}, "comments": []})


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "2024" / "05").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.html").write_text("<html><body><p>A</p></body></html>")
    (root / "2024" / "b.txt").write_text("Title\n\nBody.")
    (root / "2024" / "05" / "c.json").write_text(doc("C"))
    (root / "2024" / "05" / "d.html.gz").write_bytes(gzip.compress(b"<html><body><p>D</p></body></html>"))
    (root / "notes.md").write_text("not a page")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / ".hidden.html").write_text("<p>hidden</p>")
    (root / ".cache" / "e.html").write_text("<p>cached</p>")
    return root


def test_a_folder_is_walked_for_pages_in_a_stable_order(corpus):
    items = list(iter_items([str(corpus)]))
    rel = [os.path.relpath(i.path, corpus) for i in items]
    # os.walk visits the folder's own files before its subfolders; names sorted within each.
    assert rel == ["a.html", "2024/b.txt", "2024/05/c.json", "2024/05/d.html.gz"]
    assert all(i.kind == "file" and i.origin == os.path.abspath(i.path) for i in items)


def test_a_glob_takes_every_match_whatever_its_extension(corpus):
    items = list(iter_items([str(corpus / "*")]))
    names = sorted(os.path.basename(i.origin) for i in items)
    # the folder 2024 matched too, and is walked; hidden files are not matched by *
    assert names == ["a.html", "b.txt", "c.json", "d.html.gz", "notes.md", "photo.jpg"]
    assert [os.path.basename(i.origin) for i in iter_items([str(corpus / "**" / "*.json")])] == ["c.json"]


def test_a_jsonl_file_gives_one_item_per_non_blank_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(doc("one") + "\n\n" + doc("two") + "\n" + doc("three") + "\n")
    items = list(iter_items([str(path)]))
    assert [i.origin for i in items] == [f"{path}#L1", f"{path}#L3", f"{path}#L4"]
    assert [json.loads(i.text)["article"]["title"] for i in items] == ["one", "two", "three"]
    assert {i.kind for i in items} == {"jsonl"}


def test_jsonl_is_recognised_by_content_without_the_extension(tmp_path):
    path = tmp_path / "docs.json"
    path.write_text(doc("one") + "\n" + doc("two") + "\n")
    assert sniff_list(str(path)) == "jsonl"
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"article": {"title": "x", "text": "y"}}, indent=2))
    assert sniff_list(str(single)) == "file"


def test_a_gzipped_jsonl_file_is_read_line_by_line(tmp_path):
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress((doc("one") + "\n" + doc("two") + "\n").encode()))
    assert [json.loads(i.text)["article"]["title"] for i in iter_items([str(path)])] == ["one", "two"]


def test_a_url_list_gives_one_item_per_url(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# to read\nhttps://news.example/a\n\nhttp://news.example/b?x=1\n")
    items = list(iter_items([str(path)]))
    assert [(i.kind, i.origin) for i in items] == [("url", "https://news.example/a"), ("url", "http://news.example/b?x=1")]


def test_a_text_page_is_not_mistaken_for_a_url_list(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("https://news.example/a\nA page that starts with its address\n\nBody text.")
    assert sniff_list(str(path)) == "file"


def test_a_url_argument_is_one_item():
    assert [(i.kind, i.origin) for i in iter_items(["https://news.example/x"])] == [("url", "https://news.example/x")]


def test_items_are_yielded_lazily(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(doc(str(n)) for n in range(1000)))
    items = iter_items([str(path)])
    assert isinstance(items, types.GeneratorType)
    first = next(items)
    assert first.origin.endswith("#L1")


def test_count_items_matches_what_is_yielded(corpus, tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(doc("one") + "\n" + doc("two") + "\n")
    assert count_items([str(corpus), str(path)]) == 6


def test_a_missing_input_fails_before_any_work(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        check_inputs([str(tmp_path), str(tmp_path / "absent.html")])
    check_inputs([str(tmp_path / "*.html"), "https://news.example/"])  # a glob may match nothing
