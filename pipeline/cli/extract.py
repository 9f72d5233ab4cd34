"""``vntasks extract PATH... -o OUT_DIR``: tasks from files, folders and globs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import VntasksError

FORMATS = ("jsonl", "csv", "xlsx", "parquet")
EPILOG = """\
Re-running the same command processes only new or changed files (content hash
in OUT_DIR/manifest.jsonl) and rebuilds the outputs; an interrupted run resumes
where it stopped. --force starts over.

On a Dask cluster (every worker needs this package installed; the input files
are read here and sent to the workers, results come back here):
    dask scheduler                       # on the head node, port 8786
    dask worker tcp://HEAD:8786 --nworkers 8 --nthreads 1   # on each node
    vntasks extract /data/inbox -o /data/out --engine dask --scheduler tcp://HEAD:8786
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.run.engines import default_jobs

    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter

    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, folders (searched recursively) or glob patterns "
                             "(.txt .md .docx .pdf .html)")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUT_DIR",
                        help="output folder: tasks.jsonl, documents.jsonl, errors.jsonl, manifest.jsonl")
    parser.add_argument("-j", "--jobs", type=int, default=default_jobs(),
                        help="worker processes (default: all cores)")
    parser.add_argument("--format", default="jsonl",
                        help="extra table output(s) besides JSONL, comma-separated: csv, xlsx, parquet")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local processes (default) or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                             "(default with --engine dask: a local cluster of --jobs workers)")
    parser.add_argument("--partition-size", type=int, default=8,
                        help="files per Dask task (default 8)")
    parser.add_argument("--force", "--no-resume", dest="force", action="store_true",
                        help="discard earlier results in OUT_DIR and process everything again")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None,
                          help="always show a progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false",
                          help="plain log lines even on a terminal")


def parse_formats(value: str) -> list[str]:
    """``csv,xlsx`` -> ["csv", "xlsx"]; jsonl is always written."""
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise VntasksError(f"unknown --format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return [n for n in names if n != "jsonl"]


def run(args: argparse.Namespace) -> int:
    from pipeline.run.runner import RunOptions, run_batch

    if args.jobs < 1:
        raise VntasksError("--jobs must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise VntasksError("--scheduler needs --engine dask")
    options = RunOptions(paths=args.paths, out_dir=args.output, jobs=args.jobs, engine=args.engine,
                         scheduler=args.scheduler, partition_size=max(1, args.partition_size),
                         formats=parse_formats(args.format), fresh=args.force, progress=args.progress)
    try:
        summary = run_batch(options)
    except KeyboardInterrupt:
        print(f"vntasks: interrupted; finished files are saved in {args.output}; "
              "run the same command again to resume", file=sys.stderr)
        return 130
    rate = summary.processed / summary.seconds if summary.seconds else 0.0
    print(f"vntasks: {summary.inputs} files: {summary.processed} processed ({rate:.1f} files/s), "
          f"{summary.cached} unchanged, {summary.errors} errors, {summary.tasks} tasks; "
          f"output in {args.output}", file=sys.stderr)
    if summary.errors:
        print(f"vntasks: see {args.output / 'errors.jsonl'} for the files that failed", file=sys.stderr)
    return 0
