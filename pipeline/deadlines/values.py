"""Calendar arithmetic for time phrases: points, windows and the guideline's deadline value.

pipeline/timephrases.py reads a matched phrase into ``Point``s (a date, a month, a
quarter ...); here a missing year is filled from a pair partner or from the
document's year, and the phrase's cue ('trước', 'từ', 'đến', 'hằng năm' ...)
turns the points' window into a ``Value`` (type, start, end, recurrence).
Dates that do not exist raise ``InvalidDate``; callers turn that into 'unknown'.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from pipeline.deadlines.grammar import vocab
from pipeline.errors import VntasksError

Part = tuple[int | None, int | None, int | None]  # (year, month, day); None = not stated


class InvalidDate(VntasksError):
    """A phrase that names a day, month or range that cannot exist (31/2/2026, 2025 - 2023)."""


@dataclass(frozen=True)
class Point:
    """One calendar point as written; ``year_rel`` is a year relative to the document's (0, +1)."""

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    count: int | None = None
    side: str | None = None
    year_rel: int | None = None
    year2: int | None = None


@dataclass
class Value:
    """The guideline's deadline value plus what the finder needs to judge the phrase."""

    type: str
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    year_inferred: bool = False
    kinds: tuple[str, ...] = ()
    cue: str | None = None
    explicit_year: bool = False
    period_word: bool = False
    tail: str | None = None


def _last(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year else 2001, month)[1]


