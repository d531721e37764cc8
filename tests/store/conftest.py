"""A small corpus of hand-built reports, so store and query tests do not depend on the analysis stages.

Every figure the query tests expect is counted by hand from these records.
"""

from __future__ import annotations

import hashlib

import pytest

from newsaudit.models import (
    Article,
    Civility,
    Comment,
    Figure,
    Headline,
    Quote,
    Report,
    Source,
    TimelineEvent,
)


def report(key: str, **fields) -> Report:
    """A report whose id and hash derive from ``key``, as the pipeline's derive from content."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    fields.setdefault("article", Article(title=key, text=f"Body of {key}."))
    return Report(id=digest[:16], content_hash=digest, created="2026-11-28T10:00:00+00:00",
                  input_kind="json", **fields)


def minister() -> Report:
    """Outlet example-times.com: one named and one anonymous source, a headline that outruns them."""
    return report(
        "minister",
        origin="/corpus/minister.json",
        article=Article(title="Minister to resign amid probe", site="example-times.com",
                        published="2024-05-03", text="The minister will resign, officials said."),
        sources=(
            Source(id="s1", name="Jane Doe", label="Jane Doe, the finance minister", role="official",
                   quote_ids=("q1", "q2")),
            Source(id="s2", name="a senior official", anonymous=True, role="official", quote_ids=("q3",)),
        ),
        quotes=(
            Quote(id="q1", text="I have done nothing wrong", type="direct", source_id="s1", cue="said", start=10, end=35),
            Quote(id="q2", text="she would cooperate with the inquiry", type="indirect", source_id="s1",
                  cue="said", start=40, end=76),
            Quote(id="q3", text="the minister will step down on Friday", type="indirect", source_id="s2",
                  cue="said", start=80, end=117),
        ),
        headline=Headline(claim="Minister to resign", outruns_sourcing=True,
                          reason="only an anonymous source supports the resignation"),
        figures=(Figure(text="$3 million", value=3_000_000.0, unit="USD", kind="money", source_id="s2",
                        start=120, end=130),),
        timeline=(TimelineEvent(date="2024-05-03", granularity="day", text="Friday", start=110, end=116),),
        comments=(
            Comment(id="c1", text="This is false.", stance="deny", civility=Civility(uncivil=False, score=0.1)),
            Comment(id="c2", text="Fake news, idiots.", stance="deny", civility=Civility(uncivil=True, score=0.9)),
            Comment(id="c3", text="About time.", stance="support", civility=Civility(uncivil=False, score=0.0)),
            Comment(id="c4", text="Who is next?", stance="query", civility=Civility(uncivil=False, score=0.0)),
        ),
    )


def budget() -> Report:
    """Same outlet: the same named minister, an anonymous group that is never quoted."""
    return report(
        "budget",
        origin="/corpus/budget.json",
        article=Article(title="Budget passes", site="example-times.com", published="2024-04-01",
                        text="The budget passed with 40 percent support."),
        sources=(
            Source(id="s1", name="Jane Doe", label="Jane Doe", role="official", quote_ids=("q1",)),
            Source(id="s2", name="people familiar with the matter", anonymous=True, role="unknown"),
        ),
        quotes=(Quote(id="q1", text="the budget is balanced", type="indirect", source_id="s1", cue="said",
                      start=5, end=27),),
        figures=(Figure(text="40 percent", value=40.0, unit="percent", kind="percent", start=30, end=40),),
        comments=(Comment(id="c1", text="Good.", stance="support"),),
    )


def storm() -> Report:
    """No site named: the outlet comes from the URL host. An expert, no comments."""
    return report(
        "storm",
        origin="https://www.dailyexample.org/storm",
        article=Article(title="Storm season forecast", url="https://www.dailyexample.org/storm",
                        published="2023-06-01", text="Forecasters expect a busy season."),
        sources=(Source(id="s1", name="John Roe", label="John Roe, a meteorologist", role="expert",
                        quote_ids=("q1",)),),
        quotes=(Quote(id="q1", text="It will be a busy year", type="direct", source_id="s1", cue="said",
                      start=0, end=22),),
        timeline=(TimelineEvent(date="2023", granularity="year", text="this year", start=30, end=39),),
    )


@pytest.fixture
def corpus() -> list[Report]:
    return [minister(), budget(), storm()]


@pytest.fixture
def filled_db(tmp_path, corpus):
    """A real DuckDB file holding the hand-built corpus."""
    from newsaudit.store import Store

    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        for r in corpus:
            store.save(r)
    return path
