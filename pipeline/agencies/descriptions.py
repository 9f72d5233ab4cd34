"""Words that belong to an agency item although they look like the predicate: a generic group's own
description ('các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp', 'cơ quan chủ quản các
dự án đang triển khai thi công') and a lowercase verb inside an unseen name ('Ban quản lý Khu Nông
nghiệp ứng dụng Công nghệ cao Phú Yên').  An item ends at a verb of the main clause, not at a verb
of its own description (guideline §3)."""

from __future__ import annotations

from pipeline.agencies import tokens as tk
from pipeline.agencies.lexicon import Analysis, lexicon

_WINDOW = 16
_PREDICATE = ("LEAD", "SUPPORT", "TRIG", "REQ", "CUE", "ISSUE")
_CLAUSE_END = {".", ";", "(", ")", "[", "]"}


def descriptor(doc: Analysis, i: int) -> bool:
    """Lowercase words after a group kind ('các đơn vị điện lực trên địa bàn tỉnh') that run up to the
    group's predicate cue or the end of the text are part of the group, not the predicate.  A verb
    ('chấp hành') or an object brought in by 'các' ('… nghiêm các quy định của …') ends them."""
    area = lexicon().area
    for j in range(i, min(len(doc.toks), i + 12)):
        if doc.at(j, "LEAD") or doc.at(j, "SUPPORT") or doc.norms[j] == ":":
            return j > i
        if predicate_word(doc, j) or (doc.at(j, "PLURAL") and not tk.agency_start(doc, j)):
            return False
        if j > i and (doc.at(j, "COMPL") or doc.at(j, "GENPREP") or tuple(doc.norms[j:j + len(area)]) == area
                      or (doc.toks[j].upper and not (j in doc.gaz or tk.head(doc, j)))):
            return True
        if doc.at(j, "STOP") or doc.at(j, "TRIG") or doc.norms[j] in {",", ";", ".", "(", ")"}:
            return False
    return i + 12 > len(doc.toks)


def predicate_word(doc: Analysis, i: int) -> bool:
    """A role cue, trigger or main-clause verb: never part of an item's description."""
    return any(doc.at(i, lab) for lab in _PREDICATE) or (bool(doc.at(i, "MAIN")) and not _after_aspect(doc, i))


def _after_aspect(doc: Analysis, i: int) -> bool:
    """'đang triển khai', 'tham gia thực hiện': a verb after an aspect marker or 'tham gia' describes
    (the projects being carried out, the forces taking part in carrying out the plan)."""
    return any(doc.lex[k].get("ASPECT") == i for k in range(max(0, i - 2), i))


def _clause_goes_on(doc: Analysis, j: int, verb_ok: bool) -> bool:
    """After ',' / 'và' at j - 1: does the description continue with word j?"""
    if not tk.is_word(doc, j) or tk.upper(doc, j) or predicate_word(doc, j):
        return False
    return verb_ok or not doc.at(j, "STOP")


def description(doc: Analysis, i: int, end: int | None = None) -> bool:
    """Do the words from i describe the group before them?  Yes when they run, without a main-clause
    verb or a clause boundary, up to the clause's role cue ('chủ trì', 'có trách nhiệm', 'tiếp tục' …),
    a ':', a dropped qualifier, a separator before the next agency, or (``end`` given: a heading or
    field) the end of the item."""
    lex = lexicon()
    if predicate_word(doc, i):
        return False
    j = i
    verb = False  # once a verb is read, a comma ends the description unless another agency follows
    while j < min(len(doc.toks), i + _WINDOW):
        if end is not None and j >= end:
            return True
        n = doc.norms[j]
        verb = verb or bool(doc.at(j, "STOP") and not doc.at(j, "DESCPREP"))
        if j > i and (doc.at(j, "CUE") or doc.at(j, "LEAD") or doc.at(j, "SUPPORT") or doc.at(j, "DROP") or n == ":"):
            return True
        if n in _CLAUSE_END or predicate_word(doc, j):
            return False
        if n in lex.seps:
            if tk.agency_start(doc, j + 1):  # the list goes on: the cue is still to come
                j = max(j + 2, doc.at(j + 1, "PLURAL") or 0)
                continue
            if (n == "," and verb) or not _clause_goes_on(doc, j + 1, verb_ok=n == lex.conj):
                return False
        elif doc.at(j, "NOTPRED") and not doc.at(j, "DESCPREP"):
            return False
        elif (tk.upper(doc, j) or doc.at(j, "PLURAL")) and tk.agency_start(doc, j) \
                and not doc.at(tk.prev_word(doc, j), "DESCPREP"):
            return False  # another agency, not after 'của', 'thuộc', 'trong': the object of a verb
        j = max(j + 1, doc.at(j, "PLURAL") or 0)
    return end is not None and j >= end


