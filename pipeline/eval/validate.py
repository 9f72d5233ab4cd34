"""Checking gold records against their documents: what a JSON schema cannot say.

Strings must be verbatim in the normalized document (the text spans index), deadline
values must agree with their type as guideline section 4 tabulates them, task ids must
be unique per document.  Findings are ``Problem`` records printed ``file:line: ...``;
disagreements with the deadline parser are warnings, never errors.
"""

from __future__ import annotations

import calendar
import glob
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import VntasksError
from pipeline.eval.gold import Problem, Record, read_records
from pipeline.resources import doc_dirs

TEXT_SUFFIXES = (".txt", ".md", ".markdown")

_EMPHASIS = re.compile(r"\*\*|\*|__")
_SPACES = re.compile(r"\s+")


def default_doc_dirs() -> list[Path]:
    return doc_dirs()


@dataclass
class DocumentText:
    """A document as the verbatim check sees it: the normalizer's text and a plain fallback."""

    path: Path
    normalized: str
    plain: str
    note: str = ""


def _collapse(s: str) -> str:
    return _SPACES.sub(" ", _EMPHASIS.sub("", s)).strip()


def _document_text(raw: str) -> tuple[str, str]:
    """The normalized text gold must be verbatim in, and a note when the normalizer was unavailable."""
    try:
        from pipeline.text.normalize import normalize
    except ImportError as exc:
        return _collapse(unicodedata.normalize("NFC", raw)), f"pipeline.text.normalize unavailable ({exc})"
    return _collapse(normalize(raw).text), ""


def _read_raw(path: Path) -> str:
    """The document's text as the extractor reads it (pipeline.io.base), or plain UTF-8 without it."""
    try:
        from pipeline.io import read_document
    except ImportError:
        return path.read_text(encoding="utf-8-sig")
    return read_document(path).text


def find_document(doc_id: str, dirs: Sequence[Path]) -> Path | None:
    """The first file named doc_id.<suffix> in dirs, text formats before converted ones."""
    for d in dirs:
        candidates = [p for p in d.glob(glob.escape(doc_id) + ".*") if p.is_file() and p.stem == doc_id]
        candidates.sort(key=lambda p: (p.suffix.lower() not in TEXT_SUFFIXES, p.suffix))
        if candidates:
            return candidates[0]
    return None


def load_document(path: Path) -> DocumentText:
    raw = _read_raw(path)
    normalized, note = _document_text(raw)
    plain = _collapse(unicodedata.normalize("NFC", raw))
    return DocumentText(path, normalized, plain, note)


def verbatim_problem(field: str, s: str, doc: DocumentText) -> tuple[str, str] | None:
    """(severity, message) when s is not verbatim in the document, with a hint at what differs."""
    c = _collapse(s)
    if c in doc.normalized:
        return None
    short = s if len(s) <= 90 else s[:87] + "..."
    if c in doc.plain:
        return "warning", f"{field} {short!r} is in the raw document but not in the normalizer's text"
    if unicodedata.normalize("NFC", c) in doc.normalized:
        return "error", f"{field} {short!r} differs from the document only in Unicode form (use NFC)"
    if c.casefold() in doc.normalized.casefold():
        return "error", f"{field} {short!r} differs from the document only in letter case"
    return "error", f"{field} {short!r} not found verbatim in {doc.path.name}"


def _day(v: str) -> date | tuple[int, int]:
    """A full date, or (month, day) for --MM-DD, or (0, day) for ---DD."""
    if v.startswith("---"):
        day = int(v[3:])
        date(2000, 1, day)  # raises ValueError outside 1..31
        return (0, day)
    if v.startswith("--"):
        month, day = int(v[2:4]), int(v[5:7])
        date(2000, month, day)  # raises ValueError for 02-30 and the like
        return (month, day)
    return date.fromisoformat(v)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _after(s: date | tuple[int, int] | None, e: date | tuple[int, int] | None) -> bool:
    """start > end, comparable only when both are full dates or both --MM-DD."""
    if isinstance(s, date) and isinstance(e, date):
        return s > e
    if isinstance(s, tuple) and isinstance(e, tuple) and (s[0] == 0) == (e[0] == 0):
        return s > e
    return False


# type -> allowed (start month, end month) pairs of a full window
_WINDOWS: dict[str, set[tuple[int, int]]] = {
    "year": {(1, 12)},
    "half_year": {(1, 6), (7, 12)},
    "quarter": {(1, 3), (4, 6), (7, 9), (10, 12)},
    "month": {(m, m) for m in range(1, 13)},
}


