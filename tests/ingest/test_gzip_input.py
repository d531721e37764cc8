"""A saved page or export that is gzip-compressed reads as the same document as the plain file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from newsaudit.cli import main
from newsaudit.ingest import read_bytes, read_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_gzipped_html_page_reads_like_the_plain_one(tmp_path):
    plain = EXAMPLES / "example-page.html"
    packed = tmp_path / "example-page.html.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    a, b = read_path(plain), read_path(packed)
    assert b.input_kind == a.input_kind == "html"
    assert b.article.title == a.article.title and b.article.text == a.article.text
    assert [c.text for c in b.comments] == [c.text for c in a.comments]


def test_gzipped_comment_export_on_stdin_style_bytes():
    export = (EXAMPLES / "example-comments.xml").read_bytes()
    doc = read_bytes(gzip.compress(export), origin="<upload>")
    assert doc.input_kind == read_bytes(export, origin="<upload>").input_kind
    assert len(doc.comments) == len(read_bytes(export, origin="<upload>").comments) > 0


def test_analyze_a_gzipped_text_capture_through_the_cli(tmp_path):
    packed = tmp_path / "example-page.txt.gz"
    packed.write_bytes(gzip.compress((EXAMPLES / "example-page.txt").read_bytes()))
    result = CliRunner().invoke(main, ["analyze", str(packed), "--no-store", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # the bundled example's spokesman, quoted in the text capture
    assert any(s["name"] == "Tom Radley" for s in report["sources"])
