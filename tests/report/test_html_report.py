"""The self-contained HTML report: content, mark-up, offline-ness, and escaping of untrusted text."""

from __future__ import annotations

import lxml.html
import pytest
from report_samples import IMG, SCRIPT, hostile_report, sample_report

from newsaudit.report.html import render_html, safe_href


@pytest.fixture(scope="module")
def page():
    return lxml.html.document_fromstring(render_html(sample_report()))


def test_roster_lists_every_source_with_named_or_anonymous(page):
    rows = page.cssselect("table.roster tbody tr")
    got = {r.cssselect(".name")[0].text_content(): r.cssselect("td")[2].text_content() for r in rows}
    assert got == {"Ruth Okafor": "named", "one council source": "anonymous",
                   "a person familiar with the plans": "anonymous"}
    # most quoted words first: the mayor's two quotes (8 + 7 words) beat the council source's 11
    assert rows[0].cssselect(".name")[0].text_content() == "Ruth Okafor"


def test_every_quote_is_marked_with_its_source_colour_and_a_hover_note(page):
    marks = page.cssselect("div.article-text mark.quote")
    by_quote = {}
    for m in marks:
        by_quote.setdefault(m.get("data-quote"), []).append(m)
    assert set(by_quote) == {"q1", "q2", "q3"}
    q1 = by_quote["q1"][0]
    assert q1.text_content() == "The timbers are rotten and we cannot wait,"
    assert "src-0" in q1.get("class").split()
    assert "speaker: Ruth Okafor" in q1.get("title") and "cue: said" in q1.get("title")
    # the anonymous source's quote is flagged as such, in class and hover text
    q3 = by_quote["q3"][0]
    assert "anon" in q3.get("class").split() and "(anonymous)" in q3.get("title")
    assert "".join(m.text_content() for m in by_quote["q2"]) == "It will cost $4 million to rebuild."


def test_hedged_sentences_dates_and_figures_are_highlighted(page):
    text = page.cssselect("div.article-text")[0]
    hedged = "".join(e.text_content() for e in text.cssselect(".hedged"))
    assert "Engineers may recommend demolition" in hedged
    assert {e.text_content() for e in text.cssselect(".date")} == {"March 3", "on Tuesday", "2019"}
    fig = text.cssselect(".figure")
    assert [e.text_content() for e in fig] == ["$4 million"]
    assert "Ruth Okafor" in fig[0].get("title")  # the source who asserts it


def test_headline_panel_ranks_evidence_and_gives_a_verdict(page):
    rows = page.cssselect("#headline table.evidence tbody tr")
    assert [r.cssselect("td")[1].text_content() for r in rows] == ["0.91", "0.35"]
    assert "carried by the body" in page.cssselect("#headline .verdict")[0].text_content()


def test_headline_that_outruns_its_sourcing_says_so_with_the_reason():
    import dataclasses

    report = sample_report()
    report = dataclasses.replace(report, headline=dataclasses.replace(
        report.headline, outruns_sourcing=True, reason="stated as fact; the body only hedges it"))
    page = lxml.html.document_fromstring(render_html(report))
    panel = page.cssselect("#headline")[0]
    assert "outruns" in panel.get("class").split()
    assert "the body only hedges it" in panel.text_content()


def test_thread_nests_replies_and_draws_inferred_links_differently(page):
    items = page.cssselect("ol.comments li.comment")
    assert [i.get("data-comment") for i in items] == ["c1", "c2", "c3", "c4", "c5"]
    classes = {i.get("data-comment"): i.get("class").split() for i in items}
    assert "depth-0" in classes["c1"] and "depth-1" in classes["c2"] and "depth-2" in classes["c3"]
    assert "depth-0" in classes["c4"]
    assert "inferred" in classes["c3"] and "inferred" not in classes["c2"]
    assert "uncivil" in classes["c3"]
    badges = {i.get("data-comment"): [b.text_content() for b in i.cssselect(".badge")] for i in items}
    assert badges["c4"] == ["deny"] and badges["c5"] == ["comment", "off topic"]


def test_stance_and_sourcing_charts_are_inline_svg_with_the_counts(page):
    bars = {g.get("data-label"): int(g.get("data-value")) for g in page.cssselect("svg.stance-chart g.bar")}
    assert bars == {"support": 2, "deny": 1, "query": 1, "comment": 1}
    mix = {g.get("data-label"): int(g.get("data-value")) for g in page.cssselect("svg.sourcing-chart g.bar")}
    assert mix == {"named": 1, "anonymous": 2}


