"""``vntasks agencies OUT_DIR/tasks.jsonl``: tasks per canonical agency, for data teams.

Reads the extractor's tasks.jsonl (or gold JSONL: agencies without entities are
canonicalized here), counts per canonical agency the tasks it leads and supports,
prints the table and writes it as CSV (``agencies.csv`` beside the input unless
``--csv`` says otherwise).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError

COLUMNS = ("canonical", "kind", "level", "generic", "in_gazetteer", "successor", "tasks", "lead", "support",
           "documents", "spellings")


@dataclass
class AgencyRow:
    """Counts for one canonical agency."""

    canonical: str
    kind: str | None = None
    level: str | None = None
    generic: bool = False
    in_gazetteer: bool = False
    successor: str | None = None
    lead: int = 0
    support: int = 0
    task_keys: set[tuple[str, str]] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)

    def values(self) -> list[Any]:
        return [self.canonical, self.kind or "", self.level or "", int(self.generic), int(self.in_gazetteer),
                self.successor or "", len(self.task_keys), self.lead, self.support, len(self.documents),
                " | ".join(sorted(self.spellings))]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tasks", type=Path, help="tasks.jsonl written by `vntasks extract` (or a gold JSONL file)")
    parser.add_argument("--csv", type=Path, default=None, help="where to write the table (default: agencies.csv beside TASKS)")
    parser.add_argument("--top", type=int, default=40, help="rows to print (0 = all); the CSV always has every row")


def _records(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{n}: not a JSON line ({exc.msg})") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


def _entities(record: dict[str, Any], role: str) -> list[dict[str, Any]]:
    """The record's entities for a role; plain strings are canonicalized with the gazetteer."""
    ents = record.get(f"{role}_entities")
    if isinstance(ents, list) and all(isinstance(e, dict) for e in ents):
        return ents
    from pipeline.agencies import split_agencies

    out = []
    for item in record.get(role) or []:
        found = split_agencies(str(item))
        out.append(found[0].to_json() if found else {"text": str(item), "canonical": str(item)})
    return out


def count(records: Iterable[dict[str, Any]]) -> list[AgencyRow]:
    """Rows sorted by number of tasks (then name); pure, for tests and tools."""
    rows: dict[str, AgencyRow] = {}
    for rec in records:
        key = (str(rec.get("doc_id", "")), str(rec.get("task_id", "")))
        for role in ("lead", "support"):
            for ent in _entities(rec, role):
                name = ent.get("canonical") or " ".join(str(ent.get("text", "")).split())
                if not name:
                    continue
                row = rows.get(name)
                if row is None:
                    row = rows[name] = AgencyRow(name, ent.get("kind"), ent.get("level"), bool(ent.get("generic")),
                                                 bool(ent.get("in_gazetteer")), ent.get("successor"))
                setattr(row, role, getattr(row, role) + 1)
                row.task_keys.add(key)
                row.documents.add(key[0])
                row.spellings.add(" ".join(str(ent.get("text", "")).split()))
    return sorted(rows.values(), key=lambda r: (-len(r.task_keys), r.canonical))


def write_csv(rows: list[AgencyRow], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(r.values())


def format_table(rows: list[AgencyRow], top: int) -> str:
    shown = rows if top <= 0 else rows[:top]
    width = max([len("canonical agency")] + [len(r.canonical) for r in shown])
    width = min(width, 70)
    lines = [f"{'canonical agency':<{width}}  {'kind':<20} {'level':<9} {'tasks':>5} {'lead':>5} {'supp':>5} {'docs':>4}"]
    for r in shown:
        name = r.canonical if len(r.canonical) <= width else r.canonical[:width - 1] + "…"
        lines.append(f"{name:<{width}}  {(r.kind or '-'):<20} {(r.level or '-'):<9} {len(r.task_keys):>5} "
                     f"{r.lead:>5} {r.support:>5} {len(r.documents):>4}"
                     + (f"  -> {r.successor}" if r.successor else ""))
    if top > 0 and len(rows) > top:
        lines.append(f"… {len(rows) - top} more rows in the CSV")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    rows = count(_records(args.tasks))
    out = args.csv or args.tasks.with_name("agencies.csv")
    write_csv(rows, out)
    sys.stdout.write(format_table(rows, args.top) + "\n")
    sys.stderr.write(f"{len(rows)} agencies; table written to {out}\n")
    return 0
