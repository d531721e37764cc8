"""Quotes and speakers on small texts written for these tests, through the real spaCy model."""

from __future__ import annotations

import pytest

from newsaudit.article.quotes import analyze_quotes

pytestmark = pytest.mark.model


@pytest.fixture
def run(nlp):
    def _run(text: str):
        return analyze_quotes(nlp(text))

    return _run


def _source(result, quote):
    return next(s for s in result.sources if s.id == quote.source_id)


def _quote(result, fragment):
    return next(q for q in result.quotes if fragment in q.text)


def test_offsets_point_into_the_text(run):
    text = 'The mayor said the bridge would reopen in May. "We are ready," said Ann Lee, the engineer.'
    result = run(text)
    assert result.quotes
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
        assert text[q.cue_start : q.cue_end] == q.cue


def test_inverted_speaker_with_appositive_description(run):
    text = "\u201cThe focus was the people,\u201d said Sarah Jones, the White House press secretary."
    result = run(text)
    q = _quote(result, "The focus")
    assert q.type == "direct"
    assert q.cue == "said"
    src = _source(result, q)
    assert src.name == "Sarah Jones"
    assert src.description == "the White House press secretary"
    assert src.role == "official"
    assert src.anonymous is False


def test_quote_split_around_cue_is_one_speaker_one_cue(run):
    text = '"We will win," said Tom Baker. "Nobody doubts it now."'
    result = run(text)
    first, second = _quote(result, "We will win"), _quote(result, "Nobody doubts")
    assert first.source_id == second.source_id
    assert (first.cue_start, first.cue_end) == (second.cue_start, second.cue_end)
    assert _source(result, first).name == "Tom Baker"


def test_continued_paragraph_keeps_the_previous_speaker(run):
    text = (
        "\u201cThe plan is dead,\u201d one senior diplomat told reporters.\n\n"
        "\u201cNobody in the room wanted it and nobody will miss it.\u201d"
    )
    result = run(text)
    a, b = _quote(result, "The plan is dead"), _quote(result, "Nobody in the room")
    assert a.source_id == b.source_id is not None
    assert _source(result, a).anonymous is True


def test_colon_intro_takes_the_subject_before_it(run):
    text = 'Maria Gomez continued:\n\n"The numbers are bad, and they are getting worse every single week."'
    result = run(text)
    q = _quote(result, "The numbers are bad")
    assert q.type == "direct"
    assert _source(result, q).name == "Maria Gomez"


def test_according_to_names_the_source(run):
    text = "According to the Interior Ministry, twelve people were arrested overnight in the capital."
    result = run(text)
    q = _quote(result, "twelve people")
    assert q.cue.lower() == "according to"
    assert q.type == "indirect"
    src = _source(result, q)
    assert "Interior Ministry" in src.name
    assert src.anonymous is False


def test_told_addressee_is_not_the_source(run):
    text = "The minister told The Telegraph that the talks had failed."
    result = run(text)
    q = _quote(result, "the talks had failed")
    assert q.type == "indirect"
    name = _source(result, q).name
    assert "minister" in name and "Telegraph" not in name


def test_belief_attribution_keeps_the_raised_subject(run):
    text = "Mr Putin is believed to have told Donald Trump that he disliked the deal."
    result = run(text)
    q = _quote(result, "he disliked the deal")
    assert _source(result, q).name == "Putin"


def test_mixed_quote_is_reported_speech_with_a_quoted_fragment(run):
    text = "Vladimir Frolov said that Mr Putin is willing to \u201cgive up\u201d Mr Maduro for the right price."
    result = run(text)
    q = _quote(result, "give up")
    assert q.type == "mixed"
    assert q.text.startswith("that Mr Putin")
    assert _source(result, q).name == "Vladimir Frolov"


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("Mr Sechin is head of the \u201cSiloviki Faction\u201d in the government.", "Siloviki"),
        ("He wants to return Russia to the \u201cglory days\u201d of the Soviet Union.", "glory days"),
    ],
)
def test_scare_quotes_and_titles_are_not_speech(run, text, fragment):
    result = run(text)
    assert not any(fragment in q.text and q.type == "direct" for q in result.quotes)
    assert not any(q.text.strip("\u201c\u201d") == fragment for q in result.quotes)


