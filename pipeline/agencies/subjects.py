"""Agencies in subject position: 'Sở A chủ trì …', 'Giao Sở B …', 'Để …, các sở, ngành …'."""

from __future__ import annotations

from pipeline.agencies import tokens as tk
from pipeline.agencies.descriptions import description, predicate_word
from pipeline.agencies.lexicon import SKIP, Analysis, lexicon
from pipeline.agencies.walker import Item, named, walk


def skip(doc: Analysis, i: int, hi: int, labels: tuple[str, ...] = ("ADV",)) -> int:
    """Past commas, markup, brackets and phrases under ``labels`` (adverbs by default) from i."""
    while i < hi:
        if doc.norms[i] in SKIP or doc.norms[i] == ",":
            i += 1
            continue
        if doc.norms[i] == "(":
            i = tk.paren_end(doc, i, hi)
            continue
        e = max(((doc.at(i, lab) or 0) for lab in labels), default=0)
        if not e:
            break
        i = e
    return i


def _past_intro(doc: Analysis, i: int, hi: int, triggers_only: bool = False) -> int | None:
    """'Để …, các sở …' / 'Trong quá trình …, giao Sở …' / 'Trường hợp …: Sở …': where the subject
    starts after an intro.

    An agency after a comma that only continues a list after a preposition ('theo chỉ đạo của Thủ
    tướng, Chính phủ và …') is not the subject; 'chủ trì' after a comma ('…, chủ trì tổng hợp') starts the
    predicate of a clause whose subject is left out."""
    then = lexicon().then
    for c in range(i + 1, min(hi, i + 80)):
        if doc.norms[c] in {".", ";"}:
            return None
        if doc.norms[c] == "," and not triggers_only and doc.at(skip(doc, c + 1, hi, ()), "LEAD"):
            return None
        colon = doc.norms[c] == ":" and bool(doc.at(i, "COND"))  # 'Trường hợp …: Sở …', not 'Về …: Các Bộ …'
        start = _subject_start(doc, c + 1, hi, colon) if doc.norms[c] in {",", then} or colon else None
        if not triggers_only and start and not _continues_object(doc, i, c, hi, weak=start == "weak"):
            return c + 1
        if doc.at(c, "TRIG") and tk.agency_start(doc, skip(doc, doc.at(c, "TRIG") or c, hi, ())) \
                and (not triggers_only or doc.norms[c - 1] == ","):
            return c
    return None


def _subject_start(doc: Analysis, i: int, hi: int, colon: bool = False) -> str | None:
    """After an intro's comma or a condition's colon: an agency, but a bare kind word ('ngành') only
    after the colon, as a capitalised head without its name ('…, Sở quản lý ngành, lĩnh vực …'), as
    the one group before a role cue ('…, cơ quan, đơn vị có thẩm quyền giải quyết hồ sơ phải …'), or
    with its own description up to the predicate ('…, cơ quan tổ chức lập quy hoạch phải bảo đảm …').
    -> 'strong' (a named body, a group after 'các'), 'weak' (a bare kind word) or None."""
    if tk.agency_start(doc, i, strict=True):
        return "strong"
    after_kind = any(doc.lex[k].get("KIND") == tk.prev_word(doc, i) + 1 for k in range(max(0, i - 5), i))
    if tk.kind(doc, i) not in (None, "person") and tk.agency_start(doc, i) and not after_kind:  # '… cơ quan, đơn vị'
        if colon or (doc.toks[i].upper and doc.at(i, "HEAD")):
            return "weak"
        w = walk(doc, i, hi, extent=True)
        nxt = skip(doc, w.end, hi, ())
        if len(w.items) == 1 and (doc.at(nxt, "CUE") or doc.at(nxt, "LEAD")):
            return "weak"
    k = doc.at(i, "KIND")
    if k is None or not doc.at(k, "STOP") or doc.at(k, "MOD"):
        return None
    return "weak" if tk.agency_start(doc, i) and description(doc, k) else None


def _continues_object(doc: Analysis, lo: int, c: int, hi: int, weak: bool = False) -> bool:
    """Is the comma at c inside a list of agencies that follows a preposition ('của', 'với' …), the
    agencies after it running to a separator or the clause's end rather than (a named body or a
    group after 'các': ``weak`` False) right to a predicate?"""
    w = walk(doc, c + 1, hi, extent=True)
    nxt = skip(doc, w.end, hi)
    verb = doc.at(nxt, "STOP") or doc.at(nxt, "MAIN") or doc.at(nxt, "CUE") or doc.at(nxt, "LEAD")
    j = w.end
    while j < hi and doc.norms[j] in SKIP:
        j += 1
    comma = doc.norm(j) == ","
    if nxt < hi and verb and not doc.at(nxt, "NOTPRED") and not weak and not comma:  # not '…, địa phương, chủ trì'
        return False  # agencies right before a predicate: 'của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …'
    seg_end = c
    while seg_end > lo:
        seg_start = seg_end - 1
        while seg_start > lo and doc.norms[seg_start - 1] != ",":
            seg_start -= 1
        preps = [m for m in range(seg_start, seg_end) if doc.at(m, "OBJPREP") and tk.agency_start(doc, m + 1)]
        if preps:
            return True
        if not tk.agency_start(doc, seg_start):
            return False
        seg_end = seg_start - 1
    return False


