"""Reading matched time phrases: the pieces a grammar match names, turned into calendar values.

pipeline/timegrammar.py says *where* a phrase is; this module says *what* it
says: which points it names (``read_point``), what its cue and tail mean
(``read_phrase``), which period a recurrence word names (``recurrence_of``) and
how 'Định kỳ hằng năm (trước ngày 15/12)' combines a period with an anchor day
(``anchored``).  Values come from pipeline/timevalues.py.
"""

from __future__ import annotations

import re

from pipeline.deadlines.grammar import grammar, norm, vocab
from pipeline.deadlines.values import InvalidDate, Point, Value, phrase_value, rec_value


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _lookup(table: dict[str, int], text: str) -> int:
    key = norm(text)
    for k, v in table.items():
        if norm(k) == key:
            return v
    return int(key) if key.isdigit() else 0


def _kind_of(m: re.Match[str]) -> str:
    return next(k[2:] for k, v in m.groupdict().items() if k.startswith("p_") and v is not None)


def read_point(text: str) -> Point | None:
    """The point a POINT-regex substring names, or None when it is not one."""
    m = grammar().point.fullmatch(text.strip())
    if m is None:
        return None
    u = vocab("units")
    g = m.groupdict()
    kind = _kind_of(m)
    rel_words = {norm(w): 0 for w in u["this_year_words"]} | {norm(w): 1 for w in u["next_year_words"]}
    if kind == "date_vn":
        return Point("date", _int(g["dv_y"] or g["dv_y2"]), int(g["dv_m"]), int(g["dv_d"]))
    if kind == "date_num":
        if g["dn_d3"]:
            return Point("date", None, int(g["dn_m3"]), int(g["dn_d3"]))
        return Point("date", _int(g["dn_y"] or g["dn_y2"]), int(g["dn_m"] or g["dn_m2"]), int(g["dn_d"]))
    if kind == "date_dot":
        return Point("date", int(g["dd_y"]), int(g["dd_m"]), int(g["dd_d"]))
    if kind == "quarter":
        y = g["q_y"] or g["q_y2"] or g["qy_y"] or g["qy_y2"]
        return Point("quarter", _int(y), quarter=_lookup(u["quarter_numerals"], g["q_n"] or g["qy_n"]))
    if kind == "half":
        count = 6 if g["h_half"] else _lookup(u["month_count_words"], g["h_n"])
        first = norm(g["h_side"]) in {norm(w) for w in u["first_words"]}
        rel = rel_words.get(norm(g["h_rel"])) if g["h_rel"] else None
        return Point("half", _int(g["h_y"]), count=count, side="first" if first else "last", year_rel=rel)
    if kind == "part":
        side = next(v for k, v in u["part_words"].items() if norm(k) == norm(g["pt_side"]))
        if g["pt_m"]:
            return Point("part_month", _int(g["ptm_y"] or g["ptm_y2"]), int(g["pt_m"]), side=side)
        if g["pt_q"]:
            y = _int(g["ptq_y"] or g["ptq_y2"])
            return Point("part_quarter", y, quarter=_lookup(u["quarter_numerals"], g["pt_q"]), side=side)
        rel = rel_words.get(norm(g["pt_rel"])) if g["pt_rel"] else None
        return Point("part_year", _int(g["pt_y"]), side=side, year_rel=rel)
    if kind == "school":
        return Point("school", int(g["sc_a"]), year2=int(g["sc_b"]))
    if kind == "month":
        return Point("month", _int(g["m_y"] or g["m_y2"]), int(g["m_m"]))
    if kind == "year":
        if g["y_y"]:
            return Point("year", int(g["y_y"]))
        return Point("year", year_rel=rel_words.get(norm(g["y_rel"]), 0))
    if kind == "bare_my":
        return Point("month", int(g["bm_y"]), int(g["bm_m"]))
    if kind == "bare_y":
        return Point("year", int(g["by_y"]))
    if kind == "dayonly":
        return Point("dayonly", day=int(g["do_d"]))
    return Point(kind)  # year_bare, now, time


