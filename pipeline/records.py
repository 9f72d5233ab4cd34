"""Typed records shared by every stage, and their JSON form in one place.

Spans are half-open ``[start, end)`` Python code-point offsets into the
normalized document text (``DocumentRecord.text``), so ``text[s:e]`` is the
extracted string exactly.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

DEADLINE_TYPES = (
    "date",
    "month",
    "quarter",
    "half_year",
    "year",
    "range",
    "recurring",
    "continuous",
    "as_needed",
    "unknown",
)


@dataclass
class Deadline:
    """A normalized time phrase (guideline section 4) plus extras for tools."""

    text: str
    type: str
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    timex: str | None = None
    year_inferred: bool = False
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        """The guideline's object first; extras after (scorers ignore them)."""
        return {
            "text": self.text,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "recurrence": self.recurrence,
            "timex": self.timex,
            "year_inferred": self.year_inferred,
        }

    def value(self) -> tuple[str, str | None, str | None, str | None]:
        """What scoring compares: type, start, end, recurrence."""
        return (self.type, self.start, self.end, self.recurrence)


@dataclass
class AgencyMention:
    """One agency item as written, with what the gazetteer knows of it."""

    text: str
    span: Span | None = None
    canonical: str | None = None
    kind: str | None = None
    level: str | None = None
    generic: bool = False
    in_gazetteer: bool = False
    successor: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span) if self.span is not None else None
        return data


@dataclass
class Task:
    """One task record: the guideline's keys plus grounding and provenance."""

    doc_id: str
    task_id: str
    section: str
    text: str
    text_span: Span | None = None
    lead: list[AgencyMention] = field(default_factory=list)
    support: list[AgencyMention] = field(default_factory=list)
    deadline: Deadline | None = None
    confidence: float = 1.0
    method: str = ""
    layout: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "task_id": self.task_id,
            "section": self.section,
            "text": self.text,
            "lead": [m.text for m in self.lead],
            "support": [m.text for m in self.support],
            "deadline": self.deadline.to_json() if self.deadline else None,
            "spans": {
                "text": _span_json(self.text_span),
                "lead": [_span_json(m.span) for m in self.lead],
                "support": [_span_json(m.span) for m in self.support],
                "deadline": _span_json(self.deadline.span) if self.deadline else None,
            },
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "layout": self.layout,
            "lead_entities": [m.to_json() for m in self.lead],
            "support_entities": [m.to_json() for m in self.support],
        }


def task_from_json(data: dict[str, Any]) -> Task:
    """A task record (tasks.jsonl or gold) as a Task; spans and canonical names kept when present."""
    d = data.get("deadline")
    deadline = None
    if d is not None:
        deadline = Deadline(text=d["text"], type=d["type"], start=d["start"], end=d["end"],
                            recurrence=d["recurrence"], timex=d.get("timex"),
                            year_inferred=bool(d.get("year_inferred", False)))
    spans = data.get("spans") or {}
    task = Task(
        doc_id=data["doc_id"], task_id=data["task_id"], section=data["section"], text=data["text"],
        text_span=_span_from(spans.get("text")),
        lead=_mentions(data["lead"], spans.get("lead"), data.get("lead_entities")),
        support=_mentions(data["support"], spans.get("support"), data.get("support_entities")),
        deadline=deadline, confidence=float(data.get("confidence", 1.0)),
        method=str(data.get("method", "")), layout=str(data.get("layout") or ""),
    )
    if deadline is not None:
        deadline.span = _span_from(spans.get("deadline"))
    return task


def _mentions(items: list[str], spans: Any, entities: Any) -> list[AgencyMention]:
    out = []
    for i, text in enumerate(items):
        m = AgencyMention(text=text)
        if isinstance(spans, list) and i < len(spans):
            m.span = _span_from(spans[i])
        if isinstance(entities, list) and i < len(entities) and isinstance(entities[i], dict):
            m.canonical = entities[i].get("canonical")
        out.append(m)
    return out


def _span_from(value: Any) -> Span | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return (value[0], value[1])
    return None


@dataclass
class DocumentRecord:
    """One line of documents.jsonl: the normalized text that spans index."""

    doc_id: str
    source: str
    sha256: str
    text: str
    title: str | None = None
    number: str | None = None
    date: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    plan_year: int | None = None
    task_count: int = 0
    warnings: list[str] = field(default_factory=list)
    input_format: str = "txt"
    encoding: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ErrorRecord:
    """One line of errors.jsonl: a file that could not be processed."""

    path: str
    reason: str
    error_type: str = "error"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _span_json(span: Span | None) -> list[int] | None:
    return [span[0], span[1]] if span is not None else None


def dumps(obj: dict[str, Any]) -> str:
    """One JSONL line: UTF-8 kept readable, key order stable."""
    return json.dumps(obj, ensure_ascii=False)
