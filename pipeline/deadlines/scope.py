"""Is this time phrase the task's deadline?  Context checks for phrases found in task text.

A field value is trusted; a phrase inside a task item must show that it says when
the item's action is due or recurs (guideline sections 4 and 7): a cue such as
'trong', 'trước', 'từ'; not a citation date, not a cited programme's period, not
a time word that qualifies a noun ('dự toán ngân sách hằng năm'), not a date of
the past, not a year of a cited commitment or target, not a year reached 'by' that
is a target's or strategy's horizon ('Đến năm 2030, tỷ lệ … đạt 100%').  Most
checks look at a few dozen characters left of the phrase; a recurrence or
continuity word is also read by the word after it ('hằng năm của …', '… hằng năm
gồm:' name a thing, 'thường xuyên xảy ra' a habit, ', định kỳ báo cáo' opens a
clause) and by its place in the item (a bare 'định kỳ' in the third clause or later
times a step, not the main action, unless that clause reports), and a condition
('Trường hợp …', '… khi …') by the event it names.  The word lists are
models/deadlines/context.json and cues.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.deadlines.grammar import FLAGS, bounded, grammar, norm, vocab, words
from pipeline.deadlines.values import Value

BOUNDARY = re.compile(r"[;!?\n]|\.(?!\d)|:(?!\d)")


@dataclass
class Candidate:
    """One grammar match read as a value; ``key`` is the matched keyword for condition phrases."""

    kind: str
    start: int
    end: int
    value: Value
    key: str = ""


@dataclass(frozen=True)
class Context:
    """Compiled context checks (build with ``context()``)."""

    qualifier_rec: re.Pattern[str]
    qualifier_cont: re.Pattern[str]
    false_compound: re.Pattern[str]
    coordinated: re.Pattern[str]
    new_clause: re.Pattern[str]
    breaker: re.Pattern[str]
    breaker_word: re.Pattern[str]
    programme: re.Pattern[str]
    citation: re.Pattern[str]
    cited_date: re.Pattern[str]
    non_deadline: re.Pattern[str]
    modifier: re.Pattern[str]
    licensing: re.Pattern[str]
    guard: re.Pattern[str]
    stop: re.Pattern[str]
    clause_start: frozenset[str]
    paren_start: frozenset[str]
    condition: re.Pattern[str]
    condition_next: re.Pattern[str]
    weak_relative: frozenset[str]
    requester_end: re.Pattern[str]
    field_as_needed: re.Pattern[str]
    non_deadline_words: re.Pattern[str]
    case_start: frozenset[str]
    case_event: re.Pattern[str]
    noun_next: re.Pattern[str]
    habit_next: re.Pattern[str]
    verb_next: re.Pattern[str]
    guided: re.Pattern[str]
    target: re.Pattern[str]
    event_before: re.Pattern[str]
    event_heads: frozenset[str]
    event_heads_bare: frozenset[str]
    event_word: re.Pattern[str]
    event_blocker: re.Pattern[str]
    event_bad_left: re.Pattern[str]
    negation: re.Pattern[str]
    completion: re.Pattern[str]
    target_marker: re.Pattern[str]
    keep_late: re.Pattern[str]
    late_clause: int
    horizon: int
    lookback: int
    tolerance: int


@lru_cache(maxsize=1)
def context() -> Context:
    """Build the checks once per process."""
    x, c = vocab("context"), vocab("cues")
    docnum = r"(?:số\s+)?\d+(?:/\d{4})?\s*[/\-]\s*[^\W\d_][\w/.\-]*"
    obligation = "".join(rf"(?<!{re.escape(w)}\s)" for w in x["passive_obligation"])
    passive = rf"(?<!\w){obligation}{words(x['passive_markers'])}(?:\s+[^\s,;.:()]+){{1,2}}\s*$"
    past = rf"{bounded(x['past_markers'])}(?:\s+[^\s,;.:()]+){{1,6}}\s*$"
    guiding = bounded(x["guiding_verbs"])
    not_passive = "".join(rf"(?<!{re.escape(w)}\s)" for w in x["passive_markers"])
    return Context(
        qualifier_rec=re.compile(bounded(x["qualifier_nouns_recurring"] + x["qualifier_nominalizers"]), FLAGS),
        qualifier_cont=re.compile(bounded(x["qualifier_nouns_continuous"]), FLAGS),
        false_compound=re.compile(bounded(x["qualifier_false_compounds"]), FLAGS),
        coordinated=re.compile(r"(?<!\w)" + words(x["qualifier_coordinated"]) + r"\s*$", FLAGS),
        new_clause=re.compile(bounded(x["clause_conjunctions"]) + r"\s*$", FLAGS),
        breaker=re.compile(rf"(?:{words(x['breaker_conjunctions'])})\s*{bounded(x['breaker_verbs'])}", FLAGS),
        breaker_word=re.compile(bounded(x["breaker_words"]), FLAGS),
        programme=re.compile(bounded(x["programme_nouns"]), FLAGS),
        citation=re.compile(rf"(?:{docnum})\s*(?:{words(x['citation_linkers'])})?\s*$", FLAGS),
        cited_date=re.compile(rf"{bounded(x['citation_doc_types'])}(?:\s+[^\s,;.:()]+){{0,10}}\s*$", FLAGS),
        non_deadline=re.compile(bounded(x["non_deadline_left"]) + r"\s*$", FLAGS),
        modifier=re.compile(f"{passive}|{past}", FLAGS),
        licensing=re.compile(bounded(c["licensing_verbs"]) + r"\s*$", FLAGS),
        guard=re.compile(bounded(c["as_needed_guards"]), FLAGS),
        stop=re.compile(r"\s" + bounded(c["as_needed_stop_words"]), FLAGS),
        clause_start=frozenset(norm(w) for w in c["as_needed_clause_start"]),
        paren_start=frozenset(norm(w) for w in c["as_needed_paren_start"]),
        condition=re.compile(r"[^;.]{0,160}?" + bounded(c["condition_words"]), FLAGS),
        condition_next=re.compile(r",?\s*" + bounded(c["condition_words"]), FLAGS),
        weak_relative=frozenset(norm(w) for w in c["relative_weak_leads"]),
        requester_end=re.compile(bounded(c["as_needed_requester_heads"]) + "$", FLAGS),
        field_as_needed=re.compile(bounded(c["as_needed_field"]), FLAGS),
        non_deadline_words=re.compile(bounded(c["non_deadline_words"]), FLAGS),
        case_start=frozenset(norm(w) for w in c["as_needed_case_start"]),
        case_event=re.compile(bounded(c["case_event_words"]), FLAGS),
        noun_next=re.compile(rf"(?:\s*(?:,|và|hoặc|hay)\s*{bounded(x['qualifier_pair_words'])})*\s*"
                             rf"{bounded(x['qualifier_next_words'])}", FLAGS),
        habit_next=re.compile(r"\s*" + bounded(x["habit_verbs"]), FLAGS),
        verb_next=re.compile(r"\s*" + bounded(x["breaker_verbs"]), FLAGS),
        guided=re.compile(rf"^[\s*\-+•–]*{guiding}(?:\s*(?:,|và)\s*{guiding})*\s+[^\s,;.:]", FLAGS),
        target=re.compile(rf"{bounded(x['target_citers'])}\s+(?:[^\s,;.:()]+\s+){{0,2}}{bounded(x['target_nouns'])}", FLAGS),
        event_before=re.compile(bounded(x["event_nouns"]) + r"\s*$", FLAGS),
        event_heads=frozenset(norm(w) for w in c["event_clause_heads"]),
        event_heads_bare=frozenset(norm(w) for w in c["event_clause_heads_need_event"]),
        event_word=re.compile(bounded(c["case_event_words"] + c["event_clause_extra_events"]), FLAGS),
        event_blocker=re.compile(bounded(c["event_clause_blockers"]), FLAGS),
        event_bad_left=re.compile(r"(?<!\w)" + words(c["event_clause_bad_left"]) + r"\s*$", FLAGS),
        negation=re.compile(r"\s*" + bounded(c["negation_words"]), FLAGS),
        completion=re.compile(not_passive + bounded(c["licensing_verbs"]), FLAGS),
        target_marker=re.compile(bounded(x["target_words"]), FLAGS),
        keep_late=re.compile(bounded(x["late_clause_keep_verbs"]), FLAGS),
        late_clause=int(x["late_clause_index"]),
        horizon=int(x["horizon_min_years"]),
        lookback=int(x["qualifier_lookback_words"]),
        tolerance=int(x["past_year_tolerance"]),
    )


def clause_left(text: str, s: int, limit: int = 200) -> str:
    """Text from the start of the clause holding position ``s`` up to ``s``."""
    last = max(0, s - limit)
    for m in BOUNDARY.finditer(text, last, s):
        last = m.end()
    return text[last:s]


def clause_index(text: str, s: int) -> int:
    """How many clauses of the item come before position ``s``: boundaries outside brackets, a run
    such as '...' or '.;' counting once."""
    count, last, depth, seen = 0, -1, 0, 0
    for m in BOUNDARY.finditer(text, 0, s):
        between = text[seen:m.start()]
        depth = max(0, depth + between.count("(") - between.count(")"))
        seen = m.start()
        if depth == 0 and m.start() != last:
            count += 1
        last = m.end()
    return count


def is_clause_start(left: str) -> bool:
    return not left.strip(" \t*-+•–")


def _opens_paren(left: str) -> bool:
    """True when the phrase is the first thing inside an open bracket: '(trước ngày 15/12)'."""
    i = left.rfind("(")
    return i > left.rfind(")") and not left[i + 1:].strip(" *")


def _in_parens(left: str) -> bool:
    return left.rfind("(") > left.rfind(")")


def qualifies_noun(left: str, kind: str) -> bool:
    """True when the time word names a kind of thing ('dự toán ngân sách hằng năm'), not when it happens."""
    ctx = context()
    if ctx.coordinated.search(left):
        return True
    if ctx.new_clause.search(left):
        return False
    tail = " ".join(left.split()[-ctx.lookback:])
    nouns = ctx.qualifier_cont if kind == "cont" else ctx.qualifier_rec
    fake = [m.span() for m in ctx.false_compound.finditer(tail)]
    hits = [m for m in nouns.finditer(tail) if not any(a <= m.start() < b for a, b in fake)]
    if not hits:
        return False
    end = hits[-1].end()
    return not (ctx.breaker.search(tail, end) or ctx.breaker_word.search(tail, end))


def _adverbial(c: Candidate, text: str, left: str) -> bool | None:
    """Right-hand evidence for a recurrence/continuity word: False when it describes a thing, a
    habit or a guided party's action; True when ', định kỳ báo cáo …' opens a clause; else None."""
    ctx = context()
    if ctx.noun_next.match(text, c.end):
        return False  # 'báo cáo công tác giảm nghèo hằng năm của cơ quan'
    verb = ctx.verb_next.match(text, c.end) is not None
    if c.kind == "cont" and (ctx.habit_next.match(text, c.end) or (verb and ctx.guided.search(left))):
        return False  # 'khu vực thường xuyên xảy ra thiên tai'; 'Hướng dẫn cơ sở …, thường xuyên cập nhật …'
    if verb and left.rstrip().endswith(","):
        return True
    return None


