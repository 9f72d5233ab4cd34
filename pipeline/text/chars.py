"""Character-level cleanup shared by the normalizer and the table reader.

Why its own module: both ``normalize`` (paragraphs) and ``tables`` (cells) need
the same markdown stripping and page-break word gluing; keeping it here avoids
an import cycle between them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.resources import load_json

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_EMPHASIS = re.compile(r"\*\*+|__+|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_HEADING_HASHES = re.compile(r"^#{1,6}\s*")
_BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"[ \t]+")


def clean_chars(raw: str, unify_tones: bool = False) -> str:
    """NFC, one newline style, odd and invisible spaces removed."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    if unify_tones:
        text = unify_tone_marks(text)
    return text


@lru_cache(maxsize=1)
def _tone_map() -> dict[str, str]:
    return load_json("normalize", "tone_marks.json")["old_to_new"]


_TONE_PATTERN = re.compile(r"(?i)(?<!q)(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zđ])")


def unify_tone_marks(text: str) -> str:
    """Rewrite old-style tone placement (hoá, thuỷ) to the new style (hóa, thủy)."""
    table = _tone_map()

    def fix(m: re.Match[str]) -> str:
        s = m.group(0)
        key = s.lower()
        new = table.get(key)
        if new is None:
            return s
        return new.upper() if s.isupper() else (new[0].upper() + new[1:] if s[0].isupper() else new)

    return _TONE_PATTERN.sub(fix, text)


def strip_markup(line: str) -> tuple[str, bool]:
    """Remove markdown heading hashes, emphasis markers and escapes.

    Returns the cleaned line and whether the whole line was emphasized.
    """
    s = _HEADING_HASHES.sub("", line.strip())
    hashed = s != line.strip()
    emph = hashed or bool(re.match(r"^(\*\*|__)", s) and re.search(r"(\*\*|__)[.:]?$", s))
    bullet = ""
    if re.match(r"^\*\s+\S", s) and not s.rstrip().endswith("*"):
        bullet, s = "* ", s[2:]
    s = _EMPHASIS.sub("", s)
    s = _BACKSLASH_ESCAPE.sub(r"\1", s)
    s = _SPACES.sub(" ", s).strip()
    return bullet + s, emph


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Known Vietnamese syllables, from the word list underthesea ships."""
    from importlib.resources import files

    words = files("underthesea").joinpath("corpus/data/Viet74K.txt").read_text(encoding="utf-8")
    return frozenset(s for w in words.lower().split() for s in w.split("-"))


def join_pieces(a: str, b: str) -> str:
    """Join two pieces of one sentence; glue a word split across a page break."""
    if not a:
        return b
    tail = re.search(r"(\w+)$", a)
    head = re.match(r"^(\w+)", b)
    if tail and head:
        t, h = tail.group(1).lower(), head.group(1).lower()
        syl = _syllables()
        if t.isalpha() and h.isalpha() and (t + h) in syl and (t not in syl or h not in syl):
            return a + b
    return a + " " + b
