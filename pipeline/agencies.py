"""Agencies in directives: recognition, splitting of agency lists, lead vs support.

Statistical NER finds none of ``Sở Văn hóa, Thể thao và Du lịch``, ``các sở, ngành có
liên quan`` or ``Báo và Phát thanh, Truyền hình tỉnh``; this module uses knowledge
instead: the gazetteer (pipeline.gazetteer), and word lists under models/agencies/
(heads that build unseen names, office titles, kind words of generic groups,
qualifiers to drop, role cues).  A text is tokenized into syllables once, every
lexicon phrase is located with a PhraseMatcher, and one walker decides where items
start and end (guideline §3, §7).  Mentions keep their verbatim text and spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.gazetteer import (
    Entry,
    PhraseIndex,
    Token,
    fold,
    fold_phrase,
    load_gazetteer,
    make_doc,
    spellings,
    tokenize,
)
from pipeline.records import AgencyMention
from pipeline.resources import load_json

_VA = fold("và")
_THI = fold("thì")
_CAC = fold("các")
_CHU = fold("chủ")
_TREN_DIA_BAN = list(fold_phrase("trên địa bàn"))
_TU, _DEN = fold("từ"), fold("đến")
_SEPS = {",", _VA}
_SKIP = {"*", "#", '"', "'", "`", "_", "•", "…"}
_KIND_CLASSES = ("inst", "loc", "ent", "force", "tier")
_LEVEL_WORDS = {
    "province": ("tỉnh", "thành phố", "tp", "cấp tỉnh"),
    "district": ("huyện", "quận", "thị xã", "cấp huyện"),
    "commune": ("xã", "phường", "thị trấn", "đặc khu", "cấp xã"),
    "central": ("trung ương", "tw", "việt nam", "chính phủ", "quốc gia"),
}


@dataclass
class Roles:
    """Who leads and who supports, as stated in one task item's prose."""

    lead: list[AgencyMention] = field(default_factory=list)
    support: list[AgencyMention] = field(default_factory=list)


# ---------------------------------------------------------------- lexicon


@dataclass
class _Lexicon:
    index: PhraseIndex
    heads: dict[tuple[str, ...], tuple[str | None, str | None, bool]]
    kinds: dict[tuple[str, ...], str]
    distributive: dict[tuple[str, ...], str]
    places: set[tuple[str, ...]]
    verb_kinds: set[tuple[str, ...]]
    level_words: dict[tuple[str, ...], str]
    group_entries: list[tuple[Entry, set[tuple[str, ...]], set[tuple[str, ...]]]]
    paren_keep: set[tuple[str, ...]]


def _phrases(label: str, words: list[str], abbreviate: bool = True) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for w in words:
        folded = fold_phrase(w)
        for s in spellings(folded) if abbreviate else {folded}:
            out.append((label, s))
    return out


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """All word lists as one phrase index (labels below), built once."""
    heads_data = load_json("agencies", "heads.json")
    qual = load_json("agencies", "qualifiers.json")
    roles = load_json("agencies", "roles.json")
    phrases: list[tuple[str, tuple[str, ...]]] = []
    heads: dict[tuple[str, ...], tuple[str | None, str | None, bool]] = {}
    for strong, key in ((True, "strong_heads"), (False, "weak_heads")):
        for name, (kind, level) in heads_data[key].items():
            for s in spellings(fold_phrase(name)):
                heads[s] = (kind, level, strong)
                phrases.append(("HEAD", s))
    kinds: dict[tuple[str, ...], str] = {}
    for cls in _KIND_CLASSES:
        for w in heads_data["kinds"][cls]:
            for s in spellings(fold_phrase(w)):
                kinds[s] = cls
                phrases.append(("KIND", s))
    table = [("NONAG", heads_data["non_agency"]), ("TITLE", heads_data["titles"]),
             ("PLURAL", heads_data["plural"]), ("COMPL", heads_data["completion"]),
             ("GENITIVE", heads_data["genitive_heads"]), ("MOD", heads_data["modifiers"]),
             ("GCLAUSE", heads_data["group_clauses"]), ("DROP", qual["drop_starts"]),
             ("TRAIL", qual["trailing"]), ("APPOS", qual["apposition_heads"]), ("FIELD", qual["field_labels"]),
             ("LEAD", roles["lead_cues"]), ("SUPPORT", roles["support_cues"]),
             ("NOSUP", roles["not_support_before"]), ("TRIG", roles["triggers"]),
             ("REQ", roles["requester_verbs"]), ("DIRECT", roles["directing"]), ("INTRO", roles["intro"]),
             ("NOTPRED", roles["not_predicate"]), ("ADV", roles["adverbs"]), ("TAIL", roles["leadin_tails"]),
             ("PURPOSE", roles["leadin_purpose"]), ("STOP", roles["stop_words"]),
             ("LOCWORD", heads_data["loc_kinds_taking_names"]), ("GENPREP", heads_data["genitive_preps"]),
             ("CTITLE", heads_data["complete_titles"]), ("HPREFIX", qual["heading_prefixes"]),
             ("HTAIL", qual["heading_tails"]), ("NONAME", heads_data["not_name_words"]),
             ("DCONT", qual["drop_continuations"]), ("ISSUE", roles["issuer_verbs"])]
    for label, words in table:
        phrases += _phrases(label, words)
    distributive = {fold_phrase(k): v for k, v in heads_data["distributive"].items()}
    for k in distributive:
        phrases.append(("DISTR", k))
    level_words = {fold_phrase(w): lvl for lvl, ws in _LEVEL_WORDS.items() for w in ws}
    for k in level_words:
        phrases.append(("LEVEL", k))
    gaz = load_gazetteer()
    groups = [(e, {s for h in e.group_head for s in spellings(fold_phrase(h))},
               {s for k in e.group_kinds for s in spellings(fold_phrase(k))})
              for e in gaz.entries.values() if e.group_kinds or e.group_head]
    keep = {fold_phrase(w) for w in qual["paren_keep"]}
    places = {fold_phrase(k) for k in heads_data["distributive_places"]}
    return _Lexicon(PhraseIndex(phrases), heads, kinds, distributive, places,
                    {fold_phrase(w) for w in heads_data["verb_like_kinds"]}, level_words, groups, keep)


