"""Grammar of Vietnamese time phrases, built once from models/deadlines/*.json.

One master regex finds every candidate in a single pass (``Grammar.master``); its
top-level groups say which kind of phrase matched (``an`` as-needed, ``ang``
guarded as-needed, ``rec`` recurring, ``ph`` dated phrase, ``cont`` continuous,
``rel`` relative period, ``st`` clause-start condition).  Smaller regexes with
named groups then read the pieces of a matched phrase (pipeline/timephrases.py).
The word lists are data (models/deadlines/units.json, cues.json); this module only
fixes how they combine, with the calendar keywords of the skeleton itself ('ngày',
'tháng', 'năm', 'lần') written in the patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pipeline.deadlines.numerals import PATTERN as NUMERAL
from pipeline.deadlines.numerals import spelled
from pipeline.resources import load_json

FLAGS = re.IGNORECASE
_NAMED = re.compile(r"\(\?P<\w+>")


@cache
def vocab(name: str) -> dict[str, Any]:
    """One vocabulary file of models/deadlines/; ``units`` gains the numerals in words from the grammar."""
    data = load_json("deadlines", f"{name}.json")
    if name == "units":
        data = {**data, "number_words": spelled(1, 999), "month_count_words": spelled(1, 99)}
    return data


def words(items: Any) -> str:
    """Alternation of vocabulary entries, longest first; a space matches any whitespace."""
    parts = sorted({str(w).strip() for w in items if str(w).strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


def bounded(items: Any) -> str:
    """``words`` that must start and end at a word boundary."""
    return r"(?<!\w)" + words(items) + r"(?!\w)"


def unnamed(pattern: str) -> str:
    """The same pattern with its named groups made anonymous, to embed it twice."""
    return _NAMED.sub("(?:", pattern)


def norm(text: str) -> str:
    """Lower case with single spaces: the key form used to look words up in the vocabulary."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Grammar:
    """Compiled regexes; build with ``grammar()``."""

    master: re.Pattern[str]
    phrase: re.Pattern[str]
    point: re.Pattern[str]
    pair: re.Pattern[str]
    compact: re.Pattern[str]
    rec: re.Pattern[str]
    unit: re.Pattern[str]
    rel: re.Pattern[str]
    cue_classes: dict[str, str]


def _point_patterns(u: dict[str, Any]) -> dict[str, str]:
    """Named regex for each kind of calendar point (year optional where Vietnamese drops it)."""
    y = r"(?:1[89]|2[01])\d\d(?!\d)(?!/[^\W\d_])"
    d = r"\d{1,2}(?!\d)"
    year_tail = rf"(?:\s*[/\-.]\s*(?P<{{p}}_y>{y})|\s*,?\s+năm\s+(?P<{{p}}_y2>{y}))"
    time = r"\d{1,2}\s*(?:h|giờ)\s*(?:\d{2}\s*(?:’|'|phút)?)?(?!\w)"
    qw = words(u["quarter_words"])
    qwy = words(u["quarter_words_need_year"])
    num = words(u["quarter_numerals"]) + r"(?![^\W_])"
    count = r"(?:\d{1,2}|" + NUMERAL + ")"
    part = words(u["part_words"])
    rel_year = words(u["this_year_words"]) + "|" + words(u["next_year_words"])

    def yt(p: str) -> str:
        return year_tail.replace("{p}", p)

    return {
        "date_vn": rf"(?:{time}\s*,?\s*)?(?:ngày\s+|(?<![\d/.,]))(?P<dv_d>{d})\s+tháng\s+(?P<dv_m>{d})"
                   rf"(?:\s*,?\s*năm\s+(?P<dv_y>{y})|\s*[/\-]\s*(?P<dv_y2>{y}))?",
        "date_num": rf"(?:{time}\s*,?\s*)?(?:ngày\s+)?(?<![\d/.,])(?P<dn_d>{d})(?:\s*/\s*(?P<dn_m>{d})"
                    rf"(?:\s*[/\-]\s*(?P<dn_y>{y})|(?!\s*[/\-]\s*\d))|-(?P<dn_m2>{d})-(?P<dn_y2>{y}))"
                    rf"|ngày\s+(?P<dn_d3>{d})-(?P<dn_m3>{d})(?!\s*[/\-]\s*\d)",
        "date_dot": rf"(?:ngày\s+)?(?<![\d.])(?P<dd_d>{d})\.(?P<dd_m>{d})\.(?P<dd_y>{y})",
        "quarter": rf"(?:{qw})\s*(?P<q_n>{num}){yt('q')}?|(?<!\w)(?:{qwy})\s*(?P<qy_n>{num}){yt('qy')}",
        "half": rf"(?:(?P<h_n>{count})\s+tháng|(?P<h_half>{words(u['half_words'])})(?:\s+năm)?)\s+"
                rf"(?P<h_side>{words(u['first_words'] + u['last_words'])})\s+(?:của\s+)?năm"
                rf"(?:\s+(?P<h_y>{y})|\s+(?P<h_rel>{rel_year})(?!\w))?",
        "part": rf"(?P<pt_side>{part})\s+(?:năm(?:\s+(?P<pt_y>{y})|\s+(?P<pt_rel>{rel_year})(?!\w))?"
                rf"|tháng\s+(?P<pt_m>{d}){yt('ptm')}?|(?:{qw})\s*(?P<pt_q>{num}){yt('ptq')}?)",
        "school": rf"{words(u['school_year_words'])}\s+(?P<sc_a>{y})\s*[-–/]\s*(?P<sc_b>{y})",
        "month": rf"tháng\s+(?P<m_m>{d}){yt('m')}?",
        "year": rf"năm\s+(?P<y_y>{y})|(?<!\d\s)(?<!những\s)(?<!các\s)năm\s+(?P<y_rel>{rel_year})(?!\w)",
        "year_bare": r"năm(?=\s*(?:[.,;:)]|$))",
        "bare_my": rf"(?<![\d/.,\-])(?P<bm_m>{d})\s*/\s*(?P<bm_y>{y})",
        "bare_y": rf"(?<![\d/.,])(?P<by_y>{y})",
        "now": bounded(u["now_words"]),
        "dayonly": rf"ngày\s+(?P<do_d>{d})(?!\s*(?:/|-|tháng|\.\d))",
        "time": time,
    }


