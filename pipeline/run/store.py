"""The output directory of a batch run: shards, manifest, final files.

Layout of OUT_DIR::

    tasks.jsonl  documents.jsonl  errors.jsonl   final outputs, sorted, atomic
    manifest.jsonl                               one line per input file
    .vntasks/shards/...                          results, one shard per unit of work
    .vntasks/lock                                one run at a time

A result is first written to a shard (atomically, under a name derived from
the inputs' content hashes, so rewriting it is idempotent), then one manifest
line per file is appended. A run killed at any point leaves only whole shards
and at worst a torn last manifest line; the next run trusts exactly the
manifest lines whose shard is intact and redoes the rest. The final files are
rebuilt from the shards in doc_id order, so they do not depend on the order
work finished in, on the number of workers, or on how many runs it took.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from pipeline.errors import VntasksError
from pipeline.records import ErrorRecord, dumps

STATE_DIR = ".vntasks"
MANIFEST = "manifest.jsonl"
OUTPUTS = ("tasks.jsonl", "documents.jsonl", "errors.jsonl")
_CHECK_BYTES = 256


def _ends_checksum(head: bytes, tail: bytes) -> str:
    return hashlib.sha1(head + b"\0" + tail).hexdigest()[:16]


@dataclass
class ManifestEntry:
    """What the output directory knows about one input file."""

    source: str
    doc_id: str
    status: str  # "ok" or "error"
    sha256: str = ""
    size: int = -1
    mtime_ns: int = -1
    key: str = ""
    shard: str = ""
    offset: int = 0
    length: int = 0
    tasks: int = 0
    reason: str = ""
    error_type: str = ""
    check: str = ""  # checksum of the block's two ends, to spot a damaged shard

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ManifestEntry:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class ShardBlock:
    """One file's finished result: its documents.jsonl line and tasks.jsonl lines."""

    entry: ManifestEntry
    block: bytes


