"""The command line: thin click commands over library functions.

Exit codes: 0 success; 1 an unexpected newsaudit error; 2 bad input; 3 a URL
could not be fetched; 4 the store could not be written; 5 not found;
6 an evaluation could not run or fell below its floor; 7 bad settings.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import NewsauditError
from .settings import Settings, load_settings


class Group(click.Group):
    """A click group that turns newsaudit errors into one line on stderr."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except NewsauditError as exc:
            fail(exc)
        except KeyboardInterrupt:
            click.echo("newsaudit: interrupted", err=True)
            sys.exit(130)


def fail(exc: NewsauditError) -> None:
    """One line on stderr, whatever the message held, then the error's exit code."""
    message = " ".join(str(exc).split())
    click.echo(f"newsaudit: error: {message}", err=True)
    sys.exit(exc.exit_code)


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsaudit")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings TOML overriding the defaults.")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """Audit a news report and its reader thread: who says what, how sure the text is, how readers respond."""
    ctx.ensure_object(dict)
    try:
        ctx.obj["settings"] = load_settings(config)
    except NewsauditError as exc:
        fail(exc)


def db_option(f):  # noqa: ANN001, ANN201
    return click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")(f)


def _render(report, fmt: str) -> str | None:  # noqa: ANN001
    """The report in a file format, or None for the terminal summary."""
    if fmt == "json":
        from .report.json import to_json

        return to_json(report) + "\n"
    if fmt == "md":
        from .report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from .report.html import render_html

        return render_html(report)
    return None


def _print_summary(report, output: str | None) -> None:  # noqa: ANN001
    from rich.console import Console

    from .report.terminal import render

    if output:
        with open(output, "w", encoding="utf-8") as fh:
            render(report, Console(file=fh, width=100, no_color=True, force_terminal=False))
    else:
        render(report, Console(highlight=False))


class _NoStatus:
    def update(self, message: str) -> None:
        pass


@contextlib.contextmanager
def _progress(message: str):  # noqa: ANN202
    """A spinner on stderr while long work runs, only when stderr is a terminal (never in pipes or logs)."""
    from rich.console import Console

    err = Console(stderr=True)
    if not err.is_terminal:
        yield _NoStatus()
        return
    with err.status(message) as status:
        yield status


@main.command()
@click.argument("input", metavar="INPUT")
@click.option("--comments", "comments", metavar="FILE", help="A separate comment export (Disqus, WXR, Reddit, HN, JSON).")
@click.option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD) to resolve relative dates against.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@db_option
@click.option("--no-store", is_flag=True, help="Do not save the analysis in the store.")
@click.pass_context
def analyze(ctx: click.Context, input: str, comments: str | None, published: str | None, fmt: str,
            output: str | None, db: str | None, no_store: bool) -> None:
    """Analyse one page, file, URL or - (stdin) and print or save the report."""
    from .ingest import read_input
    from .ingest.dates import parse_published
    from .pipeline import get_analyzer

    # The private-address guard protects a server from its users (the web app keeps it on);
    # someone at their own terminal may fetch their own intranet.
    settings = _settings(ctx).replace(ingest__allow_private_urls=True)
    if published is not None:
        settings = settings.replace(published=parse_published(published, source="--published"))
    with _progress("Reading the input…") as status:
        document = read_input(input, settings=settings, comments=comments)
        status.update("Loading the language model…")
        analyzer = get_analyzer(settings)
        status.update(f"Analysing {len(document.article.text.split()):,} words, {len(document.comments)} comments…")
        report = analyzer.analyze(document)
    if not no_store:
        from .store import open_store

        with open_store(db, settings=settings) as store:
            store.save(report)
    text = _render(report, fmt)
    if text is None:
        _print_summary(report, output)
    elif output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@db_option