def waits_on_event(c: Candidate, text: str, left: str) -> bool:
    """'Tổng điều tra lăng quăng ngay khi nước rút': the item's first clause ends in the event its
    action waits on.  Not when the clause prepares for the event ('Xây dựng phương án … khi xảy
    ra …'), states a purpose or a guided party's action, or the condition is a negation."""
    ctx = context()
    if c.key not in ctx.event_heads or BOUNDARY.search(text, 0, c.start) or _in_parens(left):
        return False
    if ctx.event_blocker.search(left) or ctx.event_bad_left.search(left) or ctx.guided.search(left):
        return False
    cond_start = c.start + len(c.key)
    if ctx.negation.match(text, cond_start):
        return False
    return c.key not in ctx.event_heads_bare or ctx.event_word.search(text, cond_start, c.end) is not None


def cites_target(left: str) -> bool:
    """True when a year belongs to a cited commitment, target or list ('theo cam kết … vào năm 2050')."""
    ctx = context()
    hits = list(ctx.target.finditer(left))
    return bool(hits) and not ctx.breaker.search(left, hits[-1].end())


def cites_programme(left: str) -> bool:
    """True when a year period belongs to a named programme, plan or strategy in the same clause."""
    ctx = context()
    hits = list(ctx.programme.finditer(left))
    return bool(hits) and not ctx.breaker.search(left, hits[-1].end())


