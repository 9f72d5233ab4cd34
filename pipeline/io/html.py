"""HTML reader for pages saved from government portals.

The page's chrome (menus, breadcrumbs, footers, share buttons) is dropped by
tag, ARIA role and class words; the main text is the portal's own content
container when a known one exists, otherwise the element that holds most of
the page's non-link text. Paragraphs come out separated by blank lines,
``<ol>`` items numbered as a browser shows them, tables as pipe tables with
spanned cells repeated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.errors import InputError
from pipeline.io.base import RawDocument, finish_extracted_text, format_list_number, markdown_table
from pipeline.io.encodings import decode_text_bytes
from pipeline.resources import load_json

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[-_\s]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    cfg = dict(load_json("readers", "html.json"))
    for key in ("drop_tags", "chrome_tags", "drop_roles", "drop_class_words", "block_tags"):
        cfg[key] = frozenset(cfg[key])
    return cfg


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes -> text by the page's declared charset, else by content."""
    head = data[:4096]
    match = _META_CHARSET.search(head)
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = match.group(1).decode("ascii").lower()
        try:
            return data.decode(name), name, []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: fall back to detection
    decoded = decode_text_bytes(data)
    return decoded.text, decoded.encoding, list(decoded.warnings)


def read_html(data: bytes) -> RawDocument:
    from bs4 import BeautifulSoup

    html, encoding, warnings = decode_html(data)
    soup = BeautifulSoup(html, "lxml")
    body = soup.body or soup
    _drop_chrome(body)
    root = _main_element(body)
    text = "\n\n".join(_block_lines(root))
    if not text.strip():
        raise InputError("the page has no text content")
    raw = finish_extracted_text(text, "html", warnings)
    if raw.encoding is None:
        raw.encoding = encoding
    else:
        raw.encoding = f"{encoding}+{raw.encoding}"
    return raw


def _drop_chrome(body: Any) -> None:
    """Remove page chrome; an element holding half the page's text is never chrome."""
    cfg = _config()
    half = len(body.get_text()) / 2
    for el in body.find_all(True):
        if el.decomposed:
            continue
        name = el.name
        if name in cfg["drop_tags"]:
            el.decompose()
            continue
        attrs = el.attrs or {}
        role = str(attrs.get("role", "")).lower()
        words = set(_WORD_SPLIT.split(" ".join(attrs.get("class", []) + [str(attrs.get("id", ""))]).lower()))
        if (role in cfg["drop_roles"] or words & cfg["drop_class_words"]
                or _HIDDEN.search(str(attrs.get("style", ""))) or "hidden" in attrs
                or (name in cfg["chrome_tags"] and not el.find_parent(("main", "article")))):
            if len(el.get_text()) < half:
                el.decompose()


def _main_element(body: Any) -> Any:
    """A known content container, else descend while one child holds most text."""
    for selector in _config()["main_selectors"]:
        found = body.select(selector)
        found = [f for f in found if len(f.get_text(strip=True)) > 200]
        if found:
            return max(found, key=lambda f: len(f.get_text()))
    sizes: dict[int, int] = {}
    _text_sizes(body, sizes)
    node = body
    while True:
        total = sizes.get(id(node), 0)
        children = [c for c in node.find_all(True, recursive=False) if sizes.get(id(c), 0) > 0]
        best = max(children, key=lambda c: sizes[id(c)], default=None)
        if best is None or sizes[id(best)] < 0.8 * total:
            break
        node = best  # into a layout table's main cell too
    if node.name in ("tbody", "thead", "tfoot", "tr"):
        node = node.find_parent("table")  # a data table is rendered whole
    return node


def _text_sizes(el: Any, sizes: dict[int, int]) -> int:
    """Length of non-link text under each element, computed in one pass."""
    total = 0
    for child in el.children:
        if getattr(child, "name", None) is None:
            if type(child).__name__ == "NavigableString":
                total += len(child.strip())
        elif child.name != "a":
            total += _text_sizes(child, sizes)
    sizes[id(el)] = total
    return total


def _render(el: Any, lines: list[str], buf: list[str]) -> None:
    """Block elements end a line; inline ones add to the current line."""
    blocks = _config()["block_tags"]
    for child in el.children:
        name = getattr(child, "name", None)
        if name is None:
            if type(child).__name__ in ("NavigableString", "CData"):
                buf.append(str(child))
            continue
        if name == "br":
            _flush(lines, buf)
        elif name == "table":
            _flush(lines, buf)
            rows = _table_rows(child)
            if any(any(c for c in r) for r in rows):
                lines.append(markdown_table(rows))
        elif name in ("ol", "ul"):
            _flush(lines, buf)
            _render_list(child, lines)
        elif name in blocks:
            _flush(lines, buf)
            _render(child, lines, buf)
            _flush(lines, buf)
        else:
            _render(child, lines, buf)


def _render_list(el: Any, lines: list[str]) -> None:
    ordered = el.name == "ol"
    fmt = _OL_TYPES.get(str(el.get("type", "1")), "decimal")
    try:
        n = int(el.get("start", 1)) - 1
    except ValueError:
        n = 0
    for li in el.find_all("li", recursive=False):
        n += 1
        sub = _block_lines(li)
        if not sub:
            continue
        label = f"{format_list_number(n, fmt)}." if ordered else "-"
        lines.append(f"{label} {sub[0]}")
        lines.extend(sub[1:])


def _block_lines(el: Any) -> list[str]:
    lines: list[str] = []
    buf: list[str] = []
    _render(el, lines, buf)
    _flush(lines, buf)
    return lines


def _flush(lines: list[str], buf: list[str]) -> None:
    text = " ".join("".join(buf).split())
    if text:
        lines.append(text)
    buf.clear()


def _table_rows(table: Any) -> list[list[str]]:
    """The table's grid; a cell spanning rows or columns fills each position."""
    rows: list[list[str]] = []
    carry: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
    for tr in _own_rows(table):
        row: list[str] = []
        cells = tr.find_all(("td", "th"), recursive=False)
        col = 0
        for cell in cells:
            while col in carry:
                row.append(_take(carry, col))
                col += 1
            text = " ".join(_block_lines(cell))
            span = _int_attr(cell, "colspan")
            down = _int_attr(cell, "rowspan")
            for _ in range(span):
                row.append(text)
                if down > 1:
                    carry[col] = (down - 1, text)
                col += 1
        while col in carry:
            row.append(_take(carry, col))
            col += 1
        rows.append(row)
    return rows


def _take(carry: dict[int, tuple[int, str]], col: int) -> str:
    left, text = carry[col]
    if left <= 1:
        del carry[col]
    else:
        carry[col] = (left - 1, text)
    return text


def _own_rows(table: Any) -> list[Any]:
    rows = []
    for child in table.find_all(True, recursive=False):
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def _int_attr(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, 1)).strip() or 1), 100))
    except ValueError:
        return 1
