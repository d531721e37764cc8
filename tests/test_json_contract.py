"""The JSON contract: reports validate, newsaudit's own JSON is read as given, and a report reads back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsaudit.ingest import read_path
from newsaudit.models import Article, Comment, Document, Quote, Report
from newsaudit.pipeline import REPORT_HOOKS, Context, build_report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _body_of_example() -> str:
    """The example's body paragraphs, joined with uneven whitespace so any stripping shows up."""
    lines = (EXAMPLES / "example-page.txt").read_text("utf-8").split("\n  • ", 1)[0].split("\n")
    paragraphs = [p for p in lines[4:] if p.strip() and "CREDIT" not in p and not p.startswith("Dockers")]
    return "\n  " + "\n \n".join(paragraphs) + "\t\n"


def _input_document(text: str) -> dict:
    return {
        "article": {
            "title": "Ministers Agree $4.2 Billion Sale Of Kessick Port To Foreign Consortium",
            "url": "https://northern-gazette.example/business/2023/03/14/kessick-port-sale/",
            "site": "The Northern Gazette",
            "published": "2023-03-14",
            "authors": ["Helen Marsh"],
            "text": text,
            "captions": ["Dockers leaving the early shift at Kessick on Monday"],
        },
        "comments": [
            {"id": "a1", "author": "Ann Prior", "text": "Is any of this on the record?", "parent_id": None,
             "posted": "2023-03-14T08:05:00+00:00"},
            {"id": "a2", "author": None, "text": "Only the denial.", "parent_id": "a1", "posted": None},
        ],
    }


