"""The source roster on the Venezuela report as a user pastes it, and on the bundled example page."""

from __future__ import annotations

import pytest

from shared_paths import EXAMPLES, VENEZUELA, need_shared

pytestmark = pytest.mark.model

NAMED = [
    "Sarah Huckabee Sanders",
    "Donald Trump",
    "Vladimir Frolov",
    "Jose Machillanda",
    "Rocio San Miguel",
    "Pedro Burelli",
]
# Unnamed sources as written in the article, checked by reading it.
UNNAMED = [
    "one Venezuelan source",
    "sources",
    "A senior state department official",
    "one analyst",
    "Another military source",
    "one source",
]


@pytest.fixture(scope="module")
def report(settings):
    from newsaudit.ingest import read_path
    from newsaudit.pipeline import Analyzer

    # Only this stage: the roster must not depend on the thread stages.
    analyzer = Analyzer(settings, stages=["newsaudit.article.quotes:STAGE"])
    return analyzer.analyze(read_path(need_shared(VENEZUELA)))


def _by_name(report):
    return {s.name: s for s in report.sources}


@pytest.mark.parametrize("name", NAMED)
def test_named_people_are_in_the_roster(report, name):
    src = _by_name(report)[name]
    assert src.anonymous is False
    assert src.quote_ids


@pytest.mark.parametrize("name", UNNAMED)
def test_unnamed_sources_are_in_the_roster_and_anonymous(report, name):
    src = _by_name(report)[name]
    assert src.anonymous is True


def test_at_least_four_unnamed_and_six_named(report):
    assert report.sourcing["n_anonymous"] >= 4
    assert sum(not s.anonymous and s.entity_type == "PERSON" for s in report.sources) >= 6


def test_moscow_is_a_named_institution(report):
    assert _by_name(report)["Moscow"].anonymous is False


def test_each_quote_has_the_right_speaker(report):
    text = report.article.text
    sources = {s.id: s.name for s in report.sources}

    def speaker(fragment):
        q = next(q for q in report.quotes if fragment in q.text)
        assert text[q.start : q.end] == q.text
        return sources.get(q.source_id)

    assert speaker("Vladimir Putin detests Nicolas Maduro") == "one Venezuelan source"
    assert speaker("It\u2019s just a question of how to get out") == "one Venezuelan source"
    assert speaker("The primary focus throughout the call") == "Sarah Huckabee Sanders"
    assert speaker("And I feel the same way") == "Donald Trump"
    assert speaker("Putin specifically mentioned") == "Vladimir Frolov"
    assert speaker("Withdrawing Russian military support") == "Vladimir Frolov"
    assert speaker("We disagree with Russia") == "A senior state department official"
    assert speaker("We are concerned about Russia") == "A senior state department official"
    assert speaker("Chavez is desperate") == "one analyst"
    assert speaker("They definitely don\u2019t trust each other") == "Rocio San Miguel"
    assert speaker("Shaping a win-win strategy") == "Pedro Burelli"
    assert speaker("there were none at the moment") == "Another military source"


def test_mixed_quote_and_scare_quotes(report):
    give_up = next(q for q in report.quotes if "\u201cgive up\u201d" in q.text)
    assert give_up.type == "mixed"
    assert not any(q.text.strip("\u201c\u201d") in ("glory days", "Siloviki Faction") for q in report.quotes)


def test_descriptions_and_roles(report):
    frolov = _by_name(report)["Vladimir Frolov"]
    assert frolov.description.startswith("a Russian analyst and journalist known for his close connections")
    assert frolov.role == "expert"
    assert any("analyst" in e for e in frolov.role_evidence)
    assert _by_name(report)["Sarah Huckabee Sanders"].role == "official"
    assert _by_name(report)["one analyst"].role == "expert"


def test_the_official_is_a_mention_of_the_senior_official(report):
    official = _by_name(report)["A senior state department official"]
    assert "the official" in {m.text for m in official.mentions}


