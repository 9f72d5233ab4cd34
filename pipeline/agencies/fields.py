"""Field and column values ('Cơ quan chủ trì: …') split into one mention per agency (guideline §3)."""

from __future__ import annotations

from pipeline.agencies import tokens as tk
from pipeline.agencies.extent import consume, stops
from pipeline.agencies.lexicon import SKIP, Analysis, analyze, lexicon
from pipeline.agencies.mentions import mentions, trim
from pipeline.agencies.subjects import clause_starts, subject
from pipeline.agencies.walker import Item, walk
from pipeline.records import AgencyMention


def split_agencies(value: str, offset: int = 0, doc_date: str | None = None) -> list[AgencyMention]:
    """A field/column value -> one mention per agency item (guideline §3, §7).

    ``value[s - offset:e - offset] == mention.text`` for every mention; the spans are
    absolute (``offset`` added).  Canonical name, kind, level, generic and in-gazetteer
    flags, and the successor as of ``doc_date`` (ISO) are filled where known.
    """
    doc = analyze(value)
    items = walk(doc, 0, len(doc.toks)).items
    if items and any(doc.at(k, "LEAD") for k in range(len(doc.toks))) and not all(
            is_agency_item(doc, it) for it in items):
        prose = _clause_subjects(doc)
        if prose:
            items = prose
    items = [it for it in (_without_tail(doc, it) for it in items) if it is not None]
    return mentions(doc, items, offset, doc_date)


def _fillers(doc: Analysis, a: int, b: int) -> set[int]:
    """Tokens in [a, b) that cannot be part of an agency name: verbs, adverbs, prepositions, numbers."""
    out: set[int] = set()
    for k in range(a, b):
        if doc.at(k, "KIND") or doc.at(k, "HEAD") or doc.at(k, "TITLE") or k in doc.gaz:
            continue
        if doc.toks[k].text.isdigit():
            out.add(k)
        e = max((doc.at(k, lab) or 0) for lab in ("STOP", "MAIN", "ADV", "NOTPRED", "TRAIL"))
        out.update(range(k, min(e, b)))
    return out


def _without_tail(doc: Analysis, it: Item) -> Item | None:
    """Drop a value's leftover words ('Đang thực hiện' in a misread column, '…, rà soát'): an item of
    fillers only is dropped, and lowercase fillers after the item's last separator are cut off."""
    if it.template:
        return it  # a distributed name: 'Xây dựng' in 'các Bộ: Quốc phòng, Xây dựng'
    fill = _fillers(doc, it.a, it.b)
    words = [k for k in range(it.a, it.b) if tk.is_word(doc, k)]
    if not words or all(k in fill for k in words):
        return None
    seps = lexicon().seps | {";"}
    for k in range(it.b - 1, it.a, -1):
        if doc.norms[k] in seps:
            rest = [m for m in range(k + 1, it.b) if tk.is_word(doc, m)]
            if rest and all(m in fill and not tk.upper(doc, m) for m in rest):
                return Item(it.a, k, it.template)
            break
    return it


def _clause_subjects(doc: Analysis) -> list[Item]:
    """A field written as prose ('Sở A chủ trì …; Sở B và Sở C chủ động …'): the subject of each clause."""
    items: list[Item] = []
    covered = -1
    for s in clause_starts(doc):
        if s > covered:
            sub = subject(doc, s, len(doc.toks), first=True)
            if sub:
                items += sub[0]
                covered = sub[1]
    return items


def is_agency_item(doc: Analysis, it: Item) -> bool:
    """Is every token of the item part of an agency name, group or qualifier?"""
    a, b = trim(doc, it.a, it.b)
    if a >= b:
        return False
    if it.template:
        return True
    i = a
    while i < b and (doc.at(i, "PLURAL") or doc.at(i, "TITLE")):
        i = doc.at(i, "PLURAL") or tk.title_end(doc, i) or i + 1
    if i >= b:
        return bool(doc.at(a, "TITLE"))
    f = doc.at(i, "FIELD")
    if f and i not in doc.gaz and not (tk.kind(doc, i) and f < b and doc.norm(f) != ":"):
        return False  # a field label, unless a described group ('Cơ quan chủ trì giải quyết thủ tục …')
    if not (i in doc.gaz or tk.head(doc, i) or tk.place(doc, i) or tk.kind(doc, i)):
        return False
    seps = lexicon().seps
    state: str | None = None
    while i < b:
        branch = doc.norms[i] == "-" and doc.at(i + 1, "BRANCH")  # '… - Chi nhánh …' is read by consume
        if doc.norms[i] in seps or (doc.norms[i] in {"-", "&", "(", ")"} and not branch) or doc.norms[i] in SKIP:
            i += 1
            continue
        if i not in doc.gaz and stops(doc, i, state, end=b) and not doc.at(i, "HEAD"):
            return False
        i, state, _ = consume(doc, i, b, state, closed=True)
    return True


def agency_list(doc: Analysis, lo: int, hi: int) -> list[Item] | None:
    """The items of [lo, hi) when the whole range is an agency list, else None."""
    items = walk(doc, lo, hi).items
    if not items or not all(is_agency_item(doc, it) for it in items):
        return None
    return items