def clause_of(text: str, c: Candidate, left: str) -> str:
    """The whole clause holding a candidate: ``left`` (from ``clause_left``), the phrase, and the rest up to
    the next boundary."""
    stop = BOUNDARY.search(text, c.end)
    return left + text[c.start:stop.start() if stop else len(text)]


def late_recurrence(c: Candidate, text: str, left: str) -> bool:
    """True for a bare recurrence word (no day or month: 'định kỳ', 'hằng năm') in a late clause of the
    item, where it times one step rather than the main action ('Xây dựng kế hoạch …; giao trách nhiệm …;
    xây dựng bộ tiêu chí đánh giá; định kỳ đo lường, công bố kết quả').  A reporting duty keeps it
    ('…; định kỳ hằng năm báo cáo Thủ tướng Chính phủ'): annotators take that as the item's deadline."""
    ctx = context()
    if c.value.start is not None or c.value.end is not None:
        return False
    if clause_index(text, c.start) < ctx.late_clause:
        return False
    return ctx.keep_late.search(clause_of(text, c, left)) is None


def horizon_year(c: Candidate, text: str, left: str, ref_year: int | None) -> bool:
    """True when a year reached 'by' ('đến năm 2030', 'tới hết năm 2030') is a target's or a strategy's
    horizon, not the year an action is due: its clause states a target ('Đến năm 2030, tỷ lệ … đạt 100%',
    'phấn đấu … đạt'), or the year lies some years past the document's and no completion verb in the
    clause makes it a due year ('… phục hồi hệ sinh thái biển đến năm 2030' in a 2025 plan; a passive
    'được hoàn thiện' states an outcome).  A due year ('hoàn thành … đến năm 2030') is read like
    'trước ngày 30/6/2026': type date, no start, end 31 December of that year."""
    ctx = context()
    clause = clause_of(text, c, left)
    if ctx.target_marker.search(clause):
        return True
    if ctx.completion.search(clause):
        return False
    year = _year_of(c.value)
    return ref_year is not None and year is not None and year - ref_year >= ctx.horizon