def _compact_pattern(u: dict[str, Any]) -> str:
    """Ranges written with one shared unit: 'tháng 10-12/2026', 'Quý III - IV/2026', 'ngày 15-20/3/2026'."""
    y = r"(?:1[89]|2[01])\d\d(?!\d)"
    d = r"\d{1,2}(?!\d)"
    qw = words(u["quarter_words"])
    num = words(u["quarter_numerals"]) + r"(?![^\W_])"
    sep = r"\s*(?:-|–|—|đến|tới)\s*"
    lst = r"(?:\s*(?:,|và)\s*(?:tháng\s+)?(?P<cm_more>\d{1,2}(?!\d)))"
    ytail = rf"(?:\s*[/\-.]\s*(?P<c{{k}}_y>{y})|\s*,?\s+năm\s+(?P<c{{k}}_y2>{y}))?"
    return (
        rf"(?P<c_day>ngày\s+(?P<cd_a>{d}){sep}(?:ngày\s+)?(?P<cd_b>{d})(?:\s*/\s*|\s+tháng\s+)(?P<cd_m>{d})"
        + ytail.replace("{k}", "d") + ")"
        + rf"|(?P<c_month>tháng\s+(?P<cm_a>{d})(?:{sep}(?:tháng\s+)?(?P<cm_b>{d})|(?:{lst})+)"
        + ytail.replace("{k}", "m") + ")"
        + rf"|(?P<c_quarter>(?:{qw})\s*(?P<cq_a>{num})\s*(?:-|–|—|đến|tới|và|,)\s*(?:(?:{qw})\s*)?(?P<cq_b>{num})"
        + ytail.replace("{k}", "q") + ")"
    )


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Build every regex once per process from the vocabulary files."""
    u, c = vocab("units"), vocab("cues")
    pts = _point_patterns(u)
    point_named = "|".join(f"(?P<p_{k}>{v})" for k, v in pts.items())
    point_any = unnamed(point_named)
    point_single = unnamed("|".join(v for k, v in pts.items() if k != "now"))
    point_b = unnamed("|".join(v for k, v in pts.items() if k not in ("now", "bare_y", "bare_my")))
    compact_named = _compact_pattern(u)
    cue_classes = {}
    for cls in ("before_exclusive", "before_inclusive", "within", "from", "until"):
        for w in c[f"cue_{cls}"]:
            cue_classes[norm(w)] = cls
    cue_one = bounded(cue_classes)
    cue = rf"(?P<cue>{cue_one}(?:\s*:)?\s+(?:{cue_one}\s+)?)"
    rsep = r"(?:\s*(?:-|–|—)\s*|\s+" + words(c["range_separators"]) + r"\s+)"
    period = words(u["period_words"])
    y = r"(?<![\d/.,])(?:1[89]|2[01])\d\d(?!\d)(?!/[^\W\d_])"
    pair_named = (rf"(?:(?P<period>{period})\s+(?:từ\s+)?)?(?:năm\s+)?(?P<ya>{y}){rsep}(?:hết\s+)?(?:năm\s+)?(?P<yb>{y})"
                  rf"|(?:(?P<period2>{period})\s+(?:từ\s+)?)?(?P<a>{point_any}){rsep}(?:hết\s+)?(?P<b>{point_b})")
    core = rf"(?P<core>{unnamed(compact_named)}|{unnamed(pair_named)}|{point_single})"
    rec_pre = "".join(rf"(?<!{re.escape(w)}\s)" for w in u["goods_compound_prefixes"])
    rec_units = words(u["recurrence_units"])
    rec_prefix = words(u["recurrence_prefixes"])
    tail = (rf"(?P<tail>\s*,?\s*(?P<t_open>{words(c['open_end_tails'])})(?!\w)"
            rf"|\s*,?\s*(?:của\s+)?(?P<t_rec>{rec_prefix}\s+{rec_units})(?!\w)"
            rf"|\s+(?P<t_recrel>{words(c['recurring_relative_tails'])})(?!\w)"
            rf"|\s+(?P<t_rel>{words(c['relative_year_tails'])})(?!\w))")
    phrase_named = rf"{cue}?{core}{tail}?"
    phrase_any = unnamed(phrase_named)
    phrase_cued = unnamed(rf"{cue}{core}{tail}?")

    num = r"(?:\d{1,2}(?!\d)|" + NUMERAL + ")"
    cunits = words(u["count_units"])
    unit_h = rf"(?<!\w){rec_pre}(?P<uh>{rec_prefix}\s+{rec_units})(?!\w)(?:\s+(?:một|1|01)\s+lần)?"
    unit_f = rf"(?P<uf_n>{num})\s+lần\s*/\s*(?P<uf_u>{rec_units})(?!\w)"
    unit_n = rf"(?<!\w)(?P<un_n>{num})\s*(?P<un_u>{cunits})(?:\s*/\s*lần|\s+(?:một|1|01)\s+lần)?(?!\w)"
    unit_nx = rf"(?<!\w){num}\s*{cunits}(?:\s*/\s*lần|\s+(?:một|1|01)\s+lần)(?!\w)"
    unit_named = f"{unit_h}|{unit_f}|{unit_n}"
    units_any = unnamed(unit_named)
    periodic = bounded(u["periodic_words"])
    rec_lead = (rf"{periodic}(?:\s*[,:]?\s*(?:{units_any}))?|{unnamed(unit_h)}|{unnamed(unit_f)}|{unit_nx}")
    rec_list = rf"(?:\s*(?:,|và|hoặc)\s*(?:{units_any}|cả\s+năm))*"
    gap = r"[\s*]*"
    rec_named = (rf"(?P<lead>(?:{rec_lead}){rec_list})"
                 rf"(?:{gap}\({gap}(?P<pa>{phrase_any}){gap}\)|\s*,?\s*(?P<ca>{phrase_cued}))?")

    an = rf"(?:{periodic}\s*(?:,|hoặc|và)?\s*(?:hoặc\s+)?)?{bounded(c['as_needed_text'])}"
    ang = rf"(?:{periodic}\s*(?:,|hoặc|và)?\s*(?:hoặc\s+)?)?{bounded(c['as_needed_guarded'])}"
    cont = rf"{bounded(c['continuous_leads'])}(?:\s*(?:,|và)?\s*{bounded(c['continuous_words'])})*"
    rel_named = (rf"(?P<r_lead>{bounded(c['relative_leads'])})\s+(?:(?P<r_max>{words(c['relative_maxima'])})\s+)?"
                 rf"(?:\d{{1,2}}\s*[-–]\s*)?(?P<r_n>{num})\s+(?P<r_u>{cunits})(?!\w)"
                 rf"(?P<r_tail>\s+{bounded(c['relative_anchors'])}[^,;.()\n]{{0,80}})?")
    st = bounded(c["as_needed_clause_start"] + c["as_needed_item_start"])
    master = (rf"(?=\w)(?:(?P<an>{an})|(?P<ang>{ang})|(?P<rec>{unnamed(rec_named)})|(?P<ph>{phrase_any})"
              rf"|(?P<cont>{cont})|(?P<rel>{unnamed(rel_named)})|(?P<st>{st}))")
    return Grammar(
        master=re.compile(master, FLAGS),
        phrase=re.compile(phrase_named, FLAGS),
        point=re.compile(point_named, FLAGS),
        pair=re.compile(pair_named, FLAGS),
        compact=re.compile(compact_named, FLAGS),
        rec=re.compile(rec_named, FLAGS),
        unit=re.compile(unit_named, FLAGS),
        rel=re.compile(rel_named, FLAGS),
        cue_classes=cue_classes,
    )