def _past_apposition(doc: Analysis, i: int, hi: int) -> int:
    """'Bộ Xây dựng với vai trò là cơ quan thường trực Ban chỉ đạo, chủ động …': past the apposition
    to the predicate (or i where none opens there)."""
    if not doc.at(i, "APPOPEN"):
        return i
    for c in range(i + 1, min(hi, i + 30)):
        if doc.norms[c] in {".", ";", ":"}:
            break
        if doc.norms[c] == ",":
            return skip(doc, c, hi)
    return i


def _opener(doc: Analysis, i: int, hi: int, first: bool) -> int | None:
    """An item opening 'Trách nhiệm của Sở Tư pháp hướng dẫn …' (the agencies, then a verb) names its
    subject like 'Giao …'; so does 'Khuyến khích X …' when X is a named body ('Khuyến khích Hội Nông dân
    tỉnh …', a request the province cannot order), not a class of actors it encourages ('Khuyến khích
    các doanh nghiệp …', the object) -> where the subject starts, or None."""
    e = doc.at(i, "RESP")
    if e and first and tk.agency_start(doc, skip(doc, e, hi, ())):
        w = walk(doc, skip(doc, e, hi, ()), hi, extent=True)
        verb = w.end < hi and (predicate_word(doc, w.end) or doc.at(w.end, "STOP") and not doc.at(w.end, "NOTPRED"))
        return e if w.items and verb else None
    e = doc.at(i, "ENCOUR")
    if e and tk.agency_start(doc, skip(doc, e, hi, ())):
        w = walk(doc, skip(doc, e, hi, ()), hi, extent=True)
        return e if w.items and named(doc, w.items[0]) else None
    return None


def subject(doc: Analysis, s: int, hi: int, first: bool) -> tuple[list[Item], int, bool] | None:
    """Agencies in subject position at s -> (items, index after them, introduced by a trigger?)."""
    i = skip(doc, s, hi, ())
    if doc.at(i, "INTRO") and not tk.agency_start(doc, i, strict=True):
        past = _past_intro(doc, i, hi)
        if past is None:
            return None
        i = past
    elif doc.at(i, "NOTPRED") and not (tk.agency_start(doc, i) or doc.at(i, "TRIG")):
        past = _past_intro(doc, i, hi, triggers_only=True)  # 'Với vai trò …, yêu cầu các bộ …'
        if past is None or any(predicate_word(doc, k) for k in range(i, past)):
            return None
        i = past
    trig = False
    e = doc.at(i, "TRIG") or _opener(doc, i, hi, first and s == 0)
    if e and not (i in doc.gaz and doc.gaz[i][0] >= e):
        i, trig = e, True
        i = skip(doc, i, hi, ())
    if not tk.agency_start(doc, i):
        return None
    w = walk(doc, i, hi, extent=True)
    if not w.items:
        return None
    after = _past_apposition(doc, skip(doc, w.end, hi), hi)
    r = doc.at(after, "REQ")
    if not trig and r and tk.agency_start(doc, skip(doc, r, hi, ())):
        w2 = walk(doc, skip(doc, r, hi, ()), hi, extent=True)
        if w2.items:
            w, trig, after = w2, True, skip(doc, w2.end, hi)
    if (after >= hi and not trig) or doc.at(after, "NOTPRED") and not doc.at(after, "STOP") \
            or doc.norm(after) in {"(", ")"}:
        return None
    if not trig and doc.at(after, "REQ") and skip(doc, doc.at(after, "REQ") or after, hi, ()) >= hi - 1:
        return None
    cue = doc.at(skip(doc, w.end, hi, ()), "CUE")  # 'Đồng thời, các địa phương chủ động …'
    if not trig and not first and not (doc.at(after, "LEAD") or doc.at(after, "SUPPORT") or cue):
        return None
    last = w.items[-1]
    if doc.at(last.a, "PLURAL") or (tk.kind(doc, last.a) and last.a not in doc.gaz and not tk.head(doc, last.a)):
        lead_first = lexicon().lead_first
        for k in range(w.end, min(hi, w.end + 25)):
            if doc.norms[k] in {",", ";", ".", ":", "(", "-"}:
                break
            if doc.at(k, "LEAD") and doc.norms[k] != lead_first:
                last.b = k
                w.end = k
                after = k
                break
    return w.items, after, trig


def clause_starts(doc: Analysis) -> list[int]:
    """Token indices where a clause starts (the text's start, after ';', after '.' before a capital)."""
    out = [0]
    for k, n in enumerate(doc.norms):
        if n == ";" or (n == "." and tk.upper(doc, k + 1)):
            out.append(k + 1)
    return out
