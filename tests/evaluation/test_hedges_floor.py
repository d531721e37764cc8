"""Accuracy gate: sentence-level hedge detection on the fixed dev part of the CoNLL-2010 Wikipedia set."""

from __future__ import annotations

import json

import pytest

from shared_paths import DATA, need_shared

# Measured 2026-11-29 on the dev part (1475 sentences, 414 uncertain): F1 0.63 (see models/hedges.md).
F1_FLOOR = 0.62


@pytest.mark.eval
def test_hedges_floor(cli):
    data = need_shared(DATA / "wiki_weasel_uncertainty" / "wiki_weasel_train.csv")
    result = cli("eval", "hedges", "--data", str(data))
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["split"] == "dev" and scores["sentences"] > 1000
    assert scores["f1_uncertain"] >= F1_FLOOR


def test_eval_hedges_rejects_a_csv_without_labels(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("sentence\nhello\n", encoding="utf-8")
    result = cli("eval", "hedges", "--data", str(bad))
    assert result.exit_code == 6
