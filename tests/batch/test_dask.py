"""The Dask engine against a real LocalCluster: a scheduler and two single-threaded worker processes."""

from __future__ import annotations

import json

import pytest

from newsaudit.store import Store

from .test_batch import TOPICS, page

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_dask_local_cluster_runs_a_small_batch_into_the_store(cli, tmp_path):
    pytest.importorskip("distributed")
    path, db = tmp_path / "docs.jsonl", str(tmp_path / "store.duckdb")
    path.write_text("\n".join([page(t) for t in TOPICS[:4]] + ["{broken"]) + "\n", encoding="utf-8")
    result = cli("batch", str(path), "--db", db, "--engine", "dask", "--workers", "2", "--chunk-size", "1", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert (summary["done"], summary["failed"]) == (4, 1)
    with Store(db) as store:
        assert store.count() == 4
        assert sorted(r["title"] for r in store.history()) == sorted(f"Council approves new {t}" for t in TOPICS[:4])
