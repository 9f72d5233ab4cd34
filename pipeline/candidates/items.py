"""Tasks from numbered items, bullets, field lines and prose paragraphs.

A task is the finest enumerated item that carries an assignment (guideline §1):
leaves of the heading tree inside task-bearing sections, with the field lines
(chủ trì / phối hợp / thời gian) that belong to them.  Groups pass their title
(into ``section``) and any agencies they name (into ``inherited_lead``) down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.candidates.drafts import AgencyReader, Draft, Span
from pipeline.layout import sections, zones
from pipeline.layout.metadata import Metadata
from pipeline.layout.structure import Node, Structure
from pipeline.records import AgencyMention
from pipeline.text.util import fold, trim_span

_BULLETS = zones.BULLETS
_DIRECTIVE_DOCS = {"chi_thi", "cong_dien", "cong_van", "thong_bao", "ket_luan"}
# "X chỉ đạo:" or "X chỉ đạo Y thực hiện … sau:" (a Y must stand between; "chỉ đạo thực hiện" is X's own duty)
_DIRECTING = re.compile(
    r"chỉ đạo\s*:$|chỉ đạo\s+(?!thực hiện|triển khai|tổ chức|việc)\S[^.:]{0,120}(thực hiện|triển khai)[^.:]{0,60}"
    r"(sau|dưới đây)\s*:$"
)
_HEADING_STYLES = {"roman", "part", "article"}


@dataclass
class _Run:
    """Per-document state of one walk: the tree, header facts, output, skipped nodes."""

    st: Structure
    meta: Metadata
    agencies: AgencyReader
    out: list[Draft] = field(default_factory=list)
    counters: dict[int | None, int] = field(default_factory=dict)
    dead: set[int] = field(default_factory=set)


@dataclass
class _Ctx:
    """What a node inherits from its ancestors."""

    cls: str  # task / nontask / neutral
    section: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    lead: list[AgencyMention] = field(default_factory=list)
    support: list[AgencyMention] = field(default_factory=list)
    directive: bool = False  # under a lead-in such as "Thủ tướng yêu cầu:"
    directing: list[AgencyMention] = field(default_factory=list)  # "X chỉ đạo …:" leads kept at every level
    directive_doc: bool = False  # a chỉ thị / công điện / công văn / thông báo: its enumerated items are directives



def drafts_from_items(st: Structure, meta: Metadata, agencies: AgencyReader) -> list[Draft]:
    """Every item and paragraph a reader would weigh as a task, with the layout facts for the task model."""
    run = _Run(st, meta, agencies, dead=zones.signature_zone(st))
    for root in st.roots:
        _walk(run, root, _Ctx(sections.NEUTRAL, directive_doc=meta.doc_type in _DIRECTIVE_DOCS))
    return run.out


def _content(st: Structure, node: Node) -> Span:
    return trim_span(st.text, node.start, node.end, " \t\n")


def _title(st: Structure, node: Node) -> str:
    s = st.text[node.line_start : node.end].strip()
    return s.rstrip(" .:;")


def _label(node: Node, st: Structure, counters: dict[int | None, int]) -> str:
    if node.style in _BULLETS or node.number is None:
        key = node.parent
        counters[key] = counters.get(key, 0) + 1
        return str(counters[key])
    return node.number


def _is_task_child(st: Structure, idx: int) -> bool:
    n = st.nodes[idx]
    return n.kind in ("item", "para") or (n.kind == "field" and n.field_role == "content" and bool(n.children))


def _walk(run: _Run, idx: int, ctx: _Ctx) -> None:
    st, meta, out, counters, agencies = run.st, run.meta, run.out, run.counters, run.agencies
    node = st.nodes[idx]
    if node.kind in ("row", "title") or idx in run.dead:
        return
    text = st.text
    start, end = _content(st, node)
    body = text[start:end]
    cls = ctx.cls
    heading_cls = sections.classify_heading(body) if node.kind in ("item", "para") else None
    if node.style == "article" and sections.is_enabling_article(body):
        heading_cls = sections.NONTASK
    if heading_cls and (node.children or node.emphasis or node.style in _HEADING_STYLES):
        cls = heading_cls
    elif node.style in _HEADING_STYLES or (node.emphasis and node.kind == "para" and node.children):
        # a new top-level heading with no task words: a topic; keep the class of an enclosing task section
        cls = ctx.cls if ctx.cls != sections.NONTASK or node.style not in _HEADING_STYLES else sections.NEUTRAL

    label = _label(node, st, counters) if node.kind == "item" else None
    path = ctx.path + ([label] if label else [])
    kids = [c for c in node.children if _is_task_child(st, c) and c not in run.dead]

    if node.kind == "field":
        if node.field_role == "content" and node.children:
            for c in node.children:
                _walk(run, c, ctx)
        return

    is_group = bool(kids) and _has_items(st, node, kids)
    if is_group:
        child_ctx = _Ctx(cls, ctx.section + ([_title(st, node)] if node.kind == "item" or node.emphasis else []),
                         path, ctx.lead, ctx.support, ctx.directive, list(ctx.directing), ctx.directive_doc)
        # an upper-case issuer line ("CHÍNH PHỦ", "BỘ TRƯỞNG BỘ …") over the preamble names no performer
        heads = (None if zones.is_title_like(body) and node.kind == "para"
                 else _group_agencies(agencies, st, node, body, start, meta))
        if heads is not None:
            child_ctx.lead = heads[0] or ctx.lead
            child_ctx.support = heads[1]
            child_ctx.directive = True
            if _DIRECTING.search(fold(body)):
                # guideline §7: "X chỉ đạo Y thực hiện các nội dung sau:" gives X (and Y) as lead to every item
                child_ctx.directing = ctx.directing + heads[0]
        elif node.kind == "para" and body.endswith(":"):
            child_ctx.directive = ctx.directive or _is_directive_leadin(body)
            child_ctx.section = ctx.section
        for c in node.children:
            _walk(run, c, child_ctx)
        # rows of a task table under this heading are read by pipeline.candidates.table_rows
        return

    if node.emphasis and node.kind == "para" and not node.children:
        return  # a bold heading with nothing under it
    if node.style in ("part",) or not body or zones.is_title_like(body):
        return
    rejected = ""  # the layout rules would drop it: still a candidate, the task model decides
    if cls == sections.NONTASK:
        rejected = "nontask_section"
    elif zones.closing().search(fold(body)):
        rejected = "closing"
    if node.style in ("article", "roman", "part") and not node.children and (node.emphasis or zones.is_title_like(body)):
        return  # a section heading with nothing under it ("II. NHIỆM VỤ (chi tiết tại Phụ lục)")
    if node.kind == "para" and body.endswith(":") and not node.children:
        return  # a lead-in with nothing under it
    if any(st.nodes[c].kind == "row" and c not in run.dead for c in node.children):
        return  # the heading of a table: its rows are read by pipeline.candidates.table_rows
    draft = _make_draft(agencies, st, node, ctx, cls, path, start, end, meta, rejected)
    if draft is not None:
        out.append(draft)
    # unnumbered paragraphs under a leaf item with their own subject are tasks of their own
    p = 0
    for c in node.children:
        cn = st.nodes[c]
        if cn.kind == "para" and c not in run.dead:
            p += 1
            cs, ce = _content(st, cn)
            if cs >= ce:
                continue
            closing = bool(zones.closing().search(fold(text[cs:ce])))
            roles = agencies.find_roles(text[cs:ce], cs, meta.date)
            facts = _facts(meta, cls, None, "para", ctx, len(path) + 1, has_fields=False, has_label=False,
                           role_lead=bool(roles.lead), rule=bool(roles.lead) and not closing and not rejected,
                           rejected="closing" if closing else rejected or ("" if roles.lead else "no_subject"),
                           after_item=True)
            out.append(Draft(cn.idx, (cs, ce), ".".join(path + [f"P{p}"]), " > ".join(ctx.section), "prose",
                             method="prose:paragraph", confidence=0.6, roles=roles, facts=facts))


def _has_items(st: Structure, node: Node, kids: list[int]) -> bool:
    """A group's children carry the assignments: marked items, or paragraphs under a lead-in."""
    body = st.text[node.start : node.end].rstrip()
    leadin = body.endswith(":")
    heading = node.emphasis or (len(body) < 200 and not body.endswith((".", ";", ".)")))
    for c in kids:
        n = st.nodes[c]
        if n.kind == "item" or (n.kind == "field" and n.children):
            return True
        if n.kind == "para" and (leadin or heading or n.children):
            return True
    return False