# ---------------------------------------------------------------- analysis of one text


@dataclass
class _Doc:
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
def _analyze(text: str) -> _Doc:
    toks = tokenize(text)
    norms = [t.norm for t in toks]
    lex: list[dict[str, int]] = [{} for _ in toks]
    sdoc = make_doc(norms) if norms else None
    for s, e, label in _lexicon().index.find(norms, sdoc):
        if e > lex[s].get(label, -1):
            lex[s][label] = e
    gaz = {s: (e, ids) for s, e, ids in load_gazetteer().matches(norms, sdoc)}
    return _Doc(text, toks, norms, lex, gaz)


def _upper(doc: _Doc, i: int) -> bool:
    return 0 <= i < len(doc.toks) and (doc.toks[i].upper or doc.toks[i].text[:1].isdigit())


def _is_word(doc: _Doc, i: int) -> bool:
    return 0 <= i < len(doc.toks) and doc.toks[i].text[:1].isalnum()


def _head(doc: _Doc, i: int) -> int | None:
    """End of an agency head at i ('Sở' + a name, 'Trung tâm …', 'UBND'), or None."""
    e = doc.at(i, "HEAD")
    if e is None or doc.at(i, "NONAG") or not doc.toks[i].upper:
        return None
    if _lexicon().heads[tuple(doc.norms[i:e])][2]:  # strong heads stand alone ('Trung tâm', 'UBND')
        return e
    return e if _upper(doc, e) and not doc.at(e, "KIND") else None  # 'Sở' needs a name: 'Sở Y tế


def _kind(doc: _Doc, i: int) -> str | None:
    e = doc.at(i, "KIND")
    if e and (doc.at(i, "NONAG") or 0) > e:
        return None
    return _lexicon().kinds.get(tuple(doc.norms[i:e])) if e else None


def _place(doc: _Doc, i: int) -> bool:
    """'tỉnh Lâm Đồng', 'Thành phố Hồ Chí Minh': a locality named as performer."""
    e = doc.at(i, "LOCWORD")
    return e is not None and _upper(doc, e) and not _head(doc, e) and e not in doc.gaz


def _agency_start(doc: _Doc, i: int, strict: bool = False) -> bool:
    """Can an agency item begin at token i? (strict: not on a bare kind word such as 'ngành')"""
    while doc.norm(i) in _SKIP:
        i += 1
    if i >= len(doc.toks):
        return False
    e = doc.at(i, "PLURAL")
    if e is not None:
        return bool(doc.at(e, "TITLE") or doc.at(e, "KIND") or _head(doc, e) or e in doc.gaz or _place(doc, e)
                    or doc.at(e, "HEAD"))
    if i in doc.gaz or doc.at(i, "TITLE") or _head(doc, i) or _place(doc, i):
        return True
    k = doc.at(i, "KIND")
    if strict and _kind(doc, i) != "tier" and not (k and doc.at(k, "LEAD")):
        return False
    return bool(k and _kind(doc, i) and tuple(doc.norms[i:k]) not in _lexicon().verb_kinds
                and (doc.at(i, "STOP") or 0) < k)


