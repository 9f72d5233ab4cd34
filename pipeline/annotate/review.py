"""A self-contained HTML review of extracted tasks, for annotators.

``render_review`` is a pure function from records to one HTML string: every
document's normalized text with each task and its lead, support and deadline
spans highlighted, a side list of tasks, filters, keyboard navigation and,
given gold, the differences the scorer would see. The page loads nothing
(CSS and JS are inlined from ``models/review/``); all document text is
escaped, and a Content-Security-Policy admits only the page's own script.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import GoldFormatError
from pipeline.records import DocumentRecord, Span, Task, task_from_json
from pipeline.resources import model_path

FIELDS = ("text", "lead", "support", "deadline")
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


@cache
def _asset(name: str) -> str:
    return model_path("review", name).read_text(encoding="utf-8")


# ---- reading pipeline output -------------------------------------------------

def record_to_task(data: dict[str, Any]) -> Task:
    """A tasks.jsonl/gold line as a Task, keeping its spans (gold usually has none)."""
    return task_from_json(data)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSONL file; a bad line raises an error naming file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc.strerror})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise GoldFormatError(f"{path}:{n}: expected a JSON object")
        yield obj


def load_output(out_dir: Path) -> tuple[list[DocumentRecord], list[Task]]:
    """documents.jsonl and tasks.jsonl of an extractor OUT_DIR."""
    docs_path, tasks_path = out_dir / "documents.jsonl", out_dir / "tasks.jsonl"
    if not docs_path.is_file():
        raise GoldFormatError(f"{out_dir}: no documents.jsonl here; run `vntasks extract ... -o {out_dir}` first")
    known = set(DocumentRecord.__dataclass_fields__)
    docs = [DocumentRecord(**{k: v for k, v in d.items() if k in known}) for d in read_jsonl(docs_path)]
    tasks: list[Task] = []
    if tasks_path.is_file():
        for n, data in enumerate(read_jsonl(tasks_path), 1):
            try:
                tasks.append(record_to_task(data))
            except (KeyError, TypeError, ValueError) as exc:
                raise GoldFormatError(f"{tasks_path}: record {n}: malformed ({exc!r})") from exc
    return docs, tasks


# ---- comparing with gold ---------------------------------------------------

@dataclass
class Entry:
    """One line of the side list: a predicted task, or a gold task nothing matched."""

    n: int
    doc: int
    task: Task
    status: str = ""  # "", ok, wrong, spurious, missed
    notes: list[str] = field(default_factory=list)


def _agency_diff(role: str, gold: Task, pred: Task) -> str | None:
    from pipeline.eval.score import normalize_agency  # scipy only when gold is given

    g = [normalize_agency(m.text) for m in getattr(gold, role)]
    p = [normalize_agency(m.text) for m in getattr(pred, role)]
    if sorted(g) == sorted(p):
        return None
    missing = [m.text for m in getattr(gold, role) if normalize_agency(m.text) not in p]
    extra = [m.text for m in getattr(pred, role) if normalize_agency(m.text) not in g]
    parts = [f"missing {', '.join(repr(x) for x in missing)}" if missing else "",
             f"extra {', '.join(repr(x) for x in extra)}" if extra else ""]
    return f"{role}: " + ("; ".join(p for p in parts if p) or "count differs")


def deadline_label(task: Task) -> str:
    """The normalized value as the side list shows it."""
    d = task.deadline
    if d is None:
        return "none"
    window = f"{d.start or '…'} → {d.end or '…'}" if (d.start or d.end) else ""
    return " ".join(x for x in (d.type, window, d.recurrence or "") if x)


def field_notes(gold: Task, pred: Task) -> list[str]:
    """What differs on a matched pair, in the terms the scorer uses."""
    notes = [n for n in (_agency_diff("lead", gold, pred), _agency_diff("support", gold, pred)) if n]
    g = gold.deadline.value() if gold.deadline else None
    p = pred.deadline.value() if pred.deadline else None
    if g != p:
        notes.append(f"deadline: gold {deadline_label(gold)}, predicted {deadline_label(pred)}")
    return notes


def _locate(text: str, task: Task) -> Span | None:
    """Where a gold task's text is in the document: its own span, else a whitespace-tolerant search."""
    if task.text_span and 0 <= task.text_span[0] < task.text_span[1] <= len(text):
        return task.text_span
    words = task.text.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def build_entries(docs: Sequence[DocumentRecord], tasks: Sequence[Task],
                  gold: dict[str, list[Task]] | None) -> list[Entry]:
    """Side-list entries in document order, with diff status when gold is given."""
    by_doc: dict[str, list[Task]] = {}
    for t in tasks:
        by_doc.setdefault(t.doc_id, []).append(t)
    entries: list[Entry] = []
    for d, doc in enumerate(docs):
        pred = by_doc.get(doc.doc_id, [])
        start = len(entries)
        entries.extend(Entry(start + j, d, t) for j, t in enumerate(pred))
        if gold is None or doc.doc_id not in gold:
            continue
        from pipeline.eval.score import MATCH_THRESHOLD, align

        al = align(doc.doc_id, gold[doc.doc_id], pred, MATCH_THRESHOLD)
        for pair in al.matches:
            notes = field_notes(al.gold[pair.gold], pred[pair.pred])
            entries[start + pair.pred].status = "wrong" if notes else "ok"
            entries[start + pair.pred].notes = notes
        for j in al.spurious:
            entries[start + j].status = "spurious"
            close = al.closest_gold.get(j)
            if close is not None and close.similarity > 0:
                entries[start + j].notes = [f"closest gold {al.gold[close.gold].task_id} (F1 {close.similarity:.2f})"]
        for i in al.missed:
            g = replace(al.gold[i], text_span=_locate(doc.text, al.gold[i]))  # the caller's record stays as it was
            note = [] if g.text_span else ["text not found verbatim in the document"]
            entries.append(Entry(len(entries), d, g, "missed", note))
    return entries