def _year_of(value: Value) -> int | None:
    for iso in (value.end, value.start):
        if iso and iso[:4].isdigit():
            return int(iso[:4])
    return None


def accept(c: Candidate, text: str, ref_year: int | None, field: bool) -> bool:
    """Whether a candidate is a deadline: fields trust almost anything, task text needs evidence."""
    ctx = context()
    before = text[max(0, c.start - 60):c.start]
    if c.kind == "ph":
        if "year_bare" in c.value.kinds and c.value.cue != "within":
            return False
        if ctx.citation.search(before) or ctx.non_deadline.search(before):
            return False
        if c.value.cue is None and c.value.kinds[0].startswith("date") and ctx.cited_date.search(before):
            return False  # 'Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015
        if c.value.cue in (None, "from") and ctx.event_before.search(before):
            return False  # 'thiệt hại do đợt mưa lũ từ ngày 16-22/11/2025': when the event happened
    if field:
        return True
    left = clause_left(text, c.start)
    if c.kind in ("rec", "cont"):
        if _in_parens(left) and not _opens_paren(left):
            return False
        if c.kind == "rec" and late_recurrence(c, text, left):
            return False
        adverbial = _adverbial(c, text, left)
        return adverbial if adverbial is not None else not qualifies_noun(left, c.kind)
    if c.kind in ("an", "ang"):
        main = is_clause_start(left) or not BOUNDARY.search(text, 0, c.start)
        guarded = c.kind == "an" or ctx.guard.search(left[-40:] + " " + text[c.start:c.end]) is not None
        return main and guarded
    if c.kind == "st":
        if c.key in ctx.case_start and not ctx.case_event.search(text, c.start + len(c.key), c.end):
            return False  # 'Trường hợp hàng hóa, dịch vụ do một cấp định giá:' distinguishes kinds, no event
        if is_clause_start(text[:c.start]) or (c.key in ctx.paren_start and _opens_paren(left)):
            return True
        if waits_on_event(c, text, left):
            return True
        return c.key in ctx.clause_start and is_clause_start(left) and bool(ctx.condition.match(text, c.start))
    if c.kind == "rel":
        rm = grammar().rel.fullmatch(text, c.start, c.end)
        lead = norm(rm.group("r_lead")) if rm else ""
        return bool(rm and (rm.group("r_max") or rm.group("r_tail") or lead not in ctx.weak_relative))
    return _accept_dated(c, text, left, before, ref_year)


def _accept_dated(c: Candidate, text: str, left: str, before: str, ref_year: int | None) -> bool:
    """A dated phrase in task text needs a cue ('trong', 'trước' ...) and must not name a programme's period."""
    ctx, v = context(), c.value
    year = _year_of(v)
    if ref_year is not None and year is not None and year < ref_year - ctx.tolerance:
        return False
    if v.type == "unknown" and not (v.cue and (v.explicit_year or "ngày" in text[c.start:c.end].lower())):
        return False
    if len(v.kinds) == 1 and v.kinds[0] in ("bare_y", "bare_my") and not v.cue:
        return False
    cued = v.cue is not None or ctx.licensing.search(before) is not None
    if not (cued or v.tail in ("open", "rec") or is_clause_start(left)):
        return False
    if ctx.modifier.search(before):
        return False
    yearish = all(k in ("bare_y", "year", "part", "now") for k in v.kinds)
    if yearish and v.cue == "until" and v.tail is None and horizon_year(c, text, left, ref_year):
        return False
    if yearish and v.tail != "rec" and cites_target(left):
        return False
    if yearish and v.cue != "within" and v.tail != "rec":
        return not cites_programme(left)
    return True
