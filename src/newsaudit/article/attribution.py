"""Find attributions (source, cue, content) over a parsed article.

Two passes over one spaCy ``Doc``, no re-parsing:

1. direct quotations (found on the characters, see :mod:`quotemarks`) are tied to a cue:
   a speech verb in the same sentence outside the quotation, a colon or dash intro, or,
   for a paragraph that is only a quotation, the attribution just before it;
2. every other reporting or cognition verb with a clausal complement (or an infinitive
   for intentions, an object for verbs like "deny"), and prepositional cues such as
   "according to", gives an indirect attribution; a quoted fragment inside it makes it mixed.

Attributions are univocal, as in PolNeAR: a cue inside someone else's content is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicons import load_lexicon, load_lexicon_set
from .cuemodel import load_model, verb_features
from .parse_helpers import find_subject, inverted_subject, source_phrase, subtree_bounds, trim_edges
from .quotemarks import QuoteSpan, find_quote_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_OBJECT_DEPS = {"dobj", "oprd", "dative", "attr", "prep", "acomp"}
# What sets off an aside at the end of a content: ', who ...', ' -- a former ...'.
_ASIDE_MARKS = (",", "\u2014", "\u2013", "--", "-")


@dataclass
class Attribution:
    """One attribution; ``content`` may be several pieces (a quotation split around its cue)."""

    content: list[tuple[int, int]]  # character spans into the doc text
    kind: str  # direct | indirect | mixed
    cue: tuple[int, int] | None = None
    cue_text: str | None = None
    source: tuple[int, int] | None = None  # token span [start, end) of the source phrase
    source_head: int | None = None  # token index of the source's head word
    tokens: set[int] = field(default_factory=set)  # content tokens, for univocality


@dataclass(frozen=True)
class Lexicons:
    cue_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    np_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    cue_preps: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    np_verbs = load_lexicon_set("np_content_verbs")
    speech = load_lexicon_set("speech_verbs")
    return Lexicons(
        cue_verbs=load_lexicon_set("reporting_verbs") | np_verbs,
        speech_verbs=speech,
        intention_verbs=load_lexicon_set("intention_verbs"),
        np_verbs=np_verbs,
        naming_verbs=load_lexicon_set("naming_verbs"),
        phrases=tuple(tuple(p.lower().split()) for p in load_lexicon("attribution_cues")),
        cue_preps=load_lexicon_set("cue_prepositions"),
    )


# ---------------------------------------------------------------- the finder


class _Finder:
    def __init__(self, doc: "Doc", *, use_model: bool = True) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lexicons()
        self.quotes = find_quote_spans(self.text)
        self.in_quote = [-1] * len(doc)  # token -> index into self.quotes
        for qi, q in enumerate(self.quotes):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.in_quote[t.i] = qi
        self.taken: set[int] = set()  # tokens already in some attribution's content
        self.cue_used: set[int] = set()
        self.found: list[Attribution] = []
        self.orphans: list[tuple[Attribution, QuoteSpan]] = []  # quotations pass 1 left without a cue
        self.model = load_model() if use_model else None

    # -- pass 1: direct quotations

    def _tok_range(self, q: QuoteSpan) -> tuple[int, int]:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    def _para_bounds(self, i: int) -> tuple[int, int]:
        lo = self.text.rfind("\n", 0, i) + 1
        hi = self.text.find("\n", i)
        return lo, len(self.text) if hi < 0 else hi

    def _cue_for_quote(self, q: QuoteSpan) -> "Token | None":
        doc = self.doc
        t0, t1 = self._tok_range(q)
        if t1 <= t0:
            return None
        p_lo, p_hi = self._para_bounds(q.start)
        s_lo = doc[t0].sent.start
        s_hi = doc[t1 - 1].sent.end
        # "“...,” said X." may be parsed as a separate sentence after the quotation.
        if s_hi < len(doc) and doc[t1 - 1].sent.end == t1:
            s_hi = doc[t1].sent.end if t1 < len(doc) else s_hi
        best, best_d = None, 10**6
        for tok in doc[s_lo:s_hi]:
            if self.in_quote[tok.i] >= 0 or tok.i in self.cue_used:
                continue
            if tok.idx < p_lo or tok.idx >= p_hi:
                continue
            if tok.lemma_.lower() not in self.lex.speech_verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            d = t0 - tok.i if tok.i < t0 else tok.i - t1
            if any(c.dep_ == "ccomp" and c.left_edge.i <= t0 < c.right_edge.i + 1 for c in tok.children):
                d -= 1000  # the verb whose clause holds the quotation wins
            if d < best_d:
                best, best_d = tok, d
        return best

    def _colon_intro(self, q: QuoteSpan) -> "tuple[Token | None, Token] | None":
        """A quotation right after "X said:" or "X continued:" (same or previous paragraph)."""
        j = q.start - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] != ":":
            return None
        colon = self.doc.char_span(j, j + 1, alignment_mode="expand")
        if colon is None:
            return None
        colon_tok = colon[0]
        sent = colon_tok.sent
        verbs = [t for t in sent if t.i < colon_tok.i and t.pos_ in ("VERB", "AUX") and self.in_quote[t.i] < 0]
        verb = next((t for t in reversed(verbs) if t.lemma_.lower() in self.lex.cue_verbs), None)
        if verb is None and verbs:
            verb = verbs[-1]
        return verb, colon_tok

    def direct(self) -> None:
        doc = self.doc
        previous: Attribution | None = None
        for qi, q in enumerate(self.quotes):
            if q.single and not q.speechlike(self.text):
                continue
            if not q.speechlike(self.text):
                continue
            t0, t1 = self._tok_range(q)
            span = (q.start, q.end)
            cue = self._cue_for_quote(q)
            cue_span = None
            if cue is not None and self._is_mixed(cue, t0, t1):
                continue  # pass 2 takes it as reported speech with a quoted fragment
            if cue is None:
                intro = self._colon_intro(q)
                if intro is not None:
                    verb, colon = intro
                    cue = verb
                    if verb is None:
                        cue_span = (colon.idx, colon.idx + 1)
                    elif verb.i + 1 == colon.i:
                        cue_span = (verb.idx, colon.idx + 1)
            if cue is None and previous is not None and self._continues(previous, q):
                previous.content.append(span)
                previous.tokens.update(range(t0, t1))
                self.taken.update(range(t0, t1))
                continue
            if cue is not None and cue.i in self.cue_used:
                # The same cue already has a quotation: a split quotation ("...," said X. "...")
                att = next(a for a in self.found if a.cue and a.cue[0] == cue.idx)
                att.content.append(span)
                att.tokens.update(range(t0, t1))
                self.taken.update(range(t0, t1))
                previous = att
                continue
            kind = "direct"
            if cue is not None and cue_span is None:
                lead = self._lead_in(cue, t0)
                if lead < t0:
                    span = (doc[lead].idx, q.end)
                    words = [t for t in doc[lead:t0] if t.is_alpha]
                    kind = "direct" if all(t.lower_ == "that" for t in words) else "mixed"
                    t0 = lead
            att = Attribution(content=[span], kind=kind, tokens=set(range(t0, t1)))
            if cue is not None:
                if cue_span is None:
                    cue_span = (cue.idx, cue.idx + len(cue.text))
                att.cue = cue_span
                att.cue_text = self.text[cue_span[0] : cue_span[1]]
                self.cue_used.add(cue.i)
                subj = find_subject(cue) or inverted_subject(cue)
                if subj is not None and self.in_quote[subj.i] < 0:
                    att.source = source_phrase(subj)
                    att.source_head = subj.i
            self.taken.update(range(t0, t1))
            self.found.append(att)
            if cue is None:
                self.orphans.append((att, q))
            previous = att

    def join_orphans(self) -> None:
        """A cue-less quotation continuing a mixed quote found in pass 2 joins it.

        'The plans are "irresponsible," said one economist. "It leaves me speechless."'
        is one attribution in PolNeAR; pass 1 defers the first half to pass 2, which runs
        after pass 1 has already left the second half without a cue.
        """
        for att, q in self.orphans:
            before = [a for a in self.found if a is not att and a.content[-1][1] <= q.start]
            if not before:
                continue
            prev = max(before, key=lambda a: a.content[-1][1])
            if prev.kind != "mixed" or not self._continues(prev, q):
                continue
            prev.content.extend(att.content)
            prev.tokens.update(att.tokens)
            self.found.remove(att)

    def _is_mixed(self, cue: "Token", t0: int, t1: int) -> bool:
        """The cue's clause holds more than the quotation: "said that the US will "continue ..."."""
        for child in cue.children:
            if child.dep_ != "ccomp":
                continue
            lo, hi = subtree_bounds(child)
            if not (lo <= t0 < hi or t0 <= lo < t1):
                continue
            # A clause the parser ran across a paragraph break is no evidence: only words
            # in the quotation's own paragraph count.
            lo, hi = self._clip_to_paragraph(lo, hi, self.doc[t0].idx)
            outside = [t for t in self.doc[lo:hi] if not (t0 <= t.i < t1) and t.is_alpha and t.lower_ != "that"]
            return len(outside) >= 2
        return False

    def _cut_aside(self, lo: int, hi: int) -> tuple[int, int]:
        """Token bounds without a closing aside: ', which ...', ', a former ...', ', saying ...'.

        A non-restrictive relative clause or apposition set off by a comma or dash at the
        end of a content is most often the writer's background, and PolNeAR's guidelines
        say to leave out what is not clearly attributed. Quoted words are never cut.
        """
        doc = self.doc
        for tok in doc[lo:hi]:
            # ', saying ...', ', telling ...': a participle that reports speech is an
            # attribution of its own, quotations and all, not the end of this one.
            speaking = tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.lemma_.lower() in self.lex.cue_verbs
            if not (tok.dep_ in ("relcl", "appos") or speaking) or not lo <= tok.head.i < hi:
                continue
            start = tok.left_edge.i
            if start <= lo + 1 or tok.head.i >= start or tok.right_edge.i + 1 < hi:
                continue
            if doc[start - 1].text not in _ASIDE_MARKS:
                continue
            if not speaking and any(self.in_quote[i] >= 0 for i in range(start - 1, hi)):
                continue
            return lo, start - 1
        return lo, hi

    def _whole_quotes(self, lo: int, hi: int) -> tuple[int, int]:
        """Token bounds grown to hold every quotation they touch, marks included.

        A clause's subtree often stops before the closing mark ('is "doing fine,"' parses
        the comma and mark onto the cue); PolNeAR's content keeps all that is within quotes.
        """
        if hi <= lo:
            return lo, hi
        for qi in {self.in_quote[lo], self.in_quote[hi - 1]}:
            if qi >= 0:
                q_lo, q_hi = self._tok_range(self.quotes[qi])
                lo, hi = min(lo, q_lo), max(hi, q_hi)
        return lo, hi

    def _clip_to_paragraph(self, lo: int, hi: int, at: int) -> tuple[int, int]:
        """Token bounds [lo, hi) cut to the paragraph holding character ``at``."""
        p_lo, p_hi = self._para_bounds(at)
        doc = self.doc
        while lo < hi and doc[lo].idx < p_lo:
            lo += 1
        while hi > lo and doc[hi - 1].idx >= p_hi:
            hi -= 1
        return lo, hi

    def _lead_in(self, cue: "Token", t0: int) -> int:
        """First token of the clause that carries a quotation after its cue, or ``t0``.

        PolNeAR's content is the whole reported clause: 'said that "..."' and 'said he
        "has ..."' include "that" and "he" (guidelines: "that" is part of the content),
        and so does 'Cruz "has ...," she said'.
        """
        for child in cue.children:
            if child.dep_ != "ccomp" or not (child.left_edge.i <= t0 <= child.right_edge.i):
                continue
            # 'Cruz "has always ...," the senator said': the clause may come before its cue too.
            floor = cue.i + 1 if cue.i < t0 else self.doc[t0].sent.start
            lo, _ = self._clip_to_paragraph(max(child.left_edge.i, floor), t0, self.doc[t0].idx)
            lo, _ = trim_edges(self.doc, lo, t0)
            return lo if lo < t0 and all(self.in_quote[i] < 0 for i in range(lo, t0)) else t0
        return t0

    def _continues(self, previous: Attribution, q: QuoteSpan) -> bool:
        """A paragraph that is only a quotation, right after a paragraph of quoted speech."""
        if previous.kind not in ("direct", "mixed") or previous.cue is None:
            return False
        p_lo, p_hi = self._para_bounds(q.start)
        last = previous.content[-1][1]
        if last >= p_lo and previous.cue[0] >= p_lo:
            # Same paragraph: '"...," said X. "..."' -- only the cue sentence in between.
            between = self.text[last : q.start]
            # A title in marks in the cue sentence ('he said on "Meet the Press."') is no new speech.
            speech = [s for s in find_quote_spans(between) if s.speechlike(between)]
            return previous.cue[0] >= last and not speech and len(between) < 200
        if q.start != p_lo or q.end < p_hi - 1:
            return False
        between = self.text[last:p_lo]
        # Only the end of the previous paragraph (its cue, a full stop) may sit in between.
        return between.count("\n\n") <= 1 and between.count("\n") <= 2 and len(between) < 200

    # -- pass 2: reported speech, beliefs, intentions, "according to"

    def quote_after(self, verb: "Token") -> bool:
        region = self._object_region(verb)
        return region is not None and any(self.in_quote[i] >= 0 for i in range(*region))

    def _content_head(self, verb: "Token", *, confident: bool = False) -> "tuple[Token, str] | None":
        lemma = verb.lemma_.lower()
        by_dep: dict[str, Token] = {}
        for child in verb.children:
            by_dep.setdefault(child.dep_, child)
        if "ccomp" in by_dep:
            return by_dep["ccomp"], "ccomp"
        xcomp = by_dep.get("xcomp")
        if "auxpass" in by_dep and xcomp is not None and xcomp.lemma_.lower() in self.lex.cue_verbs:
            # "Y is believed to have told Z that ...": the inner verb carries Y as its source.
            return None
        if (confident or lemma in self.lex.intention_verbs) and xcomp is not None:
            return by_dep["xcomp"], "xcomp"
        if verb.dep_ == "parataxis" and lemma in self.lex.speech_verbs:
            return verb.head, "parataxis"
        subj = by_dep.get("nsubj")
        if (
            lemma in self.lex.speech_verbs
            and subj is not None
            and subj.i > verb.sent.start + 2
            and subj.left_edge.i > 0
            and verb.doc[subj.left_edge.i - 1].text == ","
        ):
            # "..., sources told The Telegraph." parsed without a ccomp
            return verb.doc[subj.left_edge.i - 1], "before"
        region = self._object_region(verb)
        if region is not None:
            lo, hi = region
            if (confident or lemma in self.lex.np_verbs) and ("dobj" in by_dep or confident):
                return verb.doc[lo], "object"
            if any(self.in_quote[i] >= 0 for i in range(lo, hi)):
                return verb.doc[lo], "object"  # 'called it a "paperwork error"'
        return None

    def _infinitive_subject(self, verb: "Token", lo: int) -> int:
        """Start of 'urged them to leave' content: the one asked to act is content too.

        PolNeAR's gold keeps the object of "urge", "ask", "expect" with the infinitive
        after it ('tech companies to do more'), where a plain recipient ('told me') is not.
        """
        for child in verb.children:
            if child.dep_ == "dobj" and child.right_edge.i + 1 == lo and child.i > verb.i:
                return child.left_edge.i
        return lo

    def _object_region(self, verb: "Token") -> tuple[int, int] | None:
        """Token bounds of what follows the verb as its objects ("him of an 'artful smear'")."""
        parts = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
        if not parts:
            return None
        return parts[0].left_edge.i, parts[-1].right_edge.i + 1

    def indirect(self) -> None:
        doc = self.doc
        model = self.model
        cands = []
        for t in doc:
            if not is_candidate(t) or self.in_quote[t.i] >= 0 or t.i in self.cue_used:
                continue
            lemma = t.lemma_.lower()
            in_lex = lemma in self.lex.cue_verbs or lemma in self.lex.naming_verbs
            if model is None:
                if in_lex:
                    cands.append((t, False))
                continue
            p = model.score(verb_features(t, in_lexicon=in_lex, quote_after=self.quote_after(t)))
            if p >= model.threshold or (in_lex and p >= model.veto):
                cands.append((t, p >= model.threshold))
        # Outer clauses first, so a cue inside someone's content is the one skipped.
        cands.sort(key=lambda c: (len(list(c[0].ancestors)), c[0].i))
        for verb, confident in cands:
            if verb.i in self.taken:
                continue
            found = self._content_head(verb, confident=confident)
            if found is None:
                continue
            head, how = found
            if how == "parataxis":
                lo, hi = subtree_bounds(head)
                v_lo, v_hi = subtree_bounds(verb)
                if v_lo <= head.i < v_hi:
                    continue
                # Content is the head clause minus the cue's own clause.
                lo, hi = (lo, v_lo) if v_lo > head.i else (v_hi, hi)
            elif how == "object":
                lo, hi = self._object_region(verb) or (0, 0)
                bare_pp = hi > lo and doc[lo].pos_ == "ADP" and all(self.in_quote[i] < 0 for i in range(lo, hi))
                if bare_pp and find_subject(verb) is None:
                    # "widely feared in Russia", "known for his connections": a bare
                    # prepositional phrase that nobody is said to say is no attribution
                    continue
                first = doc[lo] if hi - lo > 1 else None
                if first is not None and first.dep_ == "prep" and first.lower_ in self.lex.cue_preps:
                    lo += 1  # 'called for a ceasefire': the preposition is the cue's, not said
            elif how == "before":
                lo, hi = verb.sent.start, head.i
            else:
                lo, hi = subtree_bounds(head)
                if how == "xcomp":
                    lo = self._infinitive_subject(verb, lo)
            # The parser sometimes runs a sentence across a paragraph break; content does not.
            lo, hi = self._clip_to_paragraph(lo, hi, verb.idx)
            lo, hi = self._whole_quotes(*trim_edges(doc, *self._cut_aside(*trim_edges(doc, lo, hi))))
            if hi - lo < 1 or (how != "object" and hi - lo < 2):
                continue
            toks = set(range(lo, hi))
            if toks & self.taken:
                continue
            frag = {self.in_quote[i] for i in toks if self.in_quote[i] >= 0}
            kind = "mixed" if frag else "indirect"
            self._add(verb, (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)), toks, kind)

    def _add(self, verb: "Token", span: tuple[int, int], toks: set[int], kind: str) -> None:
        att = Attribution(content=[span], kind=kind, tokens=toks)
        att.cue = (verb.idx, verb.idx + len(verb.text))
        att.cue_text = verb.text
        outer = self._outer_speaker(verb)
        if outer is not None:
            att.source, att.source_head = outer.source, outer.source_head
        else:
            subj = find_subject(verb)
            if subj is not None and subj.i not in toks:
                att.source = source_phrase(subj)
                att.source_head = subj.i
        self.cue_used.add(verb.i)
        self.taken.update(toks)
        self.found.append(att)

    def _outer_speaker(self, verb: "Token") -> "Attribution | None":
        """'X said the bridge was safe, saying ...': the parser hangs the participle on the
        content's verb, but the one saying it is X (the content was cut before it)."""
        if not (verb.dep_ == "advcl" and verb.tag_ == "VBG") or verb.head.i not in self.taken:
            return None
        for att in self.found:
            if verb.head.i in att.tokens and att.source is not None and verb.i not in att.tokens:
                return att
        return None

    def phrases(self) -> None:
        doc = self.doc
        firsts = {p[0]: p for p in self.lex.phrases}
        for tok in doc:
            phrase = firsts.get(tok.lower_)
            if phrase is None or tok.i in self.taken or self.in_quote[tok.i] >= 0:
                continue
            words = [t.lower_ for t in doc[tok.i : tok.i + len(phrase)]]
            if tuple(words) != phrase:
                continue
            last = doc[tok.i + len(phrase) - 1]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            src_lo, src_hi = source_phrase(obj)
            src_hi = max(src_hi, obj.right_edge.i + 1)
            sent = tok.sent
            before = trim_edges(doc, sent.start, tok.i)
            after = trim_edges(doc, src_hi, sent.end)
            lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
            lo, hi = self._whole_quotes(lo, hi)
            if hi - lo < 2:
                continue
            toks = set(range(lo, hi))
            if toks & self.taken:
                continue
            frag = {self.in_quote[i] for i in toks if self.in_quote[i] >= 0}
            cue_end = last.idx + len(last.text)
            att = Attribution(
                content=[(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))],
                kind="mixed" if frag else "indirect",
                cue=(tok.idx, cue_end),
                cue_text=self.text[tok.idx : cue_end],
                source=(src_lo, src_hi),
                source_head=obj.i,
                tokens=toks,
            )
            self.taken.update(toks)
            self.found.append(att)


def is_candidate(tok: "Token") -> bool:
    """A word that may be a cue: a verb, or an auxiliary used as a main verb."""
    return tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass"))


def find_attributions(doc: "Doc", *, use_model: bool = True) -> list[Attribution]:
    """All attributions in ``doc``, in text order (``use_model=False``: the rules alone)."""
    finder = _Finder(doc, use_model=use_model)
    finder.direct()
    finder.phrases()
    finder.indirect()
    finder.join_orphans()
    return sorted(finder.found, key=lambda a: a.content[0][0])


__all__ = ["Attribution", "find_attributions", "find_subject", "is_candidate", "source_phrase"]
