"""Scoring predicted tasks against gold, exactly as guideline section 6 says.

Per document, gold and predicted tasks are paired one-to-one by maximum total
word-multiset F1 (Hungarian assignment); a pair is a *match* when its F1 is at
least ``MATCH_THRESHOLD``.  Every figure is then a ratio of additive counts
(``Counts``), so documents, layouts and bootstrap resamples all reduce to sums.

Definitions (the README's "Evaluation" section repeats them):

* task P = matched / predicted tasks, R = matched / gold tasks.
* lead, support: micro P/R/F1 over agency items normalized by
  ``normalize_agency``, compared as multisets on matched pairs; items of an
  unmatched gold task are misses, items of an unmatched predicted task false alarms.
* deadline: a predicted deadline is correct when its task is matched and its
  (type, start, end, recurrence) equals gold's.  P = correct / non-null predicted
  deadlines (matched and unmatched predicted tasks), R = correct / non-null gold
  deadlines (unmatched gold tasks are misses).
* exact task rate = gold tasks whose match has the same lead set, support set
  and deadline value (both null counts as the same) / gold tasks.
* secondary, never headline: deadline text detection (a matched pair where both
  deadlines are non-null and their texts share a word, value aside) and relaxed
  lead/support (each gold item credited with the word F1 of the predicted item
  it is paired with, items paired one-to-one by maximum total credit).
* 0/0: precision with nothing predicted is 0 when gold has items, recall with
  no gold items is 0 when something was predicted; a figure with neither gold
  nor predicted items is undefined (NaN here, null in JSON, "-" in tables).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from pipeline.records import Task

MATCH_THRESHOLD = 0.5
UNKNOWN_LAYOUT = "unknown"
# Guideline section 3, last paragraph: the one word dropped from the start of an item.
AGENCY_LEADING_WORD = "các "

_NON_WORD = re.compile(r"[^\w\u0300-\u036f]+|_+")
_SPACES = re.compile(r"\s+")


@dataclass
class Counts:
    """Additive counts behind every figure; floats because relaxed credit is fractional."""

    gold_tasks: float = 0
    pred_tasks: float = 0
    matched: float = 0
    lead_gold: float = 0
    lead_pred: float = 0
    lead_tp: float = 0
    support_gold: float = 0
    support_pred: float = 0
    support_tp: float = 0
    deadline_gold: float = 0
    deadline_pred: float = 0
    deadline_tp: float = 0
    deadline_text_tp: float = 0
    relaxed_lead_tp: float = 0
    relaxed_support_tp: float = 0
    exact: float = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def to_json(self) -> dict[str, float]:
        return {f.name: _plain(getattr(self, f.name), integral=True) for f in fields(self)}


COUNT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Counts))

# metric name -> (true positives, predicted, gold) count fields
PRF_METRICS: dict[str, tuple[str, str, str]] = {
    "task": ("matched", "pred_tasks", "gold_tasks"),
    "lead": ("lead_tp", "lead_pred", "lead_gold"),
    "support": ("support_tp", "support_pred", "support_gold"),
    "deadline": ("deadline_tp", "deadline_pred", "deadline_gold"),
    "deadline_text": ("deadline_text_tp", "deadline_pred", "deadline_gold"),
    "relaxed_lead": ("relaxed_lead_tp", "lead_pred", "lead_gold"),
    "relaxed_support": ("relaxed_support_tp", "support_pred", "support_gold"),
}
PRIMARY = ("task", "lead", "support", "deadline", "exact_task_rate")
SECONDARY = ("deadline_text", "relaxed_lead", "relaxed_support")


@dataclass
class Pair:
    gold: int
    pred: int
    similarity: float


@dataclass
class Alignment:
    """One document's pairing: matches, misses, false alarms, and near misses for the report."""

    doc_id: str
    gold: list[Task]
    pred: list[Task]
    matches: list[Pair] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)
    closest_pred: dict[int, Pair] = field(default_factory=dict)  # missed gold -> most similar predicted task
    closest_gold: dict[int, Pair] = field(default_factory=dict)  # spurious predicted -> most similar gold task


