"""The record passed from layout readers (items, tables) to field resolution.

Why: tables, field bullets and prose find a task's parts in different places,
but lead/support splitting, prose roles, inheritance and deadlines are
resolved once, the same way, in ``pipeline.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.records import AgencyMention

Span = tuple[int, int]


class AgencyReader(Protocol):
    """What candidate generation asks of the agency stage; ``pipeline.extract`` passes it in.

    Candidates depend on this interface only, never on ``pipeline.agencies``: the
    layout proposes, the agency and task models (wired in by extract) decide.
    """

    def find_roles(self, text: str, offset: int, date: str | None) -> Any: ...

    def heading_agencies(self, text: str, offset: int, date: str | None) -> list[AgencyMention]: ...

    def leadin_agencies(self, text: str, offset: int, date: str | None) -> list[AgencyMention]: ...

    def label_agencies(self, text: str, offset: int, date: str | None) -> tuple[list[AgencyMention], int] | None: ...


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
    # layout facts for the task model (pipeline.classify): section class, marker, depth, and whether
    # today's layout rules accept the candidate ("rule"); candidates the rules reject are kept with rule=0
    facts: dict[str, Any] = field(default_factory=dict)
    found_deadline: Any = None  # the item's own time phrase (deadlines.Deadline), looked up once by extract
