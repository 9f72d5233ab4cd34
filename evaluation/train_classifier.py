"""Train the task model on the hand-annotated documents and export its weights.

Every candidate the layout proposes (``pipeline.extract.candidates``: items,
paragraphs, table rows, including those today's layout rules would drop) is a
training example, labelled by whether the scorer's alignment pairs it with a
gold task. Accuracy is measured by leave-one-document-out cross-validation:
each document's candidates are scored by a model that never saw that document,
and the model is compared with the layout rules alone, overall and per genre
(document type). The cut is the one that maximizes cross-validated task F1;
the final model (trained on all documents) goes to models/task_classifier/ as
JSON. Deterministic: the same gold and code write the same file, bit for bit.

    python evaluation/train_classifier.py [--annotations DIR ...] [--check]

The blind test set (annotations/blind) is never used here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.classify import model as classify  # noqa: E402
from pipeline.eval.gold import load_tasks  # noqa: E402
from pipeline.eval.score import align  # noqa: E402
from pipeline.eval.validate import find_document  # noqa: E402
from pipeline.extract import candidates  # noqa: E402
from pipeline.io import read_document  # noqa: E402
from pipeline.layout import structure  # noqa: E402
from pipeline.layout.metadata import read_metadata  # noqa: E402
from pipeline.records import Task  # noqa: E402
from pipeline.resources import doc_dirs  # noqa: E402
from pipeline.text.normalize import normalize  # noqa: E402

TRAIN_SETS = ("seeds", "real", "heldout", "inbox")
C = 0.5
CUTS = [round(c, 2) for c in np.arange(0.10, 0.91, 0.05)]


def examples(gold: dict[str, list[Task]]) -> tuple[list[str], list[dict], list[int], list[bool], dict]:
    """Per candidate: doc id, features, label, rule decision; per document: gold count and type."""
    docs: list[str] = []
    feats: list[dict] = []
    labels: list[int] = []
    rules: list[bool] = []
    info: dict[str, dict] = {}
    dirs = doc_dirs()
    for doc_id in sorted(gold):
        path = find_document(doc_id, dirs)
        if path is None:
            print(f"warning: {doc_id}: document not found, skipped", file=sys.stderr)
            continue
        norm = normalize(read_document(path).text)
        meta = read_metadata(norm)
        drafts = candidates(structure.parse(norm), meta)
        cands = [Task(doc_id, d.task_id, d.section, norm.text[d.text[0] : d.text[1]]) for d in drafts]
        al = align(doc_id, gold[doc_id], cands)
        matched = {p.pred for p in al.matches}
        for i, d in enumerate(drafts):
            docs.append(doc_id)
            feats.append(classify.features(cands[i].text, d.facts))
            labels.append(int(i in matched))
            rules.append(bool(d.facts.get("rule", True)))
        info[doc_id] = {"gold": len(gold[doc_id]), "genre": meta.doc_type or "unknown"}
    return docs, feats, labels, rules, info


def fit(feats: list[dict], labels: list[int], docs: list[str]) -> tuple[DictVectorizer, LogisticRegression]:
    """Logistic regression; a document weighs by the square root of its size, so long plans do not drown letters."""
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(feats)
    sizes: dict[str, int] = defaultdict(int)
    for d in docs:
        sizes[d] += 1
    weight = np.array([1.0 / np.sqrt(sizes[d]) for d in docs])
    clf = LogisticRegression(C=C, max_iter=5000)
    clf.fit(x, labels, sample_weight=weight * len(docs) / weight.sum())
    return vec, clf


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(keep: np.ndarray, y: np.ndarray, doc_arr: np.ndarray, info: dict, genre: str | None = None) -> dict:
    """Task P/R/F1 of a keep-mask (a kept candidate matched to gold is a hit; the rest of gold is missed)."""
    sel = np.ones(len(y), bool) if genre is None else np.array([info[d]["genre"] == genre for d in doc_arr])
    n_gold = sum(v["gold"] for v in info.values() if genre is None or v["genre"] == genre)
    tp = int((keep & sel & (y == 1)).sum())
    n_pred = int((keep & sel).sum())
    p, r, f1 = prf(tp, n_pred, n_gold)
    quiet = [d for d, v in info.items() if v["gold"] == 0 and (genre is None or v["genre"] == genre)]
    quiet_pred = sum(int((keep & (doc_arr == d)).sum()) for d in quiet)
    return {"docs": sum(1 for v in info.values() if genre is None or v["genre"] == genre), "gold": n_gold,
            "pred": n_pred, "P": round(p, 4), "R": round(r, 4), "F1": round(f1, 4), "quiet_docs": len(quiet),
            "quiet_pred_per_doc": round(quiet_pred / len(quiet), 2) if quiet else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", type=Path, nargs="+", default=[ROOT / "annotations" / d for d in TRAIN_SETS],
                    help="gold folders to train on (never annotations/blind: the blind test set)")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "task_classifier")
    ap.add_argument("--check", action="store_true",
                    help="do not write: exit 1 unless the shipped weights are what this training gives")
    args = ap.parse_args()
    if any("blind" in str(a) for a in args.annotations):
        sys.exit("train_classifier: the blind test set is never trained on")

    gold: dict[str, list[Task]] = {}
    for folder in args.annotations:
        gold.update(load_tasks(folder, empty_files_are_documents=True))
    docs, feats, labels, rules, info = examples(gold)
    y = np.array(labels)
    doc_arr = np.array(docs)
    rule_keep = np.array(rules)
    probs = np.zeros(len(y))
    for doc_id in sorted(info):
        test = doc_arr == doc_id
        if not test.any():
            continue
        train = ~test
        vec, clf = fit([f for f, t in zip(feats, train, strict=True) if t], list(y[train]), list(doc_arr[train]))
        probs[test] = clf.predict_proba(vec.transform([f for f, t in zip(feats, test, strict=True) if t]))[:, 1]

    print(f"{len(info)} documents, {len(y)} candidates ({int(y.sum())} match gold), "
          f"{sum(v['gold'] for v in info.values())} gold tasks, {sum(1 for v in info.values() if v['gold'] == 0)} "
          "documents without tasks")
    base = score(rule_keep, y, doc_arr, info)
    print(f"layout rules alone:                         {base}")
    # two cuts: one for candidates the layout rules accept, one (higher or equal) for those they reject
    best_cut, best_rej, best = 0.5, 0.5, None
    for cut in CUTS:
        for rej in (c for c in CUTS if c >= cut):
            s = score(np.where(rule_keep, probs >= cut, probs >= rej), y, doc_arr, info)
            if best is None or s["F1"] > best["F1"] + 1e-9:
                best_cut, best_rej, best = cut, rej, s
        s = score(probs >= cut, y, doc_arr, info)
        print(f"model, leave-one-document-out, one cut {cut:.2f}: {s}")
    print(f"best cuts {best_cut:.2f} (rules accept) / {best_rej:.2f} (rules reject): {best}")
    final_keep = np.where(rule_keep, probs >= best_cut, probs >= best_rej)
    genres = sorted({v["genre"] for v in info.values()})
    per_genre = {g: {"rules": score(rule_keep, y, doc_arr, info, g),
                     "model": score(final_keep, y, doc_arr, info, g)} for g in genres}
    print("per genre (rules -> model, cross-validated):")
    for g, v in per_genre.items():
        print(f"  {g:12s} docs {v['rules']['docs']:3d}  F1 {v['rules']['F1']:.3f} -> {v['model']['F1']:.3f}  "
              f"quiet docs {v['rules']['quiet_docs']}: tasks/doc {v['rules']['quiet_pred_per_doc']} -> "
              f"{v['model']['quiet_pred_per_doc']}")
    # keep the rules where the model does not beat them (a genre with at least 3 documents)
    rules_genres = sorted(g for g, v in per_genre.items()
                          if v["rules"]["docs"] >= 3 and v["rules"]["F1"] > v["model"]["F1"])
    print(f"genres where the layout rules decide (rules beat the model in cross-validation): {rules_genres}")
    vec, clf = fit(feats, labels, docs)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 6) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-6}
    model = {
        "_about": "Logistic regression over pipeline.classify.model.features; trained by "
                  "evaluation/train_classifier.py on every candidate of pipeline.extract.candidates",
        "documents": sorted(info),
        "examples": len(y),
        "C": C,
        "threshold": best_cut,
        "threshold_rejected": best_rej,
        "rules_decide_for": rules_genres,
        "cv_leave_one_document_out": {"rules_alone": base, "model_at_threshold": best, "per_genre": per_genre},
        "intercept": round(float(clf.intercept_[0]), 6),
        "weights": dict(sorted(weights.items())),
    }
    text = json.dumps(model, ensure_ascii=False, indent=1) + "\n"
    path = args.out / "task_classifier.json"
    if args.check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print("shipped weights reproduced bit for bit" if same else "shipped weights differ from this training")
        return 0 if same else 1
    args.out.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"thresholds {best_cut:.2f} / {best_rej:.2f}; wrote {path} with {len(weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
