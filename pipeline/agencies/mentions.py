"""Items -> AgencyMention records: trimmed verbatim text and span, canonical name, kind, level,
generic and in-gazetteer flags, successor as of the document's date."""

from __future__ import annotations

from pipeline.agencies import tokens as tk
from pipeline.agencies.gazetteer import Entry, fold_phrase, load_gazetteer
from pipeline.agencies.lexicon import Analysis, lexicon
from pipeline.agencies.walker import Item
from pipeline.records import AgencyMention


def trim(doc: Analysis, a: int, b: int) -> tuple[int, int]:
    """Drop leading bullets/punctuation and trailing 'thực hiện', '.', ';' from an item."""
    while a < b and not tk.is_word(doc, a) and doc.norms[a] != "(":
        a += 1
    changed = True
    while changed and b > a:
        changed = False
        if not tk.is_word(doc, b - 1) and doc.norms[b - 1] != ")":
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


def _group_entry(doc: Analysis, i: int, b: int, title: tuple[str, ...] | None) -> Entry | None:
    """The generic-group entry an item belongs to: its head (UBND …) and its first kind word."""
    head_end = tk.head(doc, i) if i < b else None
    head = tuple(doc.norms[i:head_end]) if head_end else None
    j = head_end or i
    while j < b and doc.at(j, "PLURAL"):
        j = doc.at(j, "PLURAL") or j + 1
    best: tuple[int, Entry] | None = None
    for entry, heads, kinds in lexicon().group_entries:
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


def _infer_level(doc: Analysis, a: int, b: int) -> str | None:
    level = None
    for k in range(a, b):
        e = doc.at(k, "LEVEL")
        if e and e <= b:
            level = lexicon().level_words.get(tuple(doc.norms[k:e]), level)
    return level


def _template_kind(m: AgencyMention, template: str) -> None:
    """Kind and level of a distributed name not in the gazetteer ('Vụ {}' -> a central department)."""
    base = load_gazetteer().lookup(template.replace("{}", "").strip())
    if base is not None:
        m.kind, m.level = base.kind, base.level
        return
    head = lexicon().heads.get(fold_phrase(template.split()[0]))
    if head:
        m.kind, m.level = head[0], head[1]


def _prefix(doc: Analysis, a: int, b: int) -> tuple[int, bool, tuple[str, ...] | None]:
    """Skip 'các' and office titles at the start: (first name token, plural?, title)."""
    i, plural, title = a, False, None
    while i < b:
        if doc.at(i, "PLURAL"):
            plural, i = True, doc.at(i, "PLURAL") or i + 1
        elif (te := tk.title_end(doc, i)) and not (i in doc.gaz and doc.gaz[i][0] > te):
            title = title or tuple(doc.norms[i:te])
            i = te
        else:
            break
    return i, plural, title


def _from_entry(doc: Analysis, m: AgencyMention, entry: Entry, name: tuple[int, int], plural: bool,
                title: tuple[str, ...] | None, doc_date: str | None) -> None:
    """Fill ``m`` from its gazetteer entry; ``name`` is the token range after 'các' and titles."""
    i, b = name
    m.canonical, m.kind, m.level, m.in_gazetteer = entry.canonical, entry.kind, entry.level, True
    named_place = any(doc.at(k, "LOCWORD") and tk.upper(doc, doc.at(k, "LOCWORD") or k) for k in range(i, b))
    m.generic = (entry.generic and not named_place) or (plural and bool(title))
    if entry.generic and named_place and not plural:  # 'UBND huyện Mường Tè' is one body, not the class
        m.canonical = " ".join(m.text.split())
    succ = load_gazetteer().successor(entry, doc_date)
    m.successor = succ.canonical if succ else None


def _unlisted(doc: Analysis, m: AgencyMention, a: int, i: int, b: int, title: tuple[str, ...] | None) -> None:
    """Canonical name and kind of an item the gazetteer does not know, from its head word."""
    h = tk.head(doc, i)
    person = bool(title) and not h and not tk.kind(doc, i)
    first = a if person else i
    core = doc.text[doc.toks[first].start:doc.toks[b - 1].end]
    m.canonical = m.canonical or " ".join(core.split())
    if person:
        m.kind = "office"
    elif h:
        kind, level, _ = lexicon().heads[tuple(doc.norms[i:h])]
        m.kind, m.level = kind, level
    elif tk.kind(doc, i):
        m.kind, m.generic = "group", True
    elif tk.place(doc, i):
        m.kind = "locality"


def mention(doc: Analysis, item: Item, offset: int, doc_date: str | None) -> AgencyMention | None:
    a, b = trim(doc, item.a, item.b)
    if a >= b:
        return None
    gaz = load_gazetteer()
    text = doc.text[doc.toks[a].start:doc.toks[b - 1].end]
    m = AgencyMention(text=text, span=(doc.toks[a].start + offset, doc.toks[b - 1].end + offset))
    i, plural, title = _prefix(doc, a, b)
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
        _from_entry(doc, m, entry, (i, b), plural, title, doc_date)
    elif i < b:
        _unlisted(doc, m, a, i, b, title)
    elif title:
        m.canonical, m.kind = " ".join(text.split()), "office"
    if m.level is None and not item.template:
        m.level = _infer_level(doc, a, b)
    return m


def mentions(doc: Analysis, items: list[Item], offset: int, doc_date: str | None) -> list[AgencyMention]:
    out = []
    for it in items:
        m = mention(doc, it, offset, doc_date)
        if m is not None:
            out.append(m)
    return out