def test_report_validates(report, validate_report):
    data = validate_report(report)
    assert data["sourcing"]["n_sources"] == len(data["sources"])


# -- roster polish, values checked by reading the page


def test_no_spurious_speakers(report):
    names = {s.name for s in report.sources}
    labels = " ".join(s.label for s in report.sources)
    # "Nicolas Maduro's future will be weighed up today by two key players as Vladimir Putin
    # and Mike Pompeo meet in Russia to discuss Venezuela's fate": nobody speaks there.
    assert "two key players" not in labels
    assert not any("future" in n for n in names)
    # no source is a bare pronoun
    assert not names & {"he", "she", "He", "She", "they", "They", "it", "It"}


def test_a_speaker_nested_in_the_analysts_quote_adds_no_quote_of_its_own(report):
    # '"Sechin says to Putin that this is a great opportunity," explained one analyst.':
    # the quote is the analyst's; Sechin's saying inside it is not an attribution.
    nested = next(q for q in report.quotes if "Sechin says to Putin" in q.text)
    assert _by_name(report)["one analyst"].id == nested.source_id
    assert not any(q.text.startswith("that this is a great opportunity") for q in report.quotes)


def test_page_roles(report):
    by = _by_name(report)
    # "Rocio San Miguel, president of the NGO Control Ciudano and one of the country's most
    # astute military observers": an NGO head, not a government official.
    assert by["Rocio San Miguel"].role == "organisation"
    assert by["Rocio San Miguel"].description == (
        "president of the NGO Control Ciudano and one of the country\u2019s most astute military observers"
    )
    # "Jose Machillanda, a former defence advisor to Hugo Chavez": a former official.
    assert by["Jose Machillanda"].role == "official"
    assert any(e.startswith("former") for e in by["Jose Machillanda"].role_evidence)
    # "told President Donald Trump": the page's own title decides, not the known-people list
    assert by["Donald Trump"].role == "official"
    assert not any("not stated on the page" in e for e in by["Donald Trump"].role_evidence)


def test_putin_is_official_from_the_known_people_list(report):
    # The page never gives Mr Putin a title; the role comes from the list, and says so.
    putin = _by_name(report)["Vladimir Putin"]
    assert putin.role == "official"
    assert putin.description is None or "President" not in putin.description
    assert any("President of Russia" in e and "not stated on the page" in e for e in putin.role_evidence)


def test_known_people_list_never_overrides_the_page():
    from newsaudit.article.roles import known_role

    # names compare without case or accents
    assert known_role("Nicolás Maduro")[0] == "official"
    assert known_role("vladimir  putin")[0] == "official"
    # a name the list lacks, or a surname alone, stays unknown
    assert known_role("Vladimir Frolov") is None
    assert known_role("Putin") is None


@pytest.fixture(scope="module")
def example_report(settings):
    from newsaudit.ingest import read_path
    from newsaudit.pipeline import Analyzer

    analyzer = Analyzer(settings, stages=["newsaudit.article.quotes:STAGE"])
    return analyzer.analyze(read_path(EXAMPLES / "example-page.txt"))


def test_example_page_roster(example_report):
    by = _by_name(example_report)
    # "Tom Radley, the ministry's spokesman"
    assert by["Tom Radley"].role == "official"
    assert by["Tom Radley"].description == "the ministry\u2019s spokesman"
    # "Mark Ellery, general secretary of the Kessick Dockworkers' Union": a union leader
    assert by["Mark Ellery"].role == "organisation"
    # "Jane Okafor, a port economist at Halden University ..."
    assert by["Jane Okafor"].role == "expert"
    # She/she in "She added that ..." and '"That land is the prize," she said' are Ms Okafor's
    okafor = by["Jane Okafor"].id
    assert next(q for q in example_report.quotes if "That land is the prize" in q.text).source_id == okafor
    assert not any(q.speaker_unresolved for q in example_report.quotes)
    assert not {s.name.lower() for s in example_report.sources} & {"he", "she", "they", "it"}
