"""Placeholder: the per-document extraction function (being written by the lead)."""

from __future__ import annotations

import hashlib

from pipeline.records import DocumentRecord, Task


def extract_document(
    text: str,
    doc_id: str,
    source: str = "",
    *,
    input_format: str = "txt",
    encoding: str | None = None,
) -> tuple[DocumentRecord, list[Task]]:
    """Raw document text in, (document record, tasks) out. Pure; no I/O."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = DocumentRecord(doc_id=doc_id, source=source, sha256=sha, text=text,
                         input_format=input_format, encoding=encoding)
    return doc, []