def _group_agencies(agencies: AgencyReader, st: Structure, node: Node, body: str, start: int,
                    meta: Metadata) -> tuple[list[AgencyMention], list[AgencyMention]] | None:
    """Lead and support a group heading or lead-in gives to its children, or None.

    "X chủ trì, phối hợp với Y triển khai các nội dung sau:" gives X as lead and Y
    as support to each child that names none of its own.
    """
    lead: list[AgencyMention] | None = None
    if body.endswith(":") or node.kind == "para":
        lead = agencies.leadin_agencies(body, start, meta.date) or None
    if lead is None:
        lead = agencies.heading_agencies(body, start, meta.date) or None
    roles = agencies.find_roles(body, start, meta.date)
    if lead is None:
        if roles.support and not roles.lead and re.match(r"^(chủ trì|phối hợp)", fold(body)):
            # "a) Chủ trì, phối hợp với các sở, ngành …:" under an agency heading: partners for each item
            return [], list(roles.support)
        return None
    return lead, list(roles.support)


def _is_directive_leadin(body: str) -> bool:
    f = fold(body)
    return bool(re.search(r"yêu cầu|đề nghị|chỉ đạo|giao|như sau|sau đây|nội dung sau|nhiệm vụ sau|các việc sau"
                          r"|^(nhiệm vụ|giải pháp|trọng tâm|nội dung)( trọng tâm| cụ thể| chủ yếu)?\s*:$", f))


