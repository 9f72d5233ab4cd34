"""The README's accuracy table: per field P/R/F1 on each gold set, from one extraction.

    python evaluation/accuracy_table.py PRED_DIR [GOLD_DIR ...]

PRED_DIR is a `vntasks extract` output over all the documents (the folders of
evaluation/corpora.json); each GOLD_DIR (default: annotations/seeds, real,
heldout, inbox, blind) is scored with the same `vntasks evaluate` code and printed as one
block of a Markdown table, 95% bootstrap intervals in brackets.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.eval.gold import load_tasks  # noqa: E402
from pipeline.eval.intervals import summarize  # noqa: E402
from pipeline.eval.report import summary_json  # noqa: E402
from pipeline.eval.score import evaluate  # noqa: E402

SETS = ("seeds", "real", "heldout", "inbox", "blind")
FIELDS = ("task", "lead", "support", "deadline")


def _fmt(fig: dict) -> str:
    v = fig.get("value")
    ci = fig.get("ci")
    if v is None:
        return "–"
    if ci and ci[0] is not None:
        return f"{v:.3f} [{ci[0]:.2f}, {ci[1]:.2f}]"
    return f"{v:.3f}"


def table(pred_dir: Path, gold_dirs: list[Path]) -> str:
    pred = load_tasks(pred_dir)
    rows = ["| gold set | docs | gold tasks | field | precision | recall | F1 |", "|---|---|---|---|---|---|---|"]
    for gd in gold_dirs:
        gold = load_tasks(gd, empty_files_are_documents=True)
        sub = {d: pred.get(d, []) for d in gold}
        data = summary_json(summarize(evaluate(gold, sub), rounds=1000, seed=0))
        overall = data["overall"]
        n_gold = sum(len(v) for v in gold.values())
        for name in FIELDS:
            prim = overall["primary"][name]
            rows.append(f"| {gd.name} | {len(gold)} | {n_gold} | {name} | {_fmt(prim['precision'])} | "
                        f"{_fmt(prim['recall'])} | {_fmt(prim['f1'])} |")
        rows.append(f"| {gd.name} | | | exact task rate | | | {_fmt(overall['primary']['exact_task_rate']['rate'])} |")
        quiet = data["quiet_documents"]
        if quiet["documents"]:
            rows.append(f"| {gd.name} | {quiet['documents']} | 0 | tasks predicted per document without tasks | | | "
                        f"{quiet['predicted_tasks'] / quiet['documents']:.2f} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    pred = Path(argv[0])
    golds = [Path(a) for a in argv[1:]] or [ROOT / "annotations" / s for s in SETS if (ROOT / "annotations" / s).is_dir()]
    print(table(pred, golds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
