"""Roles of sources, read from their descriptions and titles through a lexicon.

A source's role (official, expert, journalist, organisation, document, witness, unknown) is
the role of the first role word in its description, title or label, read left to right, with
one correction: a leading title of a body ("president of the NGO ...", "general secretary of
the union") takes the body's role unless that body is itself official ("secretary of state").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicons import load_lexicon
from ..models import ROLES


@lru_cache(maxsize=1)
def _role_words() -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in load_lexicon("source_roles"):
        role, _, word = line.partition("\t")
        if word and role.strip() in ROLES:
            pairs.append((role.strip(), word.strip().lower()))
    return tuple(pairs)


# Titles that name whoever leads or speaks for a body: the body decides the role
# ("president of the NGO ...", "general secretary of the union") unless it is itself official.
_LEADING = {
    "president", "chairman", "chairwoman", "chair", "director", "chief", "head", "leader",
    "secretary", "general", "spokesman", "spokeswoman", "spokesperson", "executive", "member",
}
_BODY_PREP = re.compile(r" (?:of|for|at) ")
_CLAUSE_END = re.compile(r",| and | who | which ")


@lru_cache(maxsize=1)
def role_word_set() -> frozenset[str]:
    return frozenset(w for _, w in _role_words())


def decide_role(text: str, entity_type: str | None) -> tuple[str, tuple[str, ...]]:
    """The role read from a description/title, with the words that decided it."""
    lowered = " " + " ".join(text.lower().replace("\u2019", "'").split()) + " "
    hits: list[tuple[int, str, str]] = []
    for role, word in _role_words():
        pos = lowered.find(f" {word} ")
        if pos < 0 and " " not in word:
            pos = lowered.find(f" {word}s ")
            if pos < 0:
                pos = lowered.find(f" {word}'s ")
        if pos >= 0:
            hits.append((pos, role, word))
    hits.sort()
    if not hits:
        if entity_type == "GPE":
            return "official", ("a place speaking as its government (GPE)",)
        if entity_type == "ORG":
            return "organisation", ("named organisation (ORG)",)
        return "unknown", ()
    evidence = list(dict.fromkeys(f"{w} ({r})" for _, r, w in hits))
    pos, role, word = hits[0]
    if role == "official" and word in _LEADING:
        end = _CLAUSE_END.search(lowered, pos + len(word) + 1)
        clause_end = end.start() if end else len(lowered)
        prep = _BODY_PREP.search(lowered, pos + len(word) + 1, clause_end)
        if prep is not None:
            body = [(r, w) for p, r, w in hits if prep.start() <= p < clause_end]
            if body and not any(r == "official" for r, _ in body):
                title = [w for p, _, w in hits if p < prep.start()][-1]
                role = body[0][0]
                evidence.insert(0, f"{title} of a {body[0][1]} ({role}, not official)")
    if " former " in lowered[max(0, pos - 24) : pos + 1]:
        evidence.append(f"former: a past {role} role, still read as {role}")
    return role, tuple(evidence)


KNOWN_PERSON = "known person: "  # how role evidence from the list starts; the report views look for it


@lru_cache(maxsize=1)
def known_people() -> dict[str, tuple[str, str]]:
    """Full name -> (role, what they are), from ``lexicons/en/known_people.txt``."""
    people = {}
    for line in load_lexicon("known_people"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) == 3 and parts[0] in ROLES:
            people[_fold(parts[1])] = (parts[0], parts[2])
    return people


def _fold(name: str) -> str:
    """A name compared without case, accents or extra spaces ("Nicolás Maduro" = "Nicolas Maduro")."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(plain.lower().replace("\u2019", "'").split())


def known_role(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The role of a well-known person the page names without a title, marked as from the list."""
    hit = known_people().get(_fold(name))
    if hit is None:
        return None
    role, what = hit
    return role, (f"{KNOWN_PERSON}{what} (newsaudit's list of office-holders, not stated on the page)",)
