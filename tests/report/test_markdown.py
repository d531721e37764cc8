"""The Markdown report: same sections as the HTML one, and inert when rendered by a real Markdown parser."""

from __future__ import annotations

import lxml.html
import pytest
from markdown_it import MarkdownIt
from report_samples import IMG, SCRIPT, hostile_report, sample_report

from newsaudit.report.markdown import md_escape, render_markdown


def _html(md: str):
    # CommonMark with raw HTML allowed, the way GitHub-like renderers treat it before sanitising
    return lxml.html.document_fromstring(MarkdownIt("commonmark", {"html": True}).enable("table").render(md))


def test_markdown_has_every_section_in_order():
    md = render_markdown(sample_report())
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == ["## Headline check", "## Source roster", "## Quotes", "## Hedged and anonymous-only claims",
                     "## Timeline", "## Figures ledger", "## Reader thread", "## Article"]


def test_markdown_roster_and_quotes_render_as_tables():
    page = _html(render_markdown(sample_report()))
    tables = page.cssselect("table")
    roster = next(t for t in tables if "quoted words" in t.text_content())
    rows = [[td.text_content() for td in tr.cssselect("td")] for tr in roster.cssselect("tbody tr")]
    assert rows[0][:3] == ["Ruth Okafor", "named", "official"]
    assert rows[1][:2] == ["one council source", "anonymous"]


def test_markdown_article_bolds_each_quote_and_names_its_speaker():
    page = _html(render_markdown(sample_report()))
    bold = [b.text_content() for b in page.cssselect("p strong")]
    assert "The timbers are rotten and we cannot wait," in bold
    assert "The closure is reportedly linked to a failed inspection in 2019" in bold
    italics = [i.text_content() for i in page.cssselect("p em")]
    assert "(one council source, anonymous)" in italics


def test_markdown_thread_nests_replies():
    page = _html(render_markdown(sample_report()))
    ferryman = next(li for li in page.cssselect("li") if li.text_content().startswith("Ferryman"))
    # Ferryman replies to Gull who replies to Tidewatcher: two list levels deep
    assert len([a for a in ferryman.iterancestors("li")]) == 2
    assert "(inferred)" in ferryman.text_content()


def test_untrusted_text_stays_text_in_rendered_markdown():
    md = render_markdown(hostile_report())
    page = _html(md)
    assert page.cssselect("script, img, a[href^=javascript]") == []
    for el in page.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")]
    text = page.text_content()
    assert SCRIPT in text and IMG in text
    assert "**bold**" in text  # the comment's own asterisks are shown, not applied
    assert "[link](javascript:alert(1))" in text


@pytest.mark.parametrize("raw, shown", [
    ("# not a heading", "# not a heading"),
    ("- not a list", "- not a list"),
    ("1. not a list", "1. not a list"),
    ("> not a quote", "> not a quote"),
    ("![img](x.png)", "![img](x.png)"),
    ("a | b", "a | b"),
    ("&lt; stays literal", "&lt; stays literal"),
])
def test_md_escape_makes_markdown_syntax_literal(raw, shown):
    from newsaudit.models import Article, Report

    page = _html(render_markdown(Report(id="r", article=Article(title=raw, text=raw))))
    assert page.cssselect("h1")[0].text_content() == shown
    article_paras = [p.text_content() for p in page.cssselect("p")]
    assert shown in article_paras  # the body paragraph did not become a list, heading or quote
    assert md_escape("a\n\nb") == "a b"