@contextlib.contextmanager
def atomic_write(path: Path, durable: bool = True) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path``, then rename over it.

    Readers see the old file or the whole new one, never a partial one; a
    failure (or a kill) leaves at most a stray ``.tmp`` that is never read.
    ``durable`` also forces the bytes to disk before the rename (final
    outputs); shards skip that cost because resume re-checks them anyway."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide outputs from the team
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _try_lock(fh: IO[str]) -> None:
    """An exclusive lock the OS drops when the process dies (even by kill -9)."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)


class OutputStore:
    """Manifest and shards of one OUT_DIR; single writer, guarded by a lock."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.state_dir = self.out_dir / STATE_DIR
        self.shard_dir = self.state_dir / "shards"
        self.entries: dict[str, ManifestEntry] = {}
        self.warnings: list[str] = []
        self._lock: IO[str] | None = None
        self._manifest: IO[str] | None = None

    # -- opening -----------------------------------------------------------
    def open(self, fresh: bool = False) -> None:
        """Lock OUT_DIR and load its manifest (``fresh`` discards earlier results)."""
        try:
            self.shard_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise VntasksError(f"cannot create output directory {self.out_dir}: {exc.strerror}") from exc
        self._lock = (self.state_dir / "lock").open("w")
        try:
            _try_lock(self._lock)
        except OSError as exc:
            self._lock.close()
            self._lock = None
            raise VntasksError(f"{self.out_dir} is in use by another vntasks run") from exc
        manifest = self.out_dir / MANIFEST
        if fresh:
            manifest.unlink(missing_ok=True)
        else:
            self.entries = self._load_manifest(manifest)
        self._manifest = manifest.open("a", encoding="utf-8")

    def _load_manifest(self, path: Path) -> dict[str, ManifestEntry]:
        entries: dict[str, ManifestEntry] = {}
        if not path.exists():
            return entries
        with path.open(encoding="utf-8", errors="replace") as fh:
            lines = fh.read().split("\n")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = ManifestEntry.from_json(json.loads(line))
            except (ValueError, TypeError):
                if number < len(lines) - 1:
                    self.warnings.append(f"{path}: line {number} is damaged and was ignored")
                continue  # a torn last line from a killed run
            entries[entry.source] = entry
        # A line without its intact shard (lost in a crash) means: redo that file.
        for source, entry in list(entries.items()):
            if entry.status == "ok" and not self._shard_intact(entry):
                del entries[source]
        if lines and lines[-1]:
            # finish a torn line so the next append starts on a fresh line
            with path.open("a", encoding="utf-8") as fh:
                fh.write("\n")
        return entries

    def _shard_intact(self, entry: ManifestEntry) -> bool:
        """The block is all there: its size, and its two ends match the checksum."""
        try:
            with (self.shard_dir / entry.shard).open("rb") as fh:
                if os.fstat(fh.fileno()).st_size < entry.offset + entry.length:
                    return False
                fh.seek(entry.offset)
                head = fh.read(min(_CHECK_BYTES, entry.length))
                fh.seek(entry.offset + max(0, entry.length - _CHECK_BYTES))
                tail = fh.read(min(_CHECK_BYTES, entry.length))
        except OSError:
            return False
        return _ends_checksum(head, tail) == entry.check

    def close(self) -> None:
        if self._manifest is not None:
            self._manifest.close()
            self._manifest = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # -- recording ---------------------------------------------------------
    def commit(self, blocks: list[ShardBlock]) -> None:
        """Write finished files as one shard, then their manifest lines."""
        if not blocks:
            return
        name = hashlib.sha256("\n".join(sorted(b.entry.key for b in blocks)).encode()).hexdigest()[:32]
        shard = f"{name[:2]}/{name}.jsonl"
        offset = 0
        with atomic_write(self.shard_dir / shard, durable=False) as fh:
            for b in blocks:
                fh.write(b.block)
                b.entry.shard, b.entry.offset, b.entry.length = shard, offset, len(b.block)
                b.entry.check = _ends_checksum(b.block[:_CHECK_BYTES], b.block[-_CHECK_BYTES:])
                offset += len(b.block)
        for b in blocks:
            self.record(b.entry)

    def record(self, entry: ManifestEntry) -> None:
        """Append one manifest line; flushed so a kill loses nothing written."""
        assert self._manifest is not None, "store is not open"
        self._manifest.write(dumps(entry.to_json()) + "\n")
        self._manifest.flush()
        self.entries[entry.source] = entry

    # -- finishing ---------------------------------------------------------
    def finalize(self, extra_writers: Iterable[tuple[str, Any]] = ()) -> None:
        """Rebuild the final files from the shards, in doc_id order, atomically."""
        entries = sorted(self.entries.values(), key=lambda e: (e.doc_id, e.source))
        ok = [e for e in entries if e.status == "ok"]
        with atomic_write(self.out_dir / "documents.jsonl") as docs, \
                atomic_write(self.out_dir / "tasks.jsonl") as tasks:
            for _entry, block in self.iter_blocks(ok):
                first, _, rest = block.partition(b"\n")
                docs.write(first + b"\n")
                tasks.write(rest)
        errors = sorted((e for e in entries if e.status == "error"), key=lambda e: e.source)
        with atomic_write(self.out_dir / "errors.jsonl") as fh:
            for e in errors:
                record = ErrorRecord(path=e.source, reason=e.reason, error_type=e.error_type or "error")
                fh.write((dumps(record.to_json()) + "\n").encode("utf-8"))
        self._rewrite_manifest(entries)
        self._collect_garbage(ok)

    def iter_blocks(self, entries: Iterable[ManifestEntry]) -> Iterator[tuple[ManifestEntry, bytes]]:
        """Each entry's block, read from its shard (one open file at a time)."""
        current: tuple[str, IO[bytes]] | None = None
        try:
            for entry in entries:
                if current is None or current[0] != entry.shard:
                    if current is not None:
                        current[1].close()
                    current = (entry.shard, (self.shard_dir / entry.shard).open("rb"))
                fh = current[1]
                fh.seek(entry.offset)
                yield entry, fh.read(entry.length)
        finally:
            if current is not None:
                current[1].close()

    def _rewrite_manifest(self, entries: list[ManifestEntry]) -> None:
        """Compact the append log to one line per file, in a stable order."""
        assert self._manifest is not None
        self._manifest.close()
        with atomic_write(self.out_dir / MANIFEST) as fh:
            for e in sorted(entries, key=lambda e: e.source):
                fh.write((dumps(e.to_json()) + "\n").encode("utf-8"))
        self._manifest = (self.out_dir / MANIFEST).open("a", encoding="utf-8")

    def _collect_garbage(self, live: list[ManifestEntry]) -> None:
        """Remove shards no entry points to (older versions of changed files)."""
        keep = {e.shard for e in live}
        for path in self.shard_dir.glob("*/*"):
            rel = f"{path.parent.name}/{path.name}"
            if rel not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()
