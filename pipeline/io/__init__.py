"""File -> Unicode text.

Takes a path or bytes in any supported format (.txt/.md in UTF-8, UTF-16,
Windows-1258, TCVN3 or VNI; .docx; .pdf; .html) and gives a ``RawDocument``:
the text before normalization, with the format, the encoding detected and
warnings. Shared helpers live in ``base``; one module per format.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError
from pipeline.io.base import (
    DOCX_SUFFIXES,
    HTML_SUFFIXES,
    PDF_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    RawDocument,
    is_supported,
    unsupported_reason,
)
from pipeline.io.txt import read_text

__all__ = ["RawDocument", "SUPPORTED_SUFFIXES", "is_supported", "read_bytes", "read_document", "read_text",
           "unsupported_reason"]


def read_document(path: str | Path) -> RawDocument:
    """Read one file from disk; raises InputError naming the file and reason."""
    path = Path(path)
    if not is_supported(path):
        raise InputError(f"{path}: {unsupported_reason(path)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> RawDocument:
    """Decode a file's content; ``name`` gives the format by its extension."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith(b"%PDF-") and suffix not in PDF_SUFFIXES:
        suffix = ".pdf"  # a PDF saved under another name is still a PDF
    try:
        if suffix in TEXT_SUFFIXES:
            return read_text(data, "md" if suffix in (".md", ".markdown") else "txt")
        if suffix in DOCX_SUFFIXES:
            from pipeline.io.docx import read_docx

            return read_docx(data)
        if suffix in PDF_SUFFIXES:
            from pipeline.io.pdf import read_pdf

            return read_pdf(data)
        if suffix in HTML_SUFFIXES:
            from pipeline.io.html import read_html

            return read_html(data)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from exc
    raise InputError(f"{name}: {unsupported_reason(name)}")
