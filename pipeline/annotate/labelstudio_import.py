"""Label Studio export (an annotator's corrections) back to gold tasks.

Per document the newest submitted annotation is used (ground truth first).
TASK regions become tasks in text order; LEAD/SUPPORT/DEADLINE regions join a
task by relation, in either direction, else the innermost TASK region around
them (reported). The deadline value comes from the per-region TextArea, else
from ``pipeline.deadlines.find.parse_deadline`` when that module exists, else type
``unknown``. Whatever is not converted as is becomes an ``ImportProblem``;
``error`` ones mean content was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.annotate.labelstudio_export import (
    DEADLINE_CONTROL,
    DEFAULT_UNIT,
    LABEL_FIELD,
    OFFSET_UNITS,
    LabelStudioError,
    OffsetMap,
    parse_deadline_value,
)
from pipeline.records import AgencyMention, Deadline, Span, Task
from pipeline.resources import load_json


def import_rules() -> dict[str, Any]:
    return load_json("labelstudio", "import.json")


@dataclass
class ImportProblem:
    """Something in an annotation that was not converted as is; ``error`` means content was lost."""

    doc_id: str
    message: str
    severity: str = "warning"
    region: str = ""

    def __str__(self) -> str:
        where = f" region {self.region}" if self.region else ""
        return f"{self.doc_id}{where}: {self.severity}: {self.message}"


@dataclass
class Region:
    id: str
    label: str
    start: int
    end: int
    meta: str = ""
    value: str | None = None  # the per-region deadline TextArea


def _pick_annotation(item: dict[str, Any], doc_id: str, problems: list[ImportProblem]) -> dict[str, Any] | None:
    done = [a for a in item.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if not done:
        problems.append(ImportProblem(doc_id, "no submitted annotation; document skipped (predictions are not gold)",
                                      "error"))
        return None
    done.sort(key=lambda a: (bool(a.get("ground_truth")), str(a.get("updated_at") or a.get("created_at") or ""),
                             int(a["id"]) if str(a.get("id", "")).isdigit() else -1))
    if len(done) > 1:
        problems.append(ImportProblem(doc_id, f"{len(done)} annotations; used {done[-1].get('id')} "
                                      "(ground truth, else the latest)"))
    return done[-1]


def _locate(text: str, om: OffsetMap, value: dict[str, Any], doc_id: str, rid: str,
            problems: list[ImportProblem]) -> Span | None:
    """Code-point span of a region, checked against the text Label Studio stored with it."""
    seen = value.get("text") if isinstance(value.get("text"), str) else None
    candidates = []
    for unit in dict.fromkeys((om.unit, *OFFSET_UNITS)):
        try:
            m = om if unit == om.unit else OffsetMap(text, unit)
            candidates.append((unit, m.from_ls(int(value["start"])), m.from_ls(int(value["end"]))))
        except (LabelStudioError, KeyError, TypeError, ValueError):
            continue
    for unit, s, e in candidates:
        if s < e and (seen is None or text[s:e] == seen):
            if unit != om.unit:
                problems.append(ImportProblem(doc_id, f"offsets read as {unit}, not {om.unit}", region=rid))
            return (s, e)
    if seen:
        near = candidates[0][1] if candidates else 0
        hits = [m.start() for m in re.finditer(re.escape(seen), text)]
        if hits:
            s = min(hits, key=lambda h: abs(h - near))
            problems.append(ImportProblem(doc_id, f"offsets did not match the stored text; used {seen!r} at {s}",
                                          region=rid))
            return (s, s + len(seen))
    problems.append(ImportProblem(doc_id, "region offsets cannot be placed in the text; dropped", "error", rid))
    return None


def _regions(text: str, om: OffsetMap, result: list[dict[str, Any]], doc_id: str,
             problems: list[ImportProblem]) -> tuple[dict[str, Region], list[tuple[str, str]]]:
    regions: dict[str, Region] = {}
    values: dict[str, str] = {}
    metas: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for r in result:
        rtype, rid, value = r.get("type"), str(r.get("id", "")), r.get("value") or {}
        if rtype == "relation":
            links.append((str(r.get("from_id")), str(r.get("to_id"))))
            continue
        meta = (r.get("meta") or {}).get("text") or []
        if meta:
            metas[rid] = "\n".join(map(str, meta))
        if rtype == "textarea" and r.get("from_name") == DEADLINE_CONTROL:
            values[rid] = "\n".join(map(str, value.get("text") or []))
        elif rtype == "labels":
            labels = [x for x in value.get("labels") or [] if x in LABEL_FIELD]
            if not labels:
                problems.append(ImportProblem(doc_id, f"labels {value.get('labels')} unknown; dropped", "error", rid))
                continue
            if len(labels) > 1:
                problems.append(ImportProblem(doc_id, f"several labels {labels}; used {labels[0]}", region=rid))
            span = _locate(text, om, value, doc_id, rid, problems)
            if span is not None:
                s, e = _trim(text, span, import_rules()["trim_end"][labels[0]])
                if s < e:
                    regions[rid] = Region(rid, labels[0], s, e)
        else:
            problems.append(ImportProblem(doc_id, f"result type {rtype!r} from {r.get('from_name')!r} ignored",
                                          region=rid))
    for rid, v in values.items():
        if rid in regions and regions[rid].label == "DEADLINE":
            regions[rid].value = v
        elif v.strip():
            problems.append(ImportProblem(doc_id, "deadline value on a region that is not a DEADLINE; ignored",
                                          region=rid))
    for rid, m in metas.items():
        if rid in regions:
            regions[rid].meta = m
    return regions, links


def _trim(text: str, span: Span, end_chars: str) -> Span:
    """A selection loosened by a stray space, bullet star or final punctuation, tightened."""
    s, e = span
    start_chars = import_rules()["trim_start"]
    while s < e and (text[s].isspace() or text[s] in start_chars):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in end_chars):
        e -= 1
    return (s, e)


def _collapse(s: str, emphasis: bool = False) -> str:
    return " ".join((s.replace("*", " ") if emphasis else s).split())


def _fallback_deadline(phrase: str, year: int | None) -> Deadline:
    """The deadline parser's reading of a phrase with no normalized value, else type unknown."""
    try:
        from pipeline.deadlines.find import parse_deadline
    except ModuleNotFoundError as exc:  # the parser is optional; a broken one is not hidden
        if exc.name != "pipeline.deadlines.find":
            raise
        return Deadline(text=phrase, type="unknown")
    parsed = parse_deadline(phrase, year)
    if parsed is None:
        return Deadline(text=phrase, type="unknown")
    return Deadline(text=phrase, type=parsed.type, start=parsed.start, end=parsed.end, recurrence=parsed.recurrence,
                    timex=parsed.timex, year_inferred=parsed.year_inferred)