def span_warnings(text: str, task: Task) -> list[str]:
    """Spans that do not point at their string (the review shows them, the scorer would not care)."""
    out = []
    checks: list[tuple[str, str, Span | None]] = [("text", task.text, task.text_span)]
    checks += [("lead", m.text, m.span) for m in task.lead] + [("support", m.text, m.span) for m in task.support]
    if task.deadline is not None:
        checks.append(("deadline", task.deadline.text, task.deadline.span))
    for role, s, span in checks:
        if span is None:
            out.append(f"{role} {s!r}: no span")
        elif not (0 <= span[0] < span[1] <= len(text)):
            out.append(f"{role} {s!r}: span {list(span)} outside the document")
        elif _loose(text[span[0]:span[1]], role) != _loose(s, role):
            out.append(f"{role} {s!r}: span holds {text[span[0]:span[1]]!r}")
    return out


def _loose(s: str, role: str) -> str:
    """Task text is compared as the guideline writes it: whitespace collapsed, emphasis marks dropped."""
    return " ".join(s.replace("*", " ").split()) if role == "text" else s


# ---- rendering ---------------------------------------------------------------

def _marks(entries: Sequence[Entry], size: int) -> list[tuple[int, int, int, str]]:
    """(start, end, entry, field) for every span that lies inside the document."""
    out = []
    for e in entries:
        t = e.task
        spans: list[tuple[Span | None, str]]
        if e.status == "missed":
            spans = [(t.text_span, "gold")]
        else:
            spans = [(t.text_span, "text")] + [(m.span, "lead") for m in t.lead]
            spans += [(m.span, "support") for m in t.support]
            spans += [(t.deadline.span if t.deadline else None, "deadline")]
        out += [(s[0], s[1], e.n, f) for s, f in spans if s is not None and 0 <= s[0] < s[1] <= size]
    return out


def highlight(text: str, marks: Sequence[tuple[int, int, int, str]]) -> str:
    """Escaped text cut at every span boundary; each piece lists the (entry, field) pairs covering it."""
    order = ("text", "gold", "support", "lead", "deadline")
    bounds = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    pending = sorted(marks)
    active: list[tuple[int, int, int, str]] = []
    out, k = [], 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m[1] > a]
        while k < len(pending) and pending[k][0] <= a:
            active.append(pending[k])
            k += 1
        chunk = html.escape(text[a:b], quote=False)
        if not active:
            out.append(chunk)
            continue
        fields = {m[3] for m in active}
        cls = " ".join(f"f-{f}" for f in order if f in fields)
        refs = " ".join(dict.fromkeys(f"{m[2]}:{m[3]}" for m in active))
        out.append(f'<span class="hl {cls}" data-refs="{refs}">{chunk}</span>')
    return "".join(out)


def _esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def _agencies(mentions: Sequence[Any]) -> str:
    if not mentions:
        return '<span class="none">none</span>'
    return "; ".join(_esc(m.text) for m in mentions)


