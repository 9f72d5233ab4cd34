"""The per-document function: raw text in, document record and tasks out.

normalize → structure → candidates (items, table rows: the layout proposes) →
the task model decides → one place that resolves lead, support and deadline
for every kept candidate (fields first, then the item's prose, then what a
heading or lead-in passes down).
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
from pipeline.text.util import agency_key


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
    drafts = decide(candidates(st, meta), norm.text, use_model=use_classifier)
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


def candidates(st: structure.Structure, meta: Metadata) -> list[Draft]:
    """Every candidate the layout proposes (items, paragraphs, table rows), in document order.

    The one candidate function: extraction and ``evaluation/train_classifier.py`` both use it.
    """
    drafts = drafts_from_items(st, meta, agencies)
    drafts.extend(drafts_from_tables(st, _row_sections(st)))
    text = st.text
    for d in drafts:
        d.facts["doc_type"] = meta.doc_type
        d.facts["title"] = meta.title or ""
        body = text[d.text[0] : d.text[1]]
        d.found_deadline = deadlines.find_deadline(body, meta.ref_year)
        d.facts["has_deadline"] = d.deadline_field is not None or d.found_deadline is not None
        roles = d.roles
        d.facts["lead_at_start"] = bool(roles is not None and roles.lead and roles.lead[0].span[0] - d.text[0] < 3)
    drafts.sort(key=lambda d: d.order)
    return drafts


def decide(drafts: list[Draft], text: str, use_model: bool = True) -> list[Draft]:
    """Keep the candidates the task model accepts (its probability becomes the confidence).

    Without a model (or with ``use_model=False``) the layout rules decide alone.
    """
    kept: list[Draft] = []
    model = use_model and classify.available()
    for d in drafts:
        if not model or classify.rules_decide(d.facts.get("doc_type")):
            if d.facts.get("rule", True):
                kept.append(d)
            continue
        p = classify.probability(classify.features(text[d.text[0] : d.text[1]], d.facts))
        if p is None or p >= classify.threshold(bool(d.facts.get("rule", True))):
            d.confidence = round(p, 3) if p is not None else d.confidence
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
        key = agency_key(m.text)
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
        found = d.found_deadline
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
