"""Deadlines: a time field's value, or the time phrase inside a task item, as guideline section 4 objects.

``parse_deadline`` reads a whole *Thời gian thực hiện* field or column value;
``find_deadline`` picks the phrase in a task's text that says when its main action
is due or recurs, skipping citations, cited programme periods, names with a year,
time words that qualify a noun and the horizon years of targets ('Đến năm 2030, tỷ
lệ … đạt 100%'); a due year ('hoàn thành … đến năm 2030') reads like 'trước ngày
30/6/2026' (date, no start, end 31 December).  Both fill ``Deadline.timex`` (``to_timex``).
One precompiled regex pass finds candidates (pipeline/timegrammar.py), which are
read by pipeline/timephrases.py and judged by pipeline/deadline_context.py.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.deadlines.grammar import grammar, norm
from pipeline.deadlines.phrases import anchored, read_phrase, read_recurring
from pipeline.deadlines.scope import BOUNDARY, Candidate, accept, context
from pipeline.deadlines.timex import to_timex
from pipeline.deadlines.values import InvalidDate, Value
from pipeline.records import Deadline

__all__ = ["parse_deadline", "find_deadline", "to_timex"]

_TRIM_START = re.compile(r"[\s*]*")
_TRIM_END = re.compile(r"(?:[\s*.;,]|/\.)+$")
_TO_COMMA = re.compile(r"(?:(?!\sthì\s)[^,;.()\n]){0,120}")
_REQUESTER = re.compile(r"\s+của\s+[^,;.:()\n]{1,120}")
# What a malformed input can raise inside the readers; parse/find turn it into 'unknown' / None.
_READ_ERRORS = (InvalidDate, ValueError, IndexError, KeyError, TypeError, RecursionError)


def _nfc(text: str) -> tuple[str, list[int] | None]:
    """NFC text for matching plus a map back to the caller's offsets (None when already NFC)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        for ch in unicodedata.normalize("NFC", text[i:j]):
            out.append(ch)
            index.append(i)
        i = j
    index.append(len(text))
    return "".join(out), index


def _extend_requester(text: str, end: int) -> int:
    """'theo yêu cầu của Trưởng Ban Chỉ đạo' keeps the requester, up to a verb or punctuation."""
    m = _REQUESTER.match(text, end)
    if m is None or not context().requester_end.search(text, 0, end):
        return end
    stop = context().stop.search(text, end + 1, m.end())
    return stop.start() if stop else m.end()


def _extend_to_comma(text: str, end: int) -> int:
    """A condition phrase runs to the next comma, bracket or 'thì'."""
    m = _TO_COMMA.match(text, end)
    return len(text[:m.end()].rstrip()) if m else end


def _candidate(m: re.Match[str], text: str, ref_year: int | None) -> Candidate | None:
    """Read one master-regex match into a candidate value (None when it is not a phrase after all)."""
    kind, s, e = m.lastgroup or "", m.start(), m.end()
    if kind == "ph":
        value = read_phrase(m.group(), ref_year)
        return Candidate(kind, s, e, value) if value is not None else None
    if kind == "rec":
        rm = grammar().rec.fullmatch(text, s, e)
        return Candidate(kind, s, e, anchored(rm.group("pa") or rm.group("ca"), rm.group("lead"))) if rm else None
    if kind in ("an", "ang"):
        return Candidate(kind, s, _extend_requester(text, e), Value("as_needed"))
    if kind == "st":
        end = _extend_to_comma(text, e)
        cond = context().condition_next.match(text, end)
        end = _extend_to_comma(text, cond.end()) if cond else end
        return Candidate(kind, s, end, Value("as_needed"), norm(m.group()))
    if kind == "cont":
        return Candidate(kind, s, e, Value("continuous"))
    return Candidate(kind, s, e, Value("as_needed"))  # rel: a period counted from an event ('kể từ', 'sau khi')


def _unanchored(c: Candidate) -> bool:
    """A recurrence word with no day or month of its own ('định kỳ', 'hằng năm')."""
    return c.kind == "rec" and c.value.end is None and c.value.start is None


def _scan(text: str, ref_year: int | None, field: bool, pos: int = 0) -> Candidate | None:
    """First accepted candidate; a recurrence word without a day governs a yearless day or month
    later in its clause ('định kỳ hằng năm báo cáo … chậm nhất ngày 17 tháng 12'), and a bare
    'định kỳ' yields to a recurring phrase there."""
    first: Candidate | None = None
    for m in grammar().master.finditer(text, pos):
        c = _candidate(m, text, ref_year)
        if c is None or not accept(c, text, ref_year, field):
            continue
        if first is None:
            first = c
            if not _unanchored(c):
                return first
            continue
        if BOUNDARY.search(text, first.end, c.start):
            return first
        if c.value.type == "recurring" and (c.value.end or (c.value.recurrence and not first.value.recurrence)):
            return c
        if c.kind == "ph" and not c.value.explicit_year:
            value = read_recurring(text[c.start:c.end], first.value.recurrence)
            if value is not None:
                c.value = value
                return c
    return first


def _deadline(original: str, index: list[int] | None, s: int, e: int, value: Value) -> Deadline:
    if index is not None:
        s, e = index[s], index[e]
    d = Deadline(text=original[s:e], type=value.type, start=value.start, end=value.end,
                 recurrence=value.recurrence, year_inferred=value.year_inferred, span=(s, e))
    d.timex = to_timex(d)
    return d


def parse_deadline(phrase: str, ref_year: int | None = None) -> Deadline:
    """Value of a whole time field/column value ('Trong năm 2026.', 'Quý I/2023', 'Thường xuyên').

    ``text`` is the value trimmed of surrounding whitespace/'*' and a final '.'/';'; ``span`` is
    its offsets in ``phrase``.  Never raises: unreadable values are type 'unknown'.
    """
    phrase = phrase if isinstance(phrase, str) else str(phrase)
    text, index = _nfc(phrase)
    s = _TRIM_START.match(text).end()  # type: ignore[union-attr]  # [\s*]* always matches
    trailing = _TRIM_END.search(text, s)
    e = trailing.start() if trailing else len(text)
    body = text[:e]
    try:
        found = _scan(body, ref_year, field=True, pos=s)
        if found is not None:
            value = found.value
        elif context().field_as_needed.search(body, s) and not context().non_deadline_words.search(body, s):
            value = Value("as_needed")
        else:
            value = Value("unknown")
    except _READ_ERRORS:
        value = Value("unknown")
    return _deadline(phrase, index, s, e, value)


def find_deadline(text: str, ref_year: int | None = None) -> Deadline | None:
    """The deadline stated inside a task item's text (guideline sections 4 and 7), or None.

    ``text[s:e] == deadline.text`` for the returned ``span``.  Citation dates, cited programme
    periods, names with a year, anniversaries and noun-qualifying time words are skipped.
    """
    text = text if isinstance(text, str) else str(text)
    work, index = _nfc(text)
    try:
        found = _scan(work, ref_year, field=False)
    except _READ_ERRORS:
        return None
    if found is None:
        return None
    end = len(work[:found.end].rstrip(" \t\n,;.*"))
    return _deadline(text, index, found.start, end, found.value)