@dataclass
class DocScore:
    doc_id: str
    layout: str
    alignment: Alignment
    by_layout: dict[str, Counts]
    genre: str = "unknown"  # the document's type (documents.jsonl beside PRED), for per-genre rows
    gold_tasks: int = 0
    pred_tasks: int = 0

    @property
    def total(self) -> Counts:
        return sum(self.by_layout.values(), Counts())


@dataclass
class Evaluation:
    """Everything a report needs: per-document scores and the documents left out."""

    docs: list[DocScore]
    missing_in_pred: list[str]
    extra_in_pred: list[str]
    extra_scored: bool

    @property
    def total(self) -> Counts:
        return sum((d.total for d in self.docs), Counts())

    def layouts(self) -> list[str]:
        names = {name for d in self.docs for name in d.by_layout}
        return sorted(names, key=lambda n: (n == UNKNOWN_LAYOUT, n))

    def layout_total(self, layout: str) -> Counts:
        return sum((d.by_layout.get(layout, Counts()) for d in self.docs), Counts())

    def genres(self) -> list[str]:
        return sorted({d.genre for d in self.docs}, key=lambda n: (n == "unknown", n))

    def quiet(self) -> list[DocScore]:
        """Documents whose gold has no task: every task predicted there is a false alarm."""
        return [d for d in self.docs if d.gold_tasks == 0]


def text_words(text: str) -> Counter[str]:
    """Word multiset: NFC, lower-cased, anything not a letter or digit treated as a space."""
    return Counter(_NON_WORD.sub(" ", unicodedata.normalize("NFC", text).lower()).split())


