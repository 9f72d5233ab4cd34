"""``vntasks validate-gold``: check gold records against schema and their documents."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", type=Path, help="gold JSONL file or folder of JSONL files")
    parser.add_argument("--docs", type=Path, nargs="+", metavar="DIR",
                        help="folders holding the documents (default: the folders in evaluation/corpora.json, "
                             "or VNTASKS_DOC_DIRS)")
    parser.add_argument("--errors-only", action="store_true", help="do not print warnings")


def run(args: argparse.Namespace) -> int:
    from pipeline.eval.validate import default_doc_dirs, validate_gold  # kept out of CLI start-up

    dirs = args.docs or [d for d in default_doc_dirs() if d.is_dir()]
    problems, n_records = validate_gold(args.gold, dirs)
    errors = [p for p in problems if p.severity == "error"]
    for p in problems:
        if p.severity == "error" or not args.errors_only:
            print(p)
    print(f"{n_records} valid-format record(s) checked; {len(errors)} error(s), "
          f"{len(problems) - len(errors)} warning(s)")
    return 1 if errors else 0
