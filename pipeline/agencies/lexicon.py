"""The agency word lists as one phrase index, and one text analysed against it.

Every list under models/agencies/ (heads that build unseen names, office titles,
kind words of generic groups, qualifiers, role cues) goes into one PhraseIndex under
a label; ``analyze`` tokenizes a text once and records, for every token, where the
longest phrase of each label starting there ends, plus the gazetteer matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.agencies.gazetteer import (
    Entry,
    PhraseIndex,
    Token,
    fold_phrase,
    load_gazetteer,
    make_doc,
    spellings,
    tokenize,
)
from pipeline.resources import load_json

SKIP = frozenset({"*", "#", '"', "'", "`", "_", "•", "…"})
# inst: state bodies; civil: socio-political and mass organisations; flex: kinds that join either
# ('đoàn thể', 'tổ chức'); ent: businesses and other non-state actors; system: 'hệ thống …';
# tier and role ('địa phương'; 'chủ đầu tư', 'nhà thầu'): always an item of their own;
# person: never an item on its own
KIND_CLASSES = ("inst", "civil", "flex", "loc", "ent", "force", "system", "tier", "role", "person")

# label -> (file, key) of the plain word lists in the phrase index
_LISTS = {
    "NONAG": ("heads", "non_agency"), "TITLE": ("heads", "titles"), "PLURAL": ("heads", "plural"),
    "COMPL": ("heads", "completion"), "GENITIVE": ("heads", "genitive_heads"), "MOD": ("heads", "modifiers"),
    "GCLAUSE": ("heads", "group_clauses"), "LOCWORD": ("heads", "loc_kinds_taking_names"),
    "GENPREP": ("heads", "genitive_preps"), "CTITLE": ("heads", "complete_titles"),
    "NONAME": ("heads", "not_name_words"), "DESCPREP": ("heads", "description_preps"),
    "OBJPREP": ("heads", "object_preps"), "DHEAD": ("heads", "descriptive_heads"),
    "DROP": ("qualifiers", "drop_starts"), "TRAIL": ("qualifiers", "trailing"),
    "APPOS": ("qualifiers", "apposition_heads"), "APPOPEN": ("qualifiers", "apposition_openers"), "FIELD": ("qualifiers", "field_labels"),
    "HPREFIX": ("qualifiers", "heading_prefixes"), "HTAIL": ("qualifiers", "heading_tails"),
    "DCONT": ("qualifiers", "drop_continuations"), "CONNECT": ("qualifiers", "list_connectors"),
    "HCUT": ("qualifiers", "heading_cuts"), "GREL": ("heads", "group_relatives"), "TOPIC": ("heads", "topic_modifiers"),
    "BRANCH": ("heads", "branch_heads"), "RESP": ("roles", "responsibility_openers"), "ENCOUR": ("roles", "encourage_verbs"),
    "COND": ("roles", "condition_intros"),
    "LEAD": ("roles", "lead_cues"), "SUPPORT": ("roles", "support_cues"), "COSUP": ("roles", "support_joined_verbs"),
    "SOPEN": ("roles", "support_openers"), "NOSUP": ("roles", "not_support_before"),
    "TRIG": ("roles", "triggers"), "REQ": ("roles", "requester_verbs"), "DIRECT": ("roles", "directing"),
    "INTRO": ("roles", "intro"), "NOTPRED": ("roles", "not_predicate"), "ADV": ("roles", "adverbs"),
    "TAIL": ("roles", "leadin_tails"), "PURPOSE": ("roles", "leadin_purpose"), "STOP": ("roles", "stop_words"),
    "ISSUE": ("roles", "issuer_verbs"), "CUE": ("roles", "subject_cues"), "MAIN": ("roles", "main_verbs"),
    "ASPECT": ("roles", "aspect_markers"), "WORD": ("roles", "compound_words"),
}
# cue labels that a compound word ('công trình', 'giao thông') hides inside itself
_VERB_LABELS = ("STOP", "TRIG", "MAIN", "LEAD", "SUPPORT", "REQ", "HPREFIX", "ISSUE", "CUE", "ADV", "DIRECT")


@dataclass(frozen=True)
class Lexicon:
    """The phrase index and the lookups the rules need beside it."""

    index: PhraseIndex
    heads: dict[tuple[str, ...], tuple[str | None, str | None, bool]]  # -> (kind, level, strong)
    kinds: dict[tuple[str, ...], str]  # kind word -> class (inst, loc, ent, force, tier)
    distributive: dict[tuple[str, ...], str]  # 'bộ' -> 'Bộ {}'
    places: set[tuple[str, ...]]  # distributed without a colon: 'các tỉnh Gia Lai, Đắk Lắk', 'các Thứ trưởng A, B'
    verb_kinds: set[tuple[str, ...]]
    level_words: dict[tuple[str, ...], str]
    group_entries: list[tuple[Entry, set[tuple[str, ...]], set[tuple[str, ...]]]]
    paren_keep: set[tuple[str, ...]]
    titles: set[tuple[str, ...]]
    conj: str  # folded function words (roles.json: function_words)
    then: str
    plural: str
    lead_first: str
    other: str
    area: tuple[str, ...]
    range_from: str
    range_to: str
    seps: frozenset[str]


def _phrases(label: str, words: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    return [(label, s) for w in words for s in spellings(fold_phrase(w))]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All word lists as one phrase index, built once."""
    data = {name: load_json("agencies", f"{name}.json") for name in ("heads", "qualifiers", "roles")}
    heads_data = data["heads"]
    phrases: list[tuple[str, tuple[str, ...]]] = []
    heads: dict[tuple[str, ...], tuple[str | None, str | None, bool]] = {}
    for strong, key in ((True, "strong_heads"), (False, "weak_heads")):
        for name, (kind, level) in heads_data[key].items():
            for s in spellings(fold_phrase(name)):
                heads[s] = (kind, level, strong)
                phrases.append(("HEAD", s))
    kinds: dict[tuple[str, ...], str] = {}
    for cls in KIND_CLASSES:
        for w in heads_data["kinds"][cls]:
            for s in spellings(fold_phrase(w)):
                kinds[s] = cls
                phrases.append(("KIND", s))
    for label, (file, key) in _LISTS.items():
        phrases += _phrases(label, data[file][key])
    distributive = {fold_phrase(k): v for k, v in heads_data["distributive"].items()}
    phrases += [("DISTR", k) for k in distributive]
    level_words = {fold_phrase(w): lvl for lvl, ws in heads_data["level_words"].items() for w in ws}
    phrases += [("LEVEL", k) for k in level_words]
    groups = [(e, {s for h in e.group_head for s in spellings(fold_phrase(h))},
               {s for k in e.group_kinds for s in spellings(fold_phrase(k))})
              for e in load_gazetteer().entries.values() if e.group_kinds or e.group_head]
    words = {k: fold_phrase(v) for k, v in data["roles"]["function_words"].items()}
    conj = words["and"][0]
    return Lexicon(
        index=PhraseIndex(phrases), heads=heads, kinds=kinds, distributive=distributive,
        places={fold_phrase(k) for k in heads_data["distributive_places"] + heads_data["distributive_titles"]},
        verb_kinds={fold_phrase(w) for w in heads_data["verb_like_kinds"]}, level_words=level_words,
        group_entries=groups, paren_keep={fold_phrase(w) for w in data["qualifiers"]["paren_keep"]},
        titles={s for w in heads_data["titles"] for s in spellings(fold_phrase(w))},
        conj=conj, then=words["then"][0], plural=words["plural"][0], lead_first=words["lead_first"][0],
        other=words["other"][0],
        area=words["area"], range_from=words["range_from"][0], range_to=words["range_to"][0],
        seps=frozenset({",", conj}),
    )