def word_f1(a: Counter[str], b: Counter[str]) -> float:
    """F1 of two word multisets; 0.0 when either is empty."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[w]) for w, n in a.items() if w in b)
    return 2 * common / total


def normalize_agency(item: str) -> str:
    """Guideline section 3: case folding, NFC, whitespace collapsed, a leading 'các ' removed."""
    s = unicodedata.normalize("NFC", unicodedata.normalize("NFC", item).casefold())
    s = _SPACES.sub(" ", s).strip()
    if s.startswith(AGENCY_LEADING_WORD):
        s = s[len(AGENCY_LEADING_WORD):].lstrip()
    return s


def similarity_matrix(gold: Sequence[Task], pred: Sequence[Task]) -> np.ndarray:
    """Word F1 of every gold/predicted text pair.

    Multiset intersection as sparse products: min(a, b) = sum over k >= 1 of [a >= k][b >= k],
    so large documents cost a few matrix products instead of a Python loop per pair.
    """
    vocab: dict[str, int] = {}
    mats = []
    for side in (gold, pred):
        rows, cols, vals = [], [], []
        for i, t in enumerate(side):
            for w, n in text_words(t.text).items():
                rows.append(i)
                cols.append(vocab.setdefault(w, len(vocab)))
                vals.append(n)
        mats.append((rows, cols, vals))
    shape_v = max(len(vocab), 1)
    g, p = (sparse.csr_matrix((np.array(v, dtype=float), (r, c)), shape=(len(side), shape_v))
            for (r, c, v), side in zip(mats, (gold, pred), strict=True))
    common = np.zeros((len(gold), len(pred)))
    top = int(max(g.max() if g.nnz else 0, p.max() if p.nnz else 0))
    for k in range(1, top + 1):
        common += ((g >= k).astype(float) @ (p >= k).astype(float).T).toarray()
    denom = np.asarray(g.sum(axis=1)).reshape(-1, 1) + np.asarray(p.sum(axis=1)).reshape(1, -1)
    sim = np.zeros_like(common)
    np.divide(2 * common, denom, out=sim, where=denom > 0)
    return sim


def align(doc_id: str, gold: Sequence[Task], pred: Sequence[Task], threshold: float = MATCH_THRESHOLD) -> Alignment:
    """One-to-one pairing by maximum total similarity; pairs below threshold are not matches."""
    result = Alignment(doc_id, list(gold), list(pred))
    matched_gold: set[int] = set()
    matched_pred: set[int] = set()
    if gold and pred:
        sim = similarity_matrix(gold, pred)
        rows, cols = linear_sum_assignment(sim, maximize=True)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if sim[i, j] >= threshold:
                result.matches.append(Pair(i, j, float(sim[i, j])))
                matched_gold.add(i)
                matched_pred.add(j)
        for i in set(range(len(gold))) - matched_gold:
            j = int(np.argmax(sim[i]))
            result.closest_pred[i] = Pair(i, j, float(sim[i, j]))
        for j in set(range(len(pred))) - matched_pred:
            i = int(np.argmax(sim[:, j]))
            result.closest_gold[j] = Pair(i, j, float(sim[i, j]))
    result.missed = [i for i in range(len(gold)) if i not in matched_gold]
    result.spurious = [j for j in range(len(pred)) if j not in matched_pred]
    return result


def agency_items(task: Task, role: str) -> list[str]:
    mentions = task.lead if role == "lead" else task.support
    return [normalize_agency(m.text) for m in mentions]


def deadline_value(task: Task) -> tuple[str, str | None, str | None, str | None] | None:
    return task.deadline.value() if task.deadline is not None else None


def relaxed_credit(gold_items: Sequence[str], pred_items: Sequence[str]) -> float:
    """Sum of word F1 over a one-to-one pairing of items that maximizes it."""
    if not gold_items or not pred_items:
        return 0.0
    if Counter(gold_items) == Counter(pred_items):
        return float(len(gold_items))
    gw = [_item_words(s) for s in gold_items]
    pw = [_item_words(s) for s in pred_items]
    m = np.array([[word_f1(g, p) for p in pw] for g in gw])
    rows, cols = linear_sum_assignment(m, maximize=True)
    return float(m[rows, cols].sum())


@lru_cache(maxsize=65536)
def _item_words(item: str) -> Counter[str]:
    return text_words(item)


def pair_counts(gold: Task, pred: Task) -> Counts:
    """Counts for a matched pair."""
    c = Counts(gold_tasks=1, pred_tasks=1, matched=1)
    exact = True
    for role in ("lead", "support"):
        g, p = agency_items(gold, role), agency_items(pred, role)
        tp = sum((Counter(g) & Counter(p)).values())
        setattr(c, f"{role}_gold", len(g))
        setattr(c, f"{role}_pred", len(p))
        setattr(c, f"{role}_tp", tp)
        setattr(c, f"relaxed_{role}_tp", relaxed_credit(g, p))
        exact = exact and set(g) == set(p)
    gv, pv = deadline_value(gold), deadline_value(pred)
    c.deadline_gold = int(gv is not None)
    c.deadline_pred = int(pv is not None)
    if gold.deadline is not None and pred.deadline is not None:
        c.deadline_tp = int(gv == pv)
        c.deadline_text_tp = int(bool(text_words(gold.deadline.text) & text_words(pred.deadline.text)))
    c.exact = int(exact and gv == pv)
    return c


def unmatched_counts(task: Task, side: str) -> Counts:
    """Counts for a gold task nobody predicted (side 'gold') or a false alarm (side 'pred')."""
    c = Counts()
    setattr(c, f"{side}_tasks", 1)
    setattr(c, f"lead_{side}", len(task.lead))
    setattr(c, f"support_{side}", len(task.support))
    setattr(c, f"deadline_{side}", int(task.deadline is not None))
    return c


def document_layout(gold: Sequence[Task], known: str | None) -> str:
    """The layouts.json entry, else the single layout all gold tasks share, else unknown."""
    if known:
        return known
    names = {t.layout for t in gold if t.layout}
    return names.pop() if len(names) == 1 and all(t.layout for t in gold) else UNKNOWN_LAYOUT


def score_document(doc_id: str, gold: Sequence[Task], pred: Sequence[Task], known_layout: str | None = None,
                   threshold: float = MATCH_THRESHOLD) -> DocScore:
    """Align one document and split its counts by layout (gold task's key, else the document's)."""
    al = align(doc_id, gold, pred, threshold)
    doc_layout = document_layout(gold, known_layout)

    def gold_layout(i: int) -> str:
        return gold[i].layout or known_layout or UNKNOWN_LAYOUT

    by_layout: dict[str, Counts] = {}

    def add(layout: str, c: Counts) -> None:
        by_layout[layout] = by_layout.get(layout, Counts()) + c

    for p in al.matches:
        add(gold_layout(p.gold), pair_counts(gold[p.gold], pred[p.pred]))
    for i in al.missed:
        add(gold_layout(i), unmatched_counts(gold[i], "gold"))
    for j in al.spurious:
        fallback = pred[j].layout if doc_layout == UNKNOWN_LAYOUT and pred[j].layout else doc_layout
        add(fallback, unmatched_counts(pred[j], "pred"))
    return DocScore(doc_id, doc_layout, al, by_layout, gold_tasks=len(gold), pred_tasks=len(pred))


def evaluate(gold: Mapping[str, Sequence[Task]], pred: Mapping[str, Sequence[Task]],
             layouts: Mapping[str, str] | None = None, strict: bool = False,
             threshold: float = MATCH_THRESHOLD, genres: Mapping[str, str] | None = None) -> Evaluation:
    """Score every gold document; documents only in PRED are scored (all false alarms) only when strict."""
    layouts = layouts or {}
    extra = sorted(set(pred) - set(gold))
    doc_ids = sorted(set(gold) | (set(extra) if strict else set()))
    docs = [score_document(d, gold.get(d, ()), pred.get(d, ()), layouts.get(d), threshold) for d in doc_ids]
    for d in docs:
        d.genre = (genres or {}).get(d.doc_id) or "unknown"
    missing = sorted(d for d in gold if d not in pred)
    return Evaluation(docs, missing, extra, strict)


def metrics(counts: np.ndarray) -> dict[str, dict[str, np.ndarray]]:
    """Every figure from a (..., len(COUNT_FIELDS)) array of counts; vectorized so the bootstrap shares it."""
    col = {name: counts[..., k] for k, name in enumerate(COUNT_FIELDS)}
    out: dict[str, dict[str, np.ndarray]] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for name, (tp_f, pred_f, gold_f) in PRF_METRICS.items():
            tp, npred, ngold = col[tp_f], col[pred_f], col[gold_f]
            p = np.where(npred > 0, tp / npred, np.where(ngold > 0, 0.0, np.nan))
            r = np.where(ngold > 0, tp / ngold, np.where(npred > 0, 0.0, np.nan))
            f = np.where(p + r > 0, 2 * p * r / (p + r), np.where(np.isnan(p + r), np.nan, 0.0))
            out[name] = {"precision": p, "recall": r, "f1": f}
        ngold = col["gold_tasks"]
        out["exact_task_rate"] = {"rate": np.where(ngold > 0, col["exact"] / ngold, np.nan)}
    return out


def point_metrics(c: Counts) -> dict[str, dict[str, float | None]]:
    """metrics() for one set of counts, NaN turned into None."""
    m = metrics(np.array(c.as_tuple(), dtype=float))
    return {name: {k: _plain(v) for k, v in figs.items()} for name, figs in m.items()}


def _plain(v: float | np.ndarray, integral: bool = False) -> float | None:
    """A JSON-ready number: NaN -> None; whole counts as int when asked."""
    x = float(v)
    if np.isnan(x):
        return None
    return int(x) if integral and x.is_integer() else x
