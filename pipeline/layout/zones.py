"""Nodes that are never tasks, whatever section they stand in.

Why apart from items: these are facts about a document's furniture —
the recipients block and signature zone, closing formulas, title lines, and
paragraphs that introduce a list — decided once, before task detection.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.layout.structure import BULLET_STYLES, Node, Structure
from pipeline.resources import load_json
from pipeline.text.util import fold

BULLETS = BULLET_STYLES


@lru_cache(maxsize=1)
def closing() -> re.Pattern[str]:
    words = load_json("structure", "closing.json")["patterns"]
    return re.compile("|".join(words))


def signature_zone(st: Structure) -> set[int]:
    """Nodes from 'Nơi nhận' (recipients, signature, footnotes) up to the next title or part."""
    dead: set[int] = set()
    on = False
    for n in st.nodes:
        body = fold(st.text[n.start : n.end].lstrip("| "))
        if n.kind == "title" or n.style in ("roman", "part") or (n.kind == "row" and not on):
            on = on and n.kind == "row"
        if body.startswith(("nơi nhận", "tm. ", "kt. ", "thừa lệnh")):
            on = True
        if on:
            dead.add(n.idx)
        elif body.startswith("kính gửi") or body.rstrip(" :*").endswith("điện"):
            dead.update(_recipient_list(st, n))
    return dead


def _recipient_list(st: Structure, head: Node) -> set[int]:
    """A telegram's or letter's addressee block: the line and the bullets right under it."""
    out = {head.idx}
    for c in head.children:
        if st.nodes[c].style in BULLETS:
            out.add(c)
    nxt = head.idx + 1
    while nxt < len(st.nodes) and st.nodes[nxt].style in BULLETS and st.nodes[nxt].parent in (head.idx, head.parent):
        out.add(nxt)
        nxt += 1
    return out


def is_title_like(body: str) -> bool:
    letters = [ch for ch in body if ch.isalpha()]
    return len(letters) > 8 and all(ch.isupper() for ch in letters) and len(body) < 400


def intro_paragraph(st: Structure, node: Node) -> bool:
    """An unnumbered paragraph that names no agency, beside the enumerated items of its group.

    Guideline §1: outside enumeration a paragraph is a task when it assigns work
    to a named agency; unnamed paragraphs next to a list introduce or explain it.
    Paragraphs that are the list (a lead-in's children, or a group whose items
    lost their markers, as in word-segmented sources) stay candidates.
    """
    if node.parent is None:
        return False
    parent = st.nodes[node.parent]
    if st.text[parent.start : parent.end].rstrip().endswith(":"):
        return False
    for c in parent.children:
        sib = st.nodes[c]
        if c != node.idx and (sib.kind == "item" or (sib.kind == "para" and sib.children)):
            return True
    return False
