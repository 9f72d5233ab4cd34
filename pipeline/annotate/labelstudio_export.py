"""Label Studio round trip: labeling config, tasks with predictions, annotator export back to gold.

One Label Studio task per document (``data.text`` is the normalized text).
Regions are labelled TASK, LEAD, SUPPORT or DEADLINE; each field region is
joined to its task by a relation (field -> task). A region shared by several
tasks (an agency heading that gives its lead to every bullet) is one region
with several relations. The normalized deadline rides on a per-region
TextArea (``deadline_value``: ``type | start | end | recurrence``): unlike
region meta it is a labelled control the annotator sees and edits when a
DEADLINE region is selected, and it is exported as its own result item with
the region's id. TASK regions carry ``task_id``/``section`` in region meta.

Offsets: Python counts code points; Label Studio 1.x before the code-point fix
counted JavaScript (UTF-16) units and current releases count code points, so
the unit is a parameter, recorded in ``data.offset_unit`` and converted only
in ``OffsetMap`` (Label Studio 1.23 was checked to count code points). The way
back, export to gold, is ``pipeline.annotate.labelstudio_import``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from pipeline import __version__
from pipeline.errors import VntasksError
from pipeline.records import DEADLINE_TYPES, Deadline, DocumentRecord, Span, Task
from pipeline.resources import model_path

LABEL_FIELD = {"TASK": "text", "LEAD": "lead", "SUPPORT": "support", "DEADLINE": "deadline"}
FROM_NAME, TO_NAME, DEADLINE_CONTROL = "label", "text", "deadline_value"
OFFSET_UNITS = ("codepoint", "utf16")
DEFAULT_UNIT = "codepoint"

_DAY = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|--\d{2}-\d{2}|---\d{2})$")
_DURATION = re.compile(r"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$")


class LabelStudioError(VntasksError):
    """A Label Studio file or value this module cannot read."""


class OffsetMap:
    """Code-point offsets of one text <-> Label Studio offsets in ``unit``."""

    def __init__(self, text: str, unit: str = DEFAULT_UNIT) -> None:
        if unit not in OFFSET_UNITS:
            raise LabelStudioError(f"offset unit {unit!r}: expected one of {', '.join(OFFSET_UNITS)}")
        self.size = len(text)
        self.unit = unit
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if unit == "utf16" else []
        self._astral = astral  # code-point index of each character that takes two UTF-16 units
        self._ends = [a + k + 2 for k, a in enumerate(astral)]  # unit offset just after each of them

    def to_ls(self, i: int) -> int:
        if not 0 <= i <= self.size:
            raise LabelStudioError(f"offset {i} outside the text (length {self.size})")
        return i + bisect_left(self._astral, i)

    def from_ls(self, u: int) -> int:
        before = bisect_right(self._ends, u)
        i = u - before
        if before < len(self._astral) and self._ends[before] - 1 == u:
            raise LabelStudioError(f"offset {u} falls inside a surrogate pair")
        if not 0 <= i <= self.size:
            raise LabelStudioError(f"offset {u} outside the text (length {self.size})")
        return i


def labeling_config() -> str:
    """The project's labeling interface (models/labelstudio/labeling_config.xml)."""
    return model_path("labelstudio", "labeling_config.xml").read_text(encoding="utf-8")


def format_deadline_value(d: Deadline) -> str:
    """``type | start | end | recurrence`` with ``-`` for null: short enough to edit by hand."""
    return " | ".join(x or "-" for x in (d.type, d.start, d.end, d.recurrence))


def parse_deadline_value(value: str, phrase: str) -> Deadline:
    """The annotator's normalized value (pipe form, or a JSON object) as a Deadline for ``phrase``."""
    value = value.strip()
    if value.startswith("{"):
        try:
            obj = json.loads(value)
            parts = [obj.get(k) for k in ("type", "start", "end", "recurrence")]
        except (json.JSONDecodeError, AttributeError) as exc:
            raise LabelStudioError(f"deadline value {value!r} is not a JSON object") from exc
    else:
        parts = [p.strip() for p in value.split("|")]
        parts += [""] * (4 - len(parts))
        if len(parts) > 4:
            raise LabelStudioError(f"deadline value {value!r}: expected type | start | end | recurrence")
    kind, start, end, rec = (None if p in (None, "", "-", "null", "None") else str(p) for p in parts)
    if kind not in DEADLINE_TYPES:
        raise LabelStudioError(f"deadline type {kind!r}: expected one of {', '.join(DEADLINE_TYPES)}")
    for day in (start, end):
        if day is not None and not _DAY.match(day):
            raise LabelStudioError(f"deadline day {day!r}: expected YYYY-MM-DD or --MM-DD")
    if rec is not None and not _DURATION.match(rec):
        raise LabelStudioError(f"deadline recurrence {rec!r}: expected an ISO 8601 duration such as P1Y")
    return Deadline(text=phrase, type=kind, start=start, end=end, recurrence=rec)


