"""The per-document function: raw text in, document record and tasks out.

normalize → structure → layout readers (items, tables) → one place that
resolves lead, support and deadline for every draft (fields first, then the
item's prose, then what a heading or lead-in passes down).
"""

from __future__ import annotations

import hashlib

from pipeline import agencies, deadlines
from pipeline.candidates.drafts import Draft
from pipeline.candidates.items import drafts_from_items
from pipeline.candidates.table_rows import drafts_from_tables
from pipeline.classify import model as classify
from pipeline.layout import structure
from pipeline.layout.metadata import Metadata, read_metadata
from pipeline.records import AgencyMention, DocumentRecord, Task
from pipeline.text.normalize import normalize
from pipeline.text.util import fold


def extract_document(
    text: str,
    doc_id: str,
    source: str = "",
    *,
    input_format: str = "txt",
    encoding: str | None = None,
    unify_tones: bool = False,
    use_classifier: bool = True,
) -> tuple[DocumentRecord, list[Task]]:
    """Raw document text in, (document record, tasks) out. Pure; no I/O."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    norm = normalize(text, unify_tones=unify_tones)
    meta = read_metadata(norm)
    st = structure.parse(norm)
    drafts = drafts_from_items(st, meta)
    drafts.extend(drafts_from_tables(st, _row_sections(st)))
    drafts.sort(key=lambda d: d.order)
    if use_classifier and classify.available():
        drafts = _score(drafts)
    tasks = [_resolve(norm.text, d, doc_id, meta) for d in drafts]
    tasks = [t for t in tasks if t is not None]
    warnings = list(norm.warnings)
    if not tasks:
        warnings.append("no tasks found")
    doc = DocumentRecord(
        doc_id=doc_id,
        source=source,
        sha256=sha,
        text=norm.text,
        title=meta.title,
        number=meta.number,
        date=meta.date,
        doc_type=meta.doc_type,
        plan_year=meta.plan_year,
        task_count=len(tasks),
        warnings=warnings,
        input_format=input_format,
        encoding=encoding,
    )
    return doc, tasks


def _score(drafts: list[Draft]) -> list[Draft]:
    """Keep the candidates the classifier accepts; its probability becomes the confidence."""
    kept: list[Draft] = []
    cut = classify.threshold()
    for d in drafts:
        p = classify.probability(d.features) if d.features is not None else None
        if p is None:
            kept.append(d)
        elif p >= cut:
            d.confidence = p
            kept.append(d)
    return kept


def _row_sections(st: structure.Structure) -> dict[int, tuple[str, str]]:
    """Section titles and numbering prefix of the headings enclosing each table row."""
    out: dict[int, tuple[str, str]] = {}
    for n in st.nodes:
        if n.kind != "row":
            continue
        titles: list[str] = []
        nums: list[str] = []
        p = n.parent
        while p is not None:
            pn = st.nodes[p]
            if pn.kind == "item" or pn.emphasis:
                titles.append(st.text[pn.line_start : pn.end].strip().rstrip(" .:;"))
                if pn.number and pn.style not in ("dash", "plus", "bullet"):
                    nums.append(pn.number)
            p = pn.parent
        out[n.idx] = (" > ".join(reversed(titles)), ".".join(reversed(nums)))
    return out


def _dedupe(items: list[AgencyMention]) -> list[AgencyMention]:
    seen: set[str] = set()
    out: list[AgencyMention] = []
    for m in items:
        key = fold(m.text)
        key = key[4:] if key.startswith("các ") else key
        if key and key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _resolve(text: str, d: Draft, doc_id: str, meta: Metadata) -> Task | None:
    s, e = d.text
    if s >= e:
        return None
    body = text[s:e]
    date = meta.date
    lead: list[AgencyMention] = []
    for fs, fe in d.lead_fields:
        lead.extend(agencies.split_agencies(text[fs:fe], fs, date))
    support: list[AgencyMention] = []
    for fs, fe in d.support_fields:
        support.extend(agencies.split_agencies(text[fs:fe], fs, date))
    roles = d.roles if d.roles is not None else agencies.find_roles(body, s, date)
    method = d.method
    confidence = d.confidence
    if not lead:
        if d.label_lead:
            lead = list(d.label_lead)
        elif roles.lead:
            lead = list(roles.lead)
            method = method if method != "prose" else "prose:subject"
        elif d.inherited_lead:
            lead = [AgencyMention(**vars(m)) for m in d.inherited_lead]
            method = f"{method}+inherited"
            confidence = min(confidence, 0.7)
    if d.directing_lead:
        lead = [AgencyMention(**vars(m)) for m in d.directing_lead] + lead
    support = _dedupe(support + list(roles.support))
    if d.inherited_support and method.endswith("inherited"):
        # partners named by the heading or lead-in join the item's own (the item inherits its lead too)
        support = _dedupe([AgencyMention(**vars(m)) for m in d.inherited_support] + support)
    lead = _dedupe(lead)
    deadline = None
    if d.deadline_field is not None:
        fs, fe = d.deadline_field
        deadline = deadlines.parse_deadline(text[fs:fe], meta.ref_year)
        if deadline.span is not None:
            deadline.span = (fs + deadline.span[0], fs + deadline.span[1])
    if deadline is None:
        found = deadlines.find_deadline(body, meta.ref_year)
        if found is not None:
            deadline = found
            if found.span is not None:
                deadline.span = (s + found.span[0], s + found.span[1])
    return Task(
        doc_id=doc_id,
        task_id=d.task_id,
        section=d.section,
        text=body,
        text_span=(s, e),
        lead=lead,
        support=support,
        deadline=deadline,
        confidence=confidence,
        method=method,
        layout=d.layout,
    )
