"""Comments read from the items of named comment sections (newsaudit.ingest.comments_sections)."""

from __future__ import annotations

from lxml import html as lxml_html

from newsaudit.ingest.comments_sections import section_comments

ITEM = ('<li class="entry"><div class="head"><span class="poster">Reader {n}</span> '
        '<span class="stamp">12.04.2025, 18:0{n}</span></div>'
        '<p>Comment number {n} says the library news is welcome and overdue.</p></li>')


def test_a_second_separate_section_is_read_after_a_large_first_one():
    # Sections already read were remembered by id() of lxml proxies that were then freed; a later
    # proxy reusing the address (here the second section's) was taken as read and skipped.
    filler = "".join(f"<p>para {i} <b>x</b> <i>y</i></p>" for i in range(200))
    padding = "".join(f"<div><span>pad {i}</span></div>" for i in range(200))
    page = ('<html><body><div class="article"><p>Story text here.</p></div>'
            f'<div id="comments"><ul class="list">{ITEM.format(n=1)}{ITEM.format(n=2)}</ul>{filler}</div>'
            f'{padding}'
            f'<div class="discussion"><ul class="list">{ITEM.format(n=3)}{ITEM.format(n=4)}</ul></div>'
            '</body></html>')
    found = section_comments(lxml_html.fromstring(page))
    assert [c.author for c in found] == ["Reader 1", "Reader 2", "Reader 3", "Reader 4"]


def test_a_section_inside_a_read_section_is_not_read_twice():
    page = ('<html><body><div id="comments"><div class="comment-list"><ul class="list">'
            f'{ITEM.format(n=1)}{ITEM.format(n=2)}</ul></div></div></body></html>')
    found = section_comments(lxml_html.fromstring(page))
    assert [c.author for c in found] == ["Reader 1", "Reader 2"]
