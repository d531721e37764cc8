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
def test_model_adds_a_cue_missing_from_the_lexicons(nlp):
    # "sided with" is in no lexicon; PolNeAR annotates such stances as attributions.
    doc = nlp("Senator Warren sided with the unions, arguing that the deal hurt workers.")
    rules = find_attributions(doc, use_model=False)
    both = find_attributions(doc)
    assert len(both) >= len(rules)
    assert all(is_candidate(doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")[0]) for a in both if a.cue)
