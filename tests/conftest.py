"""Shared fixtures. Real parts only: the real spaCy model, real DuckDB files, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared_paths import DATA, EXAMPLES, FIXTURES, ROOT, SHARED, VENEZUELA, need_shared  # noqa: F401


@pytest.fixture(scope="session")
def settings():
    from newsaudit.settings import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def analyzer(settings):
    """The full pipeline with the real spaCy model, built once per test run."""
    from newsaudit.pipeline import get_analyzer

    return get_analyzer(settings)


@pytest.fixture(scope="session")
def nlp(analyzer):
    return analyzer.nlp


@pytest.fixture
def make_doc():
    """Build a Document from a title, a body and optional comments by hand."""
    from newsaudit.models import Article, Comment, Document

    def _make(text: str, *, title: str = "", published: str | None = None, comments=()):
        built = tuple(
            c if isinstance(c, Comment) else Comment(id=f"c{i + 1}", **c) for i, c in enumerate(comments)
        )
        return Document(article=Article(title=title, text=text, published=published), comments=built)

    return _make


@pytest.fixture
def cli():
    """Run the real CLI in-process; returns click's Result."""
    from click.testing import CliRunner

    from newsaudit.cli import main

    runner = CliRunner()

    def _run(*args: str, input: str | bytes | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return _run


@pytest.fixture
def validate_report():
    """Check a report (record or dict) against the shipped JSON Schema."""
    from newsaudit.report.json import validate

    def _check(report):
        data = report if isinstance(report, dict) else report.to_dict()
        validate(json.loads(json.dumps(data)))
        return data

    return _check


@pytest.fixture(scope="session", autouse=True)
def _every_report_keeps_the_contract():
    """Every report any test builds is checked against the shipped JSON Schema as it is made."""
    from newsaudit.pipeline import REPORT_HOOKS
    from newsaudit.report.json import validate

    def _check(report) -> None:
        validate(json.loads(json.dumps(report.to_dict())))

    REPORT_HOOKS.append(_check)
    yield
    REPORT_HOOKS.remove(_check)