@pytest.mark.parametrize(
    "text,anonymous",
    [
        ("One analyst said the plan would fail.", True),
        ("Sources said the plan would fail.", True),
        ("People familiar with the matter said the plan would fail.", True),
        ("A senior state department official said the plan would fail.", True),
        ("Another military source said the plan would fail.", True),
        ("The Kremlin said the plan would fail.", False),
        ("Moscow said the plan would fail.", False),
        ("John Smith said the plan would fail.", False),
    ],
)
def test_anonymous_sources(run, text, anonymous):
    result = run(text)
    q = _quote(result, "the plan would fail")
    assert _source(result, q).anonymous is anonymous


def test_on_condition_of_anonymity_makes_a_source_anonymous(run):
    text = "A diplomat, speaking on condition of anonymity, said the plan would fail."
    result = run(text)
    assert _source(result, _quote(result, "the plan would fail")).anonymous is True


def test_surname_and_title_resolve_to_the_full_name(run):
    text = (
        "Vladimir Frolov, a Russian analyst, said that the deal was close.\n\n"
        "\u201cIt will happen in May,\u201d wrote Mr Frolov."
    )
    result = run(text)
    a, b = _quote(result, "the deal was close"), _quote(result, "It will happen")
    assert a.source_id == b.source_id
    src = _source(result, a)
    assert src.name == "Vladimir Frolov"
    assert src.role == "expert"
    assert {"Vladimir Frolov", "Mr Frolov"} <= {m.text for m in src.mentions}


def test_definite_description_resolves_to_the_earlier_unnamed_source(run):
    text = (
        "A senior state department official insisted that the US would stay.\n\n"
        "\u201cWe disagree with Russia and that will be discussed,\u201d the official said."
    )
    result = run(text)
    a, b = _quote(result, "the US would stay"), _quote(result, "We disagree")
    assert a.source_id == b.source_id
    assert _source(result, a).anonymous is True


def test_she_resolves_to_the_nearest_person(run):
    text = (
        "Rocio San Miguel, president of a military watchdog, downplayed the relations.\n\n"
        "\u201cIt is not a happy situation for either,\u201d she told The Telegraph."
    )
    result = run(text)
    q = _quote(result, "not a happy situation")
    assert _source(result, q).name == "Rocio San Miguel"


def test_sourcing_summary_counts(run):
    text = (
        "John Smith, a professor of economics, said the tax would hurt growth.\n\n"
        "\u201cIt is a disaster for small firms,\u201d one official told reporters."
    )
    result = run(text)
    s = result.sourcing
    assert s["n_sources"] == 2
    assert s["n_anonymous"] == 1
    assert s["share_anonymous"] == 0.5
    # the only direct quotation is the anonymous official's
    assert s["share_quoted_words_anonymous"] == 1.0
    assert s["by_role"] == {"official": 1, "expert": 1}


def test_passive_participle_does_not_make_its_patient_a_source(run):
    text = "Widely feared in Russia, Mr Sechin is head of the company."
    result = run(text)
    sources = {s.id: s.name for s in result.sources}
    assert not any(sources.get(q.source_id) == "Sechin" for q in result.quotes)


# -- roster polish: spurious speakers, unresolved pronouns, roles, descriptions


def test_a_conjoined_clauses_agent_is_not_the_speaker(run):
    # "two ministers" weigh the plan up; they do not discuss anything: the climb from
    # "discuss" through "meet" must not borrow the agent of "weighed".
    text = (
        "The plan will be weighed up today by two ministers as Ann Lee and Tom Brown "
        "meet in Paris to discuss the budget."
    )
    result = run(text)
    assert not any("ministers" in s.name or "ministers" in s.label for s in result.sources)


def test_a_speaker_nested_inside_a_direct_quote_is_not_a_source(run):
    text = (
        "Rivals have long watched the port.\n\n"
        "\u201cSmith says to Jones that this is a great opportunity,\u201d explained one analyst. "
        "\u201cSmith sees that they can make money.\u201d"
    )
    result = run(text)
    assert [s.name for s in result.sources] == ["one analyst"]
    assert all(q.source_id == result.sources[0].id for q in result.quotes)


