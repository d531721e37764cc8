"""Telling a comment's words from the interface around it: placeholders, notices, names, header lines.

Text-level judgments only (no markup), shared by the comment passes over markup and JSON-LD.
"""

from __future__ import annotations

import re

from .html_text import iso_from_text

_SAYS = re.compile(
    r"\s*(?:says|said|wrote|writes|sagt|schreibt|meint|kommentiert|dit|écrit|escribe|escribió|dice|dijo|scrive|"
    r"napisał|napisała)\s*:?\s*$",
    re.I,
)
_TRAILERS = re.compile(
    r"\n*(?:reply|antworten|répondre|responder|rispondi|log in to reply|melden|report|like)\s*$", re.I
)
# Text that stands where comments would be (buttons, counters, prompts), never a comment itself.
_PLACEHOLDER_FORMS = [
    r"(?:loading|lade|chargement)\b.*",
    r"comments? (?:are |is )?loading.*",
    r"\d+\s+(?:comments?|responses?|replies|kommentare?|antworten|ergänzungen|commentaires?|réponses?)",
    r"(?:no|0)\s+comments?(?:\s+yet)?.*",
    r"be the first to (?:comment|reply).*",
    r".*\bpowered by (?:disqus|facebook|coral|viafoura|openweb|spot\.?im)\b.*",
    r"comments? powered by .*",
    r"leave a (?:reply|comment).*",
    r"(?:add|post|write|submit) (?:a |your )?comment.*",
    r"(?:show|view|load|see|read) (?:all |more |the |\d+ )*(?:comments?|replies|answers)\b.*",
    r"(?:weitere|alle|mehr) (?:\d+ )?(?:antworten|kommentare) (?:anzeigen|laden|lesen).*",
    r"(?:kommentare?|antworten) (?:anzeigen|laden|einblenden|ausblenden).*",
    r"read more\W*",
    r"comments? (?:are|is) (?:closed|disabled).*",
    r"(?:you must be |please )?(?:logged in|log ?in|sign ?in|register)\b.*\b(?:comment|reply|post)\b.*",
    r"(?:bitte )?(?:anmelden|einloggen|registrieren)\b.*\bkommentier.*",
    r"um (?:zu )?kommentieren.*",
    r"please enable javascript to view the comments.*",
    r"this site uses akismet.*",
    r"join the (?:discussion|conversation).*",
    r"(?:comments?|kommentare?|commentaires?|reactions?|discussion|leserbriefe?|reader comments)",
    r"(?:keine|noch keine) kommentare.*",
    r"(?:\d+\s+)?(?:comments?|kommentare?)\s*\(\d+\)",
    r"kommentar (?:melden|schreiben|verfassen).*",
    r"kommentieren\W*",
    r"report (?:this )?comment.*",
    r"(?:your|ihr|votre) (?:comment|kommentar|commentaire)\b.*",
    r"(?:schreib|schreiben sie) (?:den|einen) (?:ersten )?kommentar.*",
    r"(?:deja|dejá|deje) (?:tu|su|un) comentario.*",
    r"(?:para )?comentar\b.*",
    r"komentuj|skomentuj|dodaj komentarz.*",
    r"you have already subscribed.*",
]
_PLACEHOLDERS = re.compile(r"^(?:" + "|".join(_PLACEHOLDER_FORMS) + r")[\s.!:…]*$", re.I)


def is_placeholder(text: str) -> bool:
    flat = " ".join(text.split())
    bare = flat.strip(" |·•-–—»«()[]")
    return not bare or (len(flat) <= 160 and any(_PLACEHOLDERS.match(t) for t in (flat, bare)))


_CUT_AUTHOR = re.compile(
    r"\s+(?:[—–|·•]|-\s)|\s+(?:on|am|le|el|at|um|il|op)\s+\d|\s+\d{1,2}[./]\s?\d{1,2}[./,]|\s+\d{1,2}\.?\s+[A-ZÄÖÜa-zäöü]+\.?\s+\d{4}"
    r"|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\s+\d{4}-\d\d-\d\d",
    re.I,
)
_AUTHOR_LEAD = re.compile(r"^(?:comment|kommentar|antwort|reply)?\s*(?:by|von|par|por|de|di)\s+", re.I)


def clean_author(text: str) -> str | None:
    """A commenter's name from the text around it: "Comment by Ann — 17.07.2011 @ 13:04" -> "Ann"."""
    text = " ".join(text.split())
    text = _AUTHOR_LEAD.sub("", text)
    cut = _CUT_AUTHOR.search(text)
    if cut:
        text = text[: cut.start()]
    text = _SAYS.sub("", text).strip(" :·|-–—,")
    if not text or len(text) > 60 or "*" in text or not re.search(r"\w", text):
        return None
    return text


_UI_LINE = re.compile(
    r"^(?:reply|antworten|répondre|responder|rispondi|report|melden|like|liken|gefällt mir|teilen|share|"
    r"permalink|edit|bearbeiten|zitieren|quote|says:?|sagt:?|schreibt:?|meint:?|dit\s?:|"
    r"zum antworten anmelden|log in to reply|login to reply|level \d+|\d+ points?(?: · .*)?|\+?-?\d+)$",
    re.I,
)


def _is_header_line(line: str, author: str | None) -> bool:
    flat = line.strip()
    if not flat:
        return True
    if author and (flat == author or flat.rstrip(":") == author):
        return True
    if _UI_LINE.match(flat):
        return True
    if len(flat) <= 60 and iso_from_text(flat):
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", flat)
        return len(letters) <= 24  # "5. Januar 2016 um 20:20", "May 30, 2019 at 1:06 PM"
    return False


def strip_header_lines(text: str, author: str | None) -> str:
    """Drop the name, time and button lines a comment's markup puts around its text."""
    lines = text.split("\n")
    while lines and _is_header_line(lines[0], author):
        lines.pop(0)
    while lines and _is_header_line(lines[-1], author):
        lines.pop()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_COMMENT_WORDS = re.compile(
    r"\b(?:comments?|kommentare?n?|commentaires?|comentar\w*|komentarz\w*|leserbriefe?n?|leserzuschrift\w*)\b", re.I
)
_POLICY_WORDS = re.compile(
    r"\b(?:netiquette|community[- ]?(?:guidelines|richtlinien|standards)|richtlinien|guidelines|moderiert|"
    r"freigeschaltet|freischaltung|iniciar sesión|log ?in|sign ?in|anmelden|registrier\w*|subscribe\w*|"
    r"abonn\w+)\b",
    re.I,
)


def is_notice(text: str) -> bool:
    """Section chrome with neither author nor time: a comment policy, a login prompt, an error message."""
    if len(text) > 700:
        return False
    mentions = len(_COMMENT_WORDS.findall(text))
    return mentions >= 2 or (mentions >= 1 and bool(_POLICY_WORDS.search(text)))


def trim_trailers(text: str) -> str:
    """Button words captured after a comment's text ("Reply", "Antworten", "Report")."""
    return _TRAILERS.sub("", text)
