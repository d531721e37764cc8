"""The figures ledger. Expected values read off the sentences by hand."""

from __future__ import annotations

import pytest

from newsaudit.article.numbers import approximate_before, parse_number, parse_token

from _venezuela_page import article_analyzer, venezuela_document


@pytest.mark.parametrize(
    ("words", "value"),
    [(["9"], 9), (["1,500"], 1500), (["20.1"], 20.1), (["20", "million"], 2e7), (["1.4bn"], 1.4e9),
     (["two"], 2), (["twenty-five"], 25), (["two", "hundred"], 200), (["hundreds"], 100), (["many"], None)],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_parse_token_rejects_words():
    assert parse_token("troops") is None


@pytest.mark.parametrize(("prefix", "cue"), [("has spent about", "about"), ("owed more than", "more than"),
                                             ("sent", None), ("Russia has deployed around", "around")])
def test_approximators(prefix, cue):
    assert approximate_before(prefix) == cue


def ledger(make_doc, text):
    report = article_analyzer().analyze(make_doc(text, published="2019-05-14"))
    return [(f.text, f.value, f.value_max, f.unit, f.kind, f.approximate) for f in report.figures]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rosneft has spent about $9 billion on it.", [("about $9 billion", 9e9, None, "USD", "money", True)]),
        ("Russia sent around 100 troops to Caracas.", [("around 100 troops", 100, None, "troops", "count", True)]),
        ("He knew of between 120 and 140 Russian mercenaries.",
         [("between 120 and 140 Russian mercenaries", 120, 140, "mercenaries", "range", False)]),
        ("It has a stake in around 20 million tons of crude.",
         [("around 20 million tons", 2e7, None, "tons", "quantity", True)]),
        ("Sales rose 43% in February.", [("43%", 43, None, "%", "percent", False)]),
        ("Its share was 17 per cent.", [("17 per cent", 17, None, "%", "percent", False)]),
        ("He has over 20 years of experience.", [("over 20 years", 20, None, "years", "duration", True)]),
        ("The bill came to $5-6 billion.", [("$5-6 billion", 5e9, 6e9, "USD", "range", False)]),
        ("They paid 9.9 billion yuan.", [("9.9 billion yuan", 9.9e9, None, "CNY", "money", False)]),
    ],
)
def test_figures_in_sentences(make_doc, text, expected):
    assert ledger(make_doc, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["The US banned arms sales in 2006.", "It closed two years ago.", "One source said so.",
     "The Boeing 787 flew on May 3.", "They repaired the S300 missiles."],
)
def test_dates_names_and_single_units_are_not_figures(make_doc, text):
    assert ledger(make_doc, text) == []


@pytest.mark.model
def test_a_rise_to_a_target_is_two_figures_not_a_range(make_doc):
    got = ledger(make_doc, "Sales rose 43% to 1.4bn yuan.")
    assert [(g[0], g[4]) for g in got] == [("43%", "percent"), ("1.4bn yuan", "money")]


@pytest.mark.model
def test_venezuela_figures():
    report = article_analyzer().analyze(venezuela_document())
    body = {f.text: f for f in report.figures if f.caption_index is None}
    assert body["about $9 billion"].value == 9e9 and body["about $9 billion"].approximate
    assert body["around $3 billion"].value == 3e9
    assert body["$1 billion"].approximate is False
    troops = body["around 100 troops"]
    assert (troops.kind, troops.value, troops.unit, troops.approximate) == ("count", 100, "troops", True)
    assert report.article.text[troops.start:troops.end] == "around 100 troops"
    assert troops.source_id is None  # the paper's own voice: "On March 23 Russia sent around 100 troops"
    span = body["between 120 and 140 Russian mercenaries"]
    assert (span.kind, span.value, span.value_max) == ("range", 120, 140)
    assert body["around 20 million tons"].kind == "quantity"
    assert not any(f.text in ("2006", "2010") for f in report.figures)
    captions = [f for f in report.figures if f.caption_index is not None]
    assert [(f.text, f.start, f.end) for f in captions] == [("around 100 troops", 0, 0)]


@pytest.mark.model
def test_a_figure_inside_a_quote_carries_its_source(make_doc):
    text = '"We lost about 300 jobs last year," said John Smith, the mayor of Springfield.'
    report = article_analyzer().analyze(make_doc(text, published="2019-05-14"))
    if not report.quotes:
        pytest.skip("the quotes stage is not in this tree yet")
    fig = next(f for f in report.figures if f.unit == "jobs")
    quote = next(q for q in report.quotes if q.start <= fig.start < q.end)
    assert fig.source_id == quote.source_id is not None


@pytest.mark.model
def test_the_bundled_example_figures():
    from _venezuela_page import example_document

    report = article_analyzer().analyze(example_document())
    body = [(f.text, f.kind) for f in report.figures if f.caption_index is None]
    for item in [("around 300 workers", "count"), ("between 40 and 60 vessels", "range"),
                 ("for a decade", "duration"), ("as much as 12 per cent", "percent"),
                 ("2 million tonnes", "quantity"), ("three parts", "count")]:
        assert item in body
    assert sum(1 for text, _ in body if text == "$4.2 billion") == 2
    captions = [f.text for f in report.figures if f.caption_index is not None]
    assert "three countries" in captions and "around 300 workers" in captions  # no "CREDIT" as a unit
    okafor = next(f for f in report.figures if f.text == "2 million tonnes")
    assert okafor.source_id is not None  # inside Ms Okafor's quote


@pytest.mark.model
def test_dates_are_not_counts_even_without_a_publication_date(make_doc):
    report = article_analyzer().analyze(make_doc("During the failed April 30 uprising, 40 soldiers defected."))
    assert [(f.text, f.value) for f in report.figures] == [("40 soldiers", 40)]