def _write(tmp_path: Path, data, name: str = "input.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _context(out: dict) -> Context:
    # build_report reads only the document and ctx.out, so no parse is needed here.
    document = Document(article=Article(title="T", text="Some text."))
    return Context(document=document, settings=None, nlp=None, doc=None, out=out)  # type: ignore[arg-type]


def test_the_contract_hook_is_registered_for_the_test_run():
    assert any(getattr(h, "__name__", "") == "_check" for h in REPORT_HOOKS)


def test_the_contract_hook_rejects_a_report_that_breaks_the_schema():
    build_report(_context({"quotes": [Quote(id="q1", text="Some", type="direct", start=0, end=4)]}))
    with pytest.raises(jsonschema.ValidationError):
        build_report(_context({"quotes": [Quote(id="q1", text="Some", type="rumour", start=0, end=4)]}))


def test_json_input_keeps_article_text_exactly(tmp_path):
    text = _body_of_example()
    document = read_path(_write(tmp_path, _input_document(text)))
    assert document.article.text == text
    assert document.article.published == "2023-03-14"
    assert document.article.authors == ("Helen Marsh",)
    assert document.article.captions == ("Dockers leaving the early shift at Kessick on Monday",)
    assert document.input_kind == "json"


def test_json_input_keeps_comment_ids_authors_parents_and_times(tmp_path):
    document = read_path(_write(tmp_path, _input_document("Body.")))
    assert [(c.id, c.author, c.parent_id, c.posted) for c in document.comments] == [
        ("a1", "Ann Prior", None, "2023-03-14T08:05:00+00:00"),
        ("a2", None, "a1", None),
    ]
    assert not any(c.parent_inferred for c in document.comments)


def _spans(report: Report):
    """Every record that carries its own text next to offsets into article.text."""
    for source in report.sources:
        yield from source.mentions
    yield from report.quotes
    yield from report.statements
    yield from report.headline.evidence
    yield from report.timeline
    yield from report.figures


@pytest.mark.model
def test_offsets_of_every_record_line_up_with_the_callers_text(tmp_path, cli):
    text = _body_of_example()
    out = tmp_path / "report.json"
    result = cli("analyze", str(_write(tmp_path, _input_document(text))), "--format", "json", "-o", str(out),
                 "--no-store")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["article"]["text"] == text
    report = Report.from_dict(data)
    captions = report.article.captions
    # A record with empty text (an undated sentence dated by the publication) has nothing to line up.
    spans = [r for r in _spans(report) if r.text]
    in_body = [r for r in spans if getattr(r, "caption_index", None) is None]
    in_captions = [r for r in spans if getattr(r, "caption_index", None) is not None]
    assert [(type(r).__name__, r.text, text[r.start:r.end]) for r in in_body if text[r.start:r.end] != r.text] == []
    # Captions are not in article.text: their records say which caption, and carry no body offsets.
    assert [(type(r).__name__, r.text) for r in in_captions
            if r.text not in captions[r.caption_index] or (r.start, r.end) != (0, 0)] == []


@pytest.mark.model
def test_a_report_read_back_gives_the_same_report(tmp_path, cli):
    first = tmp_path / "first.json"
    again = tmp_path / "again.json"
    source = _write(tmp_path, _input_document(_body_of_example()))
    assert cli("analyze", str(source), "--format", "json", "-o", str(first), "--no-store").exit_code == 0
    assert cli("analyze", str(first), "--format", "json", "-o", str(again), "--no-store").exit_code == 0
    one = Report.from_dict(json.loads(first.read_text("utf-8")))
    two = Report.from_dict(json.loads(again.read_text("utf-8")))
    assert two == one
    assert two.id == one.id and two.input_kind == "json"


def test_a_report_read_back_is_its_document_without_the_analysis(tmp_path):
    report = Report(
        id="x",
        article=Article(title="T", text="Body text."),
        comments=(
            Comment(id="c1", author="A", text="First."),
            Comment(id="c2", text="Second.", parent_id="c1", parent_inferred=True, stance="deny"),
            Comment(id="c3", text="Third.", parent_id="c1"),
        ),
        quotes=(Quote(id="q1", text="Body", type="direct"),),
        input_kind="text",
    )
    document = read_path(_write(tmp_path, report.to_dict(), "report.json"))
    assert document.article == report.article
    # An inferred link is analysis, so it is dropped; a link the page had is input, so it stays.
    assert [(c.id, c.parent_id, c.stance) for c in document.comments] == [("c1", None, None), ("c2", None, None),
                                                                          ("c3", "c1", None)]
    assert document.input_kind == "text"


MALFORMED = {
    "truncated": '{"article": {"text": "An unfinished',
    "a list": "[]",
    "no article": '{"comments": []}',
    "article is a string": '{"article": "Ministers agree sale"}',
    "text is a number": '{"article": {"text": 5}}',
    "comments is an object": '{"article": {"text": "x"}, "comments": {"c1": "hello"}}',
    "a comment is a number": '{"article": {"text": "x"}, "comments": [5]}',
    "authors is a number": '{"article": {"text": "x", "authors": 5}}',
    "a report with a broken quote": '{"schema_version": "1.0", "article": {"text": "x"}, "quotes": [{"text": "a"}]}',
}


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_input_document_gives_one_line_and_exit_2(tmp_path, cli, content):
    path = _write(tmp_path, content)
    result = cli("analyze", str(path), "--no-store")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("newsaudit: error: ") and str(path) in lines[0]
    assert "Traceback" not in result.output


def test_a_report_dating_a_calendar_quarter_validates(tmp_path, cli):
    # "the third quarter of 2009" is dated 2009-Q3; the schema and docs/json.md allow that form
    text = ("Harbour Fares Rise\n\nThe harbour operator said on Monday that profits fell in the third quarter "
            "of 2009, when traffic dropped sharply.\n")
    page = _write(tmp_path, text, "page.txt")
    result = cli("analyze", str(page), "--no-store", "--format", "json", "--published", "2010-02-01")
    assert result.exit_code == 0, result.output
    dates = [e["date"] for e in json.loads(result.stdout)["timeline"]]
    assert "2009-Q3" in dates
