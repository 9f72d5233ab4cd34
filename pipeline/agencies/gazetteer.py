"""The agency gazetteer: loading ``models/agencies/*``, folded lookup, successors.

Directives spell one body many ways (``Sở NN&PTNT``, ``Sở Nông nghiệp và PTNT``,
``Uỷ ban nhân dân`` / ``Ủy ban nhân dân``), so matching works on syllable tokens
folded for case and tone-mark placement, while every mention keeps its verbatim
text and span.  Phrase search runs on spaCy's ``PhraseMatcher`` over those folded
tokens; the matchers are built once, lazily, on first use.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from pipeline.errors import VntasksError
from pipeline.resources import load_json, load_jsonl

_TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+|[^\w\s]")
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_CHAR_FOLD = str.maketrans({"ð": "đ", "–": "-", "—": "-", "‐": "-", "‑": "-", "“": '"', "”": '"'})
_MAX_VARIANTS = 48
_CAC = "cac1"


class GazetteerError(VntasksError):
    """A malformed gazetteer or lexicon file under models/agencies/."""


class Token(NamedTuple):
    """One syllable or punctuation mark with its character span and folded form."""

    text: str
    start: int
    end: int
    norm: str

    @property
    def upper(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case-folded syllable with its tone moved to a trailing digit ('Hoá', 'hóa' -> 'hoa1')."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", word.lower().translate(_CHAR_FOLD)):
        mark = _TONES.get(ch)
        if mark:
            tone = mark
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def tokenize(text: str) -> list[Token]:
    """Syllables and single punctuation marks; '_' of word-segmented text counts as a space."""
    return [Token(m.group(), m.start(), m.end(), fold(m.group())) for m in _TOKEN_RE.finditer(text)]


def fold_phrase(text: str) -> tuple[str, ...]:
    return tuple(fold(m.group()) for m in _TOKEN_RE.finditer(text))


@lru_cache(maxsize=1)
def _vocab() -> Any:
    """One spaCy vocabulary shared by every phrase index, so one Doc serves them all."""
    from spacy.vocab import Vocab

    return Vocab()


def make_doc(norms: Sequence[str]) -> Any:
    """A spaCy Doc over folded tokens (built once per text, searched by every index)."""
    from spacy.tokens import Doc

    return Doc(_vocab(), words=list(norms))


class PhraseIndex:
    """Folded token phrases under labels, found with one spaCy PhraseMatcher."""

    def __init__(self, phrases: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.vocab = _vocab()
        self._matcher = PhraseMatcher(self.vocab)
        grouped: dict[str, set[tuple[str, ...]]] = {}
        for label, words in phrases:
            if words:
                grouped.setdefault(label, set()).add(words)
        for label, word_sets in grouped.items():
            self._matcher.add(label, [Doc(self.vocab, words=list(w)) for w in sorted(word_sets)])

    def find(self, norms: Sequence[str], doc: Any = None) -> list[tuple[int, int, str]]:
        """Every (start, end, label) occurrence; overlapping matches are all returned."""
        if not norms:
            return []
        strings = self.vocab.strings
        return [(s, e, strings[k]) for k, s, e in self._matcher(doc if doc is not None else make_doc(norms))]


@dataclass(frozen=True)
class Entry:
    """One gazetteer body (see the header of gazetteer.jsonl for the fields)."""

    id: str
    canonical: str
    kind: str | None
    level: str | None
    generic: bool
    variants: tuple[str, ...]
    abbreviations: tuple[str, ...]
    valid_from: str | None
    valid_to: str | None
    successor: str | None
    source: str
    group_head: tuple[str, ...] = ()
    group_kinds: tuple[str, ...] = ()
    search: bool = True

    def valid_on(self, date: str | None) -> bool:
        if date is None:
            return True
        return (self.valid_from is None or self.valid_from <= date) and (self.valid_to is None or date <= self.valid_to)


def abbreviation_table() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Full phrase -> short forms and back, as folded token tuples."""
    return _abbreviation_table()


@lru_cache(maxsize=1)
def _abbreviation_table() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    data = load_json("agencies", "abbreviations.json")
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for full, shorts in data["phrases"].items():
        f = fold_phrase(full)
        for short in shorts:
            s = fold_phrase(short)
            table.setdefault(f, []).append(s)
            table.setdefault(s, []).append(f)
    return table


