"""Document structure: numbered headings and items, bullets, field lines, tables.

Why a tree: a task's section, its numbering path, the lead it inherits from an
agency heading or lead-in, and whether an item is a group (its children carry
the assignments) all follow from nesting.  Nesting is recovered the way a
reader does it: a marker style seen for the first time opens a deeper level;
a style already open closes everything below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.resources import load_json
from pipeline.text.normalize import Line, Normalized
from pipeline.text.util import fold

# marker style, regex (group 1 = the number as written); order matters
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(r"^(?:Điều|ĐIỀU)\s+(\d{1,3})\s?[.:]?\s*")),
    ("part", re.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:thứ\s+)?([IVXLC]{1,6}|\d{1,2}|[A-Za-zà-ỹ]+)\s?[.:]?\s+")),
    ("roman", re.compile(r"^([IVX]{1,5}|L|XL|L?X{0,3}(?:IX|IV|V?I{0,3})|[IVX][ivx]{1,4})\s?[.):\-–]\s*(?=\S)")),
    ("multi", re.compile(r"^(\d{1,2}(?:\s?\.\s?\d{1,2}){1,3})\s?[.)]?\s+(?=\S)")),
    ("num", re.compile(r"^(\d{1,3})\s?\.\s*(?=[^\d\s])")),
    ("num_paren", re.compile(r"^(\d{1,3})\s?\)\s*")),
    ("num_dash", re.compile(r"^(\d{1,3})\s?[-–]\s+(?=\S)")),
    ("paren_num", re.compile(r"^\((\d{1,3})\)\s*")),
    ("alpha", re.compile(r"^([a-zđ])\s?[).]\s+(?=\S)")),
    ("paren_alpha", re.compile(r"^\(([a-zđ])\)\s*")),
    ("dash", re.compile(r"^([-–—])\s*(?=\S)")),
    ("plus", re.compile(r"^(\+)\s*(?=\S)")),
    ("bullet", re.compile(r"^([•·●○▪◦*])\s*(?=\S)")),
]
BULLET_STYLES = {"dash", "plus", "bullet"}
_DEADLINE_LINE = re.compile(
    r"^(?:Hoàn thành|Thời gian|Thời hạn|Tiến độ)\b[^.;]{0,50}\b(?:năm|quý|quí|tháng|ngày)\s*[\dIVX][^.;]{0,20}\s?\.?$"
)
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@dataclass
class Node:
    """A paragraph, heading or item of the document, with its place in the tree."""

    idx: int
    kind: str  # "item" | "para" | "field" | "row" | "title"
    start: int  # content start (after the marker)
    end: int
    line_start: int  # start of the whole line (marker included)
    style: str | None = None
    number: str | None = None
    emphasis: bool = False
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    field_role: str | None = None  # lead/support/executor/deadline/content/ignore
    value_start: int | None = None  # field value span
    value_end: int | None = None
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # row roles -> span
    table_id: int = -1


@dataclass
class Structure:
    text: str
    nodes: list[Node]
    roots: list[int]


@lru_cache(maxsize=1)
def _field_labels() -> list[tuple[str, str]]:
    data = load_json("structure", "fields.json")
    pairs = [(fold(label), role) for role, labels in data.items() if not role.startswith("_") for label in labels]
    return sorted(pairs, key=lambda p: -len(p[0]))


def match_marker(s: str) -> tuple[str, str, int] | None:
    """(style, number, length of the marker) for a line that starts with one."""
    for style, rx in _MARKERS:
        m = rx.match(s)
        if not m:
            continue
        num = m.group(1)
        if style == "roman":
            num = num.upper()  # "Ii." in lower-cased titles of word-segmented sources
            if not _ROMAN.match(num):
                continue
        if style == "bullet" and num == "*" and not s.startswith("* "):
            continue
        num = re.sub(r"\s", "", num)
        return style, num, m.end()
    return None


def match_field(s: str) -> tuple[str, int] | None:
    """(role, offset of the value) when ``s`` (marker removed) is a field line."""
    f = fold(s[:60])
    for label, role in _field_labels():
        if f.startswith(label):
            rest = s[len(label):]
            m = re.match(r"^\s*(?:\([^)]{0,40}\))?\s*[:：]\s*", rest)
            if m:
                return role, len(label) + m.end()
            if not rest.strip(" .-–") and role in ("lead", "support", "executor"):
                return role, len(s)  # "b) Cơ quan thực hiện" with its fields on the lines below
    return None


def parse(norm: Normalized) -> Structure:
    """Build the node tree of a normalized document."""
    text = norm.text
    nodes: list[Node] = []
    for ln in norm.lines:
        if ln.kind == "row":
            nodes.append(_row_node(len(nodes), ln))
            continue
        nodes.append(_para_node(len(nodes), text, ln))
    roots = _nest(nodes, text)
    return Structure(text, nodes, roots)


def _row_node(idx: int, ln: Line) -> Node:
    node = Node(idx, "row", ln.start, ln.end, ln.start, table_id=ln.table_id)
    for k, span in enumerate(ln.cells):
        node.cells[str(k)] = span
    return node


def _para_node(idx: int, text: str, ln: Line) -> Node:
    s = text[ln.start : ln.end]
    node = Node(idx, "para", ln.start, ln.end, ln.start, emphasis=ln.emphasis)
    m = match_marker(s)
    body = s
    if m:
        style, number, length = m
        node.kind, node.style, node.number = "item", style, number
        node.start = ln.start + length
        body = s[length:]
    f = match_field(body)
    if f is None and _DEADLINE_LINE.match(body):
        f = ("deadline", 0)
    if f:
        role, off = f
        node.kind = "field"
        node.field_role = role
        node.value_start = node.start + off
        node.value_end = ln.end
    return node


def _nest(nodes: list[Node], text: str) -> list[int]:
    """Attach every node to its parent by marker style (see module docstring)."""
    roots: list[int] = []
    stack: list[tuple[str, int]] = []  # (style key, node idx)
    for node in nodes:
        if node.kind == "row":
            parent = stack[-1][1] if stack else None
            _attach(nodes, roots, node, parent)
            continue
        key = _style_key(node, text)
        if key == "doctitle":
            stack.clear()  # an attached plan or appendix starts afresh
            _attach(nodes, roots, node, None)
            continue
        if key is None and node.kind == "para" and stack and stack[-1][0] in BULLET_STYLES:
            # a paragraph after a bullet list closes the list and the lead-in that opened it
            while stack and stack[-1][0] in BULLET_STYLES:
                stack.pop()
            if stack and stack[-1][0] == "leadin":
                stack.pop()
        if key is None:
            # unnumbered paragraph: child of the innermost open item
            parent = stack[-1][1] if stack else None
            if node.kind == "field" and stack and nodes[stack[-1][1]].kind == "field":
                parent = nodes[stack[-1][1]].parent
            _attach(nodes, roots, node, parent)
            if _is_leadin(text, node):
                stack.append(("leadin", node.idx))
            continue
        keys = [k for k, _ in stack]
        if key in keys:
            pos = keys.index(key)
            del stack[pos:]
        elif key in ("heading", "roman", "part", "article"):
            # a section heading ends the scope of a lead-in sentence above it
            while stack and stack[-1][0] in ("leadin",):
                stack.pop()
        parent = stack[-1][1] if stack else None
        _attach(nodes, roots, node, parent)
        stack.append((key, node.idx))
    return roots


def _style_key(node: Node, text: str) -> str | None:
    if node.kind == "field" and node.style is None:
        return None
    if node.style is None:
        body = text[node.start : node.end]
        if is_doc_title(body):
            node.kind = "title"
            return "doctitle"
        if node.emphasis and len(body) < 200:
            return "heading"
        return None
    key = node.style
    if key == "multi" and node.number:
        key = f"multi{node.number.count('.')}"
    return key


_DOC_TITLE = re.compile(
    r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|PHỤ LỤC|PHƯƠNG ÁN|DANH MỤC|CHỈ THỊ|QUYẾT ĐỊNH|NGHỊ QUYẾT"
    r"|CÔNG ĐIỆN|THÔNG BÁO|HƯỚNG DẪN)\b"
)


def is_doc_title(body: str) -> bool:
    """An upper-case document or appendix title line (KẾ HOẠCH …, PHỤ LỤC I …)."""
    return bool(_DOC_TITLE.match(body)) and body.upper() == body and len(body) < 400


def _is_leadin(text: str, node: Node) -> bool:
    s = text[node.start : node.end].rstrip()
    return node.kind == "para" and s.endswith(":") and len(s) < 1500


def _attach(nodes: list[Node], roots: list[int], node: Node, parent: int | None) -> None:
    node.parent = parent
    if parent is None:
        roots.append(node.idx)
    else:
        nodes[parent].children.append(node.idx)
