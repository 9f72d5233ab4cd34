"""Lead vs support in a task item's prose (guideline §2, §7): clause subjects lead,
agencies after a 'phối hợp (với)' cue support."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.agencies import tokens as tk
from pipeline.agencies.gazetteer import fold_phrase
from pipeline.agencies.lexicon import analyze, lexicon
from pipeline.agencies.mentions import mentions
from pipeline.agencies.subjects import clause_starts, skip, subject
from pipeline.agencies.walker import Item, walk
from pipeline.records import AgencyMention
from pipeline.resources import load_json
from pipeline.text.util import agency_key


@dataclass
class Roles:
    """Who leads and who supports, as stated in one task item's prose."""

    lead: list[AgencyMention] = field(default_factory=list)
    support: list[AgencyMention] = field(default_factory=list)


def find_roles(text: str, offset: int = 0, doc_date: str | None = None) -> Roles:
    """Lead and support stated in a task item's prose (guideline §2, §7)."""
    doc = analyze(text)
    n = len(doc.toks)
    lead: list[Item] = []
    support: list[Item] = []
    covered = -1
    for ci, s in enumerate(clause_starts(doc)):
        if s <= covered:
            continue
        sub = subject(doc, s, n, first=ci == 0)
        if sub is None:
            continue
        items, after, _ = sub
        covered = after
        if doc.at(after, "SUPPORT") and lead:
            support.extend(items)
        else:
            lead.extend(items)
    opener = doc.at(skip(doc, 0, n, ()), "SOPEN")  # '- Với các đơn vị của Bộ Tài chính xây dựng …'
    if opener and tk.agency_start(doc, skip(doc, opener, n, ())):
        w = walk(doc, skip(doc, opener, n, ()), n, extent=True)
        if tk.is_word(doc, w.end):  # the partners, then the verb (not 'Với các doanh nghiệp, cần …')
            support.extend(w.items)
    for k in range(n):
        e = doc.at(k, "SUPPORT")
        if e is None or (k > 0 and doc.at(k - 1, "SUPPORT")):
            continue
        if any((doc.at(j, "NOSUP") or 0) == k for j in range(max(0, k - 3), k)):
            continue
        j = skip(doc, e, n, ())
        joined = doc.at(j, "COSUP") if doc.norm(e) == "," else None
        if joined and not tk.agency_start(doc, j):  # 'phối hợp, hướng dẫn Bộ Y tế …': partners too
            j = skip(doc, joined, n, ())
        if tk.agency_start(doc, j):
            support.extend(walk(doc, j, n, extent=True).items)
    lead_m = _dedupe(mentions(doc, lead, offset, doc_date), [])
    support_m = [m for m in mentions(doc, support, offset, doc_date) if not _lead_reference(m)]
    return Roles(lead_m, _dedupe(support_m, lead_m))


def _lead_reference(m: AgencyMention) -> bool:
    """'phối hợp với cơ quan chủ trì': the lead itself, named by its role, is no partner."""
    words = fold_phrase(m.text)
    plural = lexicon().plural
    return (words[1:] if words[:1] == (plural,) else words) in _references()


@lru_cache(maxsize=1)
def _references() -> frozenset[tuple[str, ...]]:
    return frozenset(fold_phrase(w) for w in load_json("agencies", "roles.json")["lead_references"])


def _key(m: AgencyMention) -> str:
    return agency_key(m.text)


def _dedupe(ms: list[AgencyMention], exclude: list[AgencyMention]) -> list[AgencyMention]:
    seen = {_key(m) for m in exclude}
    out = []
    for m in ms:
        if _key(m) not in seen:
            seen.add(_key(m))
            out.append(m)
    return out