def name_goes_on(doc: Analysis, i: int, end: int | None = None) -> bool:
    """In an unseen name, is the lowercase verb at i followed, within three words, by more capitalised
    words of the same name, which then end at a bracket, a ':', a role cue, a separator before the
    next agency, or (``end`` given) the end of the item?"""
    if predicate_word(doc, i) or doc.at(i, "NOTPRED"):
        return False
    n_toks = len(doc.toks) if end is None else min(end, len(doc.toks))
    j = i
    while j < min(n_toks, i + 3) and tk.is_word(doc, j) and not tk.upper(doc, j):
        j += 1
    if not tk.upper(doc, j) or tk.agency_start(doc, j) or doc.at(j, "NONAME"):
        return False
    while j < n_toks and (doc.norms[j] in {"-", "&"} or (tk.is_word(doc, j) and not any(
            doc.at(j, lab) for lab in ("STOP", "NOTPRED", *_PREDICATE)))):
        j += 1
    if j >= n_toks:
        return end is not None
    n = doc.norms[j]
    if n in {")", ":", ";"} or doc.at(j, "LEAD") or doc.at(j, "SUPPORT") or doc.at(j, "CUE"):
        return True
    return n in lexicon().seps and tk.agency_start(doc, j + 1)


def relative_end(doc: Analysis, i: int, end: int | None = None) -> int | None:
    """A group's defining relative clause at i ('cơ quan có chức năng quản lý đất đai cấp xã', 'các cơ
    quan quản lý NTTS', 'đơn vị phụ trách lĩnh vực') -> where it ends, or None if it is no such clause.

    The clause is its opener (models/agencies/heads.json: group_relatives) and the opener's object:
    lowercase nouns and capitalised names, coordinated by ',' / 'và'.  It belongs to the group when it
    ends at a role cue or main-clause verb, a ':', a dropped qualifier, a separator before the next
    agency, the end of a heading or field (``end``), or, after a capitalised object, a preposition.
    A comma before a verb, an adverb or the end of a sentence make it the predicate instead."""
    j = doc.at(i, "GREL")
    if j is None:
        return None
    lex = lexicon()
    n = len(doc.toks) if end is None else min(end, len(doc.toks))
    obj = named = False
    while j < min(n, i + _WINDOW):
        t = doc.norms[j]
        if doc.at(j, "GREL"):  # 'có chức năng quản lý …'
            j = doc.at(j, "GREL") or j + 1
        elif doc.at(j, "DROP") or t == ":" or any(doc.at(j, lab) for lab in ("CUE", "LEAD", "SUPPORT")):
            return j if obj else None
        elif predicate_word(doc, j) or doc.at(j, "ADV"):
            return j if obj and not doc.at(j, "ADV") else None
        elif t in lex.seps:
            if tk.agency_start(doc, j + 1):
                return j if obj else None
            if not tk.is_word(doc, j + 1) or doc.at(j + 1, "STOP") or predicate_word(doc, j + 1):
                return None
            j += 1
        elif tuple(doc.norms[j:j + len(lex.area)]) == lex.area:
            j += len(lex.area)
        elif doc.at(j, "NOTPRED") or not tk.is_word(doc, j):
            rest = all(not tk.is_word(doc, k) for k in range(j, n))
            return j if obj and ((named and doc.at(j, "NOTPRED")) or (end is not None and rest)) else None
        elif doc.at(j, "STOP") and obj:
            return None
        elif tk.upper(doc, j) and tk.agency_start(doc, j):
            return None  # an agency as the object: 'quản lý Sở …' is a verb phrase
        else:
            named = named or tk.upper(doc, j)
            obj = True
            j += 1
    return j if obj and end is not None and j >= n else None