def _fields_of(st: Structure, node: Node) -> list[Node]:
    """Field lines that belong to a task node (guideline §7: a field block after bullets applies to each)."""
    found: list[Node] = []

    def collect(n: Node) -> None:
        for c in n.children:
            cn = st.nodes[c]
            if cn.kind == "field":
                found.append(cn)
                collect(cn)

    collect(node)
    if found:
        return found
    parent = st.nodes[node.parent] if node.parent is not None else None
    if parent is None:
        return found
    if parent.kind == "field" and parent.field_role == "content" and parent.parent is not None:
        holder = st.nodes[parent.parent]
        for c in holder.children:
            cn = st.nodes[c]
            if cn.kind == "field" and cn.idx != parent.idx:
                found.append(cn)
                collect(cn)
        return found
    # a field block following a run of bullets applies to each of them
    after = False
    for c in parent.children:
        if c == node.idx:
            after = True
            continue
        cn = st.nodes[c]
        if after and cn.kind == "field":
            found.append(cn)
            collect(cn)
        elif after and cn.kind in ("item",) and cn.style != node.style:
            break
    return found


def _make_draft(agencies: AgencyReader, st: Structure, node: Node, ctx: _Ctx, cls: str, path: list[str],
                start: int, end: int, meta: Metadata, rejected: str = "") -> Draft | None:
    text = st.text
    fields = _fields_of(st, node)
    lead_f: list[Span] = []
    sup_f: list[Span] = []
    exec_f: list[Span] = []
    dl: Span | None = None
    for f in fields:
        if f.value_start is None or f.value_end is None:
            continue
        vs, ve = trim_span(text, f.value_start, f.value_end)
        if vs >= ve:
            continue
        if f.field_role == "lead":
            lead_f.append((vs, ve))
        elif f.field_role == "support":
            sup_f.append((vs, ve))
        elif f.field_role == "executor":
            exec_f.append((vs, ve))
        elif f.field_role == "deadline" and dl is None:
            dl = (vs, ve)
    if not lead_f and exec_f:
        lead_f = exec_f
    s, e = start, end
    content = _content_field(st, node)
    if content is not None and _is_topic_title(text[s:e]):
        s, e = content
    e = _strip_end_marks(text, s, e)
    label_lead: list[AgencyMention] = []
    lab = agencies.label_agencies(text[s:e], s, meta.date)
    if lab is not None:
        label_lead, content_off = lab
        s = s + content_off
    if s >= e:
        return None
    has_fields = bool(lead_f or sup_f or dl)
    roles = agencies.find_roles(text[s:e], s, meta.date)
    task_like = (cls == sections.TASK or has_fields or ctx.directive or bool(label_lead) or bool(ctx.lead)
                 or (ctx.directive_doc and node.style is not None))
    if not rejected and not task_like and not roles.lead:
        rejected = "no_task_cue"
    if (not rejected and node.kind == "para" and not (roles.lead or label_lead or has_fields)
            and zones.intro_paragraph(st, node)):
        rejected = "intro"
    layout = "fields" if has_fields else "prose"
    method = "fields" if has_fields else ("label" if label_lead else "prose")
    conf = 0.9 if has_fields else (0.75 if cls == sections.TASK else 0.6)
    facts = _facts(meta, cls, node.style, node.kind, ctx, len(path), has_fields=has_fields,
                   has_label=bool(label_lead), role_lead=bool(roles.lead), rule=not rejected, rejected=rejected)
    return Draft(node.idx, (s, e), ".".join(path) or f"P{node.idx}", " > ".join(ctx.section), layout,
                 lead_fields=lead_f, support_fields=sup_f, deadline_field=dl, label_lead=label_lead,
                 inherited_lead=list(ctx.lead), inherited_support=list(ctx.support), method=method,
                 confidence=conf, roles=roles, facts=facts, directing_lead=list(ctx.directing))