def test_an_unresolvable_pronoun_leaves_the_quote_unattributed_and_flagged(run):
    result = run("He said the bridge would reopen in May.")
    assert result.sources == []
    q = _quote(result, "the bridge would reopen")
    assert q.source_id is None and q.speaker == "He" and q.speaker_unresolved is True
    assert result.sourcing["n_sources"] == 0


def test_a_pronoun_never_becomes_a_source_named_after_itself(run):
    result = run("Talks resumed on Monday. They said the deal was close.")
    assert not any(s.name.lower() in ("he", "she", "they", "it") for s in result.sources)
    assert _quote(result, "the deal was close").speaker_unresolved is True


def test_a_pronoun_resolves_to_a_person_who_was_not_a_subject(run):
    result = run("The council met Ann Lee on Monday. She said the bridge would reopen in May.")
    q = _quote(result, "the bridge would reopen")
    assert _source(result, q).name == "Ann Lee"
    assert q.speaker_unresolved is False


def test_a_pronoun_skips_a_person_of_the_other_gender(run):
    result = run("Mrs Ann Lee met the council on Monday. He said the bridge would reopen in May.")
    q = _quote(result, "the bridge would reopen")
    assert q.source_id is None and q.speaker_unresolved is True


def test_first_person_outside_quotes_is_the_author(run):
    result = run("I believe the bridge will reopen in May.")
    q = _quote(result, "the bridge will reopen")
    src = _source(result, q)
    assert src.name == "the author" and src.role == "journalist" and src.anonymous is False


def test_president_of_an_ngo_is_organisation_and_the_description_survives_a_curly_apostrophe(run):
    text = (
        "Ann Lee, president of the NGO Clean Rivers and one of the city\u2019s most respected engineers, "
        "said the bridge was safe."
    )
    src = _source(run(text), _quote(run(text), "the bridge was safe"))
    assert src.role == "organisation"
    assert src.description == (
        "president of the NGO Clean Rivers and one of the city\u2019s most respected engineers"
    )
    assert any("ngo" in e for e in src.role_evidence)


def test_union_leader_is_organisation_not_official(run):
    result = run("Mark Ellery, general secretary of the dockworkers\u2019 union, said the jobs would go.")
    assert result.sources[0].role == "organisation"


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Theresa May said on Monday that the bridge was safe.",
        "The talks stalled. British prime minister Theresa May said on Monday that the bridge was safe.",
        "The talks stalled. Kremlin spokesman Dmitry Peskov said the bridge was safe.",
        "The talks stalled. President Ann Lee said the bridge was safe.",
        "The talks stalled. The president of the United States, Ann Lee, said the bridge was safe.",
    ],
)
def test_a_government_title_before_a_name_makes_an_official(run, text):
    result = run(text)
    src = _source(result, _quote(result, "the bridge was safe"))
    assert src.role == "official", src.role_evidence


def test_a_former_adviser_stays_official_with_the_former_noted(run):
    result = run("Tom Brown, a former adviser to the prime minister, said the bridge was safe.")
    src = result.sources[0]
    assert src.role == "official"
    assert any(e.startswith("former") for e in src.role_evidence)


def test_a_description_given_at_another_mention_is_kept(run):
    text = (
        "The deal was struck by Igor Petrov, the chief executive of the bank. "
        "On Monday Mr Petrov said the bank would pay."
    )
    result = run(text)
    src = _source(result, _quote(result, "the bank would pay"))
    assert src.name == "Igor Petrov"
    assert src.description == "the chief executive of the bank"
    assert src.role == "organisation"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Widely feared in Russia, Mr Sechin runs the oil company.", "in Russia"),
        ("Vladimir Frolov, a journalist known for his close ties to the army, wrote a book.", "for his close ties"),
    ],
)
def test_a_bare_prepositional_phrase_without_a_speaker_is_not_a_quote(run, text, fragment):
    assert not any(fragment in q.text for q in run(text).quotes)
