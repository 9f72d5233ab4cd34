"""Questions about one token of an analysed text: is it capitalised, an agency head, a kind word,
a place, can an agency item begin here, where does a bracket close."""

from __future__ import annotations

from pipeline.agencies.lexicon import SKIP, Analysis, lexicon


def upper(doc: Analysis, i: int) -> bool:
    return 0 <= i < len(doc.toks) and (doc.toks[i].upper or doc.toks[i].text[:1].isdigit())


def is_word(doc: Analysis, i: int) -> bool:
    return 0 <= i < len(doc.toks) and doc.toks[i].text[:1].isalnum()


def head(doc: Analysis, i: int) -> int | None:
    """End of an agency head at i ('Sở' + a name, 'Trung tâm …', 'UBND'), or None."""
    e = doc.at(i, "HEAD")
    if e is None or doc.at(i, "NONAG") or not doc.toks[i].upper:
        return None
    if lexicon().heads[tuple(doc.norms[i:e])][2]:  # strong heads stand alone ('Trung tâm', 'UBND')
        return e
    return e if upper(doc, e) and not doc.at(e, "KIND") else None  # 'Sở' needs a name: 'Sở Y tế'


def title_end(doc: Analysis, i: int) -> int | None:
    """End of the office title at i; a title that runs into an agency head ends before it
    ('Trưởng Ban Chỉ đạo' is 'Trưởng' + 'Ban Chỉ đạo', not 'Trưởng ban' + 'Chỉ đạo')."""
    e = doc.at(i, "TITLE")
    if e is None:
        return None
    titles = lexicon().titles
    for k in range(i + 1, e):
        if tuple(doc.norms[i:k]) in titles:
            h = head(doc, k) or (doc.gaz[k][0] if k in doc.gaz else None)
            if h is not None and (h > e or upper(doc, e)):  # the body's name runs past the title
                return k
    return e


def kind(doc: Analysis, i: int) -> str | None:
    """The class of the kind word at i ('sở' inst, 'huyện' loc, 'doanh nghiệp' ent …), or None."""
    e = doc.at(i, "KIND")
    if e and (doc.at(i, "NONAG") or 0) > e:
        return None
    return lexicon().kinds.get(tuple(doc.norms[i:e])) if e else None


def place(doc: Analysis, i: int) -> bool:
    """'tỉnh Lâm Đồng', 'Thành phố Hồ Chí Minh': a locality named as performer."""
    e = doc.at(i, "LOCWORD")
    return e is not None and upper(doc, e) and not head(doc, e) and e not in doc.gaz


def agency_start(doc: Analysis, i: int, strict: bool = False) -> bool:
    """Can an agency item begin at token i? (strict: not on a bare kind word such as 'ngành')"""
    while doc.norm(i) in SKIP:
        i += 1
    if i >= len(doc.toks):
        return False
    e = doc.at(i, "PLURAL")
    if e is not None:
        return bool(doc.at(e, "TITLE") or doc.at(e, "KIND") or head(doc, e) or e in doc.gaz or place(doc, e)
                    or doc.at(e, "HEAD"))
    if i in doc.gaz or doc.at(i, "TITLE") or head(doc, i) or place(doc, i):
        return True
    k = doc.at(i, "KIND")
    if strict and kind(doc, i) != "tier" and not (k and doc.at(k, "LEAD")) or kind(doc, i) == "person":
        return False  # 'cán bộ, công chức' only after 'các'/'từng' or within a list
    p = doc.at(k, "PLURAL") if k else None
    if p and kind(doc, i) and kind(doc, p) and not doc.at(i, "STOP"):
        return True  # 'hệ thống các cơ quan báo chí'
    listed = doc.norm(i - 1) in lexicon().seps  # 'cơ quan báo chí và hệ thống truyền thông'
    return bool(k and kind(doc, i) and (tuple(doc.norms[i:k]) not in lexicon().verb_kinds or listed)
                and (doc.at(i, "STOP") or 0) < k)


def paren_end(doc: Analysis, i: int, hi: int) -> int:
    """Index after the bracket that closes the one opened at i (or hi)."""
    depth = 0
    for j in range(i, hi):
        if doc.norms[j] == "(":
            depth += 1
        elif doc.norms[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return hi


def paren_kept(doc: Analysis, i: int, j: int) -> bool:
    """Is the bracket [i, j) part of the name ('(có)')?"""
    inner = tuple(doc.norms[i + 1:j - 1]) if doc.norm(j - 1) == ")" else tuple(doc.norms[i + 1:j])
    return inner in lexicon().paren_keep


def prev_word(doc: Analysis, n: int) -> int:
    j = n - 1
    while j > 0 and not is_word(doc, j):
        j -= 1
    return j


def genitive_target(doc: Analysis, g: int) -> bool:
    """After 'của'/'thuộc': an agency ('Bộ Tài chính', 'Ủy ban nhân dân Thành phố', 'Bộ') or the
    locality owning a group ('các sở, ngành của tỉnh', 'thuộc Thành phố')."""
    p = doc.at(g, "PLURAL")
    if p is not None:  # 'của các Bộ', 'thuộc các sở'
        return bool(doc.at(p, "HEAD")) and doc.toks[p].upper or kind(doc, p) == "inst"
    return g in doc.gaz or bool(head(doc, g)) or (bool(doc.at(g, "HEAD")) and doc.toks[g].upper) \
        or owner_locality(doc, g) is not None or (complete(doc, g) and doc.toks[g].upper)  # 'của Việt Nam'


def owner_locality(doc: Analysis, g: int) -> int | None:
    """End of a locality word at g that owns a group ('tỉnh', 'Thành phố', 'huyện Mường Tè'), or None."""
    e = doc.at(g, "KIND")
    if e is None or kind(doc, g) != "loc" or doc.at(g, "HEAD"):
        return None
    if doc.at(g, "LOCWORD") == e:
        while upper(doc, e) and not (head(doc, e) or e in doc.gaz):
            e += 1
    return e


def complete(doc: Analysis, i: int) -> bool:
    """Does a word at i complete a name ('tỉnh', 'liên quan', 'các cấp')?"""
    return bool(doc.at(i, "COMPL"))


def appos(doc: Analysis, i: int) -> bool:
    """A spaced dash opening an apposition (' - Cơ quan Thường trực Ban Chỉ đạo')."""
    if doc.norm(i) != "-" or i + 1 >= len(doc.toks):
        return False
    t = doc.toks[i]
    spaced = t.start > 0 and doc.text[t.start - 1].isspace() and t.end < len(doc.text) and doc.text[t.end].isspace()
    return spaced and bool(doc.at(i + 1, "APPOS") or doc.at(i + 1, "TITLE"))


def place_range(doc: Analysis, i: int, state: str | None) -> int | None:
    """'… các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng': the end of the range, or None."""
    lex = lexicon()
    if state != "loc" or doc.norms[i] != lex.range_from or not upper(doc, i + 1) \
            or lex.range_to not in doc.norms[i + 2:i + 8]:
        return None
    j = doc.norms.index(lex.range_to, i + 2) + 1
    while j < len(doc.toks) and upper(doc, j):
        j += 1
    return j
