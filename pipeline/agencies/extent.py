"""Where one agency item extends: what a unit of tokens adds to an item, where a separator starts
a new item, and which word ends the list (a verb or preposition of the main clause)."""

from __future__ import annotations

from pipeline.agencies import tokens as tk
from pipeline.agencies.descriptions import description, descriptor, name_goes_on, relative_end
from pipeline.agencies.gazetteer import fold_phrase, load_gazetteer
from pipeline.agencies.lexicon import KIND_CLASSES, Analysis, lexicon


def same_tier(cls: str | None, state: str | None) -> bool:
    """Do kinds of class ``cls`` continue a group of class ``state`` ('sở, ngành, đơn vị'; 'cơ quan,
    tổ chức'), rather than start another tier ('đơn vị' | 'tổ chức chính trị - xã hội')?"""
    return cls == state or "flex" in (cls, state)


def sep_splits(doc: Analysis, n: int, state: str | None) -> bool:
    """At a ',' / 'và' before token n: does a new agency item start?"""
    if state in KIND_CLASSES and n in doc.gaz and not doc.toks[n].upper and tk.kind(doc, n):
        return not same_tier(tk.kind(doc, n), state)
    if doc.at(n, "PLURAL") or n in doc.gaz or tk.kind(doc, n) in ("tier", "role"):
        return True
    if state in ("tier", "role") and doc.at(n, "KIND"):
        return True
    if doc.at(n, "TITLE"):
        return state not in ("title",)
    if tk.head(doc, n):
        return True
    cls = tk.kind(doc, n)
    if cls == "loc" and doc.at(tk.prev_word(doc, n), "LOCWORD"):
        return False
    if cls:
        if state in KIND_CLASSES:
            return not same_tier(cls, state)
        return state not in ("title", None)
    return tk.place(doc, n) and state not in ("loc",)


def consume(doc: Analysis, i: int, hi: int, state: str | None, closed: bool = False) -> tuple[int, str | None, bool]:
    """One unit at i -> (next index, new item state, does the item end complete here?).  ``closed``: hi
    ends the item (a heading or field value), not just the text searched."""
    if i in doc.gaz and doc.gaz[i][0] <= hi:
        e, ids = doc.gaz[i]
        entry = load_gazetteer().entries[ids[0]]
        if entry.generic and entry.group_kinds:
            cls = lexicon().kinds.get(fold_phrase(entry.group_kinds[0]), "inst")
            return e, cls, True
        return e, "named", True
    e = doc.at(i, "PLURAL")
    if e:
        return e, state, False
    e = doc.at(i + 1, "BRANCH") if doc.norms[i] == "-" and state in ("named", "named_open") else None
    if e:  # 'Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực II': the branch goes on the body's name
        return e, "named_open", False
    e = tk.title_end(doc, i)
    if e and state in (None, "title", "title_c"):
        return e, ("title_c" if doc.at(i, "CTITLE") == e else "title"), False
    e = tk.head(doc, i)
    if e and state in (None, "title", "title_c", "named_open"):
        return e, "named_open", False
    cls = tk.kind(doc, i)
    if cls in ("loc", "tier") and state == "named" and doc.norm(i - 1) == lexicon().plural:
        return doc.at(i, "KIND") or i + 1, cls, True  # 'Sở Công Thương các địa phương', '… các tỉnh, thành phố'
    if cls and state in (None, "title", "title_c", "named_open", *KIND_CLASSES):
        e = doc.at(i, "KIND") or i + 1
        if state == "named_open" and not any(doc.lex[k].get(lab) == i for k in range(max(0, i - 4), i)
                                             for lab in ("HEAD", "PLURAL")):
            return e, "named_open", cls == "loc"
        fresh = state in (None, "title", "title_c", "named_open", "flex")
        return e, (cls if fresh or cls == state else state), tk.complete(doc, i)
    r = tk.place_range(doc, i, state)
    if r:
        return r, state, True
    g = doc.at(i, "GENPREP")
    if g and state is not None and tk.genitive_target(doc, g):
        if (own := tk.owner_locality(doc, g)) is not None:
            return own, state, True
        if g in doc.gaz:
            return doc.gaz[g][0], state, True
        j = tk.head(doc, g) or doc.at(g, "HEAD") or g + 1
        while j < hi and (tk.upper(doc, j) or (tk.is_word(doc, j) and not stops(doc, j, "named_open"))):
            j += 1
        return j, state, True
    rel = relative_end(doc, i, hi if closed else None) if state in KIND_CLASSES and not _completed(doc, i) else None
    e = max(rel or 0, doc.at(i, "GCLAUSE") or doc.at(i, "MOD") or doc.at(i, "COMPL") or 0)
    if e:
        return e, state, bool(rel) or tk.complete(doc, e - 1) or tk.complete(doc, i)
    after_loc = i > 0 and bool(doc.at(i - 1, "LOCWORD")) and doc.toks[i].upper
    if state in KIND_CLASSES and doc.toks[i].upper and not after_loc:
        state = "named_open"
    return i + 1, state or "named_open", after_loc


