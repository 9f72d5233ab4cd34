"""Vietnamese text encodings: Unicode, Windows-1258 and the legacy font codes.

Offices still hold documents typed in TCVN3 (ABC, ``.VnTime`` fonts) or VNI
(``VNI-Times``) fonts, where the bytes are Latin-1 look-alikes of Vietnamese
letters. The font code is not recorded in a .txt file, so each candidate
decoding is scored by how Vietnamese it reads (frequent syllables against
stray symbols) and the best one wins. The same test catches legacy text that
was pasted into a Unicode file ("ViÖt Nam", "Vieät Nam").
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.errors import InputError
from pipeline.resources import model_path

LEGACY = ("tcvn3", "vni")
# Lower-case Vietnamese letters beyond ASCII, precomposed (NFC).
_VIET_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
# Non-letters that legitimately appear in Unicode documents.
_SAFE_SYMBOLS = frozenset("“”‘’–—…•·°«»§©®±×÷€¬ ­")
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN1_RE = re.compile("[\u00a0-\u00ff]")
_VIET_ONLY_RE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_WORD_CHARS_RE = re.compile(r"[^\W\d_]+")


@dataclass
class DecodedText:
    """Text decoded from bytes, and what the decoder had to decide."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _read_table(name: str) -> list[tuple[bytes, str]]:
    rows = []
    with model_path("encodings", name).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            code, char = line.rstrip("\n").split("\t")
            rows.append((bytes.fromhex(code), char))
    return rows


@lru_cache(maxsize=1)
def _cp1252_chars() -> str:
    """Byte i -> the character Windows-1252 gives it (Latin-1 where undefined)."""
    return "".join(bytes([i]).decode("cp1252", errors="replace").replace("\ufffd", chr(i)) for i in range(256))


@lru_cache(maxsize=1)
def _tcvn3_translation() -> dict[int, str]:
    table = dict(enumerate(_cp1252_chars()))
    for code, char in _read_table("tcvn3.tsv"):
        table[code[0]] = char
    return {ord(_cp1252_chars()[i]): ch for i, ch in table.items()}


@lru_cache(maxsize=1)
def _vni_decoder() -> tuple[re.Pattern[str], dict[str, str]]:
    cp = _cp1252_chars()
    mapping: dict[str, str] = {}
    for code, char in _read_table("vni.tsv"):
        mapping["".join(cp[b] for b in code)] = char
    # Typists mix cases (a capital letter with a lower-case mark byte): accept both.
    for seq, char in list(mapping.items()):
        if len(seq) == 2:
            for variant in (seq[0].swapcase() + seq[1], seq[0] + seq[1].swapcase()):
                mapping.setdefault(variant, char.upper() if variant[0].isupper() else char.lower())
    keys = sorted(mapping, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), mapping


@lru_cache(maxsize=1)
def _encoders() -> dict[str, dict[str, bytes]]:
    return {name: {char: code for code, char in _read_table(f"{name}.tsv")} for name in LEGACY}


