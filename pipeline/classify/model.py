"""The trained task classifier: is this enumerated item or paragraph a task?

Why: the layout rules find every candidate a reader would consider (items in
task sections, paragraphs that name an agency, bullets under a lead-in), but
background prose, targets and funding lines look like items too.  A logistic
regression over cheap, generic features (first words, section kind, marker,
cue words, digits) scores each candidate; its probability is the task's
``confidence`` and low-scoring candidates are dropped.

The model is trained by ``evaluation/train_classifier.py`` with scikit-learn and
stored as plain JSON weights (feature -> coefficient), so inference is a dot
product: no pickle, no scikit-learn version coupling at run time.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from pipeline.resources import model_path
from pipeline.text.util import fold

MODEL_FILE = ("task_classifier", "task_classifier.json")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _cues() -> tuple[str, ...]:
    with model_path("task_classifier", "cues.json").open(encoding="utf-8") as fh:
        return tuple(fold(c) for c in json.load(fh)["cues"])


def features(
    body: str,
    *,
    section_class: str,
    doc_type: str | None,
    style: str | None,
    kind: str,
    has_fields: bool,
    has_label: bool,
    inherited: bool,
    directive: bool,
    role_lead: bool,
    depth: int,
) -> dict[str, float]:
    """Sparse features of one candidate (names are stable: they key the weights)."""
    f = fold(body)
    words = _WORD.findall(f)
    feats: dict[str, float] = {
        "bias": 1.0,
        f"sec={section_class}": 1.0,
        f"doc={doc_type or 'none'}": 1.0,
        f"style={style or 'none'}": 1.0,
        f"kind={kind}": 1.0,
        f"sec_style={section_class}_{style or 'none'}": 1.0,
        "has_fields": float(has_fields),
        "has_label": float(has_label),
        "inherited": float(inherited),
        "directive": float(directive),
        "role_lead": float(role_lead),
        f"depth={min(depth, 5)}": 1.0,
        f"end={body.rstrip()[-1:] if body.strip() else ''}": 1.0,
        f"len={min(int(math.log2(len(body) + 1)), 11)}": 1.0,
    }
    if words:
        feats[f"w1={words[0]}"] = 1.0
        if len(words) > 1:
            feats[f"w2={words[0]}_{words[1]}"] = 1.0
    digits = sum(ch.isdigit() for ch in body)
    feats[f"digits={min(digits * 20 // max(len(body), 1), 4)}"] = 1.0
    head = f[:160]
    for cue in _cues():
        if cue in head:
            feats[f"cue={cue}"] = 1.0
    return feats


@lru_cache(maxsize=1)
def _model() -> dict[str, Any] | None:
    path = model_path(*MODEL_FILE)
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def available() -> bool:
    return _model() is not None


def threshold() -> float:
    model = _model()
    return float(model["threshold"]) if model else 0.0


def probability(feats: dict[str, float]) -> float | None:
    """P(task) for one candidate, or None when no model is installed."""
    model = _model()
    if model is None:
        return None
    weights: dict[str, float] = model["weights"]
    z = float(model["intercept"]) + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
