"""``vntasks review OUT_DIR -o review.html``: one self-contained page for annotators."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import VntasksError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", type=Path, help="an extract output folder (documents.jsonl, tasks.jsonl)")
    parser.add_argument("-o", "--output", type=Path, default=Path("review.html"), help="HTML file to write")
    parser.add_argument("--gold", type=Path, help="gold JSONL file or folder: show missed, spurious and wrong fields")
    parser.add_argument("--doc", action="append", default=[], metavar="DOC_ID",
                        help="only this document (repeatable)")
    parser.add_argument("--low-confidence", type=float, default=0.6, metavar="X",
                        help="confidence below X counts as low (default 0.6)")


def run(args: argparse.Namespace) -> int:
    from pipeline.annotate.review import load_output, render_review
    from pipeline.eval.gold import load_tasks  # imported here: every command's module loads with the CLI

    docs, tasks = load_output(args.out_dir)
    if args.doc:
        wanted = set(args.doc)
        missing = wanted - {d.doc_id for d in docs}
        if missing:
            raise VntasksError(f"not in {args.out_dir}/documents.jsonl: {', '.join(sorted(missing))}")
        docs = [d for d in docs if d.doc_id in wanted]
        tasks = [t for t in tasks if t.doc_id in wanted]
    gold = load_tasks(args.gold) if args.gold else None
    if gold is not None:
        shown = {d.doc_id for d in docs}
        absent = sorted(set(gold) - shown)
        if absent and not args.doc:
            print(f"vntasks review: {len(absent)} gold document(s) not in {args.out_dir}: "
                  f"{', '.join(absent[:5])}{' …' if len(absent) > 5 else ''}", file=sys.stderr)
    page = render_review(docs, tasks, gold, low_confidence=args.low_confidence)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    print(f"wrote {args.output} ({len(docs)} documents, {len(tasks)} tasks)", file=sys.stderr)
    return 0
