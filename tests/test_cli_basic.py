"""The command line on the bundled example: help, version, formats, output file, store switch, bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsaudit import __version__

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example-page.txt"


def _one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsaudit: error: ")
    return lines[0]


def test_help_lists_the_main_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for name in ("analyze", "history", "show", "eval"):
        assert name in result.output


def test_version_prints_the_package_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"newsaudit, version {__version__}"


@pytest.mark.model
def test_analyze_the_example_as_json_validates(cli, validate_report):
    result = cli("analyze", str(EXAMPLE), "--format", "json", "--no-store")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    validate_report(data)
    assert data["article"]["title"] == "Ministers Agree $4.2 Billion Sale Of Kessick Port To Foreign Consortium"
    assert data["input_kind"] == "text"


@pytest.mark.model
def test_output_file_gets_the_report_and_stdout_stays_empty(cli, tmp_path):
    out = tmp_path / "report.json"
    result = cli("analyze", str(EXAMPLE), "--format", "json", "-o", str(out), "--no-store")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text("utf-8"))["article"]["title"].startswith("Ministers Agree")


@pytest.mark.model
def test_no_store_writes_no_database(cli, tmp_path):
    db = tmp_path / "store.duckdb"
    result = cli("analyze", str(EXAMPLE), "--format", "json", "--db", str(db), "--no-store")
    assert result.exit_code == 0, result.stderr
    assert not db.exists()


@pytest.mark.model
def test_without_no_store_the_report_is_kept_in_the_named_database(cli, tmp_path):
    db = tmp_path / "store.duckdb"
    result = cli("analyze", str(EXAMPLE), "--format", "json", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    report_id = json.loads(result.stdout)["id"]
    listed = cli("history", "--db", str(db), "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    assert [row["id"] for row in json.loads(listed.stdout)] == [report_id]


@pytest.mark.model
def test_published_option_overrides_the_page_date(cli):
    result = cli("analyze", str(EXAMPLE), "--format", "json", "--no-store", "--published", "2023-03-20")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["published"] == "2023-03-20"


@pytest.mark.parametrize("value", ["14/03/2023", "yesterday", "2023-02-30", ""])
def test_a_bad_published_date_gives_one_line_and_exit_2(cli, value):
    result = cli("analyze", str(EXAMPLE), "--no-store", "--published", value)
    assert result.exit_code == 2
    line = _one_error_line(result)
    assert "--published" in line and "YYYY-MM-DD" in line


@pytest.mark.parametrize(
    "toml, named",
    [("[ingest]\nmax_megabytes = 3\n", "ingest.max_megabytes"), ("[colours]\ntitle = 'red'\n", "[colours]")],
    ids=["unknown key", "unknown section"],
)
def test_a_config_naming_an_unknown_setting_exits_7(cli, tmp_path, toml, named):
    config = tmp_path / "settings.toml"
    config.write_text(toml, "utf-8")
    result = cli("--config", str(config), "analyze", str(EXAMPLE), "--no-store")
    assert result.exit_code == 7
    line = _one_error_line(result)
    assert named in line and str(config) in line


def test_a_missing_input_file_gives_one_line_and_exit_2(cli, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = cli("analyze", str(missing), "--no-store")
    assert result.exit_code == 2
    assert str(missing) in _one_error_line(result)


@pytest.mark.model
def test_analyze_reads_the_example_from_stdin(cli):
    result = cli("analyze", "-", "--format", "json", "--no-store", input=EXAMPLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["origin"] == "<stdin>" and data["input_kind"] == "text"
    assert len(data["comments"]) == 19
