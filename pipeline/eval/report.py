"""Rendering an evaluation: terminal summary, Markdown/HTML error report, JSON.

Everything is first built as neutral blocks (headings, paragraphs, tables of
plain strings), then rendered; so the three formats say the same thing and
escaping happens in exactly one place per format (HTML escapes all document
text).  Pure functions from a ``Summary`` to a string or dict.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.eval.intervals import Figures, Interval, Summary
from pipeline.eval.score import (
    MATCH_THRESHOLD,
    PRF_METRICS,
    PRIMARY,
    SECONDARY,
    DocScore,
    Evaluation,
    agency_items,
)
from pipeline.records import Deadline, Task

LABELS = {
    "task": "task",
    "lead": "lead",
    "support": "support",
    "deadline": "deadline value",
    "exact_task_rate": "exact task rate",
    "deadline_text": "deadline text found (value aside)",
    "relaxed_lead": "lead, relaxed (token-overlap credit)",
    "relaxed_support": "support, relaxed (token-overlap credit)",
}
NONE = "-"


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


Block = Heading | Para | Table


def _num(v: float | None, digits: int = 3) -> str:
    return NONE if v is None else f"{v:.{digits}f}"


def _count(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def _with_ci(v: float | None, ci: Interval | None) -> str:
    if ci is None or ci[0] is None or ci[1] is None:
        return _num(v)
    return f"{_num(v)} [{ci[0]:.3f}, {ci[1]:.3f}]"


def metric_table(fig: Figures, names: Sequence[str]) -> Table:
    rows = []
    for name in names:
        tp, pred, gold = (getattr(fig.counts, f) for f in PRF_METRICS[name])
        ci = fig.ci.get(name, {})
        rows.append([LABELS[name]] + [_with_ci(fig.values[name][k], ci.get(k)) for k in ("precision", "recall", "f1")]
                    + [f"{_count(tp)} / {_count(pred)} / {_count(gold)}"])
    return Table(["figure", "precision", "recall", "F1", "tp / pred / gold"], rows)


def exact_line(fig: Figures) -> str:
    rate = _with_ci(fig.values["exact_task_rate"]["rate"], fig.ci.get("exact_task_rate", {}).get("rate"))
    return f"Exact task rate: {rate} ({_count(fig.counts.exact)} of {_count(fig.counts.gold_tasks)} gold tasks)"


def slice_table(first: str, rows: dict[str, tuple[str, Figures]]) -> Table:
    """One row per layout or document: sizes and F1 of each headline field."""
    out = []
    for key, (extra, fig) in rows.items():
        v = fig.values
        out.append([key, extra, _count(fig.counts.gold_tasks), _count(fig.counts.pred_tasks)]
                   + [_num(v[m]["f1"]) for m in ("task", "lead", "support", "deadline")]
                   + [_num(v["exact_task_rate"]["rate"])])
    return Table([first, "docs" if first in ("layout", "genre") else "layout", "gold", "pred", "task F1", "lead F1",
                  "support F1", "deadline F1", "exact"], out)


def summary_blocks(s: Summary, per_doc: bool) -> list[Block]:
    ev = s.evaluation
    extra = f"{len(ev.extra_in_pred)} only in PRED ({'scored as false alarms' if ev.extra_scored else 'ignored'})"
    ci = (f"{s.level:.0%} intervals: percentile bootstrap over documents, {s.rounds} rounds, seed {s.seed}"
          if s.rounds else "no bootstrap intervals")
    blocks: list[Block] = [
        Para(f"Documents: {len(ev.docs)} scored; {len(ev.missing_in_pred)} gold documents absent from PRED "
             f"(all missed); {extra}."),
        Para(f"Tasks matched when word-multiset F1 >= {MATCH_THRESHOLD}; {ci}."),
        Heading(2, "Headline figures"),
        metric_table(s.overall, [n for n in PRIMARY if n in PRF_METRICS]),
        Para(exact_line(s.overall)),
        Heading(2, "Secondary figures (diagnostic, not headline)"),
        metric_table(s.overall, SECONDARY),
        Heading(2, "Per layout"),
        slice_table("layout", {k: (str(f.documents), f) for k, f in s.by_layout.items()}),
        Heading(2, "Per genre (document type)"),
        slice_table("genre", {k: (str(f.documents), f) for k, f in s.by_genre.items()}),
        Para(quiet_line(ev)),
    ]
    if per_doc:
        layout_of = {d.doc_id: d.layout for d in ev.docs}
        blocks += [Heading(2, "Per document"),
                   slice_table("document", {k: (layout_of[k], f) for k, f in s.by_doc.items()})]
    return blocks


def quiet_line(ev: Evaluation) -> str:
    """How much a run says where gold says nothing: predicted tasks on documents without gold tasks."""
    quiet = ev.quiet()
    if not quiet:
        return "Quiet documents (no gold task): none in this gold."
    counts = [d.pred_tasks for d in quiet]
    silent = sum(1 for c in counts if c == 0)
    return (f"Quiet documents (no gold task): {len(quiet)}; predicted tasks on them {sum(counts)} "
            f"({sum(counts) / len(quiet):.2f} per document, max {max(counts)}); {silent} left with none.")


def _items(task: Task, role: str) -> str:
    mentions = task.lead if role == "lead" else task.support
    return "; ".join(m.text for m in mentions) or NONE


def _deadline(d: Deadline | None) -> str:
    if d is None:
        return NONE
    window = f"{d.start or '…'}..{d.end or '…'}" if (d.start or d.end) else ""
    value = " ".join(x for x in (d.type, window, d.recurrence or "") if x)
    return f"{d.text} → {value}"


def _diff(gold: list[str], pred: list[str]) -> str:
    g, p = Counter(gold), Counter(pred)
    parts = []
    if g - p:
        parts.append("missing: " + "; ".join((g - p).elements()))
    if p - g:
        parts.append("extra: " + "; ".join((p - g).elements()))
    return " / ".join(parts)


def field_errors(d: DocScore) -> list[list[str]]:
    """Rows gold-vs-predicted for every field a matched pair gets wrong."""
    al, rows = d.alignment, []
    for pair in al.matches:
        g, p = al.gold[pair.gold], al.pred[pair.pred]
        ids = f"{g.task_id} ↔ {p.task_id}"
        if pair.similarity < 1.0:
            rows.append([ids, f"text (F1 {pair.similarity:.2f})", g.text, p.text, ""])
        for role in ("lead", "support"):
            gi, pi = agency_items(g, role), agency_items(p, role)
            if Counter(gi) != Counter(pi):
                rows.append([ids, role, _items(g, role), _items(p, role), _diff(gi, pi)])
        gv = g.deadline.value() if g.deadline else None
        pv = p.deadline.value() if p.deadline else None
        if gv != pv:
            rows.append([ids, "deadline", _deadline(g.deadline), _deadline(p.deadline), ""])
    return rows


def error_blocks(s: Summary) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Errors by document")]
    missing = set(s.evaluation.missing_in_pred)
    for d in s.evaluation.docs:
        al, fig = d.alignment, s.by_doc[d.doc_id]
        blocks += [Heading(3, d.doc_id), Para(
            f"Layout {d.layout}; {len(al.gold)} gold, {len(al.pred)} predicted, {len(al.matches)} matched; "
            f"task F1 {_num(fig.values['task']['f1'])}, lead F1 {_num(fig.values['lead']['f1'])}, "
            f"support F1 {_num(fig.values['support']['f1'])}, deadline F1 {_num(fig.values['deadline']['f1'])}.")]
        if d.doc_id in missing:
            blocks.append(Para("No predictions for this document: every gold task is missed."))
        if al.missed:
            rows = [[al.gold[i].task_id, al.gold[i].text, _items(al.gold[i], "lead"), _items(al.gold[i], "support"),
                     _deadline(al.gold[i].deadline), _closest(al.pred, al.closest_pred.get(i), "pred")]
                    for i in al.missed]
            blocks += [Heading(4, f"Missed gold tasks ({len(al.missed)})"),
                       Table(["gold task", "text", "lead", "support", "deadline", "closest prediction"], rows)]
        if al.spurious:
            rows = [[al.pred[j].task_id, al.pred[j].text, _items(al.pred[j], "lead"), _items(al.pred[j], "support"),
                     _deadline(al.pred[j].deadline), _closest(al.gold, al.closest_gold.get(j), "gold")]
                    for j in al.spurious]
            blocks += [Heading(4, f"Spurious predicted tasks ({len(al.spurious)})"),
                       Table(["predicted task", "text", "lead", "support", "deadline", "closest gold"], rows)]
        errors = field_errors(d)
        if errors:
            blocks += [Heading(4, f"Field errors on matched tasks ({len(errors)})"),
                       Table(["gold ↔ predicted", "field", "gold", "predicted", "difference"], errors)]
        if not (al.missed or al.spurious or errors):
            blocks.append(Para("No errors."))
    return blocks


def _closest(tasks: list[Task], pair: Any, side: str) -> str:
    if pair is None:
        return NONE
    task = tasks[pair.pred if side == "pred" else pair.gold]
    return f"{task.task_id} (F1 {pair.similarity:.2f})"


# ---------------------------------------------------------------- renderers


def render_text(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += ["", b.text, "-" * len(b.text)]
        elif isinstance(b, Para):
            out.append(b.text)
        else:
            widths = [max(len(r[k]) for r in [b.header, *b.rows]) for k in range(len(b.header))]
            for r in [b.header, *b.rows]:
                out.append("  ".join(c.ljust(w) if k == 0 else c.rjust(w) for k, (c, w) in
                                     enumerate(zip(r, widths, strict=True))).rstrip())
    return "\n".join(out).strip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#<>])")


def _md(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s.replace("\n", " "))


def render_markdown(blocks: Sequence[Block], title: str) -> str:
    out = [f"# {_md(title)}", ""]
    for b in blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + _md(b.text), ""]
        elif isinstance(b, Para):
            out += [_md(b.text), ""]
        else:
            out.append("| " + " | ".join(_md(c) for c in b.header) + " |")
            out.append("|" + "---|" * len(b.header))
            out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in b.rows]
            out.append("")
    return "\n".join(out)


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:110em}table{border-collapse:collapse;"
        "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}"
        "th{background:#f3f3f3}h3{margin-top:2em;border-top:2px solid #888;padding-top:.5em}")


def render_html(blocks: Sequence[Block], title: str) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{_CSS}</style></head><body>", f"<h1>{e(title)}</h1>"]
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{e(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{e(b.text)}</p>")
        else:
            out.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in b.header) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b.rows]
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def summary_text(s: Summary, per_doc: bool = False) -> str:
    return render_text(summary_blocks(s, per_doc))


def error_report(s: Summary, fmt: str) -> str:
    """The full report ('markdown' or 'html'): summary, per-document figures, then every error."""
    blocks = summary_blocks(s, per_doc=True) + error_blocks(s)
    title = "vntasks evaluation report"
    return render_html(blocks, title) if fmt == "html" else render_markdown(blocks, title)


# ---------------------------------------------------------------- JSON


def figures_json(fig: Figures) -> dict[str, Any]:
    def group(names: Sequence[str]) -> dict[str, Any]:
        return {n: {k: {"value": v, "ci": list(fig.ci[n][k]) if n in fig.ci else None}
                    for k, v in fig.values[n].items()} for n in names}

    return {"documents": fig.documents, "counts": fig.counts.to_json(), "primary": group(PRIMARY),
            "secondary": group(SECONDARY)}


def summary_json(s: Summary) -> dict[str, Any]:
    """One object with every figure, for scripts."""
    ev = s.evaluation
    per_doc = {}
    for d in ev.docs:
        fig = s.by_doc[d.doc_id]
        per_doc[d.doc_id] = {"layout": d.layout, "missing_in_pred": d.doc_id in ev.missing_in_pred,
                             **figures_json(fig)}
    return {
        "settings": {"match_threshold": MATCH_THRESHOLD, "bootstrap_rounds": s.rounds, "seed": s.seed,
                     "confidence": s.level, "extra_documents_scored": ev.extra_scored,
                     "zero_division": "precision with no predictions and recall with no gold items are 0 "
                                      "when the other side is non-empty; null when both are empty"},
        "documents": {"scored": len(ev.docs), "missing_in_pred": ev.missing_in_pred,
                      "extra_in_pred": ev.extra_in_pred},
        "overall": figures_json(s.overall),
        "per_layout": {k: figures_json(f) for k, f in s.by_layout.items()},
        "per_genre": {k: figures_json(f) for k, f in s.by_genre.items()},
        "quiet_documents": {"documents": len(ev.quiet()),
                            "predicted_tasks": sum(d.pred_tasks for d in ev.quiet()),
                            "per_document": {d.doc_id: d.pred_tasks for d in ev.quiet()}},
        "per_document": per_doc,
    }
