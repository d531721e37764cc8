"""Reports built by hand for the rendering tests: every offset is found in the text itself.

The article is fictional and written for these tests. ``sample_report()`` exercises
every section (named and anonymous sources, a quote holding a date and a figure, a
hedged sentence overlapping a quote, nested and inferred replies); ``hostile_report()``
puts live-looking markup in every untrusted field.
"""

from __future__ import annotations

from newsaudit.models import (
    Article,
    Civility,
    Comment,
    Evidence,
    Figure,
    Headline,
    Mention,
    Quote,
    Report,
    Source,
    Statement,
    TimelineEvent,
)

TEXT = (
    "Harbour Council Will Close The Old Pier, Officials Say\n\n"
    "The old pier in Marlow Bay will close on March 3, the council said on Tuesday.\n\n"
    "\u201cThe timbers are rotten and we cannot wait,\u201d said Mayor Ruth Okafor. "
    "\u201cIt will cost $4 million to rebuild.\u201d\n\n"
    "The closure is reportedly linked to a failed inspection in 2019, one council source said.\n\n"
    "Engineers may recommend demolition, according to a person familiar with the plans."
)


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def sample_report(*, title: str = "Harbour council to close the old pier", text: str = TEXT,
                  comments: tuple[Comment, ...] | None = None, report_id: str = "sample0000000001") -> Report:
    q1 = _at(text, "The timbers are rotten and we cannot wait,")
    q2 = _at(text, "It will cost $4 million to rebuild.")
    q3 = _at(text, "The closure is reportedly linked to a failed inspection in 2019")
    cue1 = _at(text, "said", q1[1])
    mayor = _at(text, "Mayor Ruth Okafor")
    council_src = _at(text, "one council source")
    person = _at(text, "a person familiar with the plans")
    hedge_sentence = _at(text, "The closure is reportedly linked to a failed inspection in 2019, one council source said.")
    hedge2 = _at(text, "Engineers may recommend demolition, according to a person familiar with the plans.")
    first = _at(text, "The old pier in Marlow Bay will close on March 3, the council said on Tuesday.")
    sources = (
        Source(id="s1", name="Ruth Okafor", label="Mayor Ruth Okafor", role="official",
               mentions=(Mention(text="Mayor Ruth Okafor", start=mayor[0], end=mayor[1]),),
               role_evidence=("title: Mayor",), quote_ids=("q1", "q2")),
        Source(id="s2", name="one council source", label="one council source", anonymous=True, role="official",
               mentions=(Mention(text="one council source", start=council_src[0], end=council_src[1]),),
               quote_ids=("q3",)),
        Source(id="s3", name="a person familiar with the plans", anonymous=True, role="unknown",
               mentions=(Mention(text="a person familiar with the plans", start=person[0], end=person[1]),)),
    )
    quotes = (
        Quote(id="q1", text=text[q1[0]:q1[1]], type="direct", source_id="s1", cue="said",
              start=q1[0], end=q1[1], speaker="Mayor Ruth Okafor", cue_start=cue1[0], cue_end=cue1[1]),
        Quote(id="q2", text=text[q2[0]:q2[1]], type="direct", source_id="s1", cue="said",
              start=q2[0], end=q2[1], speaker="Mayor Ruth Okafor"),
        Quote(id="q3", text=text[q3[0]:q3[1]], type="indirect", source_id="s2", cue="said",
              start=q3[0], end=q3[1], speaker="one council source"),
    )
    statements = (
        Statement(text=text[first[0]:first[1]], start=first[0], end=first[1], certainty="attributed"),
        Statement(text=text[hedge_sentence[0]:hedge_sentence[1]], start=hedge_sentence[0], end=hedge_sentence[1],
                  certainty="hedged", cues=("reportedly",), source_ids=("s2",), anonymous_only=True),
        Statement(text=text[hedge2[0]:hedge2[1]], start=hedge2[0], end=hedge2[1], certainty="hedged",
                  cues=("may", "according to"), source_ids=("s3",), anonymous_only=True),
    )
    march = _at(text, "March 3")
    tuesday = _at(text, "on Tuesday")
    y2019 = _at(text, "2019")
    money = _at(text, "$4 million")
    headline = Headline(
        claim="Harbour council will close the old pier",
        evidence=(
            Evidence(text=text[first[0]:first[1]], start=first[0], end=first[1], score=0.91,
                     certainty="attributed", relation="agree"),
            Evidence(text=text[hedge2[0]:hedge2[1]], start=hedge2[0], end=hedge2[1], score=0.35,
                     certainty="hedged", source_ids=("s3",), relation="discuss"),
        ),
        outruns_sourcing=False,
    )
    if comments is None:
        comments = (
            Comment(id="c1", author="Tidewatcher", text="About time. The pier has been unsafe for years.",
                    stance="support", civility=Civility(uncivil=False, score=0.05), on_topic=True),
            Comment(id="c2", author="Gull", text="Who says it is rotten? Has anyone seen the inspection?",
                    parent_id="c1", stance="query", civility=Civility(uncivil=False, score=0.1), on_topic=True),
            Comment(id="c3", author="Ferryman", text="You are an idiot, Gull. Read the article.",
                    parent_id="c2", parent_inferred=True, parent_confidence=0.8, stance="support",
                    civility=Civility(uncivil=True, score=0.92, reasons=("idiot",)), on_topic=True),
            Comment(id="c4", author="Landlubber", text="This is made up. The council lies.",
                    stance="deny", civility=Civility(uncivil=False, score=0.3), on_topic=True),
            Comment(id="c5", author=None, text="Anyone watching the football tonight?",
                    stance="comment", on_topic=False),
        )
    return Report(
        id=report_id,
        content_hash=report_id * 4,
        created="2026-11-29T01:00:00+00:00",
        generator="newsaudit test",
        input_kind="text",
        origin="samples.py",
        article=Article(title=title, site="Marlow Gazette", published="2026-02-24", authors=("Ann Reed",),
                        url="https://gazette.example/pier", text=text, captions=("The old pier CREDIT: Gazette",)),
        sources=sources,
        quotes=quotes,
        statements=statements,
        headline=headline,
        timeline=(
            TimelineEvent(date="2019", granularity="year", text="2019", start=y2019[0], end=y2019[1]),
            TimelineEvent(date="2026-02-24", granularity="day", text="on Tuesday", start=tuesday[0], end=tuesday[1]),
            TimelineEvent(date="2026-03-03", granularity="day", text="March 3", start=march[0], end=march[1],
                          sentence=text[first[0]:first[1]], actors=("council",)),
        ),
        figures=(
            Figure(text="$4 million", value=4_000_000.0, unit="USD", source_id="s1", start=money[0], end=money[1],
                   kind="money"),
        ),
        comments=comments,
        thread={"n_comments": len(comments), "share_uncivil": 0.2, "questions": ["c2"]},
        sourcing={"n_sources": 3, "share_anonymous": 2 / 3},
    )


SCRIPT = '<script>alert("pwned")</script>'
IMG = '<img src=x onerror="alert(1)">'


def hostile_report() -> Report:
    """Markup that would run if anything were printed unescaped: title, body, names, comments."""
    text = TEXT.replace("on Tuesday.\n", f"on Tuesday. {SCRIPT}\n") + f"\n\n{IMG} and [link](javascript:alert(1))"
    report = sample_report(title=f"Pier {SCRIPT} {IMG}", text=text, comments=(
        Comment(id="c1", author=f"troll {IMG}", text=f"hello {SCRIPT} {IMG} **bold** | cell",
                stance="deny", civility=Civility(uncivil=True, score=0.9, reasons=(SCRIPT,))),
        Comment(id="c2\" onmouseover=\"alert(2)", author="x", text="reply", parent_id="c1", stance="comment"),
    ), report_id="hostile000000001")
    import dataclasses

    src = dataclasses.replace(report.sources[0], name=f"Ruth {IMG}", label=f"Mayor {SCRIPT}")
    article = dataclasses.replace(report.article, url="javascript:alert(1)", site=f"site {IMG}")
    return dataclasses.replace(report, sources=(src, *report.sources[1:]), article=article,
                               thread={"note": SCRIPT})
