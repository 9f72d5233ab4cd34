"""One batch run end to end: collect, plan, execute, commit, finalize, export."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from pipeline.errors import VntasksError
from pipeline.records import ErrorRecord
from pipeline.run.batch import FileResult, InputFile, WorkItem, assign_doc_ids, collect_inputs, result_key
from pipeline.run.store import ManifestEntry, OutputStore, ShardBlock

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

    def __init__(self, total: int, bar: bool, stream: IO[str] | None = None, every: float = 30.0) -> None:
        self.total, self.every = total, every
        self.stream = stream if stream is not None else sys.stderr
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


def to_block(result: FileResult, f: InputFile) -> ShardBlock:
    """A finished file as the store keeps it, keyed by everything its output depends on."""
    entry = ManifestEntry(source=f.source, doc_id=f.doc_id, status="ok", sha256=result.sha256,
                          size=f.size, mtime_ns=f.mtime_ns,
                          key=result_key(result.sha256, f.doc_id, f.source), tasks=result.tasks)
    return ShardBlock(entry=entry, block=result.block)


def error_entry(result: FileResult, f: InputFile) -> ManifestEntry:
    """A failed file: recorded (errors.jsonl) but never cached, so the next run retries it."""
    assert result.error is not None
    return ManifestEntry(source=f.source, doc_id=f.doc_id, status="error", sha256=result.sha256,
                         size=f.size, mtime_ns=f.mtime_ns, reason=result.error.reason,
                         error_type=result.error.error_type)


def plan_work(store: OutputStore, files: list[InputFile]) -> tuple[list[InputFile], int]:
    """Which files need processing: new, changed, failed before, or made by other code."""
    pending: list[InputFile] = []
    cached = 0
    for f in files:
        entry = store.entries.get(f.source)
        if entry is None or entry.status != "ok" or entry.doc_id != f.doc_id:
            pending.append(f)
            continue
        if (entry.size, entry.mtime_ns) == (f.size, f.mtime_ns):
            sha = entry.sha256
        else:
            try:
                sha = hashlib.sha256(Path(f.source).read_bytes()).hexdigest()
            except OSError:
                pending.append(f)
                continue
        if result_key(sha, f.doc_id, f.source) != entry.key:
            pending.append(f)
            continue
        cached += 1
        if (entry.size, entry.mtime_ns) != (f.size, f.mtime_ns):
            # same content, touched file: remember the new stat to skip hashing next time
            entry.size, entry.mtime_ns = f.size, f.mtime_ns
            store.record(entry)
    return pending, cached


def stat_files(files: list[InputFile]) -> tuple[list[InputFile], list[ErrorRecord]]:
    """Size and mtime, the cheap test of "unchanged" before any file is hashed."""
    out, errors = [], []
    for f in files:
        try:
            st = os.stat(f.source)
        except OSError as exc:
            errors.append(ErrorRecord(f.source, f"cannot read file: {exc.strerror}", "input"))
            continue
        out.append(replace(f, size=st.st_size, mtime_ns=st.st_mtime_ns))
    return out, errors


def make_engine(options: RunOptions) -> Engine:
    from pipeline.run import engines

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
    inputs = collect_inputs(options.paths, exclude=[options.out_dir])
    if not inputs.files and all(e.error_type == "missing" for e in inputs.errors):
        shown = "; ".join(f"{e.path}: {e.reason}" for e in inputs.errors) or "no paths given"
        raise VntasksError(f"no input files found ({shown})")
    store = OutputStore(options.out_dir)
    store.open(fresh=options.fresh)
    try:
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
            from pipeline.run.export import export_tables

            export_tables(options.out_dir, options.formats)
    except OSError as exc:
        # disk full, permissions: what was committed stays, and the next run resumes from it
        raise VntasksError(f"cannot write to {options.out_dir}: {exc.strerror or exc}; "
                           "finished files are kept, run again to resume") from exc
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
