"""What every reader shares: the ``RawDocument`` record, suffixes, and text finishing.

Each format has one function from bytes to a ``RawDocument``, so the same
code serves local paths and bytes shipped to a remote worker. What the reader
learned (encoding detected, tables flattened, pages dropped) goes into
``RawDocument.warnings`` and from there into documents.jsonl.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.io.encodings import fix_legacy_unicode

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