@click.option("--limit", default=50, show_default=True, help="How many to list, newest first.")
@click.option("--search", metavar="TEXT", help="Only reports whose title, site, URL, source or quote matches.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def history(ctx: click.Context, db: str | None, limit: int, search: str | None, fmt: str) -> None:
    """List the analyses in the store."""
    from .store import open_store

    with open_store(db, settings=_settings(ctx)) as store:
        rows = store.history(limit=limit, search=search)
    if fmt == "json":
        click.echo(json.dumps(rows, default=str, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "stored", "title", "site", "sources", "anon", "quotes", "comments")
    for r in rows:
        table.add_row(r["id"], str(r["stored"])[:19], (r["title"] or "")[:60], r["site"] or "",
                      str(r["n_sources"]), str(r["n_anonymous"]), str(r["n_quotes"]), str(r["n_comments"]))
    Console().print(table)


@main.command()
@click.argument("report_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.pass_context
def show(ctx: click.Context, report_id: str, db: str | None, fmt: str, output: str | None) -> None:
    """Print a stored report (ID or a unique prefix of it)."""
    from .store import open_store

    with open_store(db, settings=_settings(ctx)) as store:
        report = store.get(report_id)
    text = _render(report, fmt)
    if text is None:
        _print_summary(report, output)
    elif output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.group(name="eval", cls=Group)
def eval_group() -> None:
    """Measure each stage on real annotated data; prints JSON."""


def _emit(result: dict) -> None:
    click.echo(json.dumps(result, indent=2, sort_keys=True))


@eval_group.command("quotes")
@click.option(
    "--data",
    type=click.Path(file_okay=False),
    default="../shared/data/polnear/data/dev",
    show_default=True,
    help="A PolNeAR-format folder: text/*.txt and attributions/*.ann (brat).",
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
def eval_quotes(data: str, limit: int | None) -> None:
    """Attribution content P/R/F1 at 30% token overlap, direct+mixed recall, source accuracy."""
    from .evaluation.quotes import evaluate

    if not Path(data).is_dir():
        raise NewsauditError(f"{data}: no such folder; pass --data pointing at a PolNeAR split (polnear/data/dev)")
    _emit(evaluate(Path(data), limit=limit))


@eval_group.command("dates")
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data/semeval2015_task4_timeline",
              show_default=True, help="The SemEval-2015 Task 4 TimeLine folder (corpus_1..3).")
def eval_dates(data: str) -> None:
    """Timeline dates vs SemEval-2015 TimeLine gold: recall of dated events' sentences, precision."""
    from .errors import EvalError
    from .evaluation.dates import evaluate_dates

    if not Path(data).is_dir():
        raise EvalError(f"{data}: no such folder; pass --data pointing at semeval2015_task4_timeline")
    _emit(evaluate_dates(data))


@eval_group.command("hedges")
@click.option("--data", type=click.Path(dir_okay=False),
              default="../shared/data/wiki_weasel_uncertainty/wiki_weasel_train.csv", show_default=True,
              help="A CSV with columns text,label (1 = uncertain), CoNLL-2010 Wikipedia style.")
@click.option("--split", type=click.Choice(["dev", "all"]), default="dev", show_default=True,
              help="dev: only the fixed dev part (the shipped model trained on the rest); all: every row.")
def eval_hedges(data: str, split: str) -> None:
    """Sentence-level hedge detection: P/R/F1 of the uncertain class, model and lexicon alone."""
    from .errors import EvalError
    from .evaluation.hedges import evaluate_hedges

    if not Path(data).is_file():
        raise EvalError(f"{data}: no such file; pass --data pointing at wiki_weasel_train.csv")
    _emit(evaluate_hedges(data, split=split))


@eval_group.command("headline")
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data/fnc1", show_default=True,
              help="An FNC-1-format folder: train_stances.csv and train_bodies.csv.")
def eval_headline(data: str) -> None:
    """Headline/body stance (FNC-1): relative score and per-class F1 on a held-out fifth of the headlines."""
    from .errors import EvalError
    from .evaluation.headline import evaluate_headline

    if not Path(data).is_dir():
        raise EvalError(f"{data}: no such folder; pass --data pointing at an FNC-1 folder (fnc1)")
    _emit(evaluate_headline(data))


@eval_group.command("stance")
@click.option("--data", type=click.Path(exists=True), default="../shared/data/rumoureval2017", show_default=True,
              help="A RumourEval-2017-format folder (rumoureval2017_flat.jsonl or raw/data/<split>/).")
@click.option("--split", default="test", show_default=True, help="Which split to score.")
def eval_stance(data: str, split: str) -> None:
    """Comment stance (support/deny/query/comment): 4-class macro-F1, per-class F1, accuracy, majority baseline."""
    from .evaluation.stance import evaluate_stance

    _emit(evaluate_stance(data, split=split))


@eval_group.command("civility")
@click.option("--data", type=click.Path(exists=True, dir_okay=False),
              default="../shared/data/socc_ctc/SFU_constructiveness_toxicity.csv", show_default=True,
              help="Labelled news comments (SOCC CSV); toxicity 2-4 counts as uncivil.")
def eval_civility(data: str) -> None:
    """Comment civility: ROC AUC and F1 at the shipped threshold, next to a profanity-only baseline."""
    from .evaluation.civility import evaluate_civility

    _emit(evaluate_civility(data))


@eval_group.command("ingest")
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data", show_default=True,
              help="The data root holding scrapinghub-article-extraction-benchmark/ and trafilatura-eval/.")
@click.option("--limit", type=int, default=None, help="Only the first N pages of each set.")
@click.pass_context
def eval_ingest(ctx: click.Context, data: str, limit: int | None) -> None:
    """HTML reader: body 4-gram F1 (ScrapingHub benchmark), comment-snippet recall (trafilatura eval)."""
    from .evaluation.ingest import evaluate_ingest

    _emit(evaluate_ingest(data, limit=limit, settings=_settings(ctx)))


# Corpus commands live beside their library code (store/command.py, batch/command.py).
from .batch.command import batch  # noqa: E402
from .store.command import query_group, store_group  # noqa: E402

main.add_command(batch)
main.add_command(query_group)
main.add_command(store_group)

# Output commands live beside their code too (report/command.py, web/command.py).
from .report.command import export  # noqa: E402
from .web.command import serve  # noqa: E402

main.add_command(export)
main.add_command(serve)


if __name__ == "__main__":  # pragma: no cover
    main()
