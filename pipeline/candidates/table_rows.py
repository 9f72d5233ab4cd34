"""Tasks from task tables: STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian.

Why separate from items: a table row carries its fields in columns, its
numbering in the STT cell, and its groups are rows whose children follow
(``4`` then ``4.1``; a Roman-numeral row repeating its title in every cell).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.candidates.drafts import Draft, Span
from pipeline.layout.structure import Node, Structure
from pipeline.resources import load_json
from pipeline.text.tables import is_stt
from pipeline.text.util import fold, trim_span

_ROLES = ("stt", "content", "lead", "support", "deadline", "nontask_content", "ignore")
_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_PART = re.compile(r"^[A-ZĐ]\.?$")  # part letters A, B … above Roman-numeral groups


@lru_cache(maxsize=1)
def _labels() -> list[tuple[str, str]]:
    data = load_json("structure", "columns.json")
    pairs = [(fold(w), role) for role in _ROLES for w in data.get(role, [])]
    return sorted(pairs, key=lambda p: -len(p[0]))


def column_role(header: str) -> str | None:
    """The role of a header cell (content, lead, support, deadline, stt …), or None."""
    f = fold(header).strip(" .:*")
    if not f or len(f) > 80:
        return None
    for label, role in _labels():
        if f == label or f.startswith(label + " ") or f.startswith(label + ",") or f.startswith(label + "/"):
            return role
    for label, role in _labels():
        if len(label) > 6 and label in f:
            return role
    return None


def _header_roles(texts: list[str]) -> list[str | None] | None:
    roles = [column_role(t) for t in texts]
    if "content" in roles and any(r in roles for r in ("lead", "support", "deadline")):
        return roles
    return None


def drafts_from_tables(st: Structure, sections_of: dict[int, tuple[str, str]]) -> list[Draft]:
    """Drafts for every task table; ``sections_of`` maps a row node to (section, id prefix)."""
    by_table: dict[int, list[Node]] = {}
    for n in st.nodes:
        if n.kind == "row":
            by_table.setdefault(n.table_id, []).append(n)
    bodies: list[tuple[list[str | None], list[Node]]] = []
    prev_roles: list[str | None] | None = None
    for tid in sorted(by_table):
        rows = by_table[tid]
        roles, body = _find_header(st, rows)
        if (roles is None and prev_roles is not None and rows and len(_cells(st, rows[0])) <= len(prev_roles)
                and is_stt(_cells(st, rows[0])[0])):
            bodies[-1][1].extend(rows)  # the same table, continued after a page break
            continue
        prev_roles = roles
        if roles is not None:
            bodies.append((roles, list(body)))
    out: list[Draft] = []
    for roles, body in bodies:
        out.extend(_rows_to_drafts(st, body, roles, sections_of))
    return out


def _cells(st: Structure, row: Node) -> list[str]:
    return [st.text[s:e] for s, e in (row.cells[str(k)] for k in range(len(row.cells)))]


def _find_header(st: Structure, rows: list[Node]) -> tuple[list[str | None] | None, list[Node]]:
    for i, row in enumerate(rows[:3]):
        roles = _header_roles(_cells(st, row))
        if roles is None:
            continue
        body = rows[i + 1 :]
        # a two-level header: "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
        if body:
            sub = [column_role(c) for c in _cells(st, body[0])]
            if sub and all(r in ("lead", "support", "deadline", None) for r in sub) and "support" in sub \
                    and not is_stt(_cells(st, body[0])[0]):
                roles = _merge_subheader(roles, sub)
                body = body[1:]
        if body:
            roles = _with_stt(roles, _cells(st, body[0]))
        return roles, body
    return None, rows


def _with_stt(roles: list[str | None], first_row: list[str]) -> list[str | None]:
    """A header written without its STT column over rows that have one: add it."""
    if "stt" not in roles and len(first_row) == len(roles) + 1 and first_row and is_stt(first_row[0]):
        return ["stt", *roles]
    return roles


def _merge_subheader(roles: list[str | None], sub: list[str | None]) -> list[str | None]:
    merged: list[str | None] = []
    k = 0
    for r in roles:
        if r == "lead" and k < len(sub):
            while k < len(sub) and sub[k] is not None:
                merged.append(sub[k])
                k += 1
        else:
            merged.append(r)
    return merged


def _rows_to_drafts(st: Structure, rows: list[Node], roles: list[str | None],
                    sections_of: dict[int, tuple[str, str]]) -> list[Draft]:
    col = {r: i for i, r in reversed(list(enumerate(roles))) if r}
    parsed: list[tuple[Node, list[Span]]] = []
    for row in rows:
        spans = [row.cells[str(k)] for k in range(len(row.cells))]
        parsed.append((row, spans))
    out: list[Draft] = []
    groups: list[tuple[str, str]] = []  # (stt, title) of open group rows
    for i, (row, spans) in enumerate(parsed):
        texts = [st.text[s:e] for s, e in spans]
        again = _header_roles(texts)
        if again is not None:
            # a header repeated inside the table (a new part may use other columns): switch to it
            nxt = [st.text[s:e] for s, e in parsed[i + 1][1]] if i + 1 < len(parsed) else []
            col = {r: k for k, r in reversed(list(enumerate(_with_stt(again, nxt)))) if r}
            continue
        stt = texts[col["stt"]].strip() if "stt" in col and col["stt"] < len(texts) else ""
        content_i = col.get("content", 1)
        if content_i >= len(texts):
            continue
        content = texts[content_i]
        nxt_stt = _stt_of(st, parsed[i + 1], col) if i + 1 < len(parsed) else ""
        others = [t for k, t in enumerate(texts) if k not in (col.get("stt"), content_i)]
        repeated = bool(others) and all(t == content for t in others if t)
        empty_fields = all(not texts[col[r]].strip() for r in ("lead", "support", "deadline")
                           if r in col and col[r] < len(texts))
        is_group = repeated or (_is_child(stt, nxt_stt) and (empty_fields or _ROMAN.match(stt or "")))
        is_group = is_group or (bool(_ROMAN.match(stt) or _PART.match(stt)) and empty_fields)
        if is_group:
            groups = [g for g in groups if _is_child(g[0], stt)]
            groups.append((stt, content.rstrip(" .:")))
            continue
        groups = [g for g in groups if _is_child(g[0], stt) or not stt]
        if not content.strip():
            continue
        section, prefix = sections_of.get(row.idx, ("", ""))
        sec = " > ".join([s for s in [section] if s] + [f"{g[0]}. {g[1]}" if g[0] else g[1] for g in groups])
        tid = ".".join([p for p in [prefix] if p] + [g[0].rstrip(".") for g in groups if g[0]] + [stt.rstrip(".") or str(i + 1)])
        s, e = trim_span(st.text, *spans[content_i], " \t\n")

        def field_span(role: str, _spans: list[Span] = spans, _col: dict[str, int] = col) -> Span | None:
            k = _col.get(role)
            if k is None or k >= len(_spans):
                return None
            fs, fe = trim_span(st.text, *_spans[k])
            return (fs, fe) if fs < fe else None

        lead, sup, dl = field_span("lead"), field_span("support"), field_span("deadline")
        facts = {"section_class": "table", "doc_type": None, "style": None, "kind": "row", "has_fields": bool(lead or sup or dl),
                 "has_label": False, "inherited": False, "directive": False, "role_lead": bool(lead), "depth": 1,
                 "rule": True, "rejected": "", "after_item": False, "section": sec, "title": ""}
        out.append(Draft(row.idx, (s, e), tid, sec, "table", lead_fields=[lead] if lead else [],
                         support_fields=[sup] if sup else [], deadline_field=dl, method="table", confidence=0.9,
                         facts=facts))
    return out


def _stt_of(st: Structure, item: tuple[Node, list[Span]], col: dict[str, int]) -> str:
    row, spans = item
    k = col.get("stt")
    if k is None or k >= len(spans):
        return ""
    return st.text[spans[k][0] : spans[k][1]].strip()


def _is_child(parent: str, child: str) -> bool:
    """Whether STT ``child`` numbers an item inside group ``parent`` (II > 1, 4 > 4.1, 1 > a)."""
    p, c = parent.strip().rstrip("."), child.strip().rstrip(".")
    if not p or not c:
        return False
    if _PART.match(p) and not _ROMAN.match(p):
        return not _PART.match(c) or bool(_ROMAN.match(c))
    if _ROMAN.match(p):
        return not _ROMAN.match(c) and not _PART.match(c)
    if re.fullmatch(r"\d+(\.\d+)*", p):
        return c.startswith(p + ".") or (re.fullmatch(r"[a-zđ]\)?|[-+]", c) is not None)
    return False