def _facts(meta: Metadata, cls: str, style: str | None, kind: str, ctx: _Ctx, depth: int, *, has_fields: bool,
           has_label: bool, role_lead: bool, rule: bool, rejected: str, after_item: bool = False) -> dict:
    """What the layout knows of a candidate, for the task model (plain values; features are built there)."""
    return {"section_class": cls, "doc_type": meta.doc_type, "style": style, "kind": kind,
            "has_fields": has_fields, "has_label": has_label, "inherited": bool(ctx.lead),
            "directive": ctx.directive, "role_lead": role_lead, "depth": depth, "rule": rule,
            "rejected": rejected, "after_item": after_item, "section": " > ".join(ctx.section),
            "title": meta.title or ""}


def _content_field(st: Structure, node: Node) -> Span | None:
    for c in node.children:
        cn = st.nodes[c]
        if cn.kind == "field" and cn.field_role == "content" and cn.value_start is not None:
            vs, ve = trim_span(st.text, cn.value_start, cn.value_end or cn.end, " \t\n")
            if ve - vs > 15:
                return vs, ve
    return None


def _is_topic_title(title: str) -> bool:
    """A heading that names a topic rather than an action ('Về dữ liệu', 'Nguồn nhân lực', '… như sau:')."""
    f = fold(title)
    return f.endswith(":") or f.startswith("về ") or len(f.split()) <= 4


def _strip_end_marks(text: str, s: int, e: int) -> int:
    """Drop the end-of-document marker '/.' and trailing spaces."""
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    if text[s:e].endswith("./."):
        e -= 2
    elif text[s:e].endswith("/."):
        e -= 2
    return e
