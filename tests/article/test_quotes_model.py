"""The shipped cue scorer: it loads with numpy alone and ranks reporting verbs above actions."""

from __future__ import annotations

import pytest

from newsaudit.article.attribution import find_attributions, is_candidate
from newsaudit.article.cuemodel import load_model, verb_features


def test_model_is_packaged_and_well_formed():
    model = load_model()
    assert model is not None
    assert len(model.index) == len(model.weights)
    assert 0.0 < model.veto <= model.threshold < 1.0


@pytest.mark.model
def test_reporting_verb_scores_above_an_action(nlp):
    model = load_model()
    doc = nlp("The senator said that the bill would pass. The senator ate a sandwich at noon.")
    said = next(t for t in doc if t.text == "said")
    ate = next(t for t in doc if t.text == "ate")
    p_said = model.score(verb_features(said, in_lexicon=True, quote_after=False))
    p_ate = model.score(verb_features(ate, in_lexicon=False, quote_after=False))
    assert p_said > model.threshold > p_ate


@pytest.mark.model
@pytest.mark.parametrize(
    "text,cue,content",
    [
        # Neither verb is in a lexicon; PolNeAR annotates such stances as attributions.
        # "with" belongs to the cue's verb group (PolNeAR: keep the verb group together).
        ("Senator Warren sided with the unions in the dispute over pensions.", "sided", "the unions"),
        ("The governor mocked the proposal as a gimmick.", "mocked", "the proposal"),
    ],
)
def test_model_adds_a_cue_missing_from_the_lexicons(nlp, text, cue, content):
    doc = nlp(text)
    assert not any(a.cue_text == cue for a in find_attributions(doc, use_model=False))
    found = [a for a in find_attributions(doc) if a.cue_text == cue]
    assert len(found) == 1
    start, end = found[0].content[0]
    assert text[start:end].startswith(content)
    assert all(is_candidate(doc.char_span(*a.cue, alignment_mode="expand")[0]) for a in found)
