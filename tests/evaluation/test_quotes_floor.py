"""The quote/attribution accuracy gate on PolNeAR dev, and the metric itself on hand-made gold."""

from __future__ import annotations

import pytest

from newsaudit.evaluation.quotes import Counts, load_polnear, read_ann
from newsaudit.models import Mention, Quote, Report, Source
from shared_paths import DATA, need_shared

TEXT = 'Ann Lee said the plan would fail. "It is over," she said.\n'
# Offsets checked by hand against TEXT: "Ann Lee" 0-7, "said" 8-12, "the plan would fail" 13-32,
# '"It is over,"' 34-47, "she" 48-51, "said" 52-56.
ANN = (
    "T1\tSource 0 7\tAnn Lee\n"
    "T2\tCue 8 12\tsaid\n"
    "T3\tContent 13 32\tthe plan would fail\n"
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    'T4\tContent 34 47\t"It is over,"\n'
    "T5\tSource 48 51\tshe\n"
    "T6\tCue 52 56\tsaid\n"
    "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5\n"
)


@pytest.fixture
def split(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def _report(quotes, sources=()):
    return Report(quotes=tuple(quotes), sources=tuple(sources))


def test_read_ann_links_source_cue_and_content(split):
    gold = read_ann(split / "attributions" / "a_x1.ann")
    assert [(g.content, g.source, g.cue) for g in gold] == [
        ([(13, 32)], [(0, 7)], [(8, 12)]),
        ([(34, 47)], [(48, 51)], [(52, 56)]),
    ]
    (article,) = load_polnear(split)
    assert article.text == TEXT


def test_perfect_prediction_scores_one(split):
    (article,) = load_polnear(split)
    ann = Source(id="s1", name="Ann Lee", mentions=(Mention(text="Ann Lee", start=0, end=7),))
    quotes = [
        Quote(id="q1", text="the plan would fail", type="indirect", source_id="s1", start=13, end=32,
              cue_start=8, cue_end=12),
        Quote(id="q2", text='"It is over,"', type="direct", source_id="s1", start=34, end=47,
              cue_start=52, cue_end=56),
    ]
    counts = Counts()
    counts.add(article.text, _report(quotes, [ann]), article.gold)
    out = counts.result()
    assert out["f1"] == out["exact_f1"] == 1.0
    assert out["direct_mixed_recall"] == 1.0
    # "she" is scored through the name: the source resolved to Ann Lee, whose mention is
    # not the gold span "she" and shares no name word with it -> wrong for E2, right for E1.
    assert out["source_accuracy"] == 0.5


def test_small_overlap_does_not_match(split):
    (article,) = load_polnear(split)
    # "Ann Lee said the": 4 tokens sharing only "the" with "the plan would fail": 1/4 < 0.3.
    counts = Counts()
    counts.add(article.text, _report([Quote(id="q1", text="", type="indirect", start=0, end=16)]), article.gold)
    out = counts.result()
    assert out["precision"] == 0.0
    assert out["recall"] == 0.0


def test_one_to_one_matching(split):
    (article,) = load_polnear(split)
    # Two predictions over the same gold content: only one may match it.
    quotes = [
        Quote(id="q1", text="", type="indirect", start=13, end=32),
        Quote(id="q2", text="", type="indirect", start=17, end=32),
    ]
    counts = Counts()
    counts.add(article.text, _report(quotes), article.gold)
    out = counts.result()
    assert (out["n_pred"], out["recall"], out["precision"]) == (2, 0.5, 0.5)


@pytest.mark.eval
@pytest.mark.model
@pytest.mark.slow
def test_polnear_dev_floor():
    from newsaudit.evaluation.quotes import evaluate

    data = need_shared(DATA / "polnear" / "data" / "dev")
    result = evaluate(data)
    assert result["n_articles"] == 84
    # Measured 2026-11-29 on dev with `newsaudit eval quotes --data ../shared/data/polnear/data/dev`
    # after the boundary rules: F1 0.7561, direct+mixed recall 0.9071, source accuracy 0.8836
    # (0.750, 0.910, 0.868 before them). Issue floors: 0.65, 0.85, 0.85. Pinned a little under.
    assert result["f1"] >= 0.75
    assert result["direct_mixed_recall"] >= 0.90
    assert result["source_accuracy"] >= 0.88
    # Exact-span F1 (word tokens identical to the gold content): 0.4905 before the boundary
    # rules of tests/article/test_quote_boundaries.py, 0.5323 after, measured 2026-11-29 with
    # `.venv/bin/newsaudit eval quotes --data ../shared/data/polnear/data/dev`. Pinned under it.
    assert result["exact_f1"] >= 0.53
