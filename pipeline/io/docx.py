"""Word (.docx) reader.

Paragraphs come out in reading order, separated by blank lines, and tables
as markdown pipe tables (``| STT | Nội dung | ... |``), the form the
structure stage already parses; a merged cell fills every grid position it
covers, as a group row repeats its title. Word's automatic numbering is not
part of a paragraph's text, but in directives it *is* the task number, so it
is rendered from numbering.xml ("1.", "a)", "II.", "-"). Runs in TCVN3/VNI
fonts are converted by their font name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pipeline.errors import InputError
from pipeline.io.base import RawDocument, finish_extracted_text, format_list_number, markdown_table
from pipeline.io.encodings import legacy_chars_to_unicode
from pipeline.resources import load_json

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@lru_cache(maxsize=1)
def _fonts() -> dict[str, Any]:
    return load_json("encodings", "fonts.json")


def legacy_font_encoding(font: str | None) -> tuple[str, bool] | None:
    """Font name -> (legacy encoding, draws capitals) or None for Unicode fonts."""
    if not font:
        return None
    name = font.strip().lower()
    cfg = _fonts()
    if any(name.startswith(p) for p in cfg["tcvn3_prefixes"]):
        return "tcvn3", name.endswith(cfg["tcvn3_capital_suffix"])
    if any(name.startswith(p) for p in cfg["vni_prefixes"]):
        return "vni", False
    return None


class _Numbering:
    """Renders Word list labels: counters per list and level, as Word does."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for an in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
            abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                if start and ilvl in levels:
                    levels[ilvl] = (int(start),) + levels[ilvl][1:]
            self.levels[num.get(f"{_W}numId", "")] = levels

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        start, fmt, text = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if fmt == "bullet":
            return text if text in ("-", "+", "*") else "-" if text in ("–", "—", "−") else "•"
        if fmt == "none":
            return ""

        def level_value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            return format_list_number(counters[k] or k_start, k_fmt)

        return re.sub(r"%(\d)", level_value, text)


def _val(el: Any, name: str) -> str | None:
    child = el.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


class _DocxText:
    """Walks a document body: paragraphs with their labels, tables as rows."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.legacy_runs = 0
        defaults = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_font = _rfonts(defaults)

    def paragraph(self, p: Any) -> str:
        text = "".join(self._run_text(run, p) for run in _runs(p)).strip()
        num = self._num_pr(p)
        if num is not None:
            label = self.numbering.label(*num)
            if label and text:
                text = f"{label} {text}"
        return text

    def _run_text(self, run: Any, p: Any) -> str:
        text = run.text
        if not text:
            return ""
        font = _rfonts(run._r.rPr) or _style_font(run.style) or _style_font(p.style) or self.default_font
        legacy = legacy_font_encoding(font)
        if legacy is None:
            return text
        self.legacy_runs += 1
        converted = legacy_chars_to_unicode(text, legacy[0])
        return converted.upper() if legacy[1] else converted

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        ppr = p._p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        style = p.style
        while num_pr is None and style is not None:
            sppr = style.element.pPr
            num_pr = sppr.numPr if sppr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return None
        num_id = str(num_pr.numId.val)
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return (num_id, int(ilvl)) if num_id != "0" else None

    def table(self, table: Any) -> list[list[str]]:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                parts = [self.paragraph(p) for p in cell.paragraphs]
                for inner in cell.tables:
                    parts += [" ".join(r) for r in self.table(inner)]
                cells.append(" ".join(p for p in parts if p))
            rows.append(cells)
        return rows

    def blocks(self) -> Iterator[str]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for el in _body_elements(self.document.element.body):
            if el.tag == f"{_W}p":
                text = self.paragraph(Paragraph(el, self.document))
                if text:
                    yield text
            else:
                rows = self.table(Table(el, self.document))
                if any(any(c for c in r) for r in rows):
                    yield markdown_table(rows)


def _body_elements(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


def _runs(p: Any) -> Iterator[Any]:
    for item in p.iter_inner_content():
        if hasattr(item, "runs"):  # a hyperlink
            yield from item.runs
        else:
            yield item


def _rfonts(rpr: Any) -> str | None:
    """The font Word uses for Latin-1 letters (hAnsi), where the legacy codes live."""
    fonts = rpr.find(f"{_W}rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


def _style_font(style: Any) -> str | None:
    while style is not None:
        font = _rfonts(style.element.find(f"{_W}rPr"))
        if font:
            return font
        style = style.base_style
    return None


def read_docx(data: bytes) -> RawDocument:
    """A Word document's body: paragraphs (numbered as Word shows them) and tables."""
    if data.startswith(_OLE_MAGIC):
        raise InputError("this is a legacy Word .doc file with a .docx name; save it as .docx")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors alike
        raise InputError(f"not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    walker = _DocxText(document)
    text = "\n\n".join(walker.blocks())
    if not text.strip():
        raise InputError("the document has no text")
    warnings = []
    if walker.legacy_runs:
        warnings.append(f"encoding: {walker.legacy_runs} run(s) in TCVN3/VNI fonts converted to Unicode")
    raw = finish_extracted_text(text, "docx", warnings)
    if walker.legacy_runs and raw.encoding is None:
        raw.encoding = "docx-legacy-fonts"
    return raw
