"""Worst-case inputs that once took seconds: each is timed here, not in the tests.

A long comment with no sentence stop (the thread summary's question finder), a long post with
a negated fabrication cue in every sentence (the stance content rule), and a long article with
5,000 quotes and hedged sentences (the HTML mark-up). Each should take well under a second;
the tests check the same inputs give the right answer.

    .venv/bin/python benchmarks/pathological.py
"""

from __future__ import annotations

import json
import time


def timed(fn) -> float:  # noqa: ANN001
    started = time.perf_counter()
    fn()
    return round(time.perf_counter() - started, 4)


def main() -> None:
    from newsaudit.models import Article, Quote, Report, Statement
    from newsaudit.report.markup import mark_up
    from newsaudit.report.view import ReportView
    from newsaudit.thread.stance_model import calls_it_made_up
    from newsaudit.thread.summary import question_sentences

    sentence = "The minister said \u201cwe will act\u201d and officials may agree. "
    n = len(sentence)
    report = Report(
        id="big", article=Article(text=sentence * 5000),
        quotes=tuple(Quote(id=f"q{i}", text="we will act", type="direct", start=i * n + 19, end=i * n + 30)
                     for i in range(5000)),
        statements=tuple(Statement(text=sentence, start=i * n, end=(i + 1) * n - 1, certainty="hedged",
                                   cues=("may",)) for i in range(5000)),
    )
    print(json.dumps({
        "question_sentences_50kB_no_stop_s": timed(lambda: question_sentences("Why? " + "word " * 10000)),
        "calls_it_made_up_72kB_negated_s": timed(lambda: calls_it_made_up("It is not a hoax. " * 4000)),
        "mark_up_5000_quotes_s": timed(lambda: str(mark_up(ReportView(report)))),
    }))


if __name__ == "__main__":
    main()
