"""The source roster: every speaker phrase resolved to one source of the article.

Coreference by rules over spaCy's entities and parse, nothing downloaded:

* a name resolves through its surname to the fullest form of that name in the article
  ("Mr Frolov" -> "Vladimir Frolov", "Mr Trump" -> "Donald Trump");
* "he"/"she" resolve to the nearest earlier person source of a compatible gender
  (gender known only from titles, "Mrs", and pronouns already resolved to that source);
* a definite description resolves to the nearest earlier unnamed source with the same head
  noun ("the official" -> "a senior state department official"); an indefinite one
  ("another military source") is always a new source.
"""

from __future__ import annotations


from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicons import load_lexicon, load_lexicon_set
from ..models import Mention, Source
from .attribution import Attribution
from .roles import decide_role, known_role, role_word_set

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_TITLES = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "dr": None, "dr.": None, "sen.": None, "rep.": None, "gov.": None, "president": None,
    "senator": None, "governor": None, "secretary": None, "sir": "m", "lady": "f", "lord": "m",
}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_PLURAL_PRONOUNS = {"they", "them", "we"}
_FIRST_PERSON = {"i", "we", "me", "us"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "PRODUCT"}
_DEFINITE = {"the", "this", "that", "these", "those"}


@dataclass
class _Cluster:
    kind: str  # person | named | nominal | author
    name: str
    label: str
    key: str
    entity_type: str | None = None
    gender: str | None = None
    anonymous: bool = False
    head_lemma: str = ""
    plural: bool = False
    descriptions: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    atts: list[int] = field(default_factory=list)


def _entity_of(tok: "Token") -> "Span | None":
    if tok.ent_type_ in _NAMED:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    return None


def _appositive(head: "Token") -> str | None:
    """The appositive description of a noun, all of it.

    The parser may split one description into several appositives ("president of the NGO X
    and one of the country’s most astute observers" hangs "observers" off the name when
    the apostrophe is curly), so the span runs from the first to the last of them.
    """
    appos = [c for c in head.rights if c.dep_ == "appos"]
    if not appos:
        return None
    lo = min(c.left_edge.i for c in appos)
    hi = max(c.right_edge.i for c in appos)
    return head.doc[lo : hi + 1].text.strip(" ,") or None


def _strip_titles(words: list[str]) -> tuple[list[str], str | None]:
    gender = None
    while words and words[0].lower() in _TITLES:
        gender = _TITLES[words[0].lower()] or gender
        words = words[1:]
    return words, gender


