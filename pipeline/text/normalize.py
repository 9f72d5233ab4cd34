"""Text normalization: raw document text in, clean logical lines out.

Why: real directives arrive as PDF-to-markdown, web pages hard-wrapped at ~80
columns, flattened tables and word-segmented text.  Every later stage works on
*logical lines* (one paragraph, heading or table row per line) of one
normalized string; spans index that string, so it is written out with the
tasks and every extracted string can be checked against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.text import tables
from pipeline.text.chars import clean_chars, join_pieces, strip_markup

_RULE_LINE = re.compile(r"^\s*(?:[-_=*]\s*){3,}$|^\s*(?:\*\s*)+$")
_TERMINAL = re.compile(r"[.;:!?…]['\"”’)\]]*$")
_STRONG_END = re.compile(r"[.:!?…]['\"”’)\]]*$")
_CONT_START = re.compile(r"^(?:[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]|\d)")
_LOWER_START = re.compile(r"^[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


@dataclass
class Line:
    """One logical line of the normalized text."""

    start: int
    end: int
    kind: str  # "para" or "row"
    cells: list[tuple[int, int]] = field(default_factory=list)
    emphasis: bool = False  # the whole paragraph was bold/italic in the source (a heading cue)
    table_id: int = -1


@dataclass
class Normalized:
    text: str
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Para:
    text: str
    emphasis: bool = False


_LEADIN_END = re.compile(r"(?:như sau|sau đây|sau|cụ thể|ý kiến|yêu cầu|đề nghị|chỉ đạo|điện|kính gửi)\s*:$", re.I)
# a hard-wrapped line that ends in a word which cannot end a sentence continues on the next line
_OPEN_END = re.compile(
    r"(?:^|\s)(?:của|và|các|những|với|tại|về|cho|theo|trong|trên|từ|đến|để|do|bởi|là|thuộc|gồm|hoặc|cùng)$",
    re.I,
)
_MARKER_ONLY = re.compile(r"^(?:\(?\d{1,3}(?:\s?\.\s?\d{1,2})*\s?[.)\-]?|[IVXLC]{1,6}\s?[.)]|[a-zđ]\s?\)|[-+•])$")
_MARKER_START = re.compile(
    r"^(?:[-+•–]\s|\*\s|\(?\d{1,3}\s?[).]|\d{1,2}(?:\s?\.\s?\d{1,2})+\s?\.?\s|[IVXLC]{1,6}\s?[.)]\s"
    r"|[a-zđ]\s?\)\s|Điều\s+\d|Phần\s+[IVX\d]|Chương\s+[IVX\d]|PHỤ LỤC|Phụ lục\s+[IVX\d])"
)


def _is_marker_line(s: str) -> bool:
    return bool(_MARKER_START.match(s))


def _wrap_width(lines: list[str]) -> int | None:
    """The hard-wrap column of a web-page document, or None when lines are paragraphs.

    Hard-wrapped text has many lines of 60-95 characters and almost none longer.
    """
    lengths = [len(s) for s in lines if s.strip()]
    band = sorted(n for n in lengths if 60 <= n <= 95)
    over = sum(1 for n in lengths if n > 100)
    if len(band) < 10 or over / (len(band) + over) > 0.2:
        return None
    return band[int(len(band) * 0.8)]


def _raw_emphasis(raw_text: str) -> bool:
    """Whether a paragraph's raw text was wholly bold/italic or a markdown heading."""
    s = raw_text.strip()
    if s.startswith("#"):
        return True
    s = s.rstrip(":. ")
    return bool(re.match(r"^(\*\*|__)", s) and re.search(r"(\*\*|__)$", s)) and len(s) > 4


def _split_block(raw_lines: list[str], width: int | None) -> list[_Para]:
    """Split one blank-line-delimited block into paragraphs."""
    paras: list[_Para] = []
    cur = ""
    cur_raw: list[str] = []
    for i, raw in enumerate(raw_lines):
        text, _ = strip_markup(raw)
        if not text:
            continue
        if cur and (_is_boundary(cur, cur_raw, raw, text, width) or _heading_line(cur_raw, raw_lines, i, width)):
            paras.append(_Para(cur, _raw_emphasis(" ".join(cur_raw))))
            cur, cur_raw = "", []
        cur = join_pieces(cur, text) if cur else text
        cur_raw.append(raw)
    if cur:
        paras.append(_Para(cur, _raw_emphasis(" ".join(cur_raw))))
    return paras


def _heading_line(cur_raw: list[str], lines: list[str], i: int, width: int | None) -> bool:
    """A short one-line paragraph followed by another short line that opens a long paragraph.

    In hard-wrapped pages an indented paragraph's first line is short, so a short
    line alone proves nothing; two short lines in a row, the second followed by a
    full-width line, mean the first was complete (a heading such as
    "1. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ").
    """
    if width is None or len(cur_raw) != 1 or i + 1 >= len(lines) or _MARKER_ONLY.match(strip_markup(cur_raw[0])[0]):
        return False
    short = width * 0.72
    return (len(cur_raw[0].strip()) < short and len(lines[i].strip()) < short
            and len(lines[i + 1].strip()) >= short and not _CONT_START.match(strip_markup(lines[i])[0]))