def deadline_problems(d: dict[str, Any]) -> list[str]:
    """Values that contradict the guideline's table (section 4) for the deadline's type."""
    t, rec = d["type"], d["recurrence"]
    out: list[str] = []
    days: dict[str, date | tuple[int, int]] = {}
    for key in ("start", "end"):
        v = d[key]
        if v is None:
            continue
        try:
            days[key] = _day(v)
        except ValueError:
            out.append(f"deadline {key} {v!r} is not a real day")
            continue
        if v.startswith("--") and t != "recurring":
            out.append(f"deadline {key} {v!r}: a day without a year is only for type recurring")
    s, e = days.get("start"), days.get("end")
    if _after(s, e):
        out.append(f"deadline start {d['start']} is after end {d['end']}")
    if rec is not None and t != "recurring":
        out.append(f"deadline recurrence {rec!r} is only for type recurring (type is {t!r})")
    if t in ("continuous", "as_needed") and (d["start"] or d["end"] or rec):
        out.append(f"deadline of type {t!r} must have start, end and recurrence null")
    if t in _WINDOWS:
        if (d["start"] is None) != (d["end"] is None):
            out.append(f"deadline of type {t!r} gives both start and end or neither")
        elif isinstance(s, date) and isinstance(e, date):
            whole = s.day == 1 and e == _month_end(e.year, e.month) and s.year == e.year
            if not whole or (s.month, e.month) not in _WINDOWS[t]:
                out.append(f"deadline {d['start']}..{d['end']} is not one calendar {t.replace('_', ' ')}")
    if t == "date" and d["start"] is not None and d["start"] != d["end"]:
        out.append("deadline of type 'date' needs start null (a 'before' date) or start equal to end")
    return out


@lru_cache(maxsize=1)
def _deadline_parser() -> Callable[..., Any] | None:
    try:
        from pipeline.deadlines.find import parse_deadline
    except ImportError:
        return None
    return parse_deadline


def parser_disagreement(d: dict[str, Any]) -> str | None:
    """A warning when pipeline.deadlines.find reads the phrase differently (year taken from gold's own value)."""
    parse = _deadline_parser()
    if parse is None:
        return None
    gold = (d["type"], d["start"], d["end"], d["recurrence"])
    year = next((int(v[:4]) for v in (d["start"], d["end"]) if v and not v.startswith("--")), None)
    try:
        got = parse(d["text"], year)
    except Exception as exc:  # the parser is another module's work in progress; report, never crash
        return f"deadline parser failed on {d['text']!r}: {type(exc).__name__}: {exc}"
    if got is None:
        return f"deadline parser reads no deadline in {d['text']!r}; gold says {gold}"
    value = got.value() if hasattr(got, "value") else tuple(got.get(k) for k in ("type", "start", "end", "recurrence"))
    if tuple(value) != gold:
        return f"deadline parser reads {d['text']!r} as {tuple(value)}; gold says {gold}"
    return None


def check_record(rec: Record, doc: DocumentText) -> list[Problem]:
    """Everything the validator checks on one schema-valid record, given its document."""
    data, found = rec.data, []

    def add(message: str, severity: str = "error") -> None:
        found.append(Problem(rec.path, rec.line, message, severity))

    if not data["text"].strip():
        add("empty text")
    strings = [("text", data["text"])] + [(f"{role}[{k}]", s) for role in ("lead", "support")
                                          for k, s in enumerate(data[role])]
    if data["deadline"] is not None:
        strings.append(("deadline.text", data["deadline"]["text"]))
    for field, s in strings:
        if s != _SPACES.sub(" ", s).strip():
            add(f"{field} is not whitespace-collapsed", "warning")
        hit = verbatim_problem(field, s, doc)
        if hit:
            add(hit[1], hit[0])
    for role in ("lead", "support"):
        for item, n in Counter(data[role]).items():
            if n > 1:
                add(f"{role} lists {item!r} {n} times", "warning")
    if data["deadline"] is not None:
        for msg in deadline_problems(data["deadline"]):
            add(msg)
        disagreement = parser_disagreement(data["deadline"])
        if disagreement:
            add(disagreement, "warning")
    return found


def validate_gold(source: Path, doc_dirs: Sequence[Path]) -> tuple[list[Problem], int]:
    """All problems of a gold file or folder, and how many records were read."""
    records, problems, _ = read_records(source)
    problems = list(problems)
    docs: dict[str, DocumentText | None] = {}
    seen: dict[tuple[str, str], Record] = {}
    for rec in records:
        doc_id = rec.data["doc_id"]
        if doc_id not in docs:
            docs[doc_id] = _open_document(rec, doc_dirs, problems)
        key = (doc_id, rec.data["task_id"])
        first = seen.setdefault(key, rec)
        if first is not rec:
            problems.append(Problem(rec.path, rec.line, f"duplicate task_id {key[1]!r} in {doc_id} "
                                                        f"(first at {first.path}:{first.line})"))
        doc = docs[doc_id]
        if doc is not None:
            problems.extend(check_record(rec, doc))
    return problems, len(records)


def _open_document(rec: Record, doc_dirs: Sequence[Path], problems: list[Problem]) -> DocumentText | None:
    """The record's document, or None with a problem saying where it was looked for."""
    doc_id = rec.data["doc_id"]
    path = find_document(doc_id, doc_dirs)
    if path is None:
        dirs = ", ".join(str(d) for d in doc_dirs)
        problems.append(Problem(rec.path, rec.line, f"document {doc_id} not found in {dirs}"))
        return None
    try:
        doc = load_document(path)
    except (OSError, UnicodeDecodeError, VntasksError) as exc:
        problems.append(Problem(rec.path, rec.line, f"cannot read document {path}: {exc}"))
        return None
    if doc.note:
        problems.append(Problem(rec.path, rec.line, f"{doc.note}; checked against plain text", "warning"))
    return doc