@dataclass
class Analysis:
    """One text: its tokens, folded forms, lexicon phrase ends and gazetteer matches per token."""

    text: str
    toks: list[Token]
    norms: list[str]
    lex: list[dict[str, int]]
    gaz: dict[int, tuple[int, list[str]]]

    def at(self, i: int, label: str) -> int | None:
        """End of the longest ``label`` phrase starting at token i."""
        return self.lex[i].get(label) if 0 <= i < len(self.toks) else None

    def norm(self, i: int) -> str:
        return self.norms[i] if 0 <= i < len(self.norms) else ""


@lru_cache(maxsize=8192)
def analyze(text: str) -> Analysis:
    """The text tokenized and searched once (cached: the same string is analysed by several stages)."""
    toks = tokenize(text)
    norms = [t.norm for t in toks]
    lex: list[dict[str, int]] = [{} for _ in toks]
    sdoc = make_doc(norms) if norms else None
    for s, e, label in lexicon().index.find(norms, sdoc):
        if e > lex[s].get(label, -1):
            lex[s][label] = e
    for s, e in [(s, lex[s]["WORD"]) for s in range(len(toks)) if "WORD" in lex[s]]:
        for k in range(s, e):  # 'trình' in 'công trình', 'giao' in 'giao thông' is no verb
            for label in _VERB_LABELS:
                if label in lex[k] and (k > s or lex[k][label] < e):
                    del lex[k][label]
    for k in range(len(toks) - 1):  # a count in place of 'các': 'Ủy ban nhân dân 04 xã: …'
        if toks[k].text.isdigit() and len(toks[k].text) <= 3 and "KIND" in lex[k + 1]:
            lex[k].setdefault("PLURAL", k + 1)
    gaz = {s: (e, ids) for s, e, ids in load_gazetteer().matches(norms, sdoc)}
    return Analysis(text, toks, norms, lex, gaz)

