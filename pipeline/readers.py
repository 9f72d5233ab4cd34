"""Input readers: any supported file in, plain Unicode text out.

Each format has one function from bytes to a ``RawDocument``, so the same
code serves local paths and bytes shipped to a remote worker. What the reader
learned (encoding detected, tables flattened, pages dropped) goes into
``RawDocument.warnings`` and from there into documents.jsonl.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.legacy_encoding import decode_text_bytes, fix_legacy_unicode

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCX_SUFFIXES = (".docx", ".docm")
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES + HTML_SUFFIXES

# Formats we recognise but cannot read, with what the user should do instead.
UNSUPPORTED_HINTS = {
    ".doc": "legacy Word .doc is not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx",
    ".odt": "OpenDocument text is not supported; save it as .docx",
    ".xls": "spreadsheets are not supported",
    ".xlsx": "spreadsheets are not supported",
    ".zip": "archives are not opened; extract them first",
    ".rar": "archives are not opened; extract them first",
}


@dataclass
class RawDocument:
    """A file's text before normalization, and how it was obtained."""

    text: str
    input_format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def is_supported(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


def unsupported_reason(path: str | Path) -> str:
    """Why a file is refused, phrased so the user knows what to do."""
    suffix = Path(path).suffix.lower()
    if suffix in UNSUPPORTED_HINTS:
        return UNSUPPORTED_HINTS[suffix]
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown}; expected one of {', '.join(SUPPORTED_SUFFIXES)}"


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
            from pipeline.readers_docx import read_docx

            return read_docx(data)
        if suffix in PDF_SUFFIXES:
            from pipeline.readers_pdf import read_pdf

            return read_pdf(data)
        if suffix in HTML_SUFFIXES:
            from pipeline.readers_html import read_html

            return read_html(data)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from exc
    raise InputError(f"{name}: {unsupported_reason(name)}")


def read_text(data: bytes, input_format: str = "txt") -> RawDocument:
    """Plain text or markdown in any of the encodings Vietnamese offices use."""
    decoded = decode_text_bytes(data)
    warnings = list(decoded.warnings)
    return RawDocument(text=compose(decoded.text, warnings), input_format=input_format,
                       encoding=decoded.encoding, warnings=warnings)


def compose(text: str, warnings: list[str]) -> str:
    """NFC, so that one letter is one code point whatever tool wrote the file."""
    if unicodedata.is_normalized("NFC", text):
        return text
    warnings.append("unicode: decomposed letters (NFD) composed to NFC")
    return unicodedata.normalize("NFC", text)


def finish_extracted_text(text: str, input_format: str, warnings: list[str]) -> RawDocument:
    """Shared tail of the binary readers: compose marks, undo legacy font text."""
    text = compose(text, warnings)
    fixed = fix_legacy_unicode(text)
    encoding = None
    if fixed is not None:
        text, encoding = fixed
        warnings.append(f"encoding: text used {encoding} font codes; converted to Unicode")
    return RawDocument(text=text, input_format=input_format, encoding=encoding, warnings=warnings)


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cell texts -> a pipe table; '|' inside a cell becomes '/'."""
    width = max((len(r) for r in rows), default=0)
    if not width:
        return ""
    lines = []
    for i, row in enumerate(rows):
        cells = [" ".join(c.replace("|", "/").split()) for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def format_list_number(n: int, fmt: str) -> str:
    """A list counter as Word or a browser shows it (decimal, letters, Roman)."""
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out