@lru_cache(maxsize=1)
def _common_syllables() -> frozenset[str]:
    with model_path("encodings", "common_syllables.txt").open(encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode TCVN3 or VNI bytes to NFC Unicode."""
    latin = data.decode("latin-1")
    return legacy_chars_to_unicode(latin.translate({i: _cp1252_chars()[i] for i in range(128, 256)}), encoding)


def legacy_chars_to_unicode(text: str, encoding: str) -> str:
    """Convert legacy font codes already read as Windows-1252 characters."""
    if encoding == "tcvn3":
        out = text.translate(_tcvn3_translation())
        # .VnTimeH capitals are typed with lower-case codes: a word of ASCII
        # capitals keeps its converted letters in capitals too.
        return "\n".join(_restore_capitals(line) for line in out.split("\n"))
    if encoding == "vni":
        pattern, mapping = _vni_decoder()
        return pattern.sub(lambda m: mapping[m.group(0)], text)
    raise InputError(f"unknown legacy encoding {encoding!r}")


def _caps_evident(word: str) -> bool:
    return any("A" <= c <= "Z" for c in word[1:]) and not any("a" <= c <= "z" for c in word)


def _restore_capitals(line: str) -> str:
    """.VnTimeH capitals are typed with lower-case codes. A word with ASCII
    capitals after its first letter and no ASCII lower case ("NH©N" -> NHÂN)
    was typed in capitals; a capital-initial word ("Vô", Vụ) is too when a
    neighbour with Vietnamese letters is ("NHIÖM Vô" -> NHIỆM VỤ), but not
    next to an ASCII abbreviation ("Sè: 215/KH-UBND" stays Số)."""
    words = list(_WORD_CHARS_RE.finditer(line))
    if not words:
        return line
    evident = [_caps_evident(m.group(0)) and not m.group(0).isascii() for m in words]
    out, last = [], 0
    for i, m in enumerate(words):
        word = m.group(0)
        upper = evident[i] or (
            "A" <= word[0] <= "Z" and not word.isascii() and not any("a" <= c <= "z" for c in word)
            and ((i > 0 and evident[i - 1]) or (i + 1 < len(words) and evident[i + 1])))
        out.append(line[last:m.start()])
        out.append(word.upper() if upper else word)
        last = m.end()
    out.append(line[last:])
    return "".join(out)


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode to TCVN3/VNI bytes (the reverse tables); for tests and fixtures.

    A character outside the table is written in Windows-1252 unless its byte
    is one of the table's codes (it would read back as a Vietnamese letter)."""
    table = _encoders()[encoding]
    taken = {b for code in table.values() for b in code if b > 127}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out += table[char]
        elif encoding == "tcvn3" and char.lower() in table:
            out += table[char.lower()]  # VN3 has no capitals with tone marks
        else:
            try:
                code = char.encode("cp1252")
            except UnicodeEncodeError:
                code = b""
            if not code or code[0] in taken:
                raise InputError(f"{char!r} cannot be written in {encoding}")
            out += code
    return bytes(out)


def vietnamese_score(text: str, sample: int = 200_000) -> float:
    """How Vietnamese a decoding reads: share of frequent syllables among words
    with diacritics, minus the share of stray non-letter symbols."""
    text = text[:sample]
    words = [w for w in _WORD_RE.findall(text.lower()) if not w.isascii()]
    if not words:
        return 0.0
    common = _common_syllables()
    hits = sum(1 for w in words if w in common)
    non_ascii = [c for c in text if ord(c) > 127 and not c.isspace()]
    stray = sum(1 for c in non_ascii if c.lower() not in _VIET_LETTERS and c not in _SAFE_SYMBOLS)
    invalid = sum(1 for w in words if any(c not in _VIET_LETTERS for c in w if ord(c) > 127))
    return (hits - stray - invalid) / len(words)


def looks_like_legacy(text: str) -> bool:
    """Cheap pre-check: many Latin-1 letters and few Vietnamese-only letters."""
    sample = text[:200_000]
    latin = len(_LATIN1_RE.findall(sample))
    viet_only = len(_VIET_ONLY_RE.findall(sample))
    return latin > 20 and latin > 4 * viet_only


def fix_legacy_unicode(text: str) -> tuple[str, str] | None:
    """Legacy font codes stored as Unicode characters -> (converted text, encoding)."""
    if not looks_like_legacy(text):
        return None
    cp = {c: i for i, c in enumerate(_cp1252_chars())}
    if any(c not in cp for c in text[:200_000]):
        return None
    base = vietnamese_score(text)
    best = max((vietnamese_score(legacy_chars_to_unicode(text, e)), e) for e in LEGACY)
    if best[0] > base + 0.3 and best[0] > 0.2:
        return legacy_chars_to_unicode(text, best[1]), best[1]
    return None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII characters leave zero bytes."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text_bytes(data: bytes) -> DecodedText:
    """Bytes of a text file -> Unicode, choosing among UTF-8/16/32, Windows-1258,
    TCVN3 and VNI; legacy text inside a Unicode file is converted too."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _check_unicode(_strict(data, name), name.replace("-sig", ""))
    utf16 = _sniff_utf16(data)
    if utf16:
        return _check_unicode(_strict(data, utf16), utf16, [f"encoding: {utf16} without byte-order mark"])
    try:
        return _check_unicode(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = {
        "windows-1258": unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        "tcvn3": decode_legacy(data, "tcvn3"),
        "vni": decode_legacy(data, "vni"),
    }
    scored = sorted(((vietnamese_score(t), n) for n, t in candidates.items()), reverse=True)
    score, name = scored[0]
    warnings = [f"encoding: not UTF-8; detected {name} (score {score:.2f}, next {scored[1][1]} "
                f"{scored[1][0]:.2f}) and converted to Unicode"]
    broken = data.decode("utf-8", errors="replace")
    bad = broken.count("\ufffd")
    if bad <= max(2, len(broken) // 10_000) and vietnamese_score(broken) >= score:
        return DecodedText(broken, "utf-8", [f"encoding: UTF-8 with {bad} invalid byte(s) replaced by U+FFFD"])
    if score <= 0:
        warnings.append("encoding: no decoding reads as Vietnamese; text may be garbled")
    return DecodedText(candidates[name], name, warnings)


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {name} text at byte {exc.start}: {exc.reason}") from exc


def _check_unicode(text: str, name: str, warnings: list[str] | None = None) -> DecodedText:
    warnings = list(warnings or [])
    fixed = fix_legacy_unicode(text)
    if fixed is not None:
        warnings.append(f"encoding: {name} file holding {fixed[1]} font codes; converted to Unicode")
        return DecodedText(fixed[0], f"{name}+{fixed[1]}", warnings)
    return DecodedText(text, name, warnings)
