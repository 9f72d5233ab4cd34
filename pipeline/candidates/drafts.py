"""The record passed from layout readers (items, tables) to field resolution.

Why: tables, field bullets and prose find a task's parts in different places,
but lead/support splitting, prose roles, inheritance and deadlines are
resolved once, the same way, in ``pipeline.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.records import AgencyMention

Span = tuple[int, int]


@dataclass
class Draft:
    order: int  # position in the document, for output order
    text: Span
    task_id: str
    section: str
    layout: str  # "table" | "fields" | "prose"
    lead_fields: list[Span] = field(default_factory=list)
    support_fields: list[Span] = field(default_factory=list)
    deadline_field: Span | None = None
    label_lead: list[AgencyMention] = field(default_factory=list)
    inherited_lead: list[AgencyMention] = field(default_factory=list)
    inherited_support: list[AgencyMention] = field(default_factory=list)
    directing_lead: list[AgencyMention] = field(default_factory=list)  # from "X chỉ đạo …:" lead-ins above
    method: str = ""
    confidence: float = 0.8
    roles: Any = None  # agencies.Roles found in the text, when the reader already looked
    features: dict[str, float] | None = None  # classifier features (item drafts only)
