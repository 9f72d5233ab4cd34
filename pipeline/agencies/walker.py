"""The walker: the items of an agency list in a token range, and (extent mode) where the list ends.

Separators (';', ',', 'và') split items only where a new agency starts (guideline §3);
a generic group followed by named members in brackets gives the members; a distributed
list ('các Bộ: Quốc phòng, Công an') gives one item per name with a canonical template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.agencies import tokens as tk
from pipeline.agencies.extent import boundary_after, consume, drop_end, sep_splits, stops
from pipeline.agencies.gazetteer import load_gazetteer
from pipeline.agencies.lexicon import KIND_CLASSES, SKIP, Analysis, lexicon


@dataclass
class Item:
    """Tokens [a, b) of one agency item; ``template`` builds the canonical name of a distributed name."""

    a: int
    b: int
    template: str | None = None


@dataclass
class Walk:
    items: list[Item] = field(default_factory=list)
    end: int = 0


def distributive(doc: Analysis, item_a: int, k: int, colon: bool) -> tuple[str, int] | None:
    """'… các Bộ' / '… các tỉnh' / '… 04 xã' ending at k -> (canonical template, index of 'các' or the count)."""
    lex = lexicon()
    for j in range(max(item_a + 1, k - 4), k):
        key = tuple(doc.norms[j:k])
        count = doc.toks[j - 1].text.isdigit() and doc.at(j - 1, "PLURAL") == j
        if (doc.norm(j - 1) == lex.plural or count) and key in lex.distributive and (colon or key in lex.places):
            return lex.distributive[key], j - 1
    return None


def _name_pieces(doc: Analysis, j: int, hi: int) -> tuple[list[tuple[int, int]], list[str], int]:
    """Capitalised names separated by ',' / 'và' from j -> (pieces, separators, end)."""
    conj = lexicon().conj
    pieces: list[tuple[int, int]] = []
    seps: list[str] = []
    start = None
    while j < hi:
        n = doc.norms[j]
        if n in (",", conj):
            if start is None or not tk.upper(doc, j + 1):
                break
            pieces.append((start, j))
            seps.append(n)
            start = None
        elif tk.upper(doc, j) and start is None:
            start = j
        elif start is not None and (doc.at(j, "MOD") or 0) >= j + 2:  # 'Thị trường trong nước'
            j = doc.at(j, "MOD") or j + 1
            continue
        elif start is None or not (tk.upper(doc, j) or n in {"-", "&"} or (
                tk.is_word(doc, j) and not any(doc.at(j, lab) for lab in ("STOP", "TRIG", "LEAD", "SUPPORT", "ADV",
                                                                          "NOTPRED")))):
            break
        j += 1
    if start is not None:
        pieces.append((start, j))
    return pieces, seps, j


def names(doc: Analysis, j: int, hi: int, template: str) -> tuple[list[Item], int] | None:
    """Names of a distributed list from j: 'Quốc phòng, Công an và Xây dựng' -> one item each.  One
    capitalised word group is no list: the content of a label ('Ủy ban nhân dân các xã, phường: Tổng
    hợp, phân tích …') or one body ('UBND các huyện Mường Tè')."""
    pieces, seps, _ = _name_pieces(doc, j, hi)
    if len(pieces) < 2:
        return None
    conj = lexicon().conj
    for k in range(len(seps) - 1, -1, -1):  # a 'và' followed by a comma joins words of one name
        if seps[k] == conj and "," in seps[k + 1:]:
            pieces[k:k + 2] = [(pieces[k][0], pieces[k + 1][1])]
    gaz = load_gazetteer()
    items: list[Item] = []
    p = 0
    while p < len(pieces):
        best = p
        for q in range(len(pieces) - 1, p, -1):
            name = doc.text[doc.toks[pieces[p][0]].start:doc.toks[pieces[q][1] - 1].end]
            if gaz.lookup(template.format(name)):
                best = q
                break
        h = tk.head(doc, pieces[p][0])
        own = pieces[p][0] in doc.gaz or (h is not None and h < pieces[best][1])  # 'Cục Hoá chất' among Vụ names
        items.append(Item(pieces[p][0], pieces[best][1], None if own else template))
        p = best + 1
    return items, pieces[-1][1]


def named(doc: Analysis, it: Item) -> bool:
    """Is the item a named body ('Hội Nông dân tỉnh'), not a generic group ('các doanh nghiệp')?"""
    return (it.a in doc.gaz and not load_gazetteer().entries[doc.gaz[it.a][1][0]].generic) \
        or bool(tk.head(doc, it.a))


def named_only(doc: Analysis, items: list[Item]) -> bool:
    """Are all items named bodies (not generic groups), but for a closing 'doanh nghiệp khác'?"""
    other = lexicon().other
    return any(named(doc, it) for it in items) and all(
        named(doc, it) or (k == len(items) - 1 and doc.norm(tk.prev_word(doc, it.b)) == other)
        for k, it in enumerate(items))


def _list_goes_on(doc: Analysis, end: int, hi: int) -> int:
    """Extent mode, after a distributed list ending at ``end``: where the next item of the same list
    starts ('các Vụ: Kế hoạch, Năng lượng, Cục Hoá chất và …'), or -1 where the list ends."""
    seps = lexicon().seps | {";"}
    j = end
    while j < hi and (doc.norms[j] in seps or doc.norms[j] in SKIP):
        j += 1
    return j if end < j < hi and tk.agency_start(doc, j) else -1


def walk(doc: Analysis, lo: int, hi: int, extent: bool = False) -> Walk:
    """Items of the agency list in tokens [lo, hi); in extent mode, stop where the list ends."""
    seps = lexicon().seps
    out = Walk(end=lo)
    cur: int | None = None
    last = -1
    state: str | None = None
    done = False  # does the current item end complete at ``last``?

    def close(upto: int | None = None) -> None:
        nonlocal cur, state, done
        b = last + 1 if upto is None else upto
        if cur is not None and b > cur:
            out.items.append(Item(cur, b))
            out.end = b
        cur, state, done = None, None, False

    def distribute(cac: int, template: str, names_at: int) -> int | None:
        nonlocal cur
        found = names(doc, names_at, hi, template)
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
        if n in SKIP:
            i += 1
            continue
        if n == ";" or (n in seps and cur is not None):
            nxt = i + 1
            while nxt < hi and (doc.norms[nxt] in SKIP or (doc.norms[nxt] in seps and n == ",")):
                nxt += 1
            if nxt >= hi:
                break
            linked = doc.at(nxt, "CONNECT")  # '…, nhất là ACV'
            if linked and tk.agency_start(doc, linked):
                close()
                i = linked
                continue
            if n == ";" or sep_splits(doc, nxt, state):
                if extent and not tk.agency_start(doc, nxt):
                    break
                close()
            elif extent and stops(doc, nxt, state) and not tk.kind(doc, nxt) and not tk.upper(doc, nxt):
                break
            i = nxt
            continue
        if n == "(":
            j = tk.paren_end(doc, i, hi)
            if cur is not None and tk.paren_kept(doc, i, j):
                last = j - 1
            elif cur is not None and state in KIND_CLASSES and doc.norm(j - 1) == ")":
                inner = walk(doc, i + 1, j - 1).items
                if named_only(doc, inner):
                    cur = None
                    out.items.extend(inner)
                    out.end = j
            i = j
            continue
        if n == "[":
            i = tk.paren_end(doc, i, hi) if "]" not in doc.norms[i:hi] else doc.norms.index("]", i) + 1
            continue
        if tk.appos(doc, i) or (cur is not None and doc.at(i, "DROP")):
            i = drop_end(doc, i, hi) if extent else boundary_after(doc, i, hi)
            continue
        if n == ":" and cur is not None:
            dist = distributive(doc, cur, i, colon=True)
            end = distribute(dist[1], dist[0], i + 1) if dist else None
            if end is not None:
                i = end if not extent else _list_goes_on(doc, end, hi)
                if i < 0:
                    return out
                continue
        if n in {":", ".", ")", "]"}:
            if extent:
                break
            close()
            i += 1
            continue
        if cur is None:
            if extent and not tk.agency_start(doc, i):
                break
            cur = i
        elif done and state not in ("title", "title_c") and (i in doc.gaz or tk.head(doc, i)) \
                and not doc.at(i, "GENITIVE"):
            close()
            cur = i
        elif tk.upper(doc, i) and (dist := distributive(doc, cur, i, colon=False)) is not None:
            end = distribute(dist[1], dist[0], i)
            if end is not None:
                i = end if not extent else _list_goes_on(doc, end, hi)
                if i < 0:
                    return out
                continue
        elif extent and stops(doc, i, state):
            break
        i, state, done = consume(doc, i, hi, state, closed=not extent)
        last = i - 1
    close()
    return out
