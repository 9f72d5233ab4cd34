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
def _cue_lists() -> dict[str, tuple[str, ...]]:
    with model_path("task_classifier", "cues.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: tuple(fold(c) for c in data[k]) for k in ("cues", "section_cues", "title_cues")}


def features(body: str, facts: dict[str, Any]) -> dict[str, float]:
    """Sparse features of one candidate from its text and its layout facts (names key the weights).

    Today's layout rules enter as features ("rule", "rejected=…"), beside what a reader
    uses: opening words, cue words, the enclosing headings' words, the document's kind
    (type and title words), marker kind and depth, digits and length.
    """
    f = fold(body)
    words = _WORD.findall(f)
    sec = facts.get("section_class") or "neutral"
    style = facts.get("style") or "none"
    doc = facts.get("doc_type") or "none"
    feats: dict[str, float] = {
        "bias": 1.0,
        f"sec={sec}": 1.0,
        f"doc={doc}": 1.0,
        f"style={style}": 1.0,
        f"kind={facts.get('kind')}": 1.0,
        f"sec_style={sec}_{style}": 1.0,
        "has_fields": float(bool(facts.get("has_fields"))),
        "has_label": float(bool(facts.get("has_label"))),
        "inherited": float(bool(facts.get("inherited"))),
        "directive": float(bool(facts.get("directive"))),
        "role_lead": float(bool(facts.get("role_lead"))),
        "after_item": float(bool(facts.get("after_item"))),
        "rule": float(bool(facts.get("rule"))),
        "has_deadline": float(bool(facts.get("has_deadline"))),
        "lead_at_start": float(bool(facts.get("lead_at_start"))),
        f"doc_lead={doc}_{int(bool(facts.get('role_lead')))}": 1.0,
        f"doc_directive={doc}_{int(bool(facts.get('directive')))}": 1.0,
        f"doc_deadline={doc}_{int(bool(facts.get('has_deadline')))}": 1.0,
        f"rejected={facts.get('rejected') or 'no'}": 1.0,
        f"depth={min(int(facts.get('depth') or 0), 5)}": 1.0,
        f"end={body.rstrip()[-1:] if body.strip() else ''}": 1.0,
        f"len={min(int(math.log2(len(body) + 1)), 11)}": 1.0,
    }
    if words:
        feats[f"w1={words[0]}"] = 1.0
        if len(words) > 1:
            feats[f"w2={words[0]}_{words[1]}"] = 1.0
    digits = sum(ch.isdigit() for ch in body)
    feats[f"digits={min(digits * 20 // max(len(body), 1), 4)}"] = 1.0
    lists = _cue_lists()
    head = f[:160]
    for cue in lists["cues"]:
        if cue in head:
            feats[f"cue={cue}"] = 1.0
    section = fold(facts.get("section") or "")
    for cue in lists["section_cues"]:
        if cue in section:
            feats[f"seccue={cue}"] = 1.0
    title = fold(facts.get("title") or "")
    for cue in lists["title_cues"]:
        if cue in title:
            feats[f"title={cue}"] = 1.0
            feats[f"title_rule={cue}_{int(bool(facts.get('rule')))}"] = 1.0
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


def threshold(rule_accepts: bool = True) -> float:
    """The cut on P(task): one for candidates the layout rules accept, one for those they reject."""
    model = _model()
    if not model:
        return 0.0
    return float(model["threshold"] if rule_accepts else model.get("threshold_rejected", model["threshold"]))


def rules_decide(doc_type: str | None) -> bool:
    """True for a document type where cross-validation found the layout rules better than the model."""
    model = _model()
    return bool(model) and (doc_type or "unknown") in model.get("rules_decide_for", ())


def probability(feats: dict[str, float]) -> float | None:
    """P(task) for one candidate, or None when no model is installed."""
    model = _model()
    if model is None:
        return None
    weights: dict[str, float] = model["weights"]
    z = float(model["intercept"]) + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
