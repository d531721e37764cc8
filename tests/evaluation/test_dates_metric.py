"""The date metric's agreement rule (evaluation/dates.py), checked on values written by hand."""

from __future__ import annotations

import pytest

from newsaudit.evaluation.dates import agrees, gold_granularity


@pytest.mark.parametrize(
    ("ours", "gran", "gold", "expected"),
    [
        ("2009-03-04", "day", "2009-03-XX", True),   # finer than the gold month, inside it
        ("2009-03", "month", "2009-03-04", False),   # coarser than the gold day
        ("2009-Q3", "quarter", "2009-XX-XX", True),  # a quarter of the gold year
        ("2009-Q3", "quarter", "2009-07-XX", False),  # a quarter is not a month
        ("2009-Q3", "quarter", "2009-07-01", False),
        ("2009-W19", "week", "2009-XX-XX", False),   # weeks never agree (their text is not a date's)
    ],
)
def test_agreement_by_granularity(ours, gran, gold, expected):
    assert agrees(ours, gran, gold_granularity(gold)) is expected
