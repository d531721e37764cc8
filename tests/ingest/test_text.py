"""The plain-text capture reader, on the real Venezuela page and on small hand-written captures.

Every expected value below was read off the input by hand, not copied from the reader's output.
"""

from __future__ import annotations

import pytest

from newsaudit.errors import InputError
from newsaudit.ingest import read_bytes, sniff
from newsaudit.ingest.text import find_date, read

from shared_paths import EXAMPLES, FIXTURES, VENEZUELA, need_shared

TEXT = FIXTURES / "text"

# Comment by comment, the name the page shows above it (None: the bullet is the comment itself).
VENEZUELA_AUTHORS = [
    None, None, None, None, "rgaura", "Infarction", "il corvo", "Juan Pizarro Poventud", "dhinds",
    "subcomandante Felix", "Jon", "Jon", "Jon", None, None, "George Evans", "dhinds", "Jon", "mwildfire",
    "mwildfire", None, "Jon", "George Evans", None,
]


@pytest.fixture(scope="module")
def venezuela(settings):
    path = need_shared(VENEZUELA)
    return read(path.read_text("utf-8"), origin=str(path), settings=settings)


def _read(name: str, settings):
    path = TEXT / name
    return read(path.read_text("utf-8"), origin=str(path), settings=settings)


def test_venezuela_title(venezuela):
    assert venezuela.article.title == (
        "US And Russia To Discuss Fate Of Venezuela Amid Reports Putin Will Not Prop Up Maduro"
    )


def test_venezuela_three_captions_in_page_order(venezuela):
    assert venezuela.article.captions == (
        "Above Photo: Mr Maduro survived an attempted coup after he was reportedly refused exile to Russia "
        "CREDIT: AFP",
        "Mr Guaido at a rally in Caracas on May 11",
        "Russia has deployed around 100 troops to Venezuela but Mr Putin is reportedly no fan of its leader "
        "CREDIT: AFP",
    )


@pytest.mark.parametrize("caption_words", ["Above Photo", "CREDIT", "Mr Guaido at a rally", "no fan of its leader"])
def test_venezuela_captions_stay_out_of_the_body(venezuela, caption_words):
    assert caption_words not in venezuela.article.text


def test_venezuela_body_paragraphs(venezuela):
    paragraphs = venezuela.article.text.split("\n\n")
    assert paragraphs[0].startswith("Nicolas Maduro’s future will be weighed up today")
    assert paragraphs[-1].startswith("“Russia understands that there is little it can do")
    # The paragraph before the glued caption and the one after it are neighbours in the body.
    before = paragraphs.index(next(p for p in paragraphs if p.startswith("The US banned sales of arms")))
    assert paragraphs[before + 1].startswith("Rosneft has spent about $9 billion")
    # The article has 36 blank-line-separated blocks between the title and the thread; 3 are captions.
    assert len(paragraphs) == 33
    assert all(p.strip() == p and p for p in paragraphs)
    assert "Putin appears to have tricked us all" not in venezuela.article.text


def test_venezuela_offsets_point_into_the_body(venezuela):
    text = venezuela.article.text
    start = text.index("one Venezuelan source with decades of dealings with Russia")
    assert text[start:start + 3] == "one"


def test_venezuela_has_24_comments_with_the_authors_the_page_shows(venezuela):
    comments = venezuela.comments
    assert [c.id for c in comments] == [f"c{i}" for i in range(1, 25)]
    assert [c.author for c in comments] == VENEZUELA_AUTHORS


def test_venezuela_comment_runs_over_several_paragraphs(venezuela):
    first = venezuela.comments[0]
    assert first.text.startswith("Putin appears to have tricked us all")
    assert first.text.endswith("Something smells very rotten about all this.")
    assert first.text.count("\n\n") == 4


def test_venezuela_comment_continues_after_two_blank_lines(venezuela):
    c15 = venezuela.comments[14]
    assert c15.text.startswith("It’s the source, however")
    assert "TOTALLY AGREE." in c15.text
    assert venezuela.comments[15].author == "George Evans"


def test_venezuela_short_sentence_bullet_is_not_a_name(venezuela):
    c3 = venezuela.comments[2]
    assert c3.author is None
    assert c3.text == "Lets hope I’m wrong 😉\n\nWhat have you got?"
    assert venezuela.comments[3].text == "Just faith, nothing in terms of facts yet .."


def test_venezuela_named_comment_text_excludes_the_name(venezuela):
    c5 = venezuela.comments[4]
    assert c5.author == "rgaura"
    assert c5.text == "Pompeo is so stupid, he probably believes this nonsense. He fell for the last trap."


def test_venezuela_is_sniffed_as_text(settings):
    path = need_shared(VENEZUELA)
    document = read_bytes(path.read_bytes(), origin=str(path), settings=settings)
    assert document.input_kind == "text"
    assert len(document.comments) == 24


def test_byline_gives_authors_and_date_line_gives_published(settings):
    doc = _read("byline-wrapped.txt", settings)
    assert doc.article.title == "Harbour Board Delays Vote On Ferry Fares"
    assert doc.article.authors == ("Priya Raman", "Tom Lisle")
    assert doc.article.published == "2023-11-07"
    assert "By Priya Raman" not in doc.article.text
    assert "Updated" not in doc.article.text