def _is_boundary(cur: str, cur_raw: list[str], raw: str, text: str, width: int | None) -> bool:
    """Does ``raw`` (cleaned: ``text``) start a new paragraph after ``cur``?"""
    prev = cur_raw[-1].strip()
    if _MARKER_ONLY.match(cur):
        return False  # "2 ." alone on its line: the item's text follows
    joined = " ".join(r.strip() for r in cur_raw)
    if joined.count("**") % 2 == 1:
        return False  # inside a bold span
    if joined.startswith("**") and prev.rstrip(":. ").endswith("**"):
        return True  # a bold heading just closed
    if raw.strip().startswith("#"):
        return True
    strong = bool(_STRONG_END.search(cur))
    cont = bool(_CONT_START.match(text)) and not _is_marker_line(text)
    if raw.strip().startswith("**") and strong:
        return True
    if _OPEN_END.search(prev):
        return False  # a line ending in "của", "và", "các" … is cut mid-phrase
    if width is None:
        # one line per paragraph, unless the line is clearly cut mid-sentence
        return not (cont and not strong)
    if cont:
        return False
    short = len(prev) < width * 0.72
    if re.match(r"^[-+]\s", text):
        # a dash or plus at a line start: a bullet before a capital, a wrapped hyphen ("dạy - học\n- thi") before a small letter
        return bool(re.match(r"^[-+]\s+[^\W\d_a-zđà-ỹ]", text)) and (strong or short or bool(_TERMINAL.search(cur))
                                                                     or not _OPEN_END.search(prev))
    if _is_marker_line(text):
        return strong or short or bool(_TERMINAL.search(cur))
    if strong and short:
        return True
    if cur.endswith("/."):
        return True  # the end-of-body mark
    if _LEADIN_END.search(cur) and len(cur_raw) > 1:
        return True  # "… như sau:" then a new upper-case sentence
    return short and len(cur_raw) > 1


def _merge_page_breaks(paras: list[_Para]) -> list[_Para]:
    """Rejoin a sentence cut by a page break (blank line, then a lowercase continuation)."""
    out: list[_Para] = []
    for p in paras:
        if (
            out
            and not out[-1].emphasis
            and not p.emphasis
            and not _TERMINAL.search(out[-1].text)
            and (
                (_LOWER_START.match(p.text) and not _is_marker_line(p.text))
                # "… Cục X\n\n- Cơ quan thường trực …": a hyphen apposition cut by a break, not a bullet
                or (len(out[-1].text) > 150 and p.text.startswith("- ") and not out[-1].text.startswith(("- ", "+ ")))
            )
        ):
            out[-1] = _Para(join_pieces(out[-1].text, p.text), False)
        else:
            out.append(p)
    return out


def normalize(raw: str, unify_tones: bool = False) -> Normalized:
    """Raw text to normalized text with logical lines (paragraphs and table rows)."""
    text = clean_chars(raw, unify_tones)
    raw_lines = [ln.rstrip(" ") for ln in text.split("\n")]
    width = _wrap_width([ln for ln in raw_lines if not ln.lstrip().startswith("|")])
    segments = tables.segment(raw_lines)

    items: list[_Para | tables.Table] = []
    for seg in segments:
        if isinstance(seg, tables.Table):
            items.append(seg)
            continue
        block: list[str] = []
        paras: list[_Para] = []
        for ln in seg + [""]:
            if not ln.strip() or _RULE_LINE.match(ln):
                if block:
                    paras.extend(_split_block(block, width))
                    block = []
                continue
            block.append(ln)
        items.extend(paras)

    merged: list[_Para | tables.Table] = []
    run: list[_Para] = []
    for it in items:
        if isinstance(it, _Para):
            run.append(it)
        else:
            merged.extend(_merge_page_breaks(run))
            run = []
            merged.append(it)
    merged.extend(_merge_page_breaks(run))
    return _assemble(merged)


def _assemble(items: list[_Para | tables.Table]) -> Normalized:
    parts: list[str] = []
    lines: list[Line] = []
    pos = 0
    table_no = 0
    for it in items:
        if isinstance(it, _Para):
            s = it.text
            lines.append(Line(pos, pos + len(s), "para", emphasis=it.emphasis))
            parts.append(s)
            pos += len(s) + 1
            continue
        for row in it.rows:
            cells: list[tuple[int, int]] = []
            buf = "|"
            for cell in row:
                buf += " "
                cells.append((pos + len(buf), pos + len(buf) + len(cell)))
                buf += cell + " |"
            lines.append(Line(pos, pos + len(buf), "row", cells=cells, table_id=table_no))
            parts.append(buf)
            pos += len(buf) + 1
        table_no += 1
    return Normalized("\n".join(parts), lines)
