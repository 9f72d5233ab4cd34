"""Document header: number, place and date, type, title, and the reference year.

Why: a deadline without a year ("trước ngày 30/11", "trong quý III") takes the
plan year or the issue year, and the document type decides where tasks are
(a decision's articles are not tasks; its attached plan is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.layout.structure import match_marker
from pipeline.resources import load_json
from pipeline.text.normalize import Normalized
from pipeline.text.util import fold

_NUMBER = re.compile(r"\bSố\s*:?\s*([0-9]*\s?/\s?[0-9]{0,4}/?[A-ZĐa-zđ0-9&.\-]+(?:/[A-ZĐa-zđ0-9.\-]+)?)")
_DATE = re.compile(
    r"(?:^|[|,]|\s)([A-ZĐ][^\d|,]{1,30}),\s*ngày\s*(\d{1,2})?\s*(?:tháng|/)\s*(\d{1,2})?\s*(?:năm|/)\s*(\d{4})"
)
_SUBJECT = re.compile(r"\b[Vv]/[Vv]:?\s+[^|]{5,300}")
_ISO_DATE_LINE = re.compile(r"^\s*(?:date|ngày)\s*:?\s*(\d{4})-(\d{2})-(\d{2})", re.M)
_ATTACHED_YEAR = re.compile(r"Kèm theo[^)]{0,120}?ngày[\s/.\d]*?(?:tháng[\s\d]*năm\s*)?(\d{4})")
_YEAR_IN_TITLE = re.compile(r"(?<!tháng )(?<!tháng \d )(?<!tháng \d\d )\bnăm\s+(\d{4})\b(?!\s*[-–]\s*\d{4})")


@dataclass
class Metadata:
    number: str | None = None
    date: str | None = None  # ISO date, or "YYYY" when only the year is filled in
    year: int | None = None
    doc_type: str | None = None
    title: str | None = None
    plan_year: int | None = None

    @property
    def ref_year(self) -> int | None:
        """The year a phrase without one refers to: the plan year, else the issue year."""
        return self.plan_year or self.year


@lru_cache(maxsize=1)
def _types() -> dict[str, object]:
    return load_json("structure", "doc_types.json")


def read_metadata(norm: Normalized, head_lines: int = 40) -> Metadata:
    """Read the header from the first logical lines of a normalized document."""
    text = norm.text
    lines = [text[ln.start : ln.end] for ln in norm.lines[:head_lines]]
    meta = Metadata()
    head = "\n".join(lines)
    m = _NUMBER.search(head)
    if m:
        meta.number = re.sub(r"\s", "", m.group(1)).strip(".")
    d = _DATE.search(head)
    if d:
        day, month, year = d.group(2), d.group(3), int(d.group(4))
        meta.year = year
        meta.date = f"{year:04d}-{int(month):02d}-{int(day):02d}" if day and month else f"{year:04d}"
    elif d2 := _ISO_DATE_LINE.search(head):
        meta.year = int(d2.group(1))
        meta.date = f"{d2.group(1)}-{d2.group(2)}-{d2.group(3)}"
    elif d3 := _ATTACHED_YEAR.search(head):
        meta.year = int(d3.group(1))
        meta.date = d3.group(1)
    meta.doc_type = _doc_type(meta.number, lines)
    meta.title = _title(lines)
    if meta.title:
        y = _YEAR_IN_TITLE.search(meta.title)
        if y and not re.search(r"giai đoạn|đến năm|\d{4}\s*[-–]\s*\d{4}", meta.title, re.I):
            meta.plan_year = int(y.group(1))
    return meta


def _doc_type(number: str | None, lines: list[str]) -> str | None:
    types = _types()
    if not any(_type_line(ln, types) for ln in lines) and any(_SUBJECT.search(ln) for ln in lines):
        # a 'V/v …' subject line and no type title: an official letter (Decree 30/2020, Appendix I),
        # whatever the unit codes in its number look like ('5443/CT-CS' is Cục Thuế, not a chỉ thị)
        return "cong_van"
    if number:
        codes = number.split("/")[-1].split("-")[0].upper() if "/" in number else ""
        for code, name in types["number_codes"].items():
            if codes == code:
                return name
        if re.match(r"^\d*/[A-Za-zĐđ&]+-", number):
            return "cong_van"  # number with the issuer's unit code but no type code
    for ln in lines:
        f = fold(ln)
        for word, name in types["title_words"].items():
            if f == word or f.startswith(word + " "):
                return name
    return None


def _type_line(line: str, types: dict) -> bool:
    """A title line in capitals that starts with a type word ('QUYẾT ĐỊNH', 'CÔNG ĐIỆN V/V …')."""
    for cell in line.strip().strip("|").split(" | "):  # a header table's cells count as lines
        s = cell.strip().strip("*# ").strip()
        f = fold(s)
        if s[:6].isupper() and any(f == w or f.startswith(w + " ") for w in types["title_words"]):
            return True
    return False


def _title(lines: list[str]) -> str | None:
    """The document-type line and the subject line(s) that follow it."""
    types = _types()
    words = set(types["title_words"])
    for i, ln in enumerate(lines):
        s = ln.strip().strip("|").strip()
        f = fold(s)
        if f in words or (any(f.startswith(w + " ") for w in words) and (s.isupper() or i < 2) and len(s) < 300):
            parts = [s]
            for k, nxt in enumerate(lines[i + 1 : i + 4]):
                n = nxt.strip()
                subject_line = k == 0 and f in words and not n.startswith(("|", "Căn cứ", "Thực hiện"))
                if match_marker(n):
                    break  # the first section heading ("I. MỤC ĐÍCH") is not part of the title
                if n and (subject_line or n.isupper() or fold(n).startswith(("v/v", "về ", "ban hành"))):
                    parts.append(n)
                else:
                    break
            return " ".join(parts)
    for ln in lines:
        # a title inside a page-header table cell ("| Số: 227/CĐ-TTg | … | CÔNG ĐIỆN V/V …"),
        # or a letter's subject line ("Số: 11554/VPCP-V.I V/v nâng cao hiệu quả …")
        for cell in (c.strip() for c in ln.strip().strip("|").split(" | ")):
            f = fold(cell)
            if any(f.startswith(w + " ") for w in words) and cell[:12].isupper() and len(cell) < 400:
                return cell
            m = _SUBJECT.search(cell)
            if m:
                return m.group(0).strip()
    return None
