"""Small text helpers shared by the stages: matching keys and span trimming."""

from __future__ import annotations

import re
import unicodedata

from pipeline.text.chars import unify_tone_marks

_WS = re.compile(r"\s+")


def fold(s: str) -> str:
    """Matching key: NFC, one tone-mark style, lower case, single spaces.

    Length may differ from ``s`` only where whitespace collapses; use it for
    lookups and prefix tests, never for offsets into the document.
    """
    s = unicodedata.normalize("NFC", s)
    s = unify_tone_marks(s).lower()
    return _WS.sub(" ", s).strip()


def trim_span(text: str, start: int, end: int, chars: str = " \t\n.;,:") -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading/trailing ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def agency_key(name: str) -> str:
    """One agency's matching key: ``fold`` without a leading 'các' (guideline §3: 'Các sở' = 'các sở')."""
    key = fold(name)
    return key[4:] if key.startswith("các ") else key
