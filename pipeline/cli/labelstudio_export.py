"""``vntasks export-labelstudio OUT_DIR -o DIR``: labeling config and tasks with predictions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.annotate.labelstudio_export import DEFAULT_UNIT, OFFSET_UNITS, export_tasks, labeling_config
from pipeline.errors import VntasksError

CONFIG_NAME, TASKS_NAME = "labeling_config.xml", "tasks.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", type=Path, help="an extract output folder (documents.jsonl, tasks.jsonl)")
    parser.add_argument("-o", "--output", type=Path, default=Path("labelstudio"),
                        help=f"folder to write {CONFIG_NAME} and {TASKS_NAME} into (default ./labelstudio)")
    parser.add_argument("--doc", action="append", default=[], metavar="DOC_ID", help="only this document (repeatable)")
    parser.add_argument("--offsets", choices=OFFSET_UNITS, default=DEFAULT_UNIT,
                        help="offset unit of your Label Studio: codepoint (current releases) or utf16 "
                             f"(releases that count JavaScript string units); default {DEFAULT_UNIT}")
    parser.add_argument("--model-version", default=f"vntasks {__version__}", help="model_version of the predictions")


def run(args: argparse.Namespace) -> int:
    from pipeline.annotate.review import (
        load_output,  # imported here: every command's module loads with the CLI
    )

    docs, tasks = load_output(args.out_dir)
    if args.doc:
        missing = set(args.doc) - {d.doc_id for d in docs}
        if missing:
            raise VntasksError(f"not in {args.out_dir}/documents.jsonl: {', '.join(sorted(missing))}")
        docs = [d for d in docs if d.doc_id in args.doc]
    items, problems = export_tasks(docs, tasks, model_version=args.model_version, unit=args.offsets)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / CONFIG_NAME).write_text(labeling_config(), encoding="utf-8")
    (args.output / TASKS_NAME).write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    for p in problems:
        print(f"vntasks export-labelstudio: not exported: {p}", file=sys.stderr)
    regions = sum(len(i["predictions"][0]["result"]) for i in items)
    print(f"wrote {args.output / CONFIG_NAME} and {args.output / TASKS_NAME} ({len(items)} documents, "
          f"{regions} result items, {len(problems)} value(s) without a span not exported)", file=sys.stderr)
    return 0
