"""Plain text and markdown files: bytes in any encoding Vietnamese offices use -> ``RawDocument``."""

from __future__ import annotations

from pipeline.io.base import RawDocument, compose
from pipeline.io.encodings import decode_text_bytes


def read_text(data: bytes, input_format: str = "txt") -> RawDocument:
    """Plain text or markdown in any of the encodings Vietnamese offices use."""
    decoded = decode_text_bytes(data)
    warnings = list(decoded.warnings)
    return RawDocument(text=compose(decoded.text, warnings), input_format=input_format,
                       encoding=decoded.encoding, warnings=warnings)