def stops(doc: Analysis, i: int, state: str | None, end: int | None = None) -> bool:
    """Does token i end the agency list (a verb, a preposition, …)?  ``end``: the end of the item
    being checked, when the text is a heading or field rather than prose."""
    if doc.at(i, "GCLAUSE") or doc.at(i, "PLURAL") or i in doc.gaz or tk.place_range(doc, i, state):
        return False
    if state in KIND_CLASSES and not _completed(doc, i) and relative_end(doc, i, end) is not None:
        return False  # the group's own clause: 'cơ quan có chức năng quản lý đất đai cấp xã'
    lex = lexicon()
    after_plural = i > 0 and any(doc.lex[k].get("PLURAL") == i for k in range(max(0, i - 3), i))
    k = doc.at(i, "KIND")
    if k and tk.kind(doc, i):
        if after_plural or state in ("title", "title_c") or tuple(doc.norms[i:k]) not in lex.verb_kinds:
            return False
        listed = state in KIND_CLASSES and doc.norm(i - 1) in lex.seps
        if listed and (k >= len(doc.toks) or doc.norms[k] in lex.seps or doc.at(k, "MOD") or doc.at(k, "KIND")
                       or doc.at(k, "COMPL") or doc.norms[k] in {";", ".", ")"}):
            return False
        if state is None and not doc.at(i, "STOP"):
            return False  # an item that starts 'hệ thống …', 'cấp …': not the verb 'tổ chức'
    if doc.toks[i].upper and state is not None and not doc.at(i, "NONAME"):
        return False
    if k and tk.kind(doc, i) == state and any(doc.lex[j].get("KIND") == i for j in range(max(0, i - 3), i)):
        return False
    if state in ("title", "title_c") and doc.at(i, "TITLE"):
        return False  # 'Thủ trưởng, lãnh đạo các đơn vị': titles in a row
    keep = max(doc.at(i, "MOD") or 0, doc.at(i, "COMPL") or 0, doc.at(i, "TITLE") or 0)
    stop = max((doc.at(i, lab) or 0) for lab in ("STOP", "TRIG", "LEAD", "SUPPORT", "NOTPRED", "REQ", "ISSUE"))
    g = doc.at(i, "GENPREP")
    if g and state is not None and tk.genitive_target(doc, g):
        return False
    if stop and stop == keep and state in KIND_CLASSES and _modifies_kind(doc, i, stop):
        return False  # 'hệ thống thông tin các cấp', 'các sở quản lý chuyên ngành'
    if stop and stop >= keep:
        return not _own_words(doc, i, state, end)
    if doc.at(i, "NONAME") and doc.toks[i].upper:
        return True
    if keep or tk.upper(doc, i) or not tk.is_word(doc, i):
        return False
    if state in KIND_CLASSES:
        return not (descriptor(doc, i) or description(doc, i, end))
    return state != "named_open"


def _modifies_kind(doc: Analysis, i: int, e: int) -> bool:
    """Is the modifier [i, e) right after a kind word, and followed by another modifier or a completing
    word (a noun modifier, not the predicate's verb)?"""
    if not any(doc.lex[k].get("KIND") == i for k in range(max(0, i - 4), i)):
        return False
    return bool(doc.at(e, "COMPL") or doc.at(e, "MOD") and not doc.at(e, "STOP"))


def _own_words(doc: Analysis, i: int, state: str | None, end: int | None) -> bool:
    """Is the verb or preposition at i part of the item: a group's description, or inside an unseen name?"""
    if state in KIND_CLASSES:
        return not _completed(doc, i) and description(doc, i, end)
    if state != "named_open":
        return False
    return name_goes_on(doc, i, end) or (_after_descriptive_head(doc, i) and description(doc, i, end))


def _after_descriptive_head(doc: Analysis, i: int) -> bool:
    """Is i in a name whose head takes a description ('Hội đồng thẩm định giá tỉnh', 'Ban Quản lý
    dự án đầu tư xây dựng …'), with no separator or bracket since the head?"""
    for k in range(i - 1, max(-1, i - 8), -1):
        if not tk.is_word(doc, k) or doc.norms[k] in lexicon().seps:
            return False
        e = doc.at(k, "DHEAD")
        if e and e <= i and doc.toks[k].upper:
            return True
    return False


def boundary_after(doc: Analysis, i: int, hi: int) -> int:
    """From a dropped qualifier at i, the next token that starts a new item (or hi)."""
    seps = lexicon().seps
    j = i
    while j < hi:
        n = doc.norms[j]
        if n == ";":
            return j
        if n in seps and j + 1 < hi and (doc.at(j + 1, "PLURAL") or (j + 1) in doc.gaz or tk.head(doc, j + 1)
                                         or doc.at(j + 1, "TITLE") or tk.kind(doc, j + 1) == "tier"):
            return j
        if n == "(":
            j = tk.paren_end(doc, j, hi)
            continue
        j += 1
    return hi


def drop_end(doc: Analysis, i: int, hi: int) -> int:
    """Extent mode: the end of a qualifier ('theo chức năng, nhiệm vụ được giao') or apposition at i."""
    if doc.norms[i] == "-":
        j = i + 1
        j = max(doc.at(j, "APPOS") or 0, doc.at(j, "TITLE") or 0) or j
        if j in doc.gaz:
            j = doc.gaz[j][0]
        elif tk.head(doc, j):
            j = tk.head(doc, j) or j
            while j < hi and (tk.upper(doc, j) or (tk.is_word(doc, j) and not stops(doc, j, "named"))):
                j += 1
        while j < hi and tk.upper(doc, j) and not (j in doc.gaz or tk.head(doc, j)):
            j += 1
        return j
    seps = lexicon().seps
    j = doc.at(i, "DROP") or i + 1
    while j < hi:
        k = j + 1 if doc.norms[j] in seps else j
        e = doc.at(k, "DCONT")
        if not e:
            break
        j = e
    return j


def _completed(doc: Analysis, i: int) -> bool:
    """Does a completing word ('liên quan', 'tỉnh', 'các cấp') end at i, outside a kind phrase?"""
    for k in range(max(0, i - 3), i):
        inside_kind = any((doc.lex[m].get("KIND") or 0) > k for m in range(max(0, k - 4), k))
        if doc.lex[k].get("COMPL") == i and not inside_kind:
            return True
    return False
