"""The pipeline: stage order is checked, reports validate, empty analyses are lists not missing keys."""

from __future__ import annotations

import pytest

from newsaudit.errors import NewsauditError
from newsaudit.pipeline import Stage, check_order

CONTRACT = {
    "article": {"title", "url", "site", "published", "authors", "text", "captions"},
    "sources": None, "quotes": None, "statements": None, "headline": {"claim", "evidence", "outruns_sourcing"},
    "timeline": None, "figures": None, "comments": None, "thread": None, "diagnostics": None,
}


def test_check_order_rejects_a_stage_before_what_it_needs():
    first = Stage(name="b", func=lambda ctx: None, requires=("quotes",))
    second = Stage(name="a", func=lambda ctx: None, assigns=("quotes",))
    with pytest.raises(NewsauditError, match="needs"):
        check_order([first, second])
    check_order([second, first])


@pytest.mark.model
def test_report_has_every_contract_key_and_validates(analyzer, make_doc, validate_report):
    report = analyzer.analyze(make_doc("The mayor said the bridge would reopen on Monday.", title="Bridge"))
    data = validate_report(report)
    for key, inner in CONTRACT.items():
        assert key in data
        if inner:
            assert inner <= set(data[key])
    assert isinstance(data["quotes"], list)


@pytest.mark.model
def test_same_content_gets_the_same_id(analyzer, make_doc):
    a = analyzer.analyze(make_doc("Text one.", title="T"))
    b = analyzer.analyze(make_doc("Text one.", title="T"))
    c = analyzer.analyze(make_doc("Text two.", title="T"))
    assert a.id == b.id != c.id
