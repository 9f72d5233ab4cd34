"""TIMEX3-style values for deadlines, for tools that speak ISO 8601 / TimeML.

Conventions (documented here because TIMEX3 has no single string for some of them):

- date ``2026-06-30`` (also for 'trước ngày 30/6/2026': the open start is in ``start``);
  a year the phrase does not give is ``XXXX`` (``XXXX-06-30``);
- month ``2026-06``; quarter ``2026-Q2``; half year ``2026-H1``; year ``2026``;
- range: an ISO 8601 interval at the coarsest exact precision, ``2023/2025``,
  ``2026-03/2026-06``, ``2026-03-15/2026-03-20``; an open end or start is ``..``
  (``2026/..``, ``../2025``);
- recurring: a TIMEX3 SET value; with an anchor the anchor with ``XXXX`` for the
  repeating year (``XXXX-12-25`` yearly, ``XXXX-12`` a month each year,
  ``XXXX-03/XXXX-11`` a window each year, ``XXXX-XX-16`` the 16th of every month),
  otherwise the ISO duration of the period (``P1Y``, ``P3M``); 'định kỳ' with no
  period is None;
- as_needed: the duration of a period counted from an event when the phrase gives
  one ('trong thời hạn 10 ngày kể từ …' -> ``P10D``, 'trong 24-48 giờ sau khi …' ->
  ``PT48H``), else None;
- continuous and unknown: None.
"""

from __future__ import annotations

import calendar

from pipeline.deadlines.grammar import grammar
from pipeline.deadlines.phrases import recurrence_of
from pipeline.records import Deadline


def _ymd(iso: str) -> tuple[str, int | None, int | None]:
    """('2026'|'XXXX', month, day) of an ISO date, '--MM-DD' or '---DD'."""
    if iso.startswith("---"):
        return "XXXX", None, int(iso[3:])
    if iso.startswith("--"):
        return "XXXX", int(iso[2:4]), int(iso[5:7])
    return iso[:4], int(iso[5:7]), int(iso[8:10])


def _last_day(year: str, month: int) -> int:
    return calendar.monthrange(int(year) if year.isdigit() else 2001, month)[1]


def _interval(start: str, end: str) -> str:
    (ys, ms, ds), (ye, me, de) = _ymd(start), _ymd(end)
    if ms is None or me is None:
        return f"{ys}-XX-{ds:02d}/{ye}-XX-{de:02d}"
    if (ms, ds, me, de) == (1, 1, 12, 31):
        return f"{ys}/{ye}"
    if ys == ye and ds == 1 and ms in (1, 4, 7, 10) and me == ms + 2 and de == _last_day(ye, me):
        return f"{ys}-Q{(ms + 2) // 3}"
    if ds == 1 and de in (_last_day(ye, me), 28):
        return f"{ys}-{ms:02d}/{ye}-{me:02d}"
    return f"{ys}-{ms:02d}-{ds:02d}/{ye}-{me:02d}-{de:02d}"


def _single(iso: str) -> str:
    y, m, d = _ymd(iso)
    return f"{y}-XX-{d:02d}" if m is None else f"{y}-{m:02d}-{d:02d}"


def _open_end(iso: str) -> str:
    y, m, d = _ymd(iso)
    if (m, d) == (1, 1):
        return y
    return f"{y}-{m:02d}" if d == 1 else _single(iso)


def _open_start(iso: str) -> str:
    y, m, d = _ymd(iso)
    if (m, d) == (12, 31):
        return y
    return f"{y}-{m:02d}" if m is not None and d == _last_day(y, m) else _single(iso)


def _window(start: str | None, end: str | None) -> str | None:
    if start and end:
        return _single(end) if start == end else _interval(start, end)
    if end:
        return f"../{_open_start(end)}"
    if start:
        return f"{_open_end(start)}/.."
    return None


def to_timex(deadline: Deadline) -> str | None:
    """TIMEX3 value of a deadline (conventions in the module docstring); None when it has none."""
    t, start, end = deadline.type, deadline.start, deadline.end
    if t == "as_needed":
        m = grammar().rel.search(deadline.text or "")
        return recurrence_of(f"{m.group('r_n')} {m.group('r_u')} một lần") if m else None
    if t in ("continuous", "unknown"):
        return None
    if t == "recurring":
        if not (start or end):
            return deadline.recurrence
        if start and end and start != end:
            interval = _interval(start, end)
            first, _, last = interval.partition("/")
            return first if first == last else interval
        return _single(end or start or "")
    anchor = start or end
    if anchor is None:
        return None
    y, m, _ = _ymd(anchor)
    if t == "date":
        return _single(end or anchor)
    if t == "month" and m is not None:
        return f"{y}-{m:02d}"
    if t == "quarter" and m is not None and start:
        return f"{y}-Q{(m - 1) // 3 + 1}"
    if t == "half_year" and m is not None and start:
        return f"{y}-H{1 if m <= 6 else 2}"
    if t == "year" and start:
        return y
    return _window(start, end)