def _attach(regions: dict[str, Region], links: list[tuple[str, str]], doc_id: str,
            problems: list[ImportProblem]) -> dict[str, list[Region]]:
    """Field regions per TASK region id: by relation (either direction), else by the innermost enclosing task."""
    tasks = {rid: r for rid, r in regions.items() if r.label == "TASK"}
    out: dict[str, list[Region]] = {rid: [] for rid in tasks}
    linked: set[str] = set()
    for a, b in links:
        ra, rb = regions.get(a), regions.get(b)
        if ra is None or rb is None:
            problems.append(ImportProblem(doc_id, f"relation {a} -> {b} names a missing region; ignored"))
            continue
        if (ra.label == "TASK") == (rb.label == "TASK"):
            problems.append(ImportProblem(doc_id, f"relation {a} ({ra.label}) -> {b} ({rb.label}) does not join a "
                                          "field to a task; ignored"))
            continue
        field, task = (ra, rb) if rb.label == "TASK" else (rb, ra)
        if field not in out[task.id]:
            out[task.id].append(field)
        linked.add(field.id)
    for r in regions.values():
        if r.label == "TASK" or r.id in linked:
            continue
        around = [t for t in tasks.values() if t.start <= r.start and r.end <= t.end]
        if not around:
            problems.append(ImportProblem(doc_id, f"{r.label} region has no relation and lies in no TASK; dropped",
                                          "error", r.id))
            continue
        inner = min(around, key=lambda t: t.end - t.start)
        out[inner.id].append(r)
        problems.append(ImportProblem(doc_id, f"{r.label} region has no relation; attached to the TASK around it "
                                      f"({inner.id})", region=r.id))
    return out


def _ids(text: str, region: Region, previous: Task | None) -> tuple[str, str, bool]:
    """task_id and section from region meta; else the item's own number and the previous task's section."""
    meta = dict(line.split(":", 1) for line in region.meta.splitlines() if ":" in line)
    meta = {k.strip(): v.strip() for k, v in meta.items()}
    keys = import_rules()["meta_keys"]
    if keys["task_id"] in meta:
        return meta[keys["task_id"]], meta.get(keys["section"], ""), False
    line_start = text.rfind("\n", 0, region.start) + 1
    m = re.match(import_rules()["enumerator"], text[line_start:region.start], re.IGNORECASE)
    number = m.group(1) if m and m.group(1) else ""
    if previous is None:
        return number or "P1", "", True
    parent = previous.task_id.split(".")
    if number:  # the item's own number replaces as many trailing parts of the previous id
        return ".".join(parent[:max(len(parent) - len(number.split(".")), 0)] + [number]), previous.section, True
    return f"{previous.task_id}.P1", previous.section, True


def _doc_id(item: dict[str, Any]) -> str:
    return str((item.get("data") or {}).get("doc_id") or f"labelstudio-{item.get('id')}")