def spellings(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A folded phrase with every abbreviation substitution applied (bounded)."""
    table = _abbreviation_table()
    options: list[list[tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        best = None
        for n in range(min(len(words) - i, 8), 0, -1):
            if words[i:i + n] in table:
                best = words[i:i + n]
                break
        if best is None:
            options.append([words[i:i + 1]])
            i += 1
        else:
            options.append([best, *table[best]])
            i += len(best)
    out: set[tuple[str, ...]] = set()
    for combo in itertools.islice(itertools.product(*options), _MAX_VARIANTS):
        out.add(tuple(w for part in combo for w in part))
    return out


def _expand_locative(variant: str) -> list[str]:
    if "{T}" not in variant:
        return [variant]
    return [variant.replace("{T}", loc) for loc in load_json("agencies", "abbreviations.json")["locatives"]]


@dataclass
class Gazetteer:
    """Entries by id, their folded spellings, and the phrase index that finds them."""

    entries: dict[str, Entry]
    by_spelling: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    index: PhraseIndex | None = None

    def choose(self, ids: Sequence[str], doc_date: str | None) -> Entry:
        """Among entries sharing a spelling, the one valid on the document's date."""
        for i in ids:
            if self.entries[i].valid_on(doc_date):
                return self.entries[i]
        return self.entries[ids[0]]

    def lookup(self, text: str, doc_date: str | None = None) -> Entry | None:
        """The entry spelled exactly ``text`` (after folding), or None."""
        ids = self.by_spelling.get(fold_phrase(text))
        return self.choose(ids, doc_date) if ids else None

    def successor(self, entry: Entry, doc_date: str | None = None) -> Entry | None:
        """The body that took over ``entry``, as of ``doc_date`` (today when None)."""
        if entry.successor is None or (doc_date and entry.valid_to and doc_date <= entry.valid_to):
            return None
        current = self.entries[entry.successor]
        seen = {entry.id}
        while current.successor and current.id not in seen:
            if doc_date and current.valid_to and doc_date <= current.valid_to:
                break
            seen.add(current.id)
            current = self.entries[current.successor]
        return current

    def matches(self, norms: Sequence[str], doc: Any = None) -> list[tuple[int, int, list[str]]]:
        """Leftmost-longest, non-overlapping gazetteer matches as (start, end, entry ids)."""
        assert self.index is not None
        found: dict[tuple[int, int], list[str]] = {}
        for s, e, label in self.index.find(norms, doc):
            found.setdefault((s, e), []).append(label)
        out = []
        pos = 0
        for (s, e), ids in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            if s >= pos:
                out.append((s, e, ids))
                pos = e
        return out


def _entry(raw: dict[str, Any]) -> Entry:
    try:
        group = raw.get("group") or {}
        return Entry(
            id=raw["id"], canonical=raw["canonical"], kind=raw.get("kind"), level=raw.get("level"),
            generic=bool(raw.get("generic", False)), variants=tuple(raw.get("variants", ())),
            abbreviations=tuple(raw.get("abbreviations", ())), valid_from=raw.get("valid_from"),
            valid_to=raw.get("valid_to"), successor=raw.get("successor"), source=raw.get("source", ""),
            group_head=tuple(group.get("head", ())), group_kinds=tuple(group.get("kinds", ())),
            search=bool(raw.get("search", True)),
        )
    except KeyError as exc:
        raise GazetteerError(f"gazetteer entry {raw!r} lacks field {exc}; see the header of gazetteer.jsonl") from None


def build_gazetteer(rows: Iterable[dict[str, Any]]) -> Gazetteer:
    """Entries -> gazetteer. Names starting with a kind word or 'các' are lookup-only (not searched in text)."""
    entries: dict[str, Entry] = {}
    for raw in rows:
        entry = _entry(raw)
        if entry.id in entries:
            raise GazetteerError(f"duplicate gazetteer id {entry.id!r}")
        entries[entry.id] = entry
    for entry in entries.values():
        if entry.successor is not None and entry.successor not in entries:
            raise GazetteerError(f"{entry.id}: successor {entry.successor!r} is not a gazetteer id")
    gaz = Gazetteer(entries)
    patterns: list[tuple[str, tuple[str, ...]]] = []
    for entry in entries.values():
        for name in (entry.canonical, *entry.variants, *entry.abbreviations):
            for variant in _expand_locative(name):
                for words in spellings(fold_phrase(variant)):
                    gaz.by_spelling.setdefault(words, [])
                    if entry.id not in gaz.by_spelling[words]:
                        gaz.by_spelling[words].append(entry.id)
                    if entry.search and words[0] != _CAC:
                        patterns.append((entry.id, words))
    gaz.index = PhraseIndex(patterns)
    return gaz


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """models/agencies/gazetteer.jsonl, parsed and indexed once per process."""
    return build_gazetteer(load_jsonl("agencies", "gazetteer.jsonl"))


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry back in its file form (round-trip tests, tools)."""
    data: dict[str, Any] = {
        "id": entry.id, "canonical": entry.canonical, "kind": entry.kind, "level": entry.level,
        "generic": entry.generic, "variants": list(entry.variants), "abbreviations": list(entry.abbreviations),
        "valid_from": entry.valid_from, "valid_to": entry.valid_to, "successor": entry.successor,
        "source": entry.source,
    }
    if entry.group_head or entry.group_kinds:
        data["group"] = {k: list(v) for k, v in (("head", entry.group_head), ("kinds", entry.group_kinds)) if v}
    if not entry.search:
        data["search"] = False
    return data
