"""Reading gold and predicted task files: JSONL file or folder, schema-checked, file:line errors.

GOLD and PRED are each a JSONL file or a folder of them (searched recursively;
hidden folders and the extractor's documents/errors/manifest files left out).
Every line is parsed and checked against ``evaluation/schema/task.schema.json``;
a bad line is reported as ``file:line: reason`` and never skipped.  Checking
gold against its documents is ``pipeline.eval.validate``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from pipeline.errors import GoldFormatError
from pipeline.records import Task, task_from_json

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "evaluation" / "schema" / "task.schema.json"
NON_TASK_FILES = frozenset({"documents.jsonl", "errors.jsonl", "manifest.jsonl"})  # extractor outputs
MAX_LISTED = 30


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``path:line: severity: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass
class Record:
    path: str
    line: int
    data: dict[str, Any]


def jsonl_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if source.is_dir():
        return sorted(
            p for p in source.rglob("*.jsonl")
            if p.name not in NON_TASK_FILES and not any(s.startswith(".") for s in p.relative_to(source).parts)
        )
    raise GoldFormatError(f"{source}: no such file or folder")


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_errors(data: Any) -> list[str]:
    """Readable schema violations of one record, e.g. 'deadline/type: 'soon' is not one of [...]'."""
    out = []
    for err in _validator().iter_errors(data):
        # a oneOf failure ("null or a deadline object"): report the branch whose type fits, not "not valid under any"
        inner = [e for e in err.context if not (e.validator == "type" and not e.relative_path)]
        for e in inner or [err]:
            out.append(f"{'/'.join(str(p) for p in e.absolute_path) or 'record'}: {e.message}")
    return sorted(set(out))


def read_records(source: Path) -> tuple[list[Record], list[Problem], list[str]]:
    """Valid records, problems of the others, and stems of files holding no record (documents without tasks)."""
    records: list[Record] = []
    problems: list[Problem] = []
    empty: list[str] = []
    for path in jsonl_files(source):
        name = str(path)
        before = len(records) + len(problems)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, 0, f"cannot read: {exc}"))
            continue
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(name, n, f"invalid JSON: {exc.msg} at column {exc.colno}"))
                continue
            errs = schema_errors(data)
            if errs:
                problems.append(Problem(name, n, "; ".join(errs)))
            else:
                records.append(Record(name, n, data))
        if len(records) + len(problems) == before:
            empty.append(path.stem)
    return records, problems, empty


def format_problems(problems: Sequence[Problem]) -> str:
    shown = [str(p) for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        shown.append(f"... and {len(problems) - MAX_LISTED} more")
    return f"{len(problems)} malformed record(s):\n" + "\n".join(shown)


def load_tasks(source: Path, empty_files_are_documents: bool = False) -> dict[str, list[Task]]:
    """Tasks by doc_id; raises GoldFormatError listing every bad line, or a document split over files.

    For gold (files named by doc_id), an empty file is a document without tasks; for the
    extractor's output an empty tasks.jsonl is not a document, hence the flag.
    """
    records, problems, empty = read_records(source)
    problems = list(problems)
    tasks: dict[str, list[Task]] = {stem: [] for stem in empty} if empty_files_are_documents else {}
    first_file: dict[str, str] = {}
    for rec in records:
        doc_id = rec.data["doc_id"]
        other = first_file.setdefault(doc_id, rec.path)
        if other != rec.path:
            problems.append(Problem(rec.path, rec.line, f"document {doc_id} also has records in {other}"))
            continue
        tasks.setdefault(doc_id, []).append(task_from_json(rec.data))
    if problems:
        raise GoldFormatError(format_problems(problems))
    return tasks


def load_layouts(path: Path) -> dict[str, str]:
    """{doc_id: layout} from a layouts.json file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read layouts: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise GoldFormatError(f"{path}: layouts must be a JSON object {{doc_id: layout}}")
    return data


def default_layouts_path(gold: Path) -> Path:
    return (gold if gold.is_dir() else gold.parent) / "layouts.json"
