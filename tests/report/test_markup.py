"""The segment algorithm behind the marked-up article, and the spans taken from a report."""

from __future__ import annotations

import random

import pytest
from report_samples import TEXT, sample_report

from newsaudit.report.markup import Span, mark_up, report_spans, segments
from newsaudit.report.view import ReportView


def test_segments_cut_at_every_boundary_of_nested_and_overlapping_spans():
    # 0123456789
    # [quote   )      0-8
    #   [date)        2-5
    #      [hedge  )  5-10 (overlaps the quote's end)
    spans = [Span(0, 8, "quote", "q"), Span(2, 5, "date"), Span(5, 10, "hedged")]
    segs = segments(10, spans)
    assert [(s.start, s.end) for s in segs] == [(0, 2), (2, 5), (5, 8), (8, 10)]
    assert [tuple(x.kind for x in s.spans) for s in segs] == [
        ("quote",), ("quote", "date"), ("quote", "hedged"), ("hedged",)
    ]


def test_segments_clip_out_of_range_and_drop_empty_spans():
    segs = segments(5, [Span(-3, 2, "quote"), Span(4, 99, "date"), Span(3, 3, "figure"), Span(4, 1, "hedged")])
    assert [(s.start, s.end, [x.kind for x in s.spans]) for s in segs] == [
        (0, 2, ["quote"]), (2, 4, []), (4, 5, ["date"])
    ]


def test_segments_of_empty_text_are_empty():
    assert segments(0, [Span(0, 3, "quote")]) == []


def test_segments_match_a_brute_force_cover_on_random_spans():
    rng = random.Random(7)
    length = 60
    kinds = ["quote", "cue", "hedged", "date", "figure"]
    for _ in range(200):
        spans = []
        for i in range(rng.randint(0, 8)):
            a, b = sorted(rng.sample(range(-5, length + 5), 2))
            spans.append(Span(a, b, rng.choice(kinds), f"k{i}"))
        segs = segments(length, spans)
        assert segs[0].start == 0 and segs[-1].end == length
        assert all(x.end == y.start for x, y in zip(segs, segs[1:]))
        for seg in segs:
            for pos in range(seg.start, seg.end):
                want = {(s.kind, s.key) for s in spans if s.start <= pos < s.end}
                assert {(s.kind, s.key) for s in seg.spans} == want


def test_report_spans_cover_quotes_cues_hedges_dates_and_figures():
    report = sample_report()
    spans = report_spans(ReportView(report))
    by_kind = {}
    for s in spans:
        by_kind.setdefault(s.kind, []).append(TEXT[s.start:s.end])
    assert by_kind["quote"][0] == "The timbers are rotten and we cannot wait,"
    assert by_kind["cue"] == ["said"]
    assert "$4 million" in by_kind["figure"]
    assert sorted(by_kind["date"]) == ["2019", "March 3", "on Tuesday"]
    assert len(by_kind["hedged"]) == 2


def test_quote_note_names_speaker_cue_and_certainty():
    notes = {s.key: s.note for s in report_spans(ReportView(sample_report())) if s.kind == "quote"}
    assert "speaker: Ruth Okafor" in notes["q1"] and "cue: said" in notes["q1"]
    # q3 lies inside the hedged sentence, so its certainty is the sentence's
    assert "one council source (anonymous)" in notes["q3"] and "certainty: hedged" in notes["q3"]


@pytest.mark.parametrize("text", [TEXT, "<b>&amp;</b> \"x\" 'y'"])
def test_mark_up_keeps_every_character_of_the_text(text):
    import lxml.html

    report = sample_report() if text == TEXT else sample_report().__class__()
    if text != TEXT:
        from dataclasses import replace

        report = replace(report, article=replace(report.article, text=text))
    html = str(mark_up(ReportView(report)))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for sup in root.iter("sup"):  # the speaker tags are additions, not text
        sup.drop_tree()
    assert root.text_content() == text


def test_records_without_offsets_are_left_unmarked():
    from newsaudit.models import Quote, Report

    report = Report.from_dict({"id": "r", "article": {"text": "He said “hi”."},
                               "quotes": [{"id": "q1", "text": "hi", "type": "direct", "start": None, "end": None},
                                          {"id": "q2", "text": "hi", "type": "direct", "start": 9, "end": 11}]})
    assert isinstance(report.quotes[0], Quote)
    html = str(mark_up(ReportView(report)))
    assert html.count("<mark") == 1 and 'data-quote="q2"' in html


def test_a_long_article_is_marked_whole():
    from newsaudit.models import Article, Quote, Report, Statement

    sentence = "The minister said “we will act” and officials may agree. "
    text = sentence * 5000
    n = len(sentence)
    quotes = tuple(Quote(id=f"q{i}", text="we will act", type="direct", start=i * n + 19, end=i * n + 30)
                   for i in range(5000))
    statements = tuple(Statement(text=sentence, start=i * n, end=(i + 1) * n - 1, certainty="hedged", cues=("may",))
                       for i in range(5000))
    report = Report(id="big", article=Article(text=text), quotes=quotes, statements=statements)
    html = str(mark_up(ReportView(report)))  # its speed: benchmarks/pathological.py
    assert html.count('data-quote="q4999"') == 1