def ref_year(doc: DocumentRecord) -> int | None:
    """The year a yearless deadline takes (guideline section 4): plan year, else issue year."""
    if doc.plan_year:
        return doc.plan_year
    m = re.match(r"(\d{4})", doc.date or "")
    return int(m.group(1)) if m else None


# ---- export --------------------------------------------------------------------

def _region(rid: str, label: str, span: Span, text: str, om: OffsetMap) -> dict[str, Any]:
    return {"id": rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": om.to_ls(span[0]), "end": om.to_ls(span[1]), "text": text[span[0]:span[1]],
                      "labels": [label]}}


def export_document(doc: DocumentRecord, tasks: Sequence[Task], *, model_version: str = f"vntasks {__version__}",
                    unit: str = DEFAULT_UNIT) -> tuple[dict[str, Any], list[str]]:
    """One Label Studio task with the extractor's output as its prediction, and what could not be exported."""
    text, om = doc.text, OffsetMap(doc.text, unit)
    problems: list[str] = []
    result: list[dict[str, Any]] = []
    fields: dict[tuple[str, int, int], str] = {}  # (label, start, end) -> region id, shared between tasks
    relations: set[tuple[str, str]] = set()

    def valid(span: Span | None, what: str) -> Span | None:
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            return span
        problems.append(f"{doc.doc_id}: {what}: {'no span' if span is None else f'span {list(span)} outside the text'}")
        return None

    for k, task in enumerate(tasks, 1):
        span = valid(task.text_span, f"task {task.task_id} text")
        if span is None:
            continue
        tid = f"T{k}"
        item = _region(tid, "TASK", span, text, om)
        item["score"] = task.confidence
        item["meta"] = {"text": [f"task_id: {task.task_id}\nsection: {task.section}"]}
        result.append(item)
        parts = [("LEAD", m.text, m.span) for m in task.lead] + [("SUPPORT", m.text, m.span) for m in task.support]
        if task.deadline is not None:
            parts.append(("DEADLINE", task.deadline.text, task.deadline.span))
        for label, s, fspan in parts:
            fspan = valid(fspan, f"task {task.task_id} {label.lower()} {s!r}")
            if fspan is None:
                continue
            key = (label, fspan[0], fspan[1])
            if key not in fields:
                fields[key] = rid = f"{label[0]}{len(fields) + 1}"
                result.append(_region(rid, label, fspan, text, om))
                if label == "DEADLINE" and task.deadline is not None:
                    result.append({"id": rid, "from_name": DEADLINE_CONTROL, "to_name": TO_NAME, "type": "textarea",
                                   "value": {"start": om.to_ls(fspan[0]), "end": om.to_ls(fspan[1]),
                                             "text": [format_deadline_value(task.deadline)]}})
            if (fields[key], tid) not in relations:
                relations.add((fields[key], tid))
                result.append({"from_id": fields[key], "to_id": tid, "type": "relation", "direction": "right"})
    scores = [t.confidence for t in tasks]
    data = {"text": text, "doc_id": doc.doc_id, "title": doc.title or "", "ref_year": ref_year(doc),
            "offset_unit": unit}
    # The weakest task's confidence, so sorting by score puts the documents most in need of review first.
    prediction = {"model_version": model_version, "score": min(scores) if scores else 1.0, "result": result}
    return {"data": data, "predictions": [prediction]}, problems


def export_tasks(docs: Sequence[DocumentRecord], tasks: Sequence[Task], **kwargs: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Label Studio tasks for every document (documents without tasks included: tasks may be missing)."""
    by_doc: dict[str, list[Task]] = {}
    for t in tasks:
        by_doc.setdefault(t.doc_id, []).append(t)
    out, problems = [], []
    for doc in docs:
        item, p = export_document(doc, by_doc.get(doc.doc_id, []), **kwargs)
        out.append(item)
        problems += p
    return out, problems
