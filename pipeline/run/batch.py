"""Batch extraction: inputs in, OUT_DIR filled, resumable and deterministic.

The per-file function ``process_file`` (read, extract, serialize; never
raises) is all an executor runs; ``run_batch`` decides what needs doing from
the manifest, hands the work to an engine and commits what comes back.
"""

from __future__ import annotations

import glob
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pipeline.errors import InputError
from pipeline.io import is_supported, read_bytes, unsupported_reason
from pipeline.records import ErrorRecord, dumps

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MAX_FILE_BYTES = 64 * 2**20  # a bigger "document" is a mistake, and would blow the memory budget


@dataclass(frozen=True)
class InputFile:
    """One file to process: where it is, its id, what stat said about it."""

    source: str  # the path as found (POSIX form); recorded as ``source``
    rel: str  # path relative to the argument it was found under
    doc_id: str = ""
    size: int = -1
    mtime_ns: int = -1


@dataclass
class Inputs:
    """Result of collecting command-line paths."""

    files: list[InputFile] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class WorkItem:
    """What a worker needs for one file; ``data`` is set when shipped remotely."""

    source: str
    doc_id: str
    data: bytes | None = None
    size: int = 0  # for scheduling only


@dataclass
class FileResult:
    """What a worker sends back: the serialized block or the error."""

    source: str
    doc_id: str
    sha256: str = ""
    block: bytes = b""
    tasks: int = 0
    chars: int = 0
    error: ErrorRecord | None = None
    seconds: float = 0.0


# -- collecting inputs -------------------------------------------------------

def collect_inputs(paths: Sequence[str], exclude: Sequence[Path] = ()) -> Inputs:
    """Files, folders (recursive) and globs -> files with stable doc_ids.

    Hidden files and folders are skipped; a file with an unsupported type is
    an error record, not a silent skip; a path that does not exist is too."""
    found = Inputs()
    excluded = [Path(p).resolve() for p in exclude]
    seen: set[str] = set()

    def add(path: Path, root: Path | None) -> None:
        resolved = path.resolve()
        if any(resolved == ex or ex in resolved.parents for ex in excluded):
            return
        source = path.as_posix()
        if source in seen:
            return
        seen.add(source)
        try:
            source.encode("utf-8")
        except UnicodeEncodeError:
            shown = source.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            found.errors.append(ErrorRecord(shown, "the file name is not valid UTF-8; rename the file",
                                            "unsupported"))
            return
        if not is_supported(path):
            found.errors.append(ErrorRecord(source, unsupported_reason(path), "unsupported"))
            return
        rel = path.relative_to(root).as_posix() if root is not None else source
        found.files.append(InputFile(source=source, rel=rel))

    for arg in paths:
        path = Path(os.path.normpath(arg))
        if glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                found.errors.append(ErrorRecord(arg, "no file matches this pattern", "missing"))
            root = Path(os.path.normpath(_glob_root(arg)))
            for match in matches:
                m = Path(os.path.normpath(match))
                if m.is_dir():
                    _walk(m, m, add)
                else:
                    add(m, root)
        elif path.is_dir():
            _walk(path, path, add)
        elif path.is_file():
            add(path, None)
        else:
            found.errors.append(ErrorRecord(arg, "no such file or directory", "missing"))
    found.files.sort(key=lambda f: f.source)
    return found


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return str(Path(*fixed)) if fixed else "."


# a folder's own notes (README.md beside the documents, SOURCES.md …) are not directives;
# they are skipped when a folder is walked, and processed when named as a file
_FOLDER_NOTES = ("readme", "sources", "license", "licence", "changelog")


def _walk(folder: Path, root: Path, add: Callable[[Path, Path | None], None]) -> None:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith((".", "~$")) or name.rsplit(".", 1)[0].lower() in _FOLDER_NOTES:
                continue
            add(Path(dirpath) / name, root)


def assign_doc_ids(files: list[InputFile], taken: Iterable[str] = ()) -> tuple[list[InputFile], list[str]]:
    """doc_id = file name without extension; files sharing a stem (with each
    other or with ``taken`` ids of earlier runs) all get ``stem_<hash of rel path>``."""
    by_stem: dict[str, list[InputFile]] = {}
    for f in files:
        by_stem.setdefault(Path(f.source).stem, []).append(f)
    taken_set = set(taken)
    out: list[InputFile] = []
    warnings: list[str] = []
    for stem, group in by_stem.items():
        if len(group) == 1 and stem not in taken_set:
            out.append(replace(group[0], doc_id=stem))
            continue
        rels = [f.rel for f in group]
        basis = rels if len(set(rels)) == len(rels) else [f.source for f in group]
        ids = [f"{stem}_{hashlib.sha1(b.encode('utf-8')).hexdigest()[:8]}" for b in basis]
        out.extend(replace(f, doc_id=i) for f, i in zip(group, ids, strict=True))
        warnings.append(f"{len(group)} input files share the name {stem!r}: doc_ids "
                        + ", ".join(f"{i} ({f.source})" for f, i in zip(group, ids, strict=True)))
    out.sort(key=lambda f: f.source)
    return out, warnings


# -- the per-file function -----------------------------------------------------

def process_file(item: WorkItem) -> FileResult:
    """Read and extract one file; every failure becomes an error record."""
    start = time.perf_counter()
    result = FileResult(source=item.source, doc_id=item.doc_id)
    try:
        data = item.data if item.data is not None else _read(item.source)
        result.sha256 = hashlib.sha256(data).hexdigest()
        _debug_delay()
        raw = read_bytes(data, item.source)
        from pipeline.extract import extract_document

        doc, tasks = extract_document(raw.text, item.doc_id, item.source,
                                      input_format=raw.input_format, encoding=raw.encoding)
        doc.warnings = list(raw.warnings) + [w for w in doc.warnings if w not in raw.warnings]
        doc.task_count = len(tasks)
        lines = [dumps(doc.to_json())] + [dumps(t.to_json()) for t in tasks]
        result.block = ("\n".join(lines) + "\n").encode("utf-8")
        result.tasks = len(tasks)
        result.chars = len(raw.text)
    except InputError as exc:
        result.error = ErrorRecord(item.source, _without_name(str(exc), item.source), "input")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        result.error = ErrorRecord(item.source, f"extraction failed: {type(exc).__name__}: {exc}",
                                   "extraction")
    result.seconds = time.perf_counter() - start
    return result


def process_partition(items: list[WorkItem]) -> list[FileResult]:
    """Several files in one call: the coarse unit remote engines schedule."""
    return [process_file(item) for item in items]


def _read(source: str) -> bytes:
    try:
        size = os.stat(source).st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"file too large ({size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES / 2**20:.0f} MB)")
        return Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc


def _without_name(message: str, source: str) -> str:
    """Error records carry the path in their own field; keep the reason short."""
    name = Path(source).name
    for prefix in (f"{source}: ", f"{name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _debug_delay() -> None:
    """Test hook: VNTASKS_DEBUG_DELAY seconds per file, to interrupt a run midway."""
    delay = os.environ.get("VNTASKS_DEBUG_DELAY")
    if delay:
        time.sleep(float(delay))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the pipeline's code and data: results made by other code are redone."""
    h = hashlib.sha256()
    from pipeline.resources import MODELS_DIR

    for base in (PACKAGE_DIR, MODELS_DIR):
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                h.update(path.relative_to(base).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()


def result_key(sha256: str, doc_id: str, source: str) -> str:
    """Everything a file's output depends on, hashed: the shard cache key."""
    basis = "\0".join((code_fingerprint(), sha256, doc_id, source))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()
