"""Recover table rows from the three flattened forms real documents arrive in.

- markdown pipe tables: ``| a | b |`` rows, ``|---|---|`` rule lines;
- web-page tables with one cell per line between ``|`` lines, a row ending
  where an empty cell (``|`` right after ``|``) is followed by a new row's STT;
- tab-flattened tables: one tab-indented cell per line, rows separated by
  blank lines.

Why here and not in structure: the rows must exist before paragraphs are
joined, or a table's cells would be glued into prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.text.chars import join_pieces, strip_markup

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_STT = re.compile(r"^(?:\d{1,3}(?:\s?\.\s?\d{1,3}){0,3}\s?\.?|[IVXLC]{1,6}\.?|[a-zđ]\s?[).]|[-+•]|\(\d{1,3}\))$")
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+[IVXLC\d]+|\s*$|\s*\()")
_BOLD_HEADING = re.compile(r"^\*\*(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*)\s?[.)]\s*\S.{12,}")
_MAX_CELL_LINES = 40
_BODY_CELL_LINES = 6  # a cell this long in the first few cells is body text, not a header cell
_HEADER_CELLS = 8


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


def _clean_cell(parts: list[str]) -> str:
    out = ""
    for p in parts:
        s, _ = strip_markup(p)
        if s:
            out = join_pieces(out, s)
    return out


def is_stt(cell: str) -> bool:
    """Whether a cell looks like a row number (1, 1.2, II, a), -)."""
    return bool(_STT.match(cell.strip()))


def _split_pipe_row(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [_clean_cell([c]) for c in inner.split("|")]


def _cell_per_line(lines: list[str], i: int) -> tuple[Table | None, int]:
    """Parse a one-cell-per-line table starting at the ``|`` line ``lines[i]``."""
    cells: list[list[str]] = []
    cur: list[str] | None = None
    last_pipe = i
    j = i
    while j < len(lines):
        s = lines[j].strip()
        if s == "|":
            if cur is not None:
                cells.append(cur)
            cur = []
            last_pipe = j
        elif not s:
            break
        else:
            if cur is None or len(cur) >= _MAX_CELL_LINES:
                break
            if not cur and (_APPENDIX.match(lines[j].strip().strip("*").strip()) or _BOLD_HEADING.match(lines[j].strip())):
                # an appendix title or a numbered bold heading right after a table's last cell: the table ends here
                return (_rows_from_cells([_clean_cell(c) for c in cells]) if cells else None), last_pipe + 1
            if len(cur) >= _BODY_CELL_LINES and len(cells) < _HEADER_CELLS and _is_prose(cur):
                # a page-header table that swallowed the letter's body: end the table before this cell
                return (_rows_from_cells([_clean_cell(c) for c in cells]) if cells else None), last_pipe + 1
            cur.append(lines[j])
        j += 1
    # content after the final "|" belongs to the body text, not to the table
    if len(cells) < 2:
        return None, i
    texts = [_clean_cell(c) for c in cells]
    return _rows_from_cells(texts), last_pipe + 1


def _is_prose(cell_lines: list[str]) -> bool:
    """Body text rather than a list (recipients, signature) or a short header cell."""
    listed = sum(1 for ln in cell_lines if ln.lstrip("* ").startswith(("-", "+", "•")))
    return listed * 2 < len(cell_lines) and sum(len(ln) for ln in cell_lines) > 300


def merge_continuations(rows: list[list[str]]) -> list[list[str]]:
    """Join a row continued across a page break (empty STT cell, same width) to the row above."""
    out: list[list[str]] = []
    for row in rows:
        prev = out[-1] if out else None
        if (prev is not None and row and row[0] == "" and len(row) == len(prev) and prev[0] and is_stt(prev[0])
                and any(row[1:])):
            out[-1] = [join_pieces(a, b) if b else a for a, b in zip(prev, row, strict=True)]
            continue
        out.append(row)
    return out


def _rows_from_cells(cells: list[str]) -> Table:
    """Group a flat cell sequence into rows (see module docstring)."""
    width = 0
    for c in cells:
        if not c:
            break
        width += 1
    rows: list[list[str]] = []
    row: list[str] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        if c == "" and row:
            nxt = cells[k + 1] if k + 1 < len(cells) else None
            filled = len(row)
            if nxt is None:
                row.append(c)
            elif (width and filled >= width) or (nxt and is_stt(nxt) and filled >= 2):
                rows.append(_trim(row))
                row = []
                k += 1
                continue
            elif nxt == "" and filled >= 2 and k + 2 < len(cells) and is_stt(cells[k + 2]):
                row.append(c)
            else:
                row.append(c)
        elif c == "" and not row:
            pass
        else:
            row.append(c)
        k += 1
    if row:
        rows.append(_trim(row))
    return Table([r for r in rows if any(r)])


def _trim(row: list[str]) -> list[str]:
    while row and row[-1] == "" and len(row) > 1:
        row = row[:-1]
    return row


def _tab_table(lines: list[str], i: int) -> tuple[Table | None, int]:
    """Parse a tab-flattened table whose first cell line is ``lines[i]``."""
    rows: list[list[str]] = []
    row: list[str] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        if ln.startswith("\t"):
            row.append(_clean_cell([ln]))
        elif not ln.strip():
            if row:
                rows.append(row)
                row = []
            if j + 1 < len(lines) and lines[j + 1].startswith("\t"):
                j += 1
                continue
            break
        else:
            break
        j += 1
    if row:
        rows.append(row)
    if len(rows) < 2:
        return None, i
    return Table([r for r in rows if any(r)]), j


def segment(lines: list[str]) -> list[list[str] | Table]:
    """Split raw lines into runs of plain lines and recovered tables."""
    out: list[list[str] | Table] = []
    plain: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        table: Table | None = None
        nxt = i
        if ln.strip() == "|":
            table, nxt = _cell_per_line(lines, i)
        elif _PIPE_ROW.match(ln) and ln.count("|") >= 3:
            rows: list[list[str]] = []
            j = i
            while j < len(lines) and _PIPE_ROW.match(lines[j]):
                if not _PIPE_RULE.match(lines[j]):
                    rows.append(_split_pipe_row(lines[j]))
                j += 1
            table, nxt = Table([r for r in rows if any(r)]), j
        elif ln.startswith("\t") and ln.strip():
            table, nxt = _tab_table(lines, i)
        if table is not None and table.rows:
            table.rows = merge_continuations(table.rows)
            if plain:
                out.append(plain)
                plain = []
            out.append(table)
            i = nxt
            continue
        if ln.strip() == "|":
            i += 1
            continue
        plain.append(ln)
        i += 1
    if plain:
        out.append(plain)
    return out
