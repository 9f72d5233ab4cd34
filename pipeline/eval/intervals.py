"""Percentile bootstrap over documents, and the summary of figures every output is rendered from.

Why documents: tasks within a document are not independent (one extractor rule
fails a whole table), so the unit of resampling is the document.  Per-document
counts are computed once; a resample is a vector of how many times each
document was drawn, so all rounds are one matrix product and the figures come
from the same ``evaluate.metrics`` as the point estimates.  Seeded: reruns
print the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pipeline.eval.score import COUNT_FIELDS, Counts, Evaluation, metrics, point_metrics

Interval = tuple[float | None, float | None]


def resample_weights(n_docs: int, rounds: int, seed: int) -> np.ndarray:
    """(rounds, n_docs) draw counts: each row is one resample of n_docs documents with replacement."""
    if n_docs == 0 or rounds <= 0:
        return np.zeros((0, n_docs))
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=rounds).astype(float)


def intervals(doc_counts: np.ndarray, weights: np.ndarray, level: float = 0.95) -> dict[str, dict[str, Interval]]:
    """Percentile interval of each figure; a round where a figure is undefined is left out of it."""
    if weights.shape[0] == 0:
        return {}
    sums = weights @ doc_counts
    tail = (1.0 - level) / 2 * 100
    out: dict[str, dict[str, Interval]] = {}
    for name, figs in metrics(sums).items():
        out[name] = {}
        for fig, values in figs.items():
            finite = values[~np.isnan(values)]
            if finite.size == 0:
                out[name][fig] = (None, None)
            else:
                lo, hi = np.percentile(finite, [tail, 100 - tail])
                out[name][fig] = (float(lo), float(hi))
    return out


@dataclass
class Figures:
    """Counts, point values and (when bootstrapped) intervals for one slice of the data."""

    counts: Counts
    values: dict[str, dict[str, float | None]]
    ci: dict[str, dict[str, Interval]] = field(default_factory=dict)
    documents: int = 0


@dataclass
class Summary:
    evaluation: Evaluation
    overall: Figures
    by_layout: dict[str, Figures]
    by_doc: dict[str, Figures]
    rounds: int
    seed: int
    level: float
    by_genre: dict[str, Figures] = field(default_factory=dict)


def summarize(ev: Evaluation, rounds: int = 1000, seed: int = 0, level: float = 0.95) -> Summary:
    """Point figures for the corpus, each layout and each document; intervals for corpus and layouts."""
    n = len(ev.docs)
    weights = resample_weights(n, rounds, seed)
    overall_counts = np.array([d.total.as_tuple() for d in ev.docs], dtype=float).reshape(n, len(COUNT_FIELDS))
    total = ev.total
    overall = Figures(total, point_metrics(total), intervals(overall_counts, weights, level), n)
    by_layout = {}
    for layout in ev.layouts():
        per_doc = [d.by_layout.get(layout, Counts()) for d in ev.docs]
        arr = np.array([c.as_tuple() for c in per_doc], dtype=float).reshape(n, len(COUNT_FIELDS))
        c = ev.layout_total(layout)
        used = sum(1 for d in ev.docs if layout in d.by_layout)
        by_layout[layout] = Figures(c, point_metrics(c), intervals(arr, weights, level), used)
    by_genre = {}
    for genre in ev.genres():
        mask = np.array([d.genre == genre for d in ev.docs], dtype=float).reshape(n, 1)
        c = sum((d.total for d in ev.docs if d.genre == genre), Counts())
        by_genre[genre] = Figures(c, point_metrics(c), intervals(overall_counts * mask, weights, level),
                                  int(mask.sum()))
    by_doc = {d.doc_id: Figures(d.total, point_metrics(d.total), {}, 1) for d in ev.docs}
    return Summary(ev, overall, by_layout, by_doc, rounds if n else 0, seed, level, by_genre)
