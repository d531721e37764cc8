"""CSV export: four files a spreadsheet opens, one row per record, formulas defused."""

from __future__ import annotations

import csv

from report_samples import hostile_report, sample_report

from newsaudit.models import Comment
from newsaudit.report.csv_export import COLUMNS, export_csv


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_writes_four_files_with_a_row_per_record(tmp_path):
    counts = export_csv([sample_report(), hostile_report()], tmp_path / "out")
    assert counts == {"sources": 6, "quotes": 6, "statements": 6, "comments": 7}
    for table, columns in COLUMNS.items():
        path = tmp_path / "out" / f"{table}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
        rows = _read(path)
        assert list(rows[0]) == list(columns)
        assert len(rows) == counts[table]
    quotes = _read(tmp_path / "out" / "quotes.csv")
    q3 = next(r for r in quotes if r["quote_id"] == "q3" and r["report_id"] == "sample0000000001")
    assert q3["source_name"] == "one council source" and q3["anonymous"] == "True"
    assert q3["text"] == "The closure is reportedly linked to a failed inspection in 2019"
    comments = _read(tmp_path / "out" / "comments.csv")
    c3 = next(r for r in comments if r["comment_id"] == "c3")
    assert (c3["parent_id"], c3["parent_inferred"], c3["uncivil"], c3["civility_reasons"]) == ("c2", "True", "True", "idiot")


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(tmp_path):
    report = sample_report(comments=(
        Comment(id="c1", author="=HYPERLINK(\"http://evil\",\"x\")", text="+1 great"),
        Comment(id="c2", author="@SUM(A1)", text="-2+3"),
        Comment(id="c3", author="plain", text="a = b"),
    ))
    export_csv([report], tmp_path)
    rows = {r["comment_id"]: r for r in _read(tmp_path / "comments.csv")}
    assert rows["c1"]["author"].startswith("'=") and rows["c1"]["text"] == "'+1 great"
    assert rows["c2"]["author"] == "'@SUM(A1)" and rows["c2"]["text"] == "'-2+3"
    assert rows["c3"]["text"] == "a = b"


def test_newlines_and_quotes_in_text_survive_the_round_trip(tmp_path):
    report = sample_report(comments=(Comment(id="c1", text='line one\nline "two", with comma'),))
    export_csv([report], tmp_path)
    assert _read(tmp_path / "comments.csv")[0]["text"] == 'line one\nline "two", with comma'


def test_export_command_writes_stored_reports(tmp_path, cli):
    from newsaudit.store import Store

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.save(sample_report())
        store.save(hostile_report())
    result = cli("export", "sample0", "--csv", str(tmp_path / "one"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "1 reports" in result.output
    assert {r["report_id"] for r in _read(tmp_path / "one" / "sources.csv")} == {"sample0000000001"}
    result = cli("export", "--csv", str(tmp_path / "all"), "--db", str(db))
    assert result.exit_code == 0
    assert {r["report_id"] for r in _read(tmp_path / "all" / "quotes.csv")} == {"sample0000000001", "hostile000000001"}


def test_export_of_an_unknown_id_fails_before_writing(tmp_path):
    from click.testing import CliRunner

    from newsaudit.cli import main
    from newsaudit.store import Store

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.save(sample_report())
    result = CliRunner().invoke(main, ["export", "sample0", "nosuch", "--csv", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code == 5
    assert "nosuch" in result.output
    assert not (tmp_path / "out").exists()