def test_the_file_is_self_contained(page):
    assert not page.cssselect("script, link, iframe, img, object, embed")
    for el in page.iter():
        for attr in ("src", "href"):
            value = el.get(attr)
            if value is not None:
                assert value.startswith(("#", "https://gazette.example")), (el.tag, value)
    csp = page.cssselect('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in csp


def test_untrusted_markup_in_title_body_names_and_comments_is_never_live():
    html = render_html(hostile_report())
    page = lxml.html.document_fromstring(html)
    assert page.cssselect("script") == []
    assert page.cssselect("img") == []
    for el in page.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, dict(el.attrib))
        assert not (el.get("href") or "").lower().startswith("javascript:")
    # the text is still there, shown as text
    assert SCRIPT in page.cssselect("h1.title")[0].text_content()
    assert IMG in page.cssselect("ol.comments")[0].text_content()
    assert SCRIPT in page.cssselect("div.article-text")[0].text_content()
    assert "&lt;script&gt;" in html
    # the comment whose id tried to break out of its attribute keeps it as a value
    ids = [li.get("data-comment") for li in page.cssselect("li.comment")]
    assert 'c2" onmouseover="alert(2)' in ids


def test_untrusted_markup_survives_a_real_html5_parser_too():
    """lxml's parser is lenient; Python's html.parser tokenises like a browser would."""
    from html.parser import HTMLParser

    seen: list[tuple[str, list]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, attrs))

    Collect().feed(render_html(hostile_report()))
    assert "script" not in {t for t, _ in seen} and "img" not in {t for t, _ in seen}
    assert not [(t, a) for t, attrs in seen for a, _ in attrs if a.startswith("on")]


@pytest.mark.parametrize("url, want", [
    ("https://example.org/a", "https://example.org/a"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,hi", None),
    (None, None),
])
def test_safe_href_allows_only_http_links(url, want):
    assert safe_href(url) == want


def test_an_empty_report_renders_with_empty_sections():
    from newsaudit.models import Article, Report

    page = lxml.html.document_fromstring(render_html(Report(id="e", article=Article(text="Just text."))))
    assert page.cssselect("h1.title")[0].text_content() == "(untitled)"
    assert page.cssselect("div.article-text")[0].text_content() == "Just text."
    assert "No sources found." in page.text_content()


def test_undated_sentences_are_listed_apart_and_not_marked_as_dates():
    import dataclasses

    from newsaudit.models import TimelineEvent

    report = sample_report()
    text = report.article.text
    start = text.index("Engineers may")
    undated = TimelineEvent(date="2026-02-24", granularity="day", text="", start=start, end=len(text),
                            sentence=text[start:], inferred=True)
    page = lxml.html.document_fromstring(render_html(dataclasses.replace(report, timeline=(*report.timeline, undated))))
    assert {e.text_content() for e in page.cssselect("div.article-text .date")} == {"March 3", "on Tuesday", "2019"}
    assert len(page.cssselect("table.timeline tbody tr")) == 3
    details = page.cssselect("details.undated")[0]
    assert details.cssselect("summary")[0].text_content().startswith("1 sentences")
    assert "Engineers may recommend demolition" in details.text_content()


def test_caption_records_are_not_marked_in_the_body():
    import dataclasses

    from newsaudit.models import Figure, Statement

    report = sample_report()
    report = dataclasses.replace(
        report,
        statements=(Statement(text="The old pier", start=0, end=12, certainty="hedged", caption_index=0),),
        figures=(Figure(text="one", value=1, start=0, end=12, caption_index=0),),
    )
    page = lxml.html.document_fromstring(render_html(report))
    body = page.cssselect("div.article-text")[0]
    assert body.cssselect(".hedged") == [] and body.cssselect(".figure") == []


def test_a_hostile_question_sentence_is_shown_as_text():
    import dataclasses

    report = sample_report()
    asks = [f"Who wrote {SCRIPT}?"]
    report = dataclasses.replace(report, thread={"questions": [{"id": "c2", "author": None, "text": "", "asks": asks}]})
    html = render_html(report)
    page = lxml.html.document_fromstring(html)
    assert page.cssselect("script") == []
    assert f"Who wrote {SCRIPT}?" in page.cssselect("ul.questions")[0].text_content()


def test_a_carried_headline_says_what_the_claim_rests_on():
    import dataclasses

    from newsaudit.report.html import verdict

    report = sample_report()
    headline = dataclasses.replace(report.headline, outruns_sourcing=False, reason=None, frame="reports",
                                   backing={"own_voice": 1, "named": 0, "anonymous_only": 2, "unknown_source": 0,
                                            "hedged": 1, "disputing": 0})
    v = verdict(dataclasses.replace(report, headline=headline))
    assert v["title"] == "The headline's claim is carried by the body"
    assert v["detail"] == ("The headline itself presents the claim as reports. The sentences bearing on it: "
                           "1 in the paper's own voice, no source; 2 from anonymous sources only; 1 hedged.")
