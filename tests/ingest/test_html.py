"""The HTML reader on hand-written pages, one per comment markup family, plus broken and hostile pages.

The pages in tests/fixtures/html/ are fictional and written for these tests; every expected value
below was read off the page source by hand.
"""

from __future__ import annotations

import pytest

from newsaudit.errors import InputError
from newsaudit.ingest import read_bytes, read_path
from newsaudit.ingest.comments_html import clean_author, find_comments, is_placeholder
from newsaudit.ingest.html import parse_html

from shared_paths import EXAMPLES, FIXTURES

HTML = FIXTURES / "html"


@pytest.fixture(scope="module")
def page(settings):
    cache: dict[str, object] = {}

    def _read(name: str):
        if name not in cache:
            cache[name] = read_path(HTML / f"{name}.html", settings=settings)
        return cache[name]

    return _read


def _triples(document):
    return [(c.id, c.author, c.parent_id) for c in document.comments]


# --- WordPress ------------------------------------------------------------------------------------

def test_wordpress_article_metadata(page):
    article = page("wordpress").article
    assert article.title == "Larkhaven council approves new bus depot after two-year row"
    assert article.url == "https://larkhaven-courier.example/news/2024/05/02/bus-depot/"
    assert article.site == "The Larkhaven Courier"
    assert article.published == "2024-05-02"
    assert article.authors == ("Ruth Okonedo",)


def test_wordpress_body_and_caption(page):
    article = page("wordpress").article
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Larkhaven council has approved plans for a new bus depot")
    assert paragraphs[-1].endswith("room for 90 electric buses and a charging hall.")
    assert len(paragraphs) == 5
    assert article.captions == ("The former gasworks site on Quarry Lane, where the depot will be built",)
    assert "gasworks site on Quarry Lane" not in article.text
    assert "Nobody on Quarry Lane was asked" not in article.text  # comments stay out of the body


def test_wordpress_comments_with_nested_reply(page):
    document = page("wordpress")
    assert _triples(document) == [("c1", "Dora Finch", None), ("c2", "Tom Varga", "c1"), ("c3", "Anonymous", None)]
    first = document.comments[0]
    assert first.text == (
        "Six to three after four hours. Nobody on Quarry Lane was asked what time the first bus leaves.\n\n"
        "It will be five in the morning, every morning."
    )
    assert first.posted == "2024-05-02T09:14:00+01:00"
    assert document.comments[1].text == "Electric buses are quiet, Dora. That is the whole point of the charging hall."
    assert document.comments[2].posted == "2024-05-03T07:45:00+01:00"


def test_wordpress_form_and_recent_comments_widget_are_not_comments(page):
    document = page("wordpress")
    texts = " ".join(c.text for c in document.comments)
    assert "Required fields" not in texts and "Leave a Reply" not in texts
    assert all(c.author != "Gil Moreno" for c in document.comments)  # a comment on another article
    assert document.diagnostics == ()


# --- schema.org microdata and JSON-LD -------------------------------------------------------------

def test_microdata_comments(page):
    document = page("microdata")
    assert _triples(document) == [("c1", "Keith Marr", None), ("c2", "Brenda C.", "c1"), ("c3", "harbourrat", None)]
    assert [c.posted for c in document.comments] == [
        "2023-11-20T12:05:00+00:00", "2023-11-20T13:40:00+00:00", "2023-11-21T08:00:00+00:00",
    ]
    assert document.comments[1].text == (
        "The diver survey was done in calm water, Keith. Nobody could see the scour until the storms."
    )
    assert document.article.authors == ("Alan Preece",)
    assert document.article.published == "2023-11-20"


def test_jsonld_comments_with_nested_reply_and_markup_stripped(page):
    document = page("jsonld")
    assert _triples(document) == [("c1", "Morven Tait", None), ("c2", "Euan", "c1"), ("c3", "Anon", None)]
    assert document.comments[0].text == (
        "A fine paid to the same government that owns the ferries. Who does that punish?"
    )
    assert document.comments[2].posted == "2022-02-15T18:20:00+00:00"
    assert document.article.site == "Islands Post"
    assert document.article.published == "2022-02-14"
    assert not document.article.text.startswith("Ferry operator fined")  # the headline is the title


