"""The motivating page as a Document, built by hand from the capture (helper for article tests).

Body = the paragraphs between the title and the first "  •" comment bullet, minus
the three caption lines; published 2019-05-14 (the report's date).
"""

from __future__ import annotations

from shared_paths import VENEZUELA, need_shared

from newsaudit.models import Article, Document
from newsaudit.pipeline import STAGES

CAPTION_STARTS = ("Above Photo:", "Mr Guaido at a rally", "Russia has deployed around 100 troops")


def venezuela_document() -> Document:
    raw = need_shared(VENEZUELA).read_text(encoding="utf-8")
    paras = [p.strip() for p in raw.split("\n  •")[0].split("\n\n") if p.strip()]
    title, paras = paras[0], paras[1:]
    captions = [p for p in paras if p.startswith(CAPTION_STARTS)]
    body = [p for p in paras if p not in captions]
    article = Article(title=title, text="\n\n".join(body), captions=tuple(captions), published="2019-05-14")
    return Document(article=article)


ARTICLE_STAGES = tuple(s for s in STAGES if ".article." in s)
_ANALYZER = []


def article_analyzer():
    """The real spaCy model with the article stages only, so these tests do not depend on thread stages."""
    if not _ANALYZER:
        from newsaudit.pipeline import Analyzer

        _ANALYZER.append(Analyzer(stages=ARTICLE_STAGES))
    return _ANALYZER[0]


def example_document():
    """The bundled fictional example (examples/example-page.txt), through the project's own reader."""
    from shared_paths import EXAMPLES

    from newsaudit.ingest import read_input
    from newsaudit.settings import load_settings

    return read_input(str(EXAMPLES / "example-page.txt"), settings=load_settings())
