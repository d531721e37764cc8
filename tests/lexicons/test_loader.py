import pytest

from newsaudit.errors import NewsauditError
from newsaudit.lexicons import load_lexicon, load_lexicon_set


def test_comments_and_blank_lines_are_skipped():
    verbs = load_lexicon("reporting_verbs")
    assert "say" in verbs
    assert not any(v.startswith("#") or not v for v in verbs)


def test_entries_are_unique_and_cached():
    verbs = load_lexicon("reporting_verbs")
    assert len(verbs) == len(set(verbs))
    assert load_lexicon("reporting_verbs") is verbs


def test_set_is_lower_cased():
    assert "tell" in load_lexicon_set("reporting_verbs")


def test_missing_lexicon_raises_project_error():
    with pytest.raises(NewsauditError, match="no-such-list"):
        load_lexicon("no-such-list")
