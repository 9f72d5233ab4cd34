"""``vntasks import-labelstudio EXPORT.json -o annotations/``: an annotator's export back to gold JSONL."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.annotate.labelstudio_export import OFFSET_UNITS
from pipeline.annotate.labelstudio_import import gold_record, import_export
from pipeline.errors import VntasksError
from pipeline.records import dumps


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("export", type=Path, help="Label Studio export in JSON format (not JSON-MIN)")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="a folder (one DOC_ID.jsonl per document, like annotations/) or a single .jsonl file")
    parser.add_argument("--force", action="store_true", help="overwrite existing gold files")
    parser.add_argument("--offsets", choices=OFFSET_UNITS,
                        help="offset unit of the export (default: the unit recorded at export time)")
    parser.add_argument("--report", type=Path, help="also write the problems as JSONL here")


def run(args: argparse.Namespace) -> int:
    try:
        export = json.loads(args.export.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VntasksError(f"{args.export}: cannot read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise VntasksError(f"{args.export}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    by_doc, problems = import_export(export, args.offsets)
    single = args.output.suffix == ".jsonl"
    files = {args.output: [t for tasks in by_doc.values() for t in tasks]} if single else {
        args.output / f"{doc_id}.jsonl": tasks for doc_id, tasks in by_doc.items()}
    existing = sorted(str(p) for p in files if p.exists())
    if existing and not args.force:
        raise VntasksError(f"would overwrite {len(existing)} file(s) ({', '.join(existing[:3])}"
                           f"{' …' if len(existing) > 3 else ''}); pass --force to replace them")
    (args.output.parent if single else args.output).mkdir(parents=True, exist_ok=True)
    for path, tasks in files.items():
        path.write_text("".join(dumps(gold_record(t)) + "\n" for t in tasks), encoding="utf-8")
    for p in problems:
        print(f"vntasks import-labelstudio: {p}", file=sys.stderr)
    if args.report:
        args.report.write_text("".join(dumps(vars(p)) + "\n" for p in problems), encoding="utf-8")
    errors = sum(1 for p in problems if p.severity == "error")
    print(f"wrote {sum(len(t) for t in by_doc.values())} gold task(s) of {len(by_doc)} document(s) to "
          f"{args.output}; {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0
