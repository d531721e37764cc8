"""newsaudit: audit a news report and its reader thread.

Public API::

    import newsaudit
    doc = newsaudit.read_input("page.html")
    report = newsaudit.analyze(doc)
    print(report.to_dict()["sources"])
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .errors import InputError, NewsauditError  # noqa: E402
from .ingest import read_input  # noqa: E402
from .models import (  # noqa: E402
    Article,
    Civility,
    Comment,
    Diagnostic,
    Document,
    Evidence,
    Figure,
    Headline,
    Mention,
    Quote,
    Report,
    Source,
    Statement,
    TimelineEvent,
)
from .pipeline import Analyzer, analyze, load_nlp  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402

load_pipeline = Analyzer

__all__ = [
    "Analyzer",
    "Article",
    "Civility",
    "Comment",
    "Diagnostic",
    "Document",
    "Evidence",
    "Figure",
    "Headline",
    "InputError",
    "Mention",
    "NewsauditError",
    "Quote",
    "Report",
    "Settings",
    "Source",
    "Statement",
    "TimelineEvent",
    "analyze",
    "load_nlp",
    "load_pipeline",
    "load_settings",
    "read_input",
]
