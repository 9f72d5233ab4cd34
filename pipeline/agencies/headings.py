"""Agencies that a heading, an 'Agency: content' label or a lead-in sentence gives to the items
under it (guideline §2 'Where the lead comes from' 3, §7)."""

from __future__ import annotations

from pipeline.agencies import tokens as tk
from pipeline.agencies.fields import agency_list
from pipeline.agencies.lexicon import SKIP, Analysis, analyze
from pipeline.agencies.mentions import mentions
from pipeline.agencies.subjects import clause_starts, skip, subject
from pipeline.agencies.walker import Item, distributive, names, walk
from pipeline.records import AgencyMention

_TAIL_LABELS = ("LEAD", "HTAIL", "TAIL", "PLURAL")


def _strip_heading(doc: Analysis, lo: int, hi: int) -> tuple[int, int]:
    """Numbering, 'Giao'/'Trách nhiệm của' and a trailing 'chủ trì, phối hợp với …' cut off a heading."""
    while lo < hi and not tk.is_word(doc, lo):
        lo += 1
    while hi > lo and not tk.is_word(doc, hi - 1) and doc.norms[hi - 1] != ")":
        hi -= 1
    lo = doc.at(lo, "TRIG") or lo
    lo = doc.at(lo, "HPREFIX") or lo
    cut = next((k for k in range(lo + 1, hi) if doc.norms[k - 1] == "," and doc.at(k, "HCUT")), None)
    if cut is not None:  # 'X, trong đó trọng tâm là các tỉnh: …' names X
        hi = cut - 1
    for k in range(lo + 1, hi):
        if doc.at(k, "LEAD") or doc.at(k, "HTAIL"):
            rest = k
            while rest < hi and any(doc.at(rest, lab) for lab in _TAIL_LABELS):
                rest = max((doc.at(rest, lab) or 0) for lab in _TAIL_LABELS)
            if rest >= hi:
                return lo, k
            if doc.at(k, "LEAD"):
                j = skip(doc, doc.at(k, "LEAD") or k + 1, hi, ())
                sup = doc.at(j, "SUPPORT")
                if sup and tk.agency_start(doc, skip(doc, sup, hi, ())):
                    w = walk(doc, skip(doc, sup, hi, ()), hi, extent=True)
                    if skip(doc, w.end, hi, ()) >= hi:
                        return lo, k
    return lo, hi


def _topic(doc: Analysis, items: list[Item]) -> bool:
    """'i) Doanh nghiệp số', 'b) Hệ thống dữ liệu phục vụ quản trị điều hành': a bare singular kind word
    with a subject-matter modifier (heads.json: topic_modifiers) titles a group of actions about that
    thing; it names no performer ('Các doanh nghiệp viễn thông', 'Doanh nghiệp, cộng đồng' do)."""
    if len(items) != 1 or items[0].template:
        return False
    a = items[0].a
    while a < items[0].b and not tk.is_word(doc, a):
        a += 1
    k = doc.at(a, "KIND")
    return bool(k and tk.kind(doc, a) and not (a in doc.gaz or tk.head(doc, a) or doc.at(a, "TITLE"))
                and doc.at(k, "TOPIC"))


def heading_agencies(text: str, offset: int = 0, doc_date: str | None = None) -> list[AgencyMention] | None:
    """The agencies a heading/label names as performers of the items under it, else None."""
    doc = analyze(text)
    if not doc.toks or len(doc.toks) > 60 or any(doc.norms[k] == "." and tk.upper(doc, k + 1)
                                                 for k in range(len(doc.toks) - 1)):
        return None
    lo, hi = _strip_heading(doc, 0, len(doc.toks))
    if lo >= hi or doc.at(lo, "FIELD") == hi:
        return None
    items = agency_list(doc, lo, hi)
    return mentions(doc, items, offset, doc_date) if items and not _topic(doc, items) else None


def _label_colon(doc: Analysis) -> int | None:
    """The first top-level ':' in the first 40 tokens, unless a sentence or clause ends before it."""
    depth = 0
    for k, n in enumerate(doc.norms[:40]):
        depth += (n == "(") - (n == ")")
        if n == ":" and depth == 0:
            return k
        if n in {".", ";"} and depth == 0:
            return None
    return None


def label_agencies(text: str, offset: int = 0, doc_date: str | None = None) -> tuple[list[AgencyMention], int] | None:
    """'Agency: content' -> (agencies, index in text where the content starts), else None."""
    doc = analyze(text)
    colon = _label_colon(doc)
    if colon is None:
        return None
    lo = 0
    while lo < colon and not tk.is_word(doc, lo):
        lo += 1
    if lo >= colon or doc.at(lo, "FIELD") == colon:
        return None
    end = colon
    lo, hi = _strip_heading(doc, lo, colon)
    dist = distributive(doc, lo, colon, colon=True)
    found = names(doc, colon + 1, len(doc.toks), dist[0]) if dist else None
    items: list[Item] | None
    if found is not None:
        if found[1] >= len(doc.toks) or doc.norms[found[1]] != ":" \
                or any(doc.at(k, "LEAD") or doc.at(k, "SUPPORT") for k in range(lo, colon)):
            return None  # 'Vụ A chủ trì, phối hợp với các Vụ: B, C: …' is prose, not a label
        items, end = found
    else:
        items = agency_list(doc, lo, hi) if lo < hi else None
    if not items or _topic(doc, items):
        return None
    start = doc.toks[end].end
    while start < len(text) and text[start].isspace():
        start += 1
    return mentions(doc, items, offset, doc_date), start


def leadin_agencies(text: str, offset: int = 0, doc_date: str | None = None) -> list[AgencyMention] | None:
    """Who carries out the items that follow a lead-in sentence; None if not a lead-in."""
    doc = analyze(text)
    hi = len(doc.toks)
    while hi > 0 and doc.norms[hi - 1] in SKIP | {".", " "}:
        hi -= 1
    if hi == 0:
        return None
    if doc.norms[hi - 1] == ":":
        hi -= 1
    elif not any(doc.at(k, "TAIL") == hi for k in range(max(0, hi - 4), hi)):
        return None
    for k in range(hi):
        if doc.at(k, "PURPOSE") and tk.agency_start(doc, k + 1):
            w = walk(doc, k + 1, hi, extent=True)
            if w.items:
                return mentions(doc, w.items, offset, doc_date)
    sub = subject(doc, 0, hi, first=True)
    for s in clause_starts(doc)[1:]:  # '…; do vậy, yêu cầu các bộ, ngành …:' names them in a later clause
        if sub is not None or s >= hi:
            break
        later = subject(doc, s, hi, first=True)
        sub = later if later is not None and later[2] else None
    requested = any(doc.at(k, "REQ") or doc.at(k, "TRIG") for k in range(hi))
    if sub is None:
        return [] if requested else None
    items, after, trig = sub
    if not trig and any(doc.at(k, "ISSUE") for k in range(after, min(hi, after + 3))):
        return None  # the issuer: '… Ban Chỉ đạo thống nhất kết luận như sau:'
    r = doc.at(after, "REQ")
    if not trig and r and (r >= hi or tk.agency_start(doc, skip(doc, r, hi, ())) or doc.at(r, "TAIL")):
        return []
    # §7: 'X chỉ đạo Y thực hiện các nội dung sau:' (also 'Giao X chỉ đạo Y …:') gives X and Y
    for k in range(after, hi if not trig else after + 1):
        d = doc.at(k, "DIRECT")
        if d and tk.agency_start(doc, d):
            items = items + walk(doc, d, hi, extent=True).items
            break
    return mentions(doc, items, offset, doc_date)