def test_hard_wrapped_lines_join_into_one_paragraph(settings):
    doc = _read("byline-wrapped.txt", settings)
    first = doc.article.text.split("\n\n")[0]
    assert first == (
        "The harbour board has postponed a vote on ferry fares until the new year, its chair said on Monday, "
        "after objections from island councils."
    )


def test_bulleted_list_inside_the_article_stays_in_the_body(settings):
    doc = _read("byline-wrapped.txt", settings)
    assert "- the cost of the winter timetable;\n- the age of the two older boats;" in doc.article.text
    assert doc.article.text.endswith('said a decision would come "within weeks".')


def test_comment_heading_names_and_times(settings):
    doc = _read("byline-wrapped.txt", settings)
    assert [(c.author, c.posted) for c in doc.comments] == [
        ("Morag B", "2023-11-07T10:02"),
        (None, None),
        ("Lewis_ferryman", "2023-11-07T23:40"),
    ]
    assert doc.comments[0].text == "Weeks? They said that last winter too."
    assert doc.comments[1].text == "The fares went up twice last year already. Nobody asked us.\n\nNot once."
    # the "Reply" button text captured with the page is not part of the comment
    assert doc.comments[2].text == "Ask the crews what they think of the older boats."


def test_capture_without_a_thread(settings):
    doc = _read("plain-no-thread.txt", settings)
    assert doc.comments == ()
    assert doc.article.title == "City Library Opens Night Reading Room"
    assert doc.article.captions == ()
    # an unpunctuated last line has no paragraph after it, so it is not a caption
    assert doc.article.text.endswith("Students welcomed the plan at a public meeting in the town hall")
    assert doc.article.published is None


def test_bundled_example_capture(settings):
    path = EXAMPLES / "example-page.txt"
    if not path.exists():
        pytest.skip("bundled example not present")
    doc = read(path.read_text("utf-8"), origin=str(path), settings=settings)
    assert doc.article.published == "2023-03-14"  # "Published 14 March 2023"
    assert len(doc.article.captions) == 3
    assert "Dockers leaving the early shift at Kessick on Monday" in doc.article.captions
    assert len(doc.comments) == 19
    assert doc.comments[0].author == "harbourwatcher"
    assert doc.comments[1].author is None


def test_long_first_line_is_not_a_title(settings):
    text = (
        "This capture starts straight with a sentence of the article, which is long and ends with a full stop.\n\n"
        "A second paragraph follows it.\n"
    )
    doc = read(text, origin="t.txt", settings=settings)
    assert doc.article.title == ""
    assert doc.article.text.startswith("This capture starts")


def test_blank_capture_is_an_input_error(settings):
    with pytest.raises(InputError, match="t.txt"):
        read("\n \n\t\n", origin="t.txt", settings=settings)


def test_plain_text_sniffs_as_text():
    assert sniff("Title\n\nBody paragraph.\n") == "text"


@pytest.mark.parametrize(
    ("line", "whole", "expected"),
    [
        ("May 13, 2019", True, "2019-05-13"),
        ("Monday 13 May 2019 10.42 BST", True, "2019-05-13"),
        ("Published: 2021-02-03", True, "2021-02-03"),
        ("He said on May 13, 2019 that he would go.", True, None),
        ("He said on May 13, 2019 that he would go.", False, "2019-05-13"),
        ("February 30, 2020", True, None),
        ("no date here", False, None),
    ],
)
def test_find_date(line, whole, expected):
    assert find_date(line, whole=whole) == expected


def test_page_furniture_after_the_thread_ends_it(settings):
    text = (
        "Bridge Closed For Repairs\n\n"
        "The old bridge will close for six weeks from Monday, the county said.\n\n"
        "Drivers will be sent through the town centre.\n\n"
        "  • Ivy Marsh\n\n"
        "    Six weeks means three months, as usual.\n\n"
        "  • Good. It has been shaking for years.\n\n"
        "Load more comments\n\n"
        "Leave a Reply\n"
    )
    doc = read(text, origin="t.txt", settings=settings)
    assert [(c.author, c.text) for c in doc.comments] == [
        ("Ivy Marsh", "Six weeks means three months, as usual."),
        (None, "Good. It has been shaking for years."),
    ]
    assert doc.article.text.endswith("Drivers will be sent through the town centre.")


def test_name_bullet_followed_directly_by_flush_text(settings):
    text = (
        "Bridge Closed For Repairs\n\n"
        "The old bridge will close for six weeks from Monday, the county said.\n\n"
        "• Ivy Marsh\nSix weeks means three months, as usual.\n"
        "• Good. It has been shaking for years.\nNobody listened.\n"
    )
    doc = read(text, origin="t.txt", settings=settings)
    assert [(c.author, c.text) for c in doc.comments] == [
        ("Ivy Marsh", "Six weeks means three months, as usual."),
        (None, "Good. It has been shaking for years.\nNobody listened."),
    ]