# --- comment plugins ------------------------------------------------------------------------------

def test_wpdiscuz_comments(page):
    document = page("wpdiscuz")
    assert _triples(document) == [("c1", "Hetty Lowe", None), ("c2", "Ravi", "c1"), ("c3", "J. Okafor", None)]
    assert [c.posted for c in document.comments] == ["2021-06-09T10:15", "2021-06-09T11:40", "2021-06-10T08:02"]
    assert document.comments[2].text == "Renting fields from farmers is the first sensible idea in years."
    assert "Load more comments" not in " ".join(c.text for c in document.comments)


def test_disqus_noscript_comments_and_script_diagnostic(page):
    document = page("disqus-noscript")
    assert _triples(document) == [("c1", "Colm Reidy", None), ("c2", "Beatrix", None)]
    assert document.comments[1].text == "Four nights a week is a timetable nobody can plan around."
    assert all("powered by Disqus" not in c.text for c in document.comments)
    [note] = document.diagnostics
    assert (note.level, note.code, note.stage) == ("info", "comments-by-script", "ingest")
    assert "Disqus" in note.message


def test_disqus_page_gets_no_date_guessed_from_its_text(page):
    # The only year on the page is "ran in 2009" inside the story; that is not a publication date.
    assert page("disqus-noscript").article.published is None


def test_generic_comment_markup_with_depth_classes(page):
    document = page("generic")
    assert _triples(document) == [("c1", "Leah W", None), ("c2", "Gordon Pike", "c1"), ("c3", None, None)]
    assert [c.posted for c in document.comments] == ["2024-03-14T18:22", "2024-03-14T19:05", "2024-03-15T07:30"]
    assert document.comments[0].text == "About time. My son came home hungry every day last winter."


def test_itemprop_comment_body_is_the_whole_text(page):
    # Drupal marks the body field itemprop="comment" and "field-label-hidden" (its label's display): the
    # text is the whole field, not the "expander-content" half inside it.
    document = page("drupal")
    assert document.comments[1].text == (
        "Where do the visiting yachts go while the north berths are shut?\n\n"
        "Last summer the south quay was full by noon on most Saturdays, and that was with the north berths "
        "open to everyone."
    )


def test_comment_title_above_the_body_is_kept(page):
    document = page("drupal")
    assert _triples(document) == [("c1", "Tomasz Reilly", None), ("c2", "Dana Fitch", None), ("c3", "Priya N", None)]
    assert document.comments[0].text == (
        "Eleven weeks is optimistic\n\nThe last repair on the east wall was meant to take eight weeks and ran to twenty."
    )
    assert document.comments[0].posted == "2025-02-03T09:12:00+00:00"


def test_heading_with_the_name_or_a_date_is_not_a_title(page):
    document = page("drupal")
    assert document.comments[1].text.startswith("Where do the visiting yachts")  # <h3>Dana Fitch</h3>
    assert document.comments[2].text == "Good to see the slipway stays open for the rowing club."  # <h3>3 February 2025</h3>


def test_pingbacks_and_trackbacks_are_not_reader_comments(page):
    document = page("pingbacks")
    assert _triples(document) == [("c1", "Marta Lenz", None), ("c2", "Owen Price", None)]
    texts = " ".join(c.text for c in document.comments)
    assert "Pingback" not in texts and "[…]" not in texts


def test_items_of_a_named_comment_section_are_comments(page):
    # id="comments" names the section; its <li class="entry"> items name nothing, but each has a
    # header line with a name and a time and words of its own.
    document = page("section-list")
    assert _triples(document) == [("c1", "Gwen Ashby", None), ("c2", "M. Okonjo", None), ("c3", "Frank D", None)]
    assert [c.posted for c in document.comments] == ["2025-04-12T18:03", "2025-04-12T19:27", "2025-04-13T08:15"]
    assert document.comments[1].text == "Four hours is short, but it is a start. Will the study rooms be open too?"


def test_related_links_and_form_chrome_in_a_comment_section_are_not_comments(page):
    # Same-shaped teasers with a byline and a time are headlines (mostly link text); the guidelines
    # and the name box sit beside a form. None of them is a reader's comment.
    document = page("section-related")
    assert document.comments == ()
    assert document.article.text.startswith("The extension of Fenwick's tram line")