def import_document(item: dict[str, Any], unit: str | None = None) -> tuple[list[Task] | None, list[ImportProblem]]:
    """One exported Label Studio task (one document) as gold tasks in text order; None when skipped."""
    data = item.get("data") or {}
    text = data.get("text")
    doc_id = _doc_id(item)
    problems: list[ImportProblem] = []
    if not isinstance(text, str):
        return None, [ImportProblem(doc_id, "task has no data.text; skipped", "error")]
    if "doc_id" not in data:
        problems.append(ImportProblem(doc_id, "task has no data.doc_id; named after its Label Studio id", "error"))
    annotation = _pick_annotation(item, doc_id, problems)
    if annotation is None:
        return None, problems
    om = OffsetMap(text, unit or data.get("offset_unit") or DEFAULT_UNIT)
    regions, links = _regions(text, om, annotation.get("result") or [], doc_id, problems)
    fields = _attach(regions, links, doc_id, problems)
    year = data.get("ref_year") if isinstance(data.get("ref_year"), int) else None
    order = sorted((r for r in regions.values() if r.label == "TASK"), key=lambda r: (r.start, -r.end))
    for a, b in zip(order, order[1:], strict=False):
        if b.start < a.end:
            problems.append(ImportProblem(doc_id, f"TASK regions {a.id} and {b.id} overlap; both kept", region=b.id))
    tasks: list[Task] = []
    for r in order:
        body = _collapse(text[r.start:r.end], emphasis=True)
        if not body:
            problems.append(ImportProblem(doc_id, "TASK region has no text; dropped", "error", r.id))
            continue
        task_id, section, recomputed = _ids(text, r, tasks[-1] if tasks else None)
        if recomputed:
            problems.append(ImportProblem(doc_id, f"TASK region has no task_id meta; task_id {task_id!r} recomputed",
                                          region=r.id))
        mine = sorted(fields[r.id], key=lambda f: (f.start, f.end))
        task = Task(doc_id=doc_id, task_id=task_id, section=section, text=body, text_span=(r.start, r.end),
                    lead=[AgencyMention(_collapse(text[f.start:f.end]), (f.start, f.end)) for f in mine
                          if f.label == "LEAD"],
                    support=[AgencyMention(_collapse(text[f.start:f.end]), (f.start, f.end)) for f in mine
                             if f.label == "SUPPORT"],
                    method="labelstudio")
        deadlines = [f for f in mine if f.label == "DEADLINE"]
        if len(deadlines) > 1:
            problems.append(ImportProblem(doc_id, f"{len(deadlines)} DEADLINE regions; kept the first", region=r.id))
        if deadlines:
            task.deadline = _deadline(text, deadlines[0], year, doc_id, problems)
        tasks.append(task)
    return tasks, problems


def _deadline(text: str, region: Region, year: int | None, doc_id: str, problems: list[ImportProblem]) -> Deadline:
    phrase = _collapse(text[region.start:region.end])
    deadline = None
    if region.value and region.value.strip():
        try:
            deadline = parse_deadline_value(region.value, phrase)
        except LabelStudioError as exc:
            problems.append(ImportProblem(doc_id, f"{exc}; the phrase was parsed instead", "error", region.id))
    if deadline is None:
        deadline = _fallback_deadline(phrase, year)
        if deadline.type == "unknown":
            problems.append(ImportProblem(doc_id, f"deadline {phrase!r} has no normalized value; type unknown",
                                          region=region.id))
    deadline.span = (region.start, region.end)
    return deadline


def import_export(export: Any, unit: str | None = None) -> tuple[dict[str, list[Task]], list[ImportProblem]]:
    """A Label Studio JSON export as gold tasks per document (skipped documents absent) and problems."""
    if isinstance(export, dict) and "data" in export:
        export = [export]
    if not isinstance(export, list) or not all(isinstance(x, dict) for x in export):
        raise LabelStudioError("expected Label Studio's JSON export: a list of tasks")
    if export and all("data" not in x for x in export):
        raise LabelStudioError("this looks like a JSON-MIN or CSV-style export, which has no relations; "
                               "export the project as JSON instead")
    tasks: dict[str, list[Task]] = {}
    problems: list[ImportProblem] = []
    for item in export:
        t, p = import_document(item, unit)
        problems += p
        if t is None:
            continue
        doc_id = _doc_id(item)
        if doc_id in tasks:
            problems.append(ImportProblem(doc_id, "document appears twice in the export; the later one kept", "error"))
        tasks[doc_id] = t
    return tasks, problems


def gold_record(task: Task) -> dict[str, Any]:
    """A gold JSONL object (guideline section 5) with the annotator's spans."""
    d = task.deadline
    return {
        "doc_id": task.doc_id, "task_id": task.task_id, "section": task.section, "text": task.text,
        "lead": [m.text for m in task.lead], "support": [m.text for m in task.support],
        "deadline": None if d is None else {"text": d.text, "type": d.type, "start": d.start, "end": d.end,
                                            "recurrence": d.recurrence},
        "spans": {"text": _pair(task.text_span), "lead": [_pair(m.span) for m in task.lead],
                  "support": [_pair(m.span) for m in task.support], "deadline": _pair(d.span) if d else None},
    }


def _pair(span: Span | None) -> list[int] | None:
    return [span[0], span[1]] if span is not None else None
