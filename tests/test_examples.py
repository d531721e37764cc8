"""The bundled example is read with the shape it was written with.

Every expected value below was read off the example files by hand (examples/README.md
lists what the example holds): 19 body paragraphs, 3 captions, 19 comments, 4 of them
without an author, and in the HTML page and the Disqus export the real reply links.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsaudit.ingest import read_input, read_path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT = EXAMPLES / "example-page.txt"
HTML = EXAMPLES / "example-page.html"
DISQUS = EXAMPLES / "example-comments.xml"

TITLE = "Ministers Agree $4.2 Billion Sale Of Kessick Port To Foreign Consortium"

# The first words of each body paragraph, in order.
PARAGRAPHS = (
    "The future of Kessick’s deep-water port",
    "The transport ministry is believed to have approved",
    "“The decision has been made,” one ministry source",
    "“Nobody wants to be the minister",
    "The sale would reportedly be",
    "“No decision has been taken on the future of the port,” said Tom Radley",
    "A senior official, speaking on condition of anonymity",
    "Another official said the ministry had “run out of patience”",
    "Meridian is said to be planning",
    "Jane Okafor, a port economist at Halden University",
    "“If the figure is $4.2 billion",
    "She added that the waterfront land behind the quays",
    "“That land is the prize,” she said.",
    "Much of it lies along the “golden mile”",
    "Meridian Harbour Holdings did not respond",
    "It is unclear whether the agreement",
    "Mark Ellery, general secretary of the Kessick Dockworkers’ Union",
    "“We read about our own jobs in the newspaper,”",
    "“Selling the port is not the scandal,”",
)

# A phrase from each caption; none may be left in the body.
CAPTIONS = (
    "Container cranes on the north quay at Kessick",
    "Dockers leaving the early shift at Kessick on Monday",
    "is said to be eyeing the whole estuary",
)

# Author of each comment as the page shows it (None: the capture shows no name).
AUTHORS = (
    "harbourwatcher", None, "Ann Prior", "tidewater_88", "Ann Prior", "K. Doyle", None, "Mike Stannard",
    "tidewater_88", "Mike Stannard", "Lotte Vance", None, "gulls_and_cranes", "harbourwatcher",
    "Pete Lorimer", "K. Doyle", "Pete Lorimer", None, "Ann Prior",
)

# Comment number (1-based) -> the number of the comment it replies to, as the HTML page nests them.
REPLIES = {4: 3, 5: 4, 7: 6, 9: 8, 10: 9, 12: 11, 14: 13, 16: 15, 17: 16}

# Words from each comment, first and last paragraph for the ones that run over several.
COMMENT_WORDS = {
    1: ("This was always going to happen.", "held together with tape and prayers."),
    2: ("Is there any actual source for the $4.2 billion",),
    7: ("Around 300 on the books",),
    8: ("Blah blah blah.",),
    12: ("Fair enough, Lotte,", "a month before the ferry terminal went."),
    18: ("What a load of rubbish.",),
    19: ("Has anyone asked the union?", "somebody is not telling the truth."),
}

NO_AUTHOR = (None, "Anonymous", "Guest")  # how pages and exports show a comment without a name


def _assert_body(text: str) -> None:
    positions = [text.find(p) for p in PARAGRAPHS]
    assert -1 not in positions, [p for p, at in zip(PARAGRAPHS, positions) if at == -1]
    assert positions == sorted(positions)
    for phrase in CAPTIONS + ("CREDIT", "Above Photo", "Published 14 March 2023", TITLE):
        assert phrase not in text
    for comment_words in ("harbourwatcher", "Blah blah blah", "Kessick Rovers"):
        assert comment_words not in text
    assert text.rstrip().endswith("Selling it without telling anyone is.”")


def _assert_comment_words(comments) -> None:
    for number, words in COMMENT_WORDS.items():
        for w in words:
            assert w in comments[number - 1].text, (number, w)


def _parents(comments) -> dict[int, int]:
    number = {c.id: i + 1 for i, c in enumerate(comments)}
    return {i + 1: number[c.parent_id] for i, c in enumerate(comments) if c.parent_id is not None}


@pytest.fixture(scope="module")
def text_page():
    return read_path(TEXT)


def test_text_capture_is_read_as_text(text_page):
    assert text_page.input_kind == "text"


def test_text_capture_title(text_page):
    assert text_page.article.title == TITLE


def test_text_capture_publication_date_from_the_dateline(text_page):
    assert text_page.article.published == "2023-03-14"


def test_text_capture_body_has_every_paragraph_and_nothing_else(text_page):
    _assert_body(text_page.article.text)


def test_text_capture_keeps_the_three_captions_outside_the_body(text_page):
    captions = text_page.article.captions
    assert len(captions) == 3
    for caption, phrase in zip(captions, CAPTIONS):
        assert phrase in caption


def test_text_capture_has_19_comments_with_the_authors_the_page_shows(text_page):
    assert tuple(c.author for c in text_page.comments) == AUTHORS


def test_text_capture_comments_keep_all_their_paragraphs(text_page):
    _assert_comment_words(text_page.comments)
    assert "\n" in text_page.comments[0].text  # two paragraphs stay two paragraphs


def test_text_capture_has_no_reply_links_of_its_own(text_page):
    # A flat capture has lost its links; inferring them is the thread stage's job, not the reader's.
    assert all(c.parent_id is None and not c.parent_inferred for c in text_page.comments)


def test_text_capture_comment_ids_are_unique(text_page):
    assert len({c.id for c in text_page.comments}) == 19


# The HTML page: WordPress markup, figcaptions, nested comment list.
@pytest.fixture(scope="module")
def html_page():
    return read_path(HTML)


def test_html_page_metadata(html_page):
    article = html_page.article
    assert html_page.input_kind == "html"
    assert article.title == TITLE
    assert (article.published or "").startswith("2023-03-14")
    assert article.authors == ("Helen Marsh",)
    assert article.site == "The Northern Gazette"
    assert article.url == "https://northern-gazette.example/business/2023/03/14/kessick-port-sale/"


def test_html_page_body_has_every_paragraph_and_no_page_furniture(html_page):
    text = html_page.article.text
    _assert_body(text)
    for furniture in ("More from Business", "Leave a Reply", "Skip to content", "All rights reserved", "says:"):
        assert furniture not in text


def test_html_page_figcaptions_are_captions(html_page):
    captions = html_page.article.captions
    assert len(captions) == 3
    for caption, phrase in zip(captions, CAPTIONS):
        assert phrase in caption


def test_html_page_comments_authors_times_and_words(html_page):
    comments = html_page.comments
    assert len(comments) == 19
    for comment, author in zip(comments, AUTHORS):
        assert comment.author == author if author else comment.author in NO_AUTHOR
    assert comments[0].posted.startswith("2023-03-14T07:12")
    assert comments[-1].posted.startswith("2023-03-15T08:10")
    _assert_comment_words(comments)


def test_html_page_keeps_the_real_reply_nesting(html_page):
    assert _parents(html_page.comments) == REPLIES
    assert not any(c.parent_inferred for c in html_page.comments)


# The Disqus export of the same thread.
@pytest.fixture(scope="module")
def disqus_export():
    return read_path(DISQUS)


def test_disqus_export_has_the_same_comments_with_their_links(disqus_export):
    comments = disqus_export.comments
    assert disqus_export.input_kind == "disqus"
    assert len(comments) == 19
    for comment, author in zip(comments, AUTHORS):
        assert comment.author == author if author else comment.author in NO_AUTHOR
    assert _parents(comments) == REPLIES
    _assert_comment_words(comments)
    assert comments[4].posted.startswith("2023-03-14T08:47")


def test_text_page_with_the_disqus_export_takes_the_exports_comments():
    document = read_input(TEXT, comments=DISQUS)
    assert document.article.title == TITLE
    assert len(document.comments) == 19
    assert _parents(document.comments) == REPLIES
    assert "comments-replaced" in {d.code for d in document.diagnostics}


def test_html_page_with_the_disqus_export_keeps_the_html_article():
    document = read_input(HTML, comments=DISQUS)
    assert document.article.site == "The Northern Gazette"
    assert [c.author for c in document.comments][:3] == ["harbourwatcher", "Guest", "Ann Prior"]
    assert _parents(document.comments) == REPLIES