def _check(year: int | None, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise InvalidDate(f"month {month}")
    if day is not None:
        limit = 31 if month is None else calendar.monthrange(year if year else 2000, month)[1]
        if not 1 <= day <= limit:
            raise InvalidDate(f"day {day}/{month}")


def window(p: Point) -> tuple[Part | None, Part | None]:
    """First and last day a point covers, with None where the phrase does not say."""
    y = p.year
    if p.kind == "date":
        _check(y, p.month, p.day)
        return (y, p.month, p.day), (y, p.month, p.day)
    if p.kind == "dayonly":
        _check(None, None, p.day)
        return (None, None, p.day), (None, None, p.day)
    if p.kind == "month":
        _check(y, p.month, None)
        assert p.month is not None
        return (y, p.month, 1), (y, p.month, _last(y, p.month))
    if p.kind in ("quarter", "part_quarter"):
        q = p.quarter or 1
        return (y, 3 * q - 2, 1), (y, 3 * q, _last(y, 3 * q))
    if p.kind == "half":
        n = p.count or 6
        if not 1 <= n <= 12:
            raise InvalidDate(f"{n} months")
        first, last = (1, n) if p.side == "first" else (13 - n, 12)
        return (y, first, 1), (y, last, _last(y, last))
    if p.kind == "part_month":
        return window(replace(p, kind="month"))
    if p.kind == "school":
        s = vocab("units")["school_year"]
        if p.year2 is not None and y is not None and p.year2 != y + 1:
            raise InvalidDate(f"school year {y}-{p.year2}")
        return (y, s["start_month"], s["start_day"]), (p.year2, s["end_month"], s["end_day"])
    if p.kind in ("year", "part_year") and y is not None:
        return (y, 1, 1), (y, 12, 31)
    return None, None


def point_type(p: Point) -> str:
    """The guideline type of a single point."""
    if p.kind in ("date", "dayonly"):
        return "date"
    if p.kind in ("month", "part_month"):
        return "month"
    if p.kind in ("quarter", "part_quarter") or (p.kind == "half" and p.count == 3):
        return "quarter"
    if p.kind == "half":
        return "half_year" if p.count == 6 else "range"
    if p.kind == "school":
        return "range"
    return "year"


def fmt(part: Part | None) -> str | None:
    """ISO date, '--MM-DD' without a year, '---DD' for a day of the month; None when unknown."""
    if part is None:
        return None
    y, m, d = part
    if m is None:
        return f"---{d:02d}" if d is not None else None
    if y is None:
        return f"--{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day_before(part: Part) -> Part:
    y, m, d = part
    if y is not None and m is not None and d is not None:
        prev = dt.date(y, m, d) - dt.timedelta(days=1)
        return prev.year, prev.month, prev.day
    if m is not None and d == 1:
        pm = 12 if m == 1 else m - 1
        return None, pm, _last(None, pm)
    return part


def _fill(p: Point, ref_year: int | None) -> tuple[Point, bool]:
    """Give a point its year: relative words and missing years take the document's year."""
    if p.kind == "year_bare":  # 'trong năm': the document's year, or a year nobody wrote down
        return replace(p, kind="year", year=ref_year), ref_year is not None
    if p.kind in ("now", "time", "dayonly") and p.year_rel is None:
        return p, False
    if p.year is not None or ref_year is None:
        if p.year_rel is not None and ref_year is not None:
            return replace(p, year=ref_year + p.year_rel), True
        return p, False
    return replace(p, year=ref_year + (p.year_rel or 0)), True


def _pair_years(a: Point, b: Point) -> tuple[Point, Point]:
    """A year written once covers both ends: 'từ tháng 3 đến tháng 6/2026'."""
    if a.kind == "dayonly" and b.kind == "date":
        a = replace(a, kind="date", month=b.month, year=b.year)
    if a.year is None and b.year is not None and a.kind != "now":
        later = (a.month or 0) > (b.month or 13) or (a.quarter or 0) > (b.quarter or 5)
        a = replace(a, year=b.year - 1 if later else b.year)
    if b.year is None and a.year is not None:
        earlier = (b.month or 13) < (a.month or 0) or (b.quarter or 5) < (a.quarter or 0)
        b = replace(b, year=a.year + 1 if earlier else a.year)
    return a, b


def _strip_year(part: Part | None) -> Part | None:
    return None if part is None else (None, part[1], part[2])


def rec_value(points: list[Point], cue: str | None, recurrence: str | None) -> Value:
    """A window that comes back every period: 'trước ngày 20/11 hằng năm', 'Tháng 12 hằng năm'."""
    if len(points) == 1 and points[0].kind in ("time", "now", "year", "year_bare"):
        return Value("recurring", recurrence=recurrence)
    start, _ = window(points[0])
    _, end = window(points[-1])
    if cue in ("before_exclusive", "before_inclusive", "until") or start == end:
        start = None  # a recurring day is written as its end only, like 'trước ngày 25/12 hằng năm'
    if recurrence is None:
        recurrence = "P1M" if end is not None and end[1] is None else "P1Y"
    return Value("recurring", fmt(_strip_year(start)), fmt(_strip_year(end)), recurrence)


def phrase_value(points: list[Point], cue: str | None, tail_kind: str | None, recurrence: str | None,
                 year_offset: int, ref_year: int | None) -> Value:
    """The value of a cue + one point or a pair of points + optional tail (guideline section 4).

    ``tail_kind`` is 'rec' ('… hằng năm', with ``recurrence``), 'open' ('… và các năm tiếp theo'),
    'rel' ('… của năm tiếp theo', with ``year_offset``) or None.
    """
    if tail_kind == "rec":
        return rec_value(points, cue, recurrence)
    if tail_kind == "rel" and len(points) == 1 and points[0].year is None:
        points = [replace(points[0], year_rel=year_offset)]
    if len(points) == 2:
        points = list(_pair_years(points[0], points[1]))
    filled = [_fill(p, ref_year) for p in points]
    inferred = any(flag for _, flag in filled)
    pts = [p for p, _ in filled]
    if any(p.kind == "time" for p in pts) or (len(pts) == 1 and pts[0].kind == "dayonly"):
        return Value("unknown", year_inferred=inferred)
    if len(pts) == 2:
        start = None if pts[0].kind == "now" else window(pts[0])[0]
        end = window(pts[1])[1]
        if start is not None and end is not None and None not in (start[0], end[0]) and start > end:
            raise InvalidDate("range ends before it starts")
        return Value("range", fmt(start), fmt(end), year_inferred=inferred)
    p = pts[0]
    start, end = window(p)
    if tail_kind == "open" or cue == "from":
        return Value("range", fmt(start), None, year_inferred=inferred)
    if cue == "before_exclusive" and p.kind != "date" and p.side != "late" and start is not None:
        return Value("date", None, fmt(_day_before(start)), year_inferred=inferred)
    if cue in ("before_exclusive", "before_inclusive", "until"):
        return Value("date", None, fmt(end), year_inferred=inferred)
    return Value(point_type(p), fmt(start), fmt(end), year_inferred=inferred)
