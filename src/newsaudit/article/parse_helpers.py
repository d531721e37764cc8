"""Helpers over a spaCy parse for attributions: a source's words, a cue verb's subject, span edges.

Split out of :mod:`.attribution` (which ties quotations and reported clauses to their cues)
so that each module stays small; the finder there is their only user in the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

RELPRON = {"who", "that", "which", "whom"}
# Clauses that hang off a source but do not describe it.
_CUT_FROM_SOURCE = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
EDGE_PUNCT = set(",;:.-\u2013\u2014")


def subtree_bounds(tok: "Token") -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def trim_edges(doc: "Doc", lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].text in EDGE_PUNCT or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].text in EDGE_PUNCT or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def source_phrase(tok: "Token") -> tuple[int, int]:
    """The words naming a source: its modifiers and apposition, not its relative clauses."""
    doc = tok.doc
    lo = hi = tok.i
    for child in tok.children:
        if child.dep_ in _CUT_FROM_SOURCE and not (child.dep_ == "prep" and child.i < tok.i):
            # "one source with decades of dealings": keep a prepositional modifier that
            # directly follows the head, it describes the source.
            if child.dep_ == "prep" and child.i == tok.i + 1:
                hi = max(hi, child.right_edge.i)
            continue
        lo = min(lo, child.left_edge.i)
        hi = max(hi, child.right_edge.i)
    lo, hi = trim_edges(doc, lo, hi + 1)
    return lo, hi


def inverted_subject(verb: "Token") -> "Token | None":
    """'"...," explained one analyst': the parser sometimes makes the speaker an object."""
    if verb.lemma_.lower() in ("tell", "ask"):
        return None
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj", "appos") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    return None


def find_subject(verb: "Token") -> "Token | None":
    """The agent of a cue verb, climbing through xcomp/conj/advcl chains and relative clauses."""
    seen = 0
    tok = verb
    via = ""  # the dependency last climbed: only raising (xcomp) passes a passive subject on
    while tok is not None and seen < 6:
        seen += 1
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        for child in tok.children:
            if child.dep_ == "agent" and via in ("", "xcomp"):
                # a conjoined clause's agent is not the climber's: "weighed up by two key
                # players as X and Y meet to discuss ..." is not the players' discussion
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and via == "xcomp"):
                if child.lower_ in RELPRON and tok.dep_ == "relcl":
                    return tok.head
                if child.lower_ in ("it", "there") and child.dep_ == "nsubj" and passive:
                    return None
                return child
        if passive and tok is verb:
            return None  # "is said to", "is believed": no explicit source
        if tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head is not tok:
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if tok.dep_ == "advcl" and tok.tag_ != "VBG" and not infinitive:
                return None  # "Widely feared in Russia, Mr Sechin ...": not Sechin's fear
            via = tok.dep_
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX", "ADJ"):
            tok = tok.head.head  # "refrained from endorsing", "responded by calling"
            via = "pcomp"
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG":  # "officials saying that ..."
            return tok.head
        if tok.dep_ == "relcl":
            return tok.head
        return None
    return None


__all__ = ["EDGE_PUNCT", "RELPRON", "find_subject", "inverted_subject", "source_phrase", "subtree_bounds", "trim_edges"]