class RosterBuilder:
    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds doc.text on every access: take it once
        self.clusters: list[_Cluster] = []
        # indexes of attributions whose speaker is a pronoun nothing earlier resolves
        self.unresolved: set[int] = set()
        self.anon_heads = load_lexicon_set("anonymous_sources")
        self.anon_cues = tuple(c.lower() for c in load_lexicon("anonymity_cues"))
        # surname -> fullest PERSON name in the article, and titles written before it
        self.fullest: dict[str, str] = {}
        self.person_titles: dict[str, list[str]] = {}
        self.person_spans: dict[str, list[tuple[int, int]]] = {}
        # descriptions written beside any mention of a person, not only where they speak
        self.person_descs: dict[str, list[str]] = {}
        # PERSON entities that are grammatical subjects: antecedents for "he"/"she"
        self.person_subjects: list[tuple[int, "Span"]] = []
        persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        for ent in persons:
            self._note_person(ent)
        # names the NER missed ("Igor Sechin") whose surname it tagged elsewhere
        in_person = {i for ent in persons for i in range(ent.start, ent.end)}
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.dep_ == "compound" or tok.i in in_person:
                continue
            if tok.lower_ in self.fullest:
                lo = min([tok.i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
                self._note_person(doc[lo : tok.i + 1])

    def _note_person(self, ent: "Span") -> None:
        doc = self.doc
        words, _ = _strip_titles(ent.text.replace("\u2019s", "").split())
        if not words:
            return
        key = words[-1].lower().strip(".,")
        if len(" ".join(words)) > len(self.fullest.get(key, "")):
            self.fullest[key] = " ".join(words)
        self.person_spans.setdefault(key, []).append((ent.start_char, ent.end_char))
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            self.person_subjects.append((ent.start_char, ent))
        desc = _appositive(ent.root)
        if desc is None and ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
            # "the ministry's spokesman, Tom Radley": the description comes first
            title = ent.root.head
            desc = doc[title.left_edge.i : title.i + 1].text.strip(" ,")
        if desc:
            self.person_descs.setdefault(key, []).append(desc)
        window = doc[max(0, ent.start - 3) : ent.start]
        before = [t.text for t in window if t.dep_ in ("compound", "amod") or t.is_title]
        # a title in lower case ("prime minister Theresa May") counts when it is a role word
        self.person_titles.setdefault(key, []).extend(
            w for w in before if w.lower() in _TITLES or w.istitle() or w.lower() in role_word_set()
        )

    # -- one mention

    def add(self, index: int, att: Attribution) -> _Cluster | None:
        if att.source is None or att.source_head is None:
            return None
        doc = self.doc
        head = doc[att.source_head]
        lo, hi = att.source
        phrase = doc[lo:hi]
        span = (phrase.start_char, phrase.end_char)
        anon_cue = any(cue in head.sent.text.lower() for cue in self.anon_cues)
        cluster = self._resolve(head, phrase, anon_cue)
        if cluster is None:
            # a pronoun with no compatible person before it: the quote stays, unattributed
            self.unresolved.add(index)
            return None
        cluster.mentions.setdefault(span, phrase.text)
        cluster.atts.append(index)
        desc = self._description(head)
        if desc and desc not in cluster.descriptions:
            cluster.descriptions.append(desc)
        if len(phrase.text) > len(cluster.label) and cluster.kind != "author":
            cluster.label = phrase.text
        return cluster

    def _description(self, head: "Token") -> str | None:
        return _appositive(head)

    def _resolve(self, head: "Token", phrase: "Span", anon_cue: bool) -> _Cluster | None:
        lower = head.lower_
        if head.pos_ == "PRON":
            return self._pronoun(head)
        ent = _entity_of(head)
        if ent is None and head.pos_ == "PROPN":
            # a proper-noun chain the NER missed
            lo = min([head.i] + [c.i for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
            ent_text, ent_type = self.doc[lo : head.i + 1].text, "PERSON" if head.lower_ in self.fullest else None
        elif ent is not None:
            ent_text, ent_type = ent.text, ent.label_
        else:
            ent_text, ent_type = "", None
        if ent_text:
            return self._named(ent_text, ent_type, phrase)
        return self._nominal(head, phrase, anon_cue or lower in ("sources", "people"))

    def _named(self, text: str, ent_type: str | None, phrase: "Span") -> _Cluster:
        words, gender = _strip_titles(text.replace("\u2019s", "").replace("'s", "").split())
        if not words:
            words = text.split()
        if ent_type == "PERSON" or words[-1].lower() in self.fullest:
            key = words[-1].lower().strip(".,")
            name = self.fullest.get(key, " ".join(words))
            kind, key = "person", f"person:{key}"
        else:
            name = " ".join(w for w in words if w.lower() != "the") or text
            kind, key = "named", f"named:{name.lower()}"
        for c in self.clusters:
            if c.key == key:
                c.gender = c.gender or gender
                return c
        cluster = _Cluster(kind=kind, name=name, label=phrase.text, key=key, entity_type=ent_type, gender=gender)
        if kind == "person":
            cluster.titles = list(dict.fromkeys(self.person_titles.get(key.split(":", 1)[1], [])))
        self.clusters.append(cluster)
        return cluster

    def _nominal(self, head: "Token", phrase: "Span", anon_cue: bool) -> _Cluster:
        lemma = head.lemma_.lower()
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        if dets & _DEFINITE:
            for c in reversed(self.clusters):
                if c.kind == "nominal" and (c.head_lemma == lemma or lemma in c.name.lower().split()):
                    return c
        core_lo = min([head.i] + [c.left_edge.i for c in head.lefts])
        name = self.doc[core_lo : head.i + 1].text
        plural = head.tag_ in ("NNS", "NNPS")
        anonymous = anon_cue or lemma in self.anon_heads or (plural and lemma in self.anon_heads)
        cluster = _Cluster(
            kind="nominal", name=name, label=phrase.text, key=f"nominal:{len(self.clusters)}",
            anonymous=anonymous, head_lemma=lemma, plural=plural,
        )
        self.clusters.append(cluster)
        return cluster

    def _pronoun(self, head: "Token") -> _Cluster | None:
        lower = head.lower_
        gender = _PRONOUN_GENDER.get(lower)
        want_plural = lower in _PLURAL_PRONOUNS
        if not want_plural:
            found = self._nearest_person(head, gender)
            if found is not None:
                return found
        for c in reversed(self.clusters):
            if c.kind == "author":
                continue
            if want_plural:
                if c.plural or c.kind == "named":
                    return c
                continue
            if c.plural or c.kind == "named" and c.entity_type in ("ORG", "GPE", "NORP"):
                continue
            if gender and c.gender and c.gender != gender:
                continue
            if c.kind == "nominal" and c.head_lemma not in self.anon_heads:
                continue
            if gender and not c.gender:
                c.gender = gender
            return c
        return self._nearest_entity(head, gender)

    def _nearest_entity(self, head: "Token", gender: str | None) -> _Cluster | None:
        """Last resort: the nearest earlier entity of a kind the pronoun can stand for.

        "he"/"she" take any person named before (not only a subject), "it" and "they" a named
        organisation or place; "I", "we", "you" are left unresolved, since outside a quote
        they point at nobody in the text.
        """
        lower = head.lower_
        if lower in _FIRST_PERSON:
            # outside any quotation, "I"/"we" is the writer (op-eds, first-person reports)
            for c in self.clusters:
                if c.kind == "author":
                    return c
            cluster = _Cluster(kind="author", name="the author", label="the author", key="author")
            self.clusters.append(cluster)
            return cluster
        if lower in _PRONOUN_GENDER:
            labels: tuple[str, ...] = ("PERSON",)
        elif lower in ("it", "they"):
            labels = ("ORG", "GPE", "NORP") if lower == "they" else ("ORG", "GPE")
        else:
            return None
        for ent in reversed(self.doc.ents):
            if ent.end > head.i or ent.label_ not in labels or ent.sent.start > head.i:
                continue
            if ent.label_ == "PERSON":
                _, g = _strip_titles(ent.text.split())
                if gender and g and g != gender:
                    continue
                cluster = self._named(ent.text, "PERSON", ent)
                cluster.gender = cluster.gender or gender
                return cluster
            return self._named(ent.text, ent.label_, ent)
        return None

    def _nearest_person(self, head: "Token", gender: str | None) -> _Cluster | None:
        """The nearest earlier person: a person source already met, or a person subject."""
        best: tuple[int, _Cluster | None, Span | None] = (-1, None, None)
        for c in self.clusters:
            if c.kind not in ("person", "nominal") or c.plural or (gender and c.gender and c.gender != gender):
                continue
            if c.kind == "nominal" and c.head_lemma not in self.anon_heads:
                continue
            for start, _ in c.mentions:
                if best[0] < start < head.idx:
                    best = (start, c, None)
        for start, ent in self.person_subjects:
            if best[0] < start < head.idx and ent.sent.start < head.i:
                words, g = _strip_titles(ent.text.split())
                if gender and g and g != gender:
                    continue
                best = (start, None, ent)
        _, cluster, ent = best
        if ent is not None:
            cluster = self._named(ent.text, "PERSON", ent)
        if cluster is not None and gender and not cluster.gender:
            cluster.gender = gender
        return cluster

    # -- records

    def sources(self) -> list[tuple[_Cluster, Source]]:
        out = []
        for n, c in enumerate((c for c in self.clusters if c.atts), start=1):
            spans = dict(c.mentions)
            if c.kind == "person":
                for s, e in self.person_spans.get(c.key.split(":", 1)[1], []):
                    spans.setdefault((s, e), self.text[s:e])
            mentions = tuple(Mention(text=t, start=s, end=e) for (s, e), t in sorted(spans.items()))
            descriptions = list(c.descriptions)
            if c.kind == "person":
                for d in self.person_descs.get(c.key.split(":", 1)[1], []):
                    if not any(d in known for known in descriptions):
                        descriptions.append(d)
            description = descriptions[0] if descriptions else None
            evidence_text = " ".join([*descriptions, *c.titles, c.label if c.kind != "person" else ""])
            role, evidence = decide_role(evidence_text, c.entity_type)
            if role == "unknown" and c.kind == "person" and (known := known_role(c.name)) is not None:
                role, evidence = known
            if c.kind == "author":
                role, evidence = "journalist", ("first person outside any quotation: the article's writer",)
            label = c.label
            out.append(
                (
                    c,
                    Source(
                        id=f"s{n}",
                        name=c.name,
                        label=label,
                        anonymous=c.anonymous,
                        role=role,
                        mentions=mentions,
                        description=description,
                        entity_type=c.entity_type,
                        role_evidence=evidence,
                    ),
                )
            )
        return out
