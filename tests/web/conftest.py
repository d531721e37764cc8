"""Fixtures for the web app: a real DuckDB file in tmp_path, the app through its test client."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SAMPLES = Path(__file__).resolve().parents[1] / "report" / "report_samples.py"


def _samples():
    """The hand-built reports of tests/report, shared rather than copied."""
    if "report_samples" not in sys.modules:
        spec = importlib.util.spec_from_file_location("report_samples", _SAMPLES)
        module = importlib.util.module_from_spec(spec)
        sys.modules["report_samples"] = module
        spec.loader.exec_module(module)
    return sys.modules["report_samples"]


@pytest.fixture
def samples():
    return _samples()


@pytest.fixture
def db_path(tmp_path, samples):
    """A store holding the sample report and the hostile one."""
    from newsaudit.store import Store

    path = tmp_path / "web.duckdb"
    with Store(path) as store:
        store.save(samples.sample_report())
        store.save(samples.hostile_report())
    return path


@pytest.fixture
def make_client(settings):
    """A test client over a fresh app; ``changes`` are Settings.replace() keywords."""
    from fastapi.testclient import TestClient

    from newsaudit.web import create_app

    def _make(db, *, allow_private_urls: bool = False, **changes):
        app = create_app(settings.replace(**changes) if changes else settings, db, allow_private_urls)
        return TestClient(app, raise_server_exceptions=False)

    return _make


@pytest.fixture
def client(make_client, db_path):
    with make_client(db_path) as c:
        yield c


@pytest.fixture
def stored_ids():
    """The report ids in a store file, read with a connection of its own."""
    from newsaudit.store import Store

    def _ids(db) -> list[str]:
        with Store(db, read_only=True) as store:
            return [r["id"] for r in store.rows("SELECT id FROM reports ORDER BY id")]

    return _ids
