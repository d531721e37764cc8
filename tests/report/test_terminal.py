"""The terminal summary: content a journalist needs, colour only on a terminal, untrusted text inert."""

from __future__ import annotations

import dataclasses
import io

from report_samples import sample_report
from rich.console import Console

from newsaudit.models import Comment
from newsaudit.report.terminal import render


def _text(report, *, tty: bool = False, width: int = 200) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=tty, color_system="standard" if tty else None)
    render(report, console)
    return buf.getvalue()


def test_summary_shows_headline_roster_claims_timeline_figures_and_stance():
    out = _text(sample_report())
    assert out.splitlines()[0] == "Harbour council to close the old pier"
    assert "Marlow Gazette" in out
    assert "Claim: Harbour council will close the old pier" in out
    lines = out.splitlines()
    okafor = next(line for line in lines if line.startswith("Ruth Okafor"))
    assert "named" in okafor and "official" in okafor
    council = next(line for line in lines if line.startswith("one council source"))
    assert "anonymous" in council
    assert "Hedged and anonymous-only claims (2)" in out
    assert "The closure is reportedly linked" in out and "(cues: reportedly)" in out
    assert "2026-03-03" in out and "March 3" in out
    assert "$4 million" in out and "4,000,000 USD" in out
    support = next(line for line in lines if line.strip().startswith("support"))
    assert support.strip().endswith("2 (40%)")
    assert "1 uncivil · 1 off topic · 2 replies (1 inferred)" in out


def test_plain_when_piped_and_coloured_on_a_terminal():
    assert "\x1b[" not in _text(sample_report(), tty=False)
    assert "\x1b[" in _text(sample_report(), tty=True)


def test_brackets_and_control_characters_in_comments_do_nothing():
    report = sample_report(comments=(Comment(id="c1", text="x", stance="deny"),))
    report = dataclasses.replace(
        report,
        article=dataclasses.replace(report.article, title="[bold red]Loud[/] \x1b[2Jcleared"),
        thread={"note": "[link=https://evil.example]click[/link]"},
    )
    out = _text(report, tty=True)
    assert "[bold red]Loud[/]" in out
    assert "[link=https://evil.example]click[/link]" in out
    assert "\x1b[2J" not in out
    assert "\x1b]8;" not in out  # no hyperlink escape was made from the comment


def test_long_lists_are_cut_with_a_count_of_the_rest():
    report = sample_report()
    many = tuple(dataclasses.replace(report.statements[1]) for _ in range(11))
    out = _text(dataclasses.replace(report, statements=many))
    assert "Hedged and anonymous-only claims (11)" in out
    assert "… and 3 more claims" in out


def test_empty_report_says_what_is_missing():
    from newsaudit.models import Article, Report

    out = _text(Report(id="e", article=Article(text="One two three.")))
    assert "(untitled)" in out and "3 words" in out
    assert "no sources found" in out and "no comments" in out and "Headline not checked" in out