def read_phrase(text: str, ref_year: int | None) -> Value | None:
    """Value of a substring matched as a dated phrase (cue + core + tail), None if it is no phrase."""
    m = grammar().phrase.fullmatch(text)
    if m is None:
        return None
    cue = _cue_class(m.group("cue"))
    points, kinds, period = _core_points(m.group("core"))
    if not points:
        return None
    tail = norm(m.group("tail") or "").lstrip(", ")
    recurrence, offset = None, 0
    if m.group("t_rec") or m.group("t_recrel"):
        tail_kind = "rec"
        relative = {norm(k): v for k, v in vocab("cues")["recurring_relative_tails"].items()}
        recurrence = relative.get(tail) or recurrence_of(tail)
    elif m.group("t_rel"):
        tail_kind = "rel"
        offset = {norm(k): v for k, v in vocab("cues")["relative_year_tails"].items()}.get(tail, 1)
    else:
        tail_kind = "open" if m.group("t_open") else None
    try:
        value = phrase_value(points, cue, tail_kind, recurrence, offset, ref_year)
    except InvalidDate:
        value = Value("unknown")
    value.kinds, value.cue = kinds, cue
    value.explicit_year = any(p.year is not None for p in points)
    value.period_word, value.tail = period, tail_kind
    return value


_DAY_OR_MONTH = frozenset({"date_vn", "date_num", "dayonly", "month", "compact"})


def read_recurring(text: str, recurrence: str | None) -> Value | None:
    """A yearless day or month that a recurrence word earlier in the clause governs, as a window
    coming back every ``recurrence`` ('định kỳ hằng năm báo cáo … chậm nhất ngày 17 tháng 12' ->
    end --12-17, P1Y).  None when the phrase states a year, has a tail or a 'từ' cue, or is no day/month."""
    m = grammar().phrase.fullmatch(text)
    if m is None or m.group("tail"):
        return None
    cue = _cue_class(m.group("cue"))
    points, kinds, _ = _core_points(m.group("core"))
    if cue == "from" or not points or not set(kinds) <= _DAY_OR_MONTH:
        return None
    if any(p.year is not None or p.year_rel is not None for p in points):
        return None
    try:
        return rec_value(points, cue, recurrence)
    except InvalidDate:
        return None


_CUE_PRIORITY = ("from", "until", "before_exclusive", "before_inclusive", "within")


def _cue_class(cue: str | None) -> str | None:
    """Class of a cue chain; 'từ' and 'đến' decide over 'trước', which decides over 'trong'."""
    if not cue:
        return None
    classes = grammar().cue_classes
    tokens = norm(cue.replace(":", " ")).split()
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            cls = classes.get(" ".join(tokens[i:j]))
            if cls:
                found.add(cls)
                i = j
                break
        else:
            i += 1
    return next((cls for cls in _CUE_PRIORITY if cls in found), None)


def _core_points(core: str) -> tuple[list[Point], tuple[str, ...], bool]:
    """The one or two points of a core, their kinds (for the finder's checks), and a 'giai đoạn' flag."""
    g = grammar()
    m = g.compact.fullmatch(core)
    if m is not None:
        return _compact_points(m), ("compact",), False
    m = g.pair.fullmatch(core)
    if m is not None:
        period = bool(m.group("period") or m.group("period2"))
        if m.group("ya"):
            return [Point("year", int(m.group("ya"))), Point("year", int(m.group("yb")))], ("bare_y", "bare_y"), period
        pa, pb = g.point.fullmatch(m.group("a").strip()), g.point.fullmatch(m.group("b").strip())
        a, b = read_point(m.group("a")), read_point(m.group("b"))
        if a is None or b is None or pa is None or pb is None:
            return [], (), period
        return [a, b], (_kind_of(pa), _kind_of(pb)), period
    pm = g.point.fullmatch(core.strip())
    p = read_point(core)
    return ([p], (_kind_of(pm),), False) if p is not None and pm is not None else ([], (), False)