def side_item(e: Entry, doc_text: str, low: float) -> str:
    """One task in the side list, with the data attributes the filters read."""
    t = e.task
    missed = e.status == "missed"
    conf = "" if missed else f"{t.confidence:.3g}"
    attrs = (f'data-n="{e.n}" data-doc="{e.doc}" data-conf="{conf}" data-nolead="{0 if t.lead else 1}" '
             f'data-nodl="{0 if t.deadline else 1}" data-diff="{e.status}"')
    head = [f'<span class="tid">{_esc(t.task_id or "?")}</span>']
    if not missed:
        head.append(f'<span class="conf{" low" if t.confidence < low else ""}" title="confidence">{conf}</span>')
        head.append(f'<span class="method" title="method">{_esc(t.method or "-")}</span>')
    if e.status:
        head.append(f'<span class="badge {e.status}">{e.status}</span>')
    warnings = [] if missed else span_warnings(doc_text, t)
    if warnings:
        head.append(f'<span class="badge warn" title="{_esc(chr(10).join(warnings))}">span?</span>')
    gist = t.text if len(t.text) <= 240 else t.text[:240] + "…"
    if t.deadline is not None:
        deadline = f"{_esc(t.deadline.text)} <small>({_esc(deadline_label(t))})</small>"
    else:
        deadline = '<span class="none">none</span>'
    notes = "".join(f"<li>{_esc(n)}</li>" for n in e.notes)
    return (f'<li class="task-item" {attrs} title="{_esc(t.section)}"><div class="head">{" ".join(head)}</div>'
            f'<div class="gist">{_esc(gist)}</div><dl><dt>lead</dt><dd>{_agencies(t.lead)}</dd>'
            f'<dt>support</dt><dd>{_agencies(t.support)}</dd><dt>deadline</dt><dd>{deadline}</dd></dl>'
            + (f'<ul class="diff">{notes}</ul>' if notes else "") + "</li>")


def _summary(docs: Sequence[DocumentRecord], entries: Sequence[Entry], gold_given: bool, orphans: int) -> str:
    pred = [e for e in entries if e.status != "missed"]
    parts = [f"{len(docs)} document(s)", f"{len(pred)} task(s)"]
    if gold_given:
        count = {s: sum(1 for e in entries if e.status == s) for s in ("ok", "wrong", "spurious", "missed")}
        parts.append("vs gold: " + ", ".join(f"{n} {s}" for s, n in count.items()))
    if orphans:
        parts.append(f"{orphans} task(s) of documents not in documents.jsonl not shown")
    return _esc(" · ".join(parts))


def render_review(docs: Sequence[DocumentRecord], tasks: Sequence[Task],
                  gold: dict[str, list[Task]] | None = None, *, low_confidence: float = 0.6) -> str:
    """The whole review page. Pure: same records in, same bytes out."""
    entries = build_entries(docs, tasks, gold)
    by_doc: dict[int, list[Entry]] = {}
    for e in entries:
        by_doc.setdefault(e.doc, []).append(e)
    side, panes, options = [], [], []
    for d, doc in enumerate(docs):
        mine = by_doc.get(d, [])
        items = "".join(side_item(e, doc.text, low_confidence) for e in mine) or '<li class="empty">no tasks</li>'
        side.append(f'<ol class="tasks" data-doc="{d}"{" hidden" if d else ""}>{items}</ol>')
        meta = " · ".join(_esc(x) for x in (doc.doc_type, doc.number, doc.date, doc.source) if x)
        panes.append(f'<article class="doc" id="doc-{d}" data-doc="{d}"{" hidden" if d else ""}>'
                     f'<h2>{_esc(doc.doc_id)}{": " + _esc(doc.title) if doc.title else ""}</h2>'
                     f'<div class="meta">{meta}</div>'
                     f'<div class="doc-text">{highlight(doc.text, _marks(mine, len(doc.text)))}</div></article>')
        options.append(f'<option value="{d}">{_esc(doc.doc_id)} ({sum(1 for e in mine if e.status != "missed")})</option>')
    known = {doc.doc_id for doc in docs}
    orphans = sum(1 for t in tasks if t.doc_id not in known)
    js = _asset("review.js")
    if "</script" in js.lower():
        raise ValueError("review.js must not contain a closing script tag")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    values = {
        "CSP": f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
               "img-src data:; base-uri 'none'; form-action 'none'",
        "VERSION": _esc(__version__),
        "CSS": _asset("review.css"),
        "JS": js,
        "SUMMARY": _summary(docs, entries, gold is not None, orphans),
        "DOC_OPTIONS": "".join(options),
        "THRESHOLD": _esc(low_confidence),
        "DIFF_FILTER": '<label><input type="checkbox" id="f-diff"> differences only</label>' if gold is not None else "",
        "GOLD_LEGEND": ' <span class="hl f-gold">missed gold</span>' if gold is not None else "",
        "SIDE": "".join(side) or '<p class="empty">no documents</p>',
        "DOCS": "".join(panes),
    }
    # One pass over the template: document text can never be mistaken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))
