"""Half a UTF-16 pair escaped alone in JSON ("\\ud83d") is read as U+FFFD, never kept as a lone
surrogate that would break hashing, storing or printing the text later."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsaudit.cli import main
from newsaudit.errors import InputError
from newsaudit.ingest.decode import load_json, mend_surrogates
from newsaudit.store import open_store


def test_lone_halves_become_replacement_characters_and_pairs_stay_whole():
    raw = '{"a": ["x\\ud83dy", {"\\udc00k": "ok \\ud83d\\ude00"}], "n": 3}'
    assert load_json(raw, origin="t") == {"a": ["x\ufffdy", {"\ufffdk": "ok \U0001F600"}], "n": 3}


def test_text_without_surrogates_is_returned_as_parsed():
    data = {"a": ["plain", {"b": "é 😀"}]}
    assert mend_surrogates(data) == data


def test_malformed_json_is_still_one_input_error():
    with pytest.raises(InputError, match="malformed JSON at line 1"):
        load_json('{"a": "\\ud83d', origin="t")


@pytest.mark.model
def test_a_report_with_lone_surrogates_is_analysed_and_stored(tmp_path):
    page = {"article": {"title": "Harbour fares rise \ud83d",
                        "text": "Fares on the harbour ferry will rise by 8 percent in June, the operator said \ud83d on Monday."},
            "comments": [{"id": "a", "text": "Nonsense \ud83d, they made it up."}]}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page), encoding="utf-8")  # json.dumps writes the lone half as \ud83d
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(main, ["analyze", str(path), "--db", str(db), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["article"]["title"] == "Harbour fares rise \ufffd"
    assert report["comments"][0]["text"] == "Nonsense \ufffd, they made it up."
    with open_store(db, read_only=True) as store:
        assert len(store.history(limit=5)) == 1