def _compact_points(m: re.Match[str]) -> list[Point]:
    """'tháng 10-12/2026', 'Quý III - IV/2026', 'ngày 15-20/3/2026' as their first and last points."""
    u = vocab("units")
    if m.group("c_day"):
        y, mo = _int(m.group("cd_y") or m.group("cd_y2")), int(m.group("cd_m"))
        return [Point("date", y, mo, int(m.group("cd_a"))), Point("date", y, mo, int(m.group("cd_b")))]
    if m.group("c_month"):
        y = _int(m.group("cm_y") or m.group("cm_y2"))
        a, b = int(m.group("cm_a")), int(m.group("cm_b") or m.group("cm_more"))
        if m.group("cm_more") and y is not None and b < a:
            return [Point("month", y - 1, a), Point("month", y, b)]
        return [Point("month", y, a), Point("month", y, b)]
    y = _int(m.group("cq_y") or m.group("cq_y2"))
    qa, qb = _lookup(u["quarter_numerals"], m.group("cq_a")), _lookup(u["quarter_numerals"], m.group("cq_b"))
    return [Point("quarter", y, quarter=qa), Point("quarter", y, quarter=qb)]


def recurrence_of(text: str) -> str | None:
    """ISO 8601 duration of the first recurrence unit in ``text`` ('hằng quý' -> P3M, '02 lần/năm' -> P6M)."""
    m = grammar().unit.search(text)
    if m is None:
        return None
    u = vocab("units")
    units = {norm(k): v for k, v in u["recurrence_units"].items()}
    numbers = {norm(k): v for k, v in u["number_words"].items()}
    if m.group("uh"):
        return units.get(norm(m.group("uh")).split()[-1])
    if m.group("uf_n"):
        n = numbers.get(norm(m.group("uf_n"))) or int(m.group("uf_n"))
        return _divide(units.get(norm(m.group("uf_u")), "P1Y"), n)
    n = numbers.get(norm(m.group("un_n"))) or int(m.group("un_n"))
    code = {norm(k): v for k, v in u["count_units"].items()}.get(norm(m.group("un_u")), "M")
    return f"PT{n}H" if code == "H" else f"P{n}{code}"


def _divide(iso: str, times: int) -> str:
    """The period of something done ``times`` times per ``iso`` period ('2 lần/năm' -> P6M)."""
    if times <= 1:
        return iso
    num, unit = int(iso[1:-1]), iso[-1]
    if unit == "Y" and 12 % times == 0:
        return f"P{12 // times}M"
    if unit == "D":
        return iso  # several times a day: the guideline's finest period is a day (P1D)
    if unit in ("M", "W"):
        return f"P{max(1, (30 if unit == 'M' else 7) * num // times)}D"
    return iso


def _no_year(iso: str | None) -> str | None:
    return "--" + iso[5:] if iso and iso[:4].isdigit() else iso


def anchored(anchor: str | None, lead: str) -> Value:
    """'Định kỳ hàng năm (trước ngày 15/12)': the lead's period with the anchor's day, years dropped."""
    recurrence = recurrence_of(lead)
    av = read_phrase(anchor.strip(), None) if anchor else None
    if av is None or av.type in ("unknown", "continuous", "as_needed"):
        return Value("recurring", recurrence=recurrence)
    if av.type == "recurring":
        return Value("recurring", _no_year(av.start), _no_year(av.end), av.recurrence or recurrence)
    start, end = _no_year(av.start), _no_year(av.end)
    start = None if start == end else start
    if recurrence is None:
        recurrence = "P1M" if end and end.startswith("---") else "P1Y"
    return Value("recurring", start, end, recurrence)