def _paren_end(doc: _Doc, i: int, hi: int) -> int:
    depth = 0
    for j in range(i, hi):
        if doc.norms[j] == "(":
            depth += 1
        elif doc.norms[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return hi


def _paren_kept(doc: _Doc, i: int, j: int) -> bool:
    inner = tuple(doc.norms[i + 1:j - 1]) if doc.norm(j - 1) == ")" else tuple(doc.norms[i + 1:j])
    return inner in _lexicon().paren_keep


def _boundary_after(doc: _Doc, i: int, hi: int) -> int:
    """From a dropped qualifier at i, the next token that starts a new item (or hi)."""
    j = i
    while j < hi:
        n = doc.norms[j]
        if n == ";":
            return j
        if n in _SEPS and j + 1 < hi and (doc.at(j + 1, "PLURAL") or (j + 1) in doc.gaz or _head(doc, j + 1)
                                          or doc.at(j + 1, "TITLE") or _kind(doc, j + 1) == "tier"):
            return j
        if n == "(":
            j = _paren_end(doc, j, hi)
            continue
        j += 1
    return hi


def _drop_end(doc: _Doc, i: int, hi: int) -> int:
    """Extent mode: the end of a qualifier ('theo chức năng, nhiệm vụ được giao') or apposition at i."""
    if doc.norms[i] == "-":
        j = i + 1
        j = max(doc.at(j, "APPOS") or 0, doc.at(j, "TITLE") or 0) or j
        if j in doc.gaz:
            j = doc.gaz[j][0]
        elif _head(doc, j):
            j = _head(doc, j) or j
            while j < hi and (_upper(doc, j) or (_is_word(doc, j) and not _stops(doc, j, "named"))):
                j += 1
        while j < hi and _upper(doc, j) and not (j in doc.gaz or _head(doc, j)):
            j += 1
        return j
    j = doc.at(i, "DROP") or i + 1
    while j < hi:
        k = j + 1 if doc.norms[j] in _SEPS else j
        e = doc.at(k, "DCONT")
        if not e:
            break
        j = e
    return j


def _appos(doc: _Doc, i: int) -> bool:
    """A spaced dash opening an apposition (' - Cơ quan Thường trực Ban Chỉ đạo')."""
    if doc.norm(i) != "-" or i + 1 >= len(doc.toks):
        return False
    t = doc.toks[i]
    spaced = t.start > 0 and doc.text[t.start - 1].isspace() and t.end < len(doc.text) and doc.text[t.end].isspace()
    return spaced and bool(doc.at(i + 1, "APPOS") or doc.at(i + 1, "TITLE"))


# ---------------------------------------------------------------- the walker


@dataclass
class _Item:
    a: int
    b: int
    template: str | None = None


@dataclass
class _Walk:
    items: list[_Item] = field(default_factory=list)
    end: int = 0


def _sep_splits(doc: _Doc, n: int, state: str | None) -> bool:
    """At a ',' / 'và' before token n: does a new agency item start?"""
    if state in _KIND_CLASSES and n in doc.gaz and not doc.toks[n].upper and _kind(doc, n):
        return _kind(doc, n) != state
    if doc.at(n, "PLURAL") or n in doc.gaz or _kind(doc, n) == "tier":
        return True
    if state == "tier" and doc.at(n, "KIND"):
        return True
    if doc.at(n, "TITLE"):
        return state not in ("title",)
    if _head(doc, n):
        return True
    cls = _kind(doc, n)
    if cls == "loc" and doc.at(_prev_word(doc, n), "LOCWORD"):
        return False
    if cls:
        if state in _KIND_CLASSES:
            return cls != state
        return state not in ("title", None)
    return _place(doc, n) and state not in ("loc",)


def _place_range(doc: _Doc, i: int, state: str | None) -> int | None:
    """'… các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng': the end of the range, or None."""
    if state != "loc" or doc.norms[i] != _TU or not _upper(doc, i + 1) or _DEN not in doc.norms[i + 2:i + 8]:
        return None
    j = doc.norms.index(_DEN, i + 2) + 1
    while j < len(doc.toks) and _upper(doc, j):
        j += 1
    return j


def _prev_word(doc: _Doc, n: int) -> int:
    j = n - 1
    while j > 0 and not _is_word(doc, j):
        j -= 1
    return j


def _genitive_target(doc: _Doc, g: int) -> bool:
    """After 'của'/'thuộc': an agency ('Bộ Tài chính', 'Ủy ban nhân dân Thành phố', 'Bộ')."""
    return g in doc.gaz or bool(_head(doc, g)) or (bool(doc.at(g, "HEAD")) and doc.toks[g].upper)


def _complete(doc: _Doc, i: int) -> bool:
    return bool(doc.at(i, "COMPL"))


def _consume(doc: _Doc, i: int, hi: int, state: str | None) -> tuple[int, str | None, bool]:
    """One unit at i -> (next index, new item state, does the item end complete here?)."""
    if i in doc.gaz and doc.gaz[i][0] <= hi:
        e, ids = doc.gaz[i]
        entry = load_gazetteer().entries[ids[0]]
        if entry.generic and entry.group_kinds:
            cls = _lexicon().kinds.get(fold_phrase(entry.group_kinds[0]), "inst")
            return e, cls, True
        return e, "named", True
    e = doc.at(i, "PLURAL")
    if e:
        return e, state, False
    e = doc.at(i, "TITLE")
    if e and state in (None, "title", "title_c"):
        return e, ("title_c" if doc.at(i, "CTITLE") == e else "title"), False
    e = _head(doc, i)
    if e and state in (None, "title", "title_c", "named_open"):
        return e, "named_open", False
    cls = _kind(doc, i)
    if cls and state in (None, "title", "title_c", "named_open", *_KIND_CLASSES):
        e = doc.at(i, "KIND") or i + 1
        if state == "named_open" and not any(doc.lex[k].get(lab) == i for k in range(max(0, i - 4), i)
                                             for lab in ("HEAD", "PLURAL")):
            return e, "named_open", cls == "loc"
        return e, (cls if state in (None, "title", "title_c", "named_open") or cls == state else state), _complete(doc, i)
    r = _place_range(doc, i, state)
    if r:
        return r, state, True
    g = doc.at(i, "GENPREP")
    if g and state is not None and _genitive_target(doc, g):
        if g in doc.gaz:
            return doc.gaz[g][0], state, True
        j = _head(doc, g) or doc.at(g, "HEAD") or g + 1
        while j < hi and (_upper(doc, j) or (_is_word(doc, j) and not _stops(doc, j, "named_open"))):
            j += 1
        return j, state, True
    e = doc.at(i, "GCLAUSE") or doc.at(i, "MOD") or doc.at(i, "COMPL")
    if e:
        return e, state, _complete(doc, e - 1) or _complete(doc, i)
    after_loc = i > 0 and bool(doc.at(i - 1, "LOCWORD")) and doc.toks[i].upper
    if state in _KIND_CLASSES and doc.toks[i].upper and not after_loc:
        state = "named_open"
    return i + 1, state or "named_open", after_loc


def _stops(doc: _Doc, i: int, state: str | None) -> bool:
    """Extent mode: does token i end the agency list (a verb, a preposition, …)?"""
    if doc.at(i, "GCLAUSE") or doc.at(i, "PLURAL") or i in doc.gaz or _place_range(doc, i, state):
        return False
    after_plural = i > 0 and any(doc.lex[k].get("PLURAL") == i for k in range(max(0, i - 3), i))
    k = doc.at(i, "KIND")
    if k and _kind(doc, i):
        if after_plural or state in ("title", "title_c") or tuple(doc.norms[i:k]) not in _lexicon().verb_kinds:
            return False
        listed = state in _KIND_CLASSES and doc.norm(i - 1) in _SEPS
        if listed and (k >= len(doc.toks) or doc.norms[k] in _SEPS or doc.at(k, "MOD") or doc.at(k, "KIND")
                       or doc.at(k, "COMPL") or doc.norms[k] in {";", ".", ")"}):
            return False
    if doc.toks[i].upper and state is not None and not doc.at(i, "NONAME"):
        return False
    if k and _kind(doc, i) == state and any(doc.lex[j].get("KIND") == i for j in range(max(0, i - 3), i)):
        return False
    keep = max(doc.at(i, "MOD") or 0, doc.at(i, "COMPL") or 0, doc.at(i, "TITLE") or 0)
    stop = max((doc.at(i, lab) or 0) for lab in ("STOP", "TRIG", "LEAD", "SUPPORT", "NOTPRED"))
    g = doc.at(i, "GENPREP")
    if g and state is not None and _genitive_target(doc, g):
        return False
    if stop and stop >= keep:
        return True
    if doc.at(i, "NONAME") and doc.toks[i].upper:
        return True
    if keep or _upper(doc, i) or not _is_word(doc, i):
        return False
    if state in _KIND_CLASSES:
        return not _descriptor(doc, i)
    return state != "named_open"


def _descriptor(doc: _Doc, i: int) -> bool:
    """Lowercase words after a group kind ('các đơn vị điện lực trên địa bàn tỉnh') that run up to the
    group's predicate cue or the end of the text are part of the group, not the predicate."""
    for j in range(i, min(len(doc.toks), i + 12)):
        if doc.at(j, "LEAD") or doc.at(j, "SUPPORT") or doc.norms[j] == ":":
            return j > i
        if j > i and (doc.at(j, "COMPL") or doc.at(j, "GENPREP") or doc.norms[j:j + 3] == _TREN_DIA_BAN
                      or (doc.toks[j].upper and not (j in doc.gaz or _head(doc, j)))):
            return True
        if doc.at(j, "STOP") or doc.at(j, "TRIG") or doc.norms[j] in {",", ";", ".", "(", ")"}:
            return False
    return i + 12 > len(doc.toks)


def _distributive(doc: _Doc, item_a: int, k: int, colon: bool) -> tuple[str, int] | None:
    """'… các Bộ' / '… các tỉnh' ending at k -> (canonical template, index of 'các')."""
    lex = _lexicon()
    for j in range(max(item_a + 1, k - 4), k):
        key = tuple(doc.norms[j:k])
        if doc.norm(j - 1) == _CAC and key in lex.distributive and (colon or key in lex.places):
            return lex.distributive[key], j - 1
    return None


def _names(doc: _Doc, j: int, hi: int, template: str) -> tuple[list[_Item], int] | None:
    """Names of a distributed list from j: 'Quốc phòng, Công an và Xây dựng' -> one item each."""
    pieces: list[tuple[int, int]] = []
    seps: list[str] = []
    start = None
    while j < hi:
        n = doc.norms[j]
        if n in (",", _VA):
            if start is None or not _upper(doc, j + 1):
                break
            pieces.append((start, j))
            seps.append(n)
            start = None
        elif _upper(doc, j) and start is None:
            start = j
        elif start is None or not (_upper(doc, j) or n in {"-", "&"} or (
                _is_word(doc, j) and not any(doc.at(j, lab) for lab in ("STOP", "TRIG", "LEAD", "SUPPORT", "ADV",
                                                                        "NOTPRED")))):
            break
        j += 1
    if start is not None:
        pieces.append((start, j))
    if not pieces:
        return None
    for k in range(len(seps) - 1, -1, -1):  # a 'và' followed by a comma joins words of one name
        if seps[k] == _VA and "," in seps[k + 1:]:
            pieces[k:k + 2] = [(pieces[k][0], pieces[k + 1][1])]
    gaz = load_gazetteer()
    items: list[_Item] = []
    p = 0
    while p < len(pieces):
        best = p
        for q in range(len(pieces) - 1, p, -1):
            name = doc.text[doc.toks[pieces[p][0]].start:doc.toks[pieces[q][1] - 1].end]
            if gaz.lookup(template.format(name)):
                best = q
                break
        own = pieces[p][0] in doc.gaz or _head(doc, pieces[p][0])  # 'Cục Hoá chất' in a list of Vụ names
        items.append(_Item(pieces[p][0], pieces[best][1], None if own else template))
        p = best + 1
    return items, pieces[-1][1]


def _named_only(doc: _Doc, items: list[_Item]) -> bool:
    return bool(items) and all((it.a in doc.gaz and not load_gazetteer().entries[doc.gaz[it.a][1][0]].generic)
                               or _head(doc, it.a) for it in items)


def _walk(doc: _Doc, lo: int, hi: int, extent: bool = False) -> _Walk:
    """Items of the agency list in tokens [lo, hi); in extent mode, stop where the list ends."""
    out = _Walk(end=lo)
    cur: int | None = None
    last = -1
    state: str | None = None
    complete = False

    def close(upto: int | None = None) -> None:
        nonlocal cur, state, complete
        b = last + 1 if upto is None else upto
        if cur is not None and b > cur:
            out.items.append(_Item(cur, b))
            out.end = b
        cur, state, complete = None, None, False

    def distribute(cac: int, template: str, names_at: int) -> int | None:
        nonlocal cur
        found = _names(doc, names_at, hi, template)
        if found is None or cur is None:
            return None
        if cac > cur and (cac - 1) in {e - 1 for e, _ in doc.gaz.values()} and not doc.at(cur, "TITLE"):
            close(cac)
        cur = None
        while out.items and doc.at(out.items[-1].a, "TITLE"):
            out.items.pop()
        out.items.extend(found[0])
        out.end = found[1]
        return found[1]

    i = lo
    while i < hi:
        n = doc.norms[i]
        if n in _SKIP:
            i += 1
            continue
        if n == ";" or (n in _SEPS and cur is not None):
            nxt = i + 1
            while nxt < hi and (doc.norms[nxt] in _SKIP or (doc.norms[nxt] in _SEPS and n == ",")):
                nxt += 1
            if nxt >= hi:
                break
            if n == ";" or _sep_splits(doc, nxt, state):
                if extent and not _agency_start(doc, nxt):
                    break
                close()
            elif extent and _stops(doc, nxt, state) and not _kind(doc, nxt) and not _upper(doc, nxt):
                break
            i = nxt
            continue
        if n == "(":
            j = _paren_end(doc, i, hi)
            if cur is not None and _paren_kept(doc, i, j):
                last = j - 1
            elif cur is not None and state in _KIND_CLASSES and doc.norm(j - 1) == ")":
                inner = _walk(doc, i + 1, j - 1).items
                if _named_only(doc, inner):
                    cur = None
                    out.items.extend(inner)
                    out.end = j
            i = j
            continue
        if n == "[":
            i = _paren_end(doc, i, hi) if "]" not in doc.norms[i:hi] else doc.norms.index("]", i) + 1
            continue
        if _appos(doc, i) or (cur is not None and doc.at(i, "DROP")):
            i = _drop_end(doc, i, hi) if extent else _boundary_after(doc, i, hi)
            continue
        if n == ":" and cur is not None:
            dist = _distributive(doc, cur, i, colon=True)
            end = distribute(dist[1], dist[0], i + 1) if dist else None
            if end is not None:
                if extent:
                    return out
                i = end
                continue
        if n in {":", ".", ")", "]"}:
            if extent:
                break
            close()
            i += 1
            continue
        if cur is None:
            if extent and not _agency_start(doc, i):
                break
            cur = i
        elif complete and state not in ("title", "title_c") and (i in doc.gaz or _head(doc, i)) and not doc.at(i, "GENITIVE"):
            close()
            cur = i
        elif _upper(doc, i) and (dist := _distributive(doc, cur, i, colon=False)) is not None:
            end = distribute(dist[1], dist[0], i)
            if end is not None:
                if extent:
                    return out
                i = end
                continue
        elif extent and _stops(doc, i, state):
            break
        i, state, complete = _consume(doc, i, hi, state)
        last = i - 1
    close()
    return out


# ---------------------------------------------------------------- items -> mentions


def _trim(doc: _Doc, a: int, b: int) -> tuple[int, int]:
    """Drop leading bullets/punctuation and trailing 'thực hiện', '.', ';' from an item."""
    while a < b and not _is_word(doc, a) and doc.norms[a] != "(":
        a += 1
    changed = True
    while changed and b > a:
        changed = False
        if not _is_word(doc, b - 1) and doc.norms[b - 1] != ")":
            b -= 1
            changed = True
            continue
        for k in range(max(a + 1, b - 4), b):
            if doc.at(k, "TRAIL") == b and not any(max(doc.at(j, "GCLAUSE") or 0, doc.at(j, "KIND") or 0) >= b
                                                   for j in range(max(a, k - 4), k)):
                b = k
                changed = True
                break
    return a, b


def _group_entry(doc: _Doc, i: int, b: int, title: tuple[str, ...] | None) -> Entry | None:
    """The generic-group entry an item belongs to: its head (UBND …) and its first kind word."""
    lex = _lexicon()
    head_end = _head(doc, i) if i < b else None
    head = tuple(doc.norms[i:head_end]) if head_end else None
    j = head_end or i
    while j < b and doc.at(j, "PLURAL"):
        j = doc.at(j, "PLURAL") or j + 1
    best: tuple[int, Entry] | None = None
    for entry, heads, kinds in lex.group_entries:
        if entry.group_head and not entry.group_kinds:
            if title and title in heads and best is None:
                best = (0, entry)
            continue
        if bool(entry.group_head) != bool(head) or (head and head not in heads):
            continue
        for kind in kinds:
            n = len(kind)
            if tuple(doc.norms[j:j + n]) == kind and j + n <= b and (best is None or n > best[0]):
                best = (n, entry)
    return best[1] if best else None


def _infer_level(doc: _Doc, a: int, b: int) -> str | None:
    level = None
    for k in range(a, b):
        e = doc.at(k, "LEVEL")
        if e and e <= b:
            level = _lexicon().level_words.get(tuple(doc.norms[k:e]), level)
    return level


def _mention(doc: _Doc, item: _Item, offset: int, doc_date: str | None) -> AgencyMention | None:
    a, b = _trim(doc, item.a, item.b)
    if a >= b:
        return None
    gaz = load_gazetteer()
    text = doc.text[doc.toks[a].start:doc.toks[b - 1].end]
    span = (doc.toks[a].start + offset, doc.toks[b - 1].end + offset)
    m = AgencyMention(text=text, span=span)
    i, plural, title = a, False, None
    while i < b:
        if doc.at(i, "PLURAL"):
            plural, i = True, doc.at(i, "PLURAL") or i + 1
        elif doc.at(i, "TITLE") and not (i in doc.gaz and doc.gaz[i][0] > (doc.at(i, "TITLE") or 0)):
            title = title or tuple(doc.norms[i:doc.at(i, "TITLE")])
            i = doc.at(i, "TITLE") or i + 1
        else:
            break
    entry: Entry | None = None
    if item.template:
        entry = gaz.lookup(item.template.format(text), doc_date)
        m.canonical = entry.canonical if entry else item.template.format(text)
        if entry is None:
            _template_kind(m, item.template)
    elif i in doc.gaz and doc.gaz[i][0] <= b:
        entry = gaz.choose(doc.gaz[i][1], doc_date)
    elif i < b or title:
        entry = _group_entry(doc, i, b, title)
    if entry is not None:
        m.canonical, m.kind, m.level, m.in_gazetteer = entry.canonical, entry.kind, entry.level, True
        named_place = any(doc.at(k, "LOCWORD") and _upper(doc, doc.at(k, "LOCWORD") or k) for k in range(i, b))
        m.generic = (entry.generic and not named_place) or (plural and bool(title))
        if entry.generic and named_place and not plural:  # 'UBND huyện Mường Tè' is one body, not the class
            m.canonical = " ".join(text.split())
        succ = gaz.successor(entry, doc_date)
        m.successor = succ.canonical if succ else None
    elif i < b:
        h = _head(doc, i)
        person = bool(title) and not h and not _kind(doc, i)
        first = a if person else i
        core = doc.text[doc.toks[first].start:doc.toks[b - 1].end]
        m.canonical = m.canonical or " ".join(core.split())
        if person:
            m.kind = "office"
        elif h:
            kind, level, _ = _lexicon().heads[tuple(doc.norms[i:h])]
            m.kind, m.level = kind, level
        elif _kind(doc, i):
            m.kind, m.generic = "group", True
        elif _place(doc, i):
            m.kind = "locality"
    elif title:
        m.canonical, m.kind = " ".join(doc.text[doc.toks[a].start:doc.toks[b - 1].end].split()), "office"
    if m.level is None and not item.template:
        m.level = _infer_level(doc, a, b)
    return m


def _template_kind(m: AgencyMention, template: str) -> None:
    """Kind and level of a distributed name not in the gazetteer ('Vụ {}' -> a central department)."""
    base = load_gazetteer().lookup(template.replace("{}", "").strip())
    if base is not None:
        m.kind, m.level = base.kind, base.level
        return
    head = _lexicon().heads.get(fold_phrase(template.split()[0]))
    if head:
        m.kind, m.level = head[0], head[1]


def _mentions(doc: _Doc, items: list[_Item], offset: int, doc_date: str | None) -> list[AgencyMention]:
    out = []
    for it in items:
        m = _mention(doc, it, offset, doc_date)
        if m is not None:
            out.append(m)
    return out


# ---------------------------------------------------------------- public API: lists


def split_agencies(value: str, offset: int = 0, doc_date: str | None = None) -> list[AgencyMention]:
    """A field/column value -> one mention per agency item (guideline §3, §7).

    ``value[s - offset:e - offset] == mention.text`` for every mention; the spans are
    absolute (``offset`` added).  Canonical name, kind, level, generic and in-gazetteer
    flags, and the successor as of ``doc_date`` (ISO) are filled where known.
    """
    doc = _analyze(value)
    items = _walk(doc, 0, len(doc.toks)).items
    if items and any(doc.at(k, "LEAD") for k in range(len(doc.toks))) and not all(
            _is_agency_item(doc, it) for it in items):
        prose = _clause_subjects(doc)
        if prose:
            items = prose
    return _mentions(doc, items, offset, doc_date)


def _clause_subjects(doc: _Doc) -> list[_Item]:
    """A field written as prose ('Sở A chủ trì …; Sở B và Sở C chủ động …'): the subject of each clause."""
    items: list[_Item] = []
    covered = -1
    for s in _clause_starts(doc):
        if s > covered:
            sub = _subject(doc, s, len(doc.toks), first=True)
            if sub:
                items += sub[0]
                covered = sub[1]
    return items


def _is_agency_item(doc: _Doc, it: _Item) -> bool:
    """Is every token of the item part of an agency name, group or qualifier?"""
    a, b = _trim(doc, it.a, it.b)
    if a >= b:
        return False
    if it.template:
        return True
    i = a
    while i < b and (doc.at(i, "PLURAL") or doc.at(i, "TITLE")):
        i = doc.at(i, "PLURAL") or doc.at(i, "TITLE") or i + 1
    if i >= b:
        return bool(doc.at(a, "TITLE"))
    if doc.at(i, "FIELD") and i not in doc.gaz:
        return False
    if not (i in doc.gaz or _head(doc, i) or _place(doc, i) or (_kind(doc, i) and not doc.at(i, "NONAG"))):
        return False
    state: str | None = None
    while i < b:
        if doc.norms[i] in _SEPS or doc.norms[i] in {"-", "&", "(", ")"} or doc.norms[i] in _SKIP:
            i += 1
            continue
        if i not in doc.gaz and _stops(doc, i, state) and not doc.at(i, "HEAD"):
            return False
        i, state, _ = _consume(doc, i, b, state)
    return True


def _agency_list(doc: _Doc, lo: int, hi: int) -> list[_Item] | None:
    items = _walk(doc, lo, hi).items
    if not items or not all(_is_agency_item(doc, it) for it in items):
        return None
    return items


def _strip_heading(doc: _Doc, lo: int, hi: int) -> tuple[int, int]:
    """Numbering, 'Giao'/'Trách nhiệm của' and a trailing 'chủ trì, phối hợp với …' cut off a heading."""
    while lo < hi and not _is_word(doc, lo):
        lo += 1
    while hi > lo and not _is_word(doc, hi - 1) and doc.norms[hi - 1] != ")":
        hi -= 1
    for label in ("TRIG",):
        e = doc.at(lo, label)
        if e:
            lo = e
    lo = doc.at(lo, "HPREFIX") or lo
    for k in range(lo + 1, hi):
        if doc.at(k, "LEAD") or doc.at(k, "HTAIL"):
            rest = k
            while rest < hi and any(doc.at(rest, lab) for lab in ("LEAD", "HTAIL", "TAIL", "PLURAL")):
                rest = max((doc.at(rest, lab) or 0) for lab in ("LEAD", "HTAIL", "TAIL", "PLURAL"))
            if rest >= hi:
                return lo, k
            if doc.at(k, "LEAD"):
                j = _skip(doc, doc.at(k, "LEAD") or k + 1, hi, ())
                sup = doc.at(j, "SUPPORT")
                if sup and _agency_start(doc, _skip(doc, sup, hi, ())):
                    w = _walk(doc, _skip(doc, sup, hi, ()), hi, extent=True)
                    if _skip(doc, w.end, hi, ()) >= hi:
                        return lo, k
    return lo, hi


def heading_agencies(text: str, offset: int = 0, doc_date: str | None = None) -> list[AgencyMention] | None:
    """The agencies a heading/label names as performers of the items under it, else None."""
    doc = _analyze(text)
    if not doc.toks or len(doc.toks) > 60 or any(doc.norms[k] == "." and _upper(doc, k + 1)
                                                 for k in range(len(doc.toks) - 1)):
        return None
    lo, hi = _strip_heading(doc, 0, len(doc.toks))
    if lo >= hi or doc.at(lo, "FIELD") == hi:
        return None
    items = _agency_list(doc, lo, hi)
    return _mentions(doc, items, offset, doc_date) if items else None


def label_agencies(text: str, offset: int = 0, doc_date: str | None = None) -> tuple[list[AgencyMention], int] | None:
    """'Agency: content' -> (agencies, index in text where the content starts), else None."""
    doc = _analyze(text)
    depth = 0
    colon = None
    for k, n in enumerate(doc.norms[:40]):
        depth += (n == "(") - (n == ")")
        if n == ":" and depth == 0:
            colon = k
            break
        if n in {".", ";"} and depth == 0:
            return None
    if colon is None:
        return None
    lo = 0
    while lo < colon and not _is_word(doc, lo):
        lo += 1
    if lo >= colon or doc.at(lo, "FIELD") == colon:
        return None
    end = colon
    lo, hi = _strip_heading(doc, lo, colon)
    dist = _distributive(doc, lo, colon, colon=True)
    found = _names(doc, colon + 1, len(doc.toks), dist[0]) if dist else None
    if found is not None:
        if found[1] >= len(doc.toks) or doc.norms[found[1]] != ":":
            return None
        items: list[_Item] | None = found[0]
        end = found[1]
    else:
        items = _agency_list(doc, lo, hi) if lo < hi else None
    if not items:
        return None
    start = doc.toks[end].end
    while start < len(text) and text[start].isspace():
        start += 1
    return _mentions(doc, items, offset, doc_date), start


# ---------------------------------------------------------------- public API: roles


def _skip(doc: _Doc, i: int, hi: int, labels: tuple[str, ...] = ("ADV",)) -> int:
    while i < hi:
        if doc.norms[i] in _SKIP or doc.norms[i] == ",":
            i += 1
            continue
        if doc.norms[i] == "(":
            i = _paren_end(doc, i, hi)
            continue
        e = max(((doc.at(i, lab) or 0) for lab in labels), default=0)
        if not e:
            break
        i = e
    return i


def _subject(doc: _Doc, s: int, hi: int, first: bool) -> tuple[list[_Item], int, bool] | None:
    """Agencies in subject position at s -> (items, index after them, introduced by a trigger?)."""
    i = _skip(doc, s, hi, ())
    if doc.at(i, "INTRO") and not _agency_start(doc, i, strict=True):
        for c in range(i + 1, min(hi, i + 80)):
            if doc.norms[c] in {".", ";"}:
                return None
            if doc.norms[c] in {",", _THI} and _agency_start(doc, c + 1, strict=True):
                i = c + 1
                break
            if doc.at(c, "TRIG") and _agency_start(doc, _skip(doc, doc.at(c, "TRIG") or c, hi, ())):
                i = c
                break
        else:
            return None
    trig = False
    e = doc.at(i, "TRIG")
    if e and not (i in doc.gaz and doc.gaz[i][0] >= e):
        i, trig = e, True
        i = _skip(doc, i, hi, ())
    if not _agency_start(doc, i):
        return None
    w = _walk(doc, i, hi, extent=True)
    if not w.items:
        return None
    after = _skip(doc, w.end, hi)
    r = doc.at(after, "REQ")
    if not trig and r and _agency_start(doc, _skip(doc, r, hi, ())):
        w2 = _walk(doc, _skip(doc, r, hi, ()), hi, extent=True)
        if w2.items:
            w, trig, after = w2, True, _skip(doc, w2.end, hi)
    if (after >= hi and not trig) or doc.at(after, "NOTPRED") and not doc.at(after, "STOP") \
            or doc.norm(after) in {"(", ")"}:
        return None
    if not trig and doc.at(after, "REQ") and _skip(doc, doc.at(after, "REQ") or after, hi, ()) >= hi - 1:
        return None
    if not trig and not first and not (doc.at(after, "LEAD") or doc.at(after, "SUPPORT")):
        return None
    last = w.items[-1]
    if doc.at(last.a, "PLURAL") or (_kind(doc, last.a) and last.a not in doc.gaz and not _head(doc, last.a)):
        for k in range(w.end, min(hi, w.end + 25)):
            if doc.norms[k] in {",", ";", ".", ":", "(", "-"}:
                break
            if doc.at(k, "LEAD") and doc.norms[k] != _CHU:
                last.b = k
                w.end = k
                after = k
                break
    return w.items, after, trig


def _clause_starts(doc: _Doc) -> list[int]:
    out = [0]
    for k, n in enumerate(doc.norms):
        if n == ";" or (n == "." and _upper(doc, k + 1)):
            out.append(k + 1)
    return out


def find_roles(text: str, offset: int = 0, doc_date: str | None = None) -> Roles:
    """Lead and support stated in a task item's prose (guideline §2, §7)."""
    doc = _analyze(text)
    n = len(doc.toks)
    lead: list[_Item] = []
    support: list[_Item] = []
    covered = -1
    for ci, s in enumerate(_clause_starts(doc)):
        if s <= covered:
            continue
        sub = _subject(doc, s, n, first=ci == 0)
        if sub is None:
            continue
        items, after, _ = sub
        covered = after
        if doc.at(after, "SUPPORT") and lead:
            support.extend(items)
        else:
            lead.extend(items)
    for k in range(n):
        e = doc.at(k, "SUPPORT")
        if e is None or (k > 0 and doc.at(k - 1, "SUPPORT")):
            continue
        before = [j for j in range(max(0, k - 3), k) if (doc.at(j, "NOSUP") or 0) == k]
        if before:
            continue
        j = _skip(doc, e, n, ())
        if _agency_start(doc, j):
            support.extend(_walk(doc, j, n, extent=True).items)
    lead_m = _dedupe(_mentions(doc, lead, offset, doc_date), [])
    return Roles(lead_m, _dedupe(_mentions(doc, support, offset, doc_date), lead_m))


def _key(m: AgencyMention) -> str:
    words = " ".join(m.text.casefold().split())
    return words[4:] if words.startswith("các ") else words


def _dedupe(ms: list[AgencyMention], exclude: list[AgencyMention]) -> list[AgencyMention]:
    seen = {_key(m) for m in exclude}
    out = []
    for m in ms:
        if _key(m) not in seen:
            seen.add(_key(m))
            out.append(m)
    return out


def leadin_agencies(text: str, offset: int = 0, doc_date: str | None = None) -> list[AgencyMention] | None:
    """Who carries out the items that follow a lead-in sentence; None if not a lead-in."""
    doc = _analyze(text)
    n = len(doc.toks)
    hi = n
    while hi > 0 and doc.norms[hi - 1] in _SKIP | {".", " "}:
        hi -= 1
    if hi == 0:
        return None
    if doc.norms[hi - 1] == ":":
        hi -= 1
    elif not any(doc.at(k, "TAIL") == hi for k in range(max(0, hi - 4), hi)):
        return None
    for k in range(hi):
        if doc.at(k, "PURPOSE") and _agency_start(doc, k + 1):
            w = _walk(doc, k + 1, hi, extent=True)
            if w.items:
                return _mentions(doc, w.items, offset, doc_date)
    sub = _subject(doc, 0, hi, first=True)
    requested = any(doc.at(k, "REQ") or doc.at(k, "TRIG") for k in range(hi))
    if sub is None:
        return [] if requested else None
    items, after, trig = sub
    if not trig and doc.at(after, "ISSUE"):
        return None
    r = doc.at(after, "REQ")
    if not trig and r and (r >= hi or _agency_start(doc, _skip(doc, r, hi, ())) or doc.at(r, "TAIL")):
        return []
    if not trig:
        for k in range(after, hi):
            d = doc.at(k, "DIRECT")
            if d and _agency_start(doc, d):
                items = items + _walk(doc, d, hi, extent=True).items
                break
    return _mentions(doc, items, offset, doc_date)
