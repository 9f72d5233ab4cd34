"""One batch run end to end: collect, plan, execute, commit, finalize, export."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pipeline.batch import (
    FileResult,
    InputFile,
    WorkItem,
    assign_doc_ids,
    collect_inputs,
    error_entry,
    plan_work,
    stat_files,
    to_block,
)
from pipeline.errors import VntasksError
from pipeline.store import ManifestEntry, OutputStore

Engine = Callable[[list[WorkItem]], Iterator[list[FileResult]]]


@dataclass
class RunOptions:
    """What ``vntasks extract`` was asked to do."""

    paths: Sequence[str]
    out_dir: Path
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    partition_size: int = 8
    formats: Sequence[str] = ()
    fresh: bool = False
    progress: bool | None = None  # None: a bar on a terminal, plain lines otherwise


@dataclass
class RunSummary:
    """Counts for the closing log line and for callers (tests, benchmark)."""

    inputs: int = 0
    processed: int = 0
    cached: int = 0
    errors: int = 0
    tasks: int = 0
    chars: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


class Progress:
    """A tqdm bar on a terminal; otherwise a plain line every ``every`` seconds."""

    def __init__(self, total: int, bar: bool, stream: IO[str] = sys.stderr, every: float = 30.0) -> None:
        self.total, self.stream, self.every = total, stream, every
        self.done = self.tasks = self.errors = 0
        self.start = self.last = time.monotonic()
        self.bar = None
        if bar and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, results: list[FileResult]) -> None:
        self.done += len(results)
        self.tasks += sum(r.tasks for r in results)
        self.errors += sum(1 for r in results if r.error is not None)
        if self.bar is not None:
            self.bar.update(len(results))
            self.bar.set_postfix(tasks=self.tasks, errors=self.errors, refresh=False)
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.log(f"{self.done}/{self.total} files, {self.tasks} tasks, {self.errors} errors, "
                     f"{self.done / max(now - self.start, 1e-9):.1f} files/s")

    def log(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(f"vntasks: {message}", file=self.stream)
        else:
            print(f"vntasks: {message}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def make_engine(options: RunOptions) -> Engine:
    from pipeline import engines

    if options.engine == "local":
        return lambda items: engines.run_local(items, options.jobs)
    if options.engine == "dask":
        return lambda items: engines.run_dask(items, options.scheduler, options.jobs, options.partition_size)
    raise VntasksError(f"unknown engine {options.engine!r}; use local or dask")


def run_batch(options: RunOptions, engine: Engine | None = None) -> RunSummary:
    """Process what is new or changed under ``options.paths`` into OUT_DIR."""
    started = time.monotonic()
    engine = engine or make_engine(options)
    bar = sys.stderr.isatty() if options.progress is None else options.progress
    summary = RunSummary()
    store = OutputStore(options.out_dir)
    store.open(fresh=options.fresh)
    try:
        inputs = collect_inputs(options.paths, exclude=[options.out_dir])
        files, stat_errors = stat_files(inputs.files)
        current = {f.source for f in files} | {e.path for e in inputs.errors + stat_errors}
        for source, entry in list(store.entries.items()):
            if source not in current and entry.error_type == "missing":
                del store.entries[source]  # a mistyped argument of an earlier run
        taken = {e.doc_id for s, e in store.entries.items() if s not in current}
        files, id_warnings = assign_doc_ids(files, taken)
        summary.warnings = store.warnings + inputs.warnings + id_warnings
        for err in inputs.errors + stat_errors:
            store.record(ManifestEntry(source=err.path, doc_id=Path(err.path).stem, status="error",
                                       reason=err.reason, error_type=err.error_type))
        pending, summary.cached = plan_work(store, files)
        summary.inputs = len(files) + len(inputs.errors) + len(stat_errors)
        summary.errors = len(inputs.errors) + len(stat_errors)
        progress = Progress(len(pending), bar)
        for warning in summary.warnings:
            progress.log(f"warning: {warning}")
        progress.log(f"{summary.inputs} input files: {len(pending)} to process, "
                     f"{summary.cached} unchanged since an earlier run")
        try:
            _execute(store, engine, pending, progress, summary)
        finally:
            progress.close()
        store.finalize()
        if options.formats:
            from pipeline.export import export_tables

            export_tables(options.out_dir, options.formats)
    finally:
        store.close()
    summary.seconds = time.monotonic() - started
    return summary


def _execute(store: OutputStore, engine: Engine, pending: list[InputFile],
             progress: Progress, summary: RunSummary) -> None:
    by_source = {f.source: f for f in pending}
    # Largest files first, so no worker is left alone with a big one at the end.
    order = sorted(pending, key=lambda f: (-f.size, f.source))
    items = [WorkItem(source=f.source, doc_id=f.doc_id, size=f.size) for f in order]
    for group in engine(items):
        blocks = []
        for result in group:
            f = by_source[result.source]
            if result.error is not None:
                store.record(error_entry(result, f))
                summary.errors += 1
                progress.log(f"error: {f.source}: {result.error.reason}")
            else:
                blocks.append(to_block(result, f))
                summary.tasks += result.tasks
                summary.chars += result.chars
        store.commit(blocks)
        summary.processed += len(group)
        progress.update(group)
