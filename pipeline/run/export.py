"""Tables for analysts: tasks.jsonl -> CSV, Excel or Parquet, one row per task.

Agencies are joined with "; " (names themselves contain commas), the
deadline is spread over its own columns, and each row carries its
document's number, date and title so a sheet stands on its own. CSV is
written with a byte-order mark so Excel reads Vietnamese correctly; in Excel
cells, text that starts with "=" stays text, never a formula.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import VntasksError
from pipeline.run.store import atomic_write

TASK_COLUMNS = [
    "doc_id", "task_id", "section", "text", "lead", "support",
    "deadline_text", "deadline_type", "deadline_start", "deadline_end", "deadline_recurrence",
    "confidence", "doc_number", "doc_date", "doc_title", "source",
]
DOC_COLUMNS = ["doc_id", "source", "number", "date", "doc_type", "issuer", "title", "plan_year",
               "task_count", "input_format", "encoding", "warnings"]
AGENCY_SEPARATOR = "; "
EXCEL_MAX_ROWS = 1_048_575  # one row is the header
EXCEL_MAX_CELL = 32_767
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def document_rows(out_dir: Path) -> list[dict[str, Any]]:
    """documents.jsonl without the text: one small dict per document."""
    rows = []
    for doc in _read_jsonl(out_dir / "documents.jsonl"):
        row = {k: doc.get(k) for k in DOC_COLUMNS}
        row["warnings"] = " | ".join(doc.get("warnings") or [])
        rows.append(row)
    return rows


def task_rows(out_dir: Path, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {d["doc_id"]: d for d in documents}
    rows = []
    for task in _read_jsonl(out_dir / "tasks.jsonl"):
        deadline = task.get("deadline") or {}
        doc = by_id.get(task.get("doc_id"), {})
        rows.append({
            "doc_id": task.get("doc_id"),
            "task_id": task.get("task_id"),
            "section": task.get("section"),
            "text": task.get("text"),
            "lead": AGENCY_SEPARATOR.join(task.get("lead") or []),
            "support": AGENCY_SEPARATOR.join(task.get("support") or []),
            "deadline_text": deadline.get("text"),
            "deadline_type": deadline.get("type"),
            "deadline_start": deadline.get("start"),
            "deadline_end": deadline.get("end"),
            "deadline_recurrence": deadline.get("recurrence"),
            "confidence": task.get("confidence"),
            "doc_number": doc.get("number"),
            "doc_date": doc.get("date"),
            "doc_title": doc.get("title"),
            "source": doc.get("source"),
        })
    return rows


def error_rows(out_dir: Path) -> list[dict[str, Any]]:
    return list(_read_jsonl(out_dir / "errors.jsonl"))


def export_tables(out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Write tasks.csv / tasks.xlsx / tasks.parquet next to tasks.jsonl."""
    import pandas as pd

    documents = document_rows(out_dir)
    tasks = pd.DataFrame(task_rows(out_dir, documents), columns=TASK_COLUMNS)
    written = []
    for fmt in formats:
        path = out_dir / f"tasks.{fmt}"
        if fmt == "csv":
            with atomic_write(path) as fh:
                fh.write(tasks.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"))
        elif fmt == "parquet":
            with atomic_write(path) as fh:
                tasks.to_parquet(fh, index=False, engine="pyarrow")
        elif fmt == "xlsx":
            docs = pd.DataFrame(documents, columns=DOC_COLUMNS)
            errors = pd.DataFrame(error_rows(out_dir), columns=["path", "reason", "error_type"])
            with atomic_write(path) as fh:
                write_excel(fh, {"tasks": tasks, "documents": docs, "errors": errors})
        else:
            raise VntasksError(f"unknown table format {fmt!r}; use csv, xlsx or parquet")
        written.append(path)
    return written


def write_excel(fh: Any, sheets: dict[str, Any]) -> None:
    """Sheets of text cells (never formulas); long sheets continue on tasks_2, ..."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        chunks = [frame.iloc[i:i + EXCEL_MAX_ROWS] for i in range(0, max(len(frame), 1), EXCEL_MAX_ROWS)]
        for n, chunk in enumerate(chunks):
            sheet = book.create_sheet(name if n == 0 else f"{name}_{n + 1}")
            for i, column in enumerate(chunk.columns, 1):
                sheet.column_dimensions[get_column_letter(i)].width = 60 if column in ("text", "title") else 18
            sheet.freeze_panes = "A2"
            sheet.append(list(chunk.columns))
            for row in chunk.itertuples(index=False):
                sheet.append([_excel_cell(sheet, v) for v in row])
    book.save(fh)


def _excel_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None or (isinstance(value, float) and value != value):
        return None
    if not isinstance(value, str):
        return value
    text = _ILLEGAL_XML.sub("", value)
    if len(text) > EXCEL_MAX_CELL:
        text = text[: EXCEL_MAX_CELL - 1] + "…"
    cell = WriteOnlyCell(sheet, value=None)
    cell.value = text
    cell.data_type = "s"  # "=..." must not become a formula
    return cell
