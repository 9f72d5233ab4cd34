"""``vntasks evaluate GOLD PRED``: score predictions against gold (guideline section 6)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", type=Path, help="gold JSONL file or folder of JSONL files")
    parser.add_argument("pred", type=Path, help="predicted JSONL file or folder (documents.jsonl/errors.jsonl skipped)")
    parser.add_argument("--json", action="store_true", help="print one JSON object with every figure")
    parser.add_argument("--report", type=Path, help="write the error report; .html/.htm for HTML, else Markdown")
    parser.add_argument("--per-doc", action="store_true", help="add a per-document table to the summary")
    parser.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                        help="bootstrap rounds for 95%% intervals (0 = none; default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    parser.add_argument("--layouts", type=Path,
                        help="{doc_id: layout} JSON (default: layouts.json beside GOLD, if present)")
    parser.add_argument("--strict", action="store_true",
                        help="score documents present only in PRED (their tasks count as false alarms) "
                             "instead of ignoring them")


def read_genres(pred: Path) -> dict[str, str]:
    """doc_id -> document type from the run's documents.jsonl beside PRED ({} when there is none)."""
    docs = (pred if pred.is_dir() else pred.parent) / "documents.jsonl"
    if not docs.is_file():
        return {}
    out: dict[str, str] = {}
    with docs.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out[str(rec["doc_id"])] = str(rec.get("doc_type") or "unknown")
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{docs}:{n}: not a document record ({exc})") from exc
    return out


def run(args: argparse.Namespace) -> int:
    # imported here: the CLI loads every command module to build its parser, and scipy is slow to import
    from pipeline.eval.gold import default_layouts_path, load_layouts, load_tasks
    from pipeline.eval.intervals import summarize
    from pipeline.eval.report import error_report, summary_json, summary_text
    from pipeline.eval.score import evaluate

    if args.bootstrap < 0:
        raise InputError("--bootstrap must be 0 or more")
    gold = load_tasks(args.gold, empty_files_are_documents=True)
    if not gold:
        raise InputError(f"{args.gold}: no gold records (is this the right path?)")
    pred = dict(load_tasks(args.pred))
    genres = read_genres(args.pred)
    for doc_id in genres:
        pred.setdefault(doc_id, [])  # processed, no task found: present in PRED with nothing
    layouts_path = args.layouts or default_layouts_path(args.gold)
    layouts = load_layouts(layouts_path) if args.layouts or layouts_path.is_file() else {}
    ev = evaluate(gold, pred, layouts, strict=args.strict, genres=genres)
    if ev.extra_in_pred:
        how = "scored as false alarms (--strict)" if args.strict else "ignored; pass --strict to score them"
        print(f"warning: {len(ev.extra_in_pred)} document(s) in PRED but not in GOLD, {how}: "
              + ", ".join(ev.extra_in_pred), file=sys.stderr)
    summary = summarize(ev, rounds=args.bootstrap, seed=args.seed)
    if args.report:
        fmt = "html" if args.report.suffix.lower() in (".html", ".htm") else "markdown"
        try:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(error_report(summary, fmt), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write report {args.report}: {exc}") from exc
    if args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=1))
    else:
        print(summary_text(summary, per_doc=args.per_doc), end="")
    return 0