def test_camel_case_author_class_names_the_commenter():
    root = parse_html(
        '<div class="comment"><div class="listAuthor">Ola K</div>'
        "<p>The timetable change hits the villages hardest of all.</p></div>",
        origin="test",
    )
    [comment] = find_comments(root)
    assert (comment.author, comment.text) == ("Ola K", "The timetable change hits the villages hardest of all.")


def test_generic_placeholders_are_not_comments(page):
    texts = [c.text for c in page("generic").comments]
    assert not any(t.startswith(("Loading", "0 Comments", "Leave a", "3 Comments")) for t in texts)
    assert all("Reply" not in t and "Report" not in t for t in texts)


def test_commenter_is_not_taken_for_the_article_author(page):
    assert page("generic").article.authors == ()


def test_script_loaded_thread_is_flagged_and_gives_no_comments(page):
    document = page("script-comments")
    assert document.comments == ()
    [note] = document.diagnostics
    assert note.code == "comments-by-script" and note.level == "info" and note.stage == "ingest"
    assert "Facebook comments" in note.message and "Coral Talk" in note.message
    assert document.article.text.startswith("Reservoirs serving the Dale valley are at 38 per cent")


# --- hostile and broken pages ---------------------------------------------------------------------

def test_broken_markup_is_read(page):
    document = page("broken")
    assert document.article.title == "Market hall to reopen after fire"
    text = document.article.text
    assert "The Victorian market hall in Tollbridge will reopen in March" in text
    assert "“We are counting the days,” said Nell Ashby" in text
    assert _triples(document) == [("c1", "Rob", None)]
    assert document.comments[0].text == "Good news at last"


def test_page_without_text_is_an_input_error(settings):
    with pytest.raises(InputError, match="no-text.html: found no article text"):
        read_path(HTML / "no-text.html", settings=settings)


def test_entities_in_a_doctype_are_never_expanded(page):
    text = page("entities").article.text
    assert "lollol" not in text
    assert "root:" not in text
    assert "Organisers said they hoped to return next year" in text


@pytest.mark.parametrize("name", ["wordpress", "microdata", "jsonld", "wpdiscuz", "generic", "entities", "broken"])
def test_pages_are_sniffed_as_html(name, settings):
    data = (HTML / f"{name}.html").read_bytes()
    document = read_bytes(data, origin="page-without-extension", settings=settings)
    assert document.input_kind == "html"


def test_bundled_example_page(settings):
    path = EXAMPLES / "example-page.html"
    if not path.exists():
        pytest.skip("bundled example not present")
    document = read_path(path, settings=settings)
    assert len(document.comments) == 19
    by_id = {c.id: c for c in document.comments}
    # li#comment-4104 (tidewater_88) sits in the children of li#comment-4103 (Ann Prior), 4105 under 4104.
    assert (by_id["c3"].author, by_id["c4"].author, by_id["c5"].author) == ("Ann Prior", "tidewater_88", "Ann Prior")
    assert (by_id["c4"].parent_id, by_id["c5"].parent_id) == ("c3", "c4")
    assert document.article.published == "2023-03-14"


# --- the small functions --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Loading comments...", "0 Comments", "12 comments", "Leave a Reply", "comments powered by Disqus.",
        "Show more comments", "Kommentare (3)", "Be the first to comment!", "  | 5 Kommentare", "Comments",
        "weitere Antworten anzeigen", "Read more...",
    ],
)
def test_placeholders(text):
    assert is_placeholder(text)


@pytest.mark.parametrize(
    "text",
    ["Comments like this make me despair.", "Read the article first.", "No.", "Loads of people agree."],
)
def test_real_comments_are_not_placeholders(text):
    assert not is_placeholder(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Dora Finch says:", "Dora Finch"),
        ("Comment by Mirko Lange — 17.07, 2011 @ 13:04", "Mirko Lange"),
        ("Ben 19. Juni 2018 um 15:28 Uhr - Antworten", "Ben"),
        ("Jeremy Banks says: January 20, 2020 at 11:27 am", "Jeremy Banks"),
        ("tidewater_88", "tidewater_88"),
        ("Name *", None),
        ("", None),
    ],
)
def test_clean_author(raw, expected):
    assert clean_author(raw) == expected
