"""Throughput benchmark for ``vntasks extract`` (a script, not a test).

Builds a corpus of realistic documents (default 2,000, 1 KB to 500 KB) from
the real directives, runs the whole command on it with 1 .. N local worker
processes, samples every process's memory while it runs, and measures
underthesea's ``word_tokenize`` on the same text in the same run as the
reference floor. Prints documents/s, characters/s, per-core ratio to the
floor, scaling, peak memory per worker and whether worker memory grows.

    .venv/bin/python evaluation/bench.py                # full run, several minutes
    .venv/bin/python evaluation/bench.py --docs 300     # a quick look
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from pipeline.resources import doc_dirs  # noqa: E402

SOURCES = doc_dirs()
MIN_SIZE, MAX_SIZE = 1_000, 500_000
_TAIL = re.compile(r"^\W*(Nơi nhận|TM\.|KT\.|CHỦ TỊCH|THỦ TƯỚNG)", re.MULTILINE)


@dataclass
class Source:
    name: str
    head: str  # issuer, number, title: the first lines
    body: list[str]  # paragraphs
    tail: str  # recipients and signature


@dataclass
class RunStats:
    jobs: int
    seconds: float
    docs: int
    chars: int
    tasks: int
    cpu_seconds: float = 0.0  # user + system time of the run and all its workers
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> peak
    growth_mb: float = 0.0
    main_pid: int = 0

    def main_peak(self) -> float:
        return self.peak_rss_mb.get(self.main_pid, 0.0)

    def worker_peaks(self) -> list[float]:
        """Processes doing the extraction: the pool's workers, or the main one with -j 1."""
        others = [v for pid, v in self.peak_rss_mb.items() if pid != self.main_pid and v > 50]
        return sorted(others, reverse=True) if others else [self.main_peak()]


def load_sources() -> list[Source]:
    sources = []
    seen: set[str] = set()
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.exists() else []:
            if path.name in seen:
                continue
            seen.add(path.name)
            text = path.read_text(encoding="utf-8")
            paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
            if len(paragraphs) < 4:
                continue
            tail_at = next((i for i, p in enumerate(paragraphs) if i > 3 and _TAIL.search(p)), len(paragraphs))
            sources.append(Source(path.stem, "\n\n".join(paragraphs[:3]), paragraphs[3:tail_at],
                                  "\n\n".join(paragraphs[tail_at:])))
    if not sources:
        sys.exit("bench: no source documents found under " + ", ".join(map(str, SOURCES)))
    return sources


def target_sizes(count: int, rng: random.Random) -> list[int]:
    """Log-normal around 8 KB (most directives are a few pages), clipped to
    1 KB..500 KB, with both extremes always present."""
    sizes = [int(min(MAX_SIZE, max(MIN_SIZE, rng.lognormvariate(math.log(8_000), 1.1)))) for _ in range(count)]
    for i in range(min(count, 6)):
        sizes[i] = MAX_SIZE - i * 20_000 if i < 3 else MIN_SIZE + i * 100
    return sizes


def make_document(size: int, sources: list[Source], rng: random.Random) -> str:
    """A real header, a window of real paragraphs (several documents' bodies
    for the large ones, like a plan with annexes) and a real tail."""
    first = rng.choice(sources)
    parts = [first.head]
    length = _bytes(first.head) + _bytes(first.tail)
    src = first
    start = rng.randrange(len(src.body))
    while length < size:
        if start >= len(src.body):
            src, start = rng.choice(sources), 0
        paragraph = src.body[start]
        room = size - length
        if _bytes(paragraph) > room:  # cut the last paragraph at a word to hit the size
            paragraph = paragraph.encode("utf-8")[: max(room, 60)].decode("utf-8", "ignore").rsplit(" ", 1)[0]
        parts.append(paragraph)
        length += _bytes(paragraph) + 2
        start += 1
    parts.append(first.tail)
    return "\n\n".join(p for p in parts if p) + "\n"


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def build_corpus(folder: Path, count: int, seed: int) -> tuple[list[Path], int]:
    stamp = folder.with_suffix(".json")  # beside the corpus, not an input in it
    if stamp.exists() and json.loads(stamp.read_text()) == {"count": count, "seed": seed}:
        files = sorted(folder.glob("*/*.txt"))
        return files, sum(len(p.read_text(encoding="utf-8")) for p in files)
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(seed)
    sources = load_sources()
    files, chars = [], 0
    for i, size in enumerate(target_sizes(count, rng)):
        path = folder / f"batch_{i // 500:02d}" / f"doc_{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = make_document(size, sources, rng)
        path.write_text(text, encoding="utf-8")
        files.append(path)
        chars += len(text)
    stamp.write_text(json.dumps({"count": count, "seed": seed}))
    return files, chars


def run_extract(corpus: Path, out: Path, jobs: int, chars: int) -> RunStats:
    """Run the command in a subprocess, sampling the RSS of it and its workers."""
    import psutil

    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "-o", str(out), "-j", str(jobs),
           "--force", "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    samples: list[tuple[float, int, float]] = []  # (time, pid, rss MB)
    while proc.poll() is None:
        try:
            for p in [root] + root.children(recursive=True):
                samples.append((time.perf_counter() - start, p.pid, p.memory_info().rss / 2**20))
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"bench: extract failed ({proc.returncode}):\n{err}")
    docs = sum(1 for _ in (out / "documents.jsonl").open(encoding="utf-8"))
    tasks = sum(1 for _ in (out / "tasks.jsonl").open(encoding="utf-8"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    stats = RunStats(jobs, seconds, docs, chars, tasks, cpu_seconds=cpu, main_pid=proc.pid)
    for _, pid, rss in samples:
        stats.peak_rss_mb[pid] = max(rss, stats.peak_rss_mb.get(pid, 0.0))
    stats.growth_mb = memory_growth(samples, seconds)
    return stats


def memory_growth(samples: list[tuple[float, int, float]], seconds: float) -> float:
    """Largest rise of any process's RSS from the run's second fifth to its last fifth
    (after start-up and model loading, so growth means per-document leaks)."""
    growth = 0.0
    for pid in {pid for _, pid, _ in samples}:
        early = [rss for t, p, rss in samples if p == pid and 0.2 * seconds <= t < 0.4 * seconds]
        late = [rss for t, p, rss in samples if p == pid and t >= 0.8 * seconds]
        if early and late:
            growth = max(growth, max(late) - max(early))
    return growth


def _code_fingerprint() -> str:
    sys.path.insert(0, str(REPO))
    from pipeline.run.batch import code_fingerprint

    return code_fingerprint.__wrapped__()


def reference_floor(files: list[Path]) -> tuple[float, float, float]:
    """underthesea word_tokenize over the same texts, one process:
    (chars per wall second, chars per CPU second, wall seconds)."""
    from underthesea import word_tokenize

    word_tokenize("Ủy ban nhân dân tỉnh")  # load the model outside the clock
    texts = [path.read_text(encoding="utf-8") for path in files]
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in texts:
        word_tokenize(text)
    chars = sum(map(len, texts))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return chars / wall, chars / cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--jobs", type=int, nargs="*", help="worker counts to try (default 1 .. all cores)")
    parser.add_argument("--out", type=Path, default=REPO / "evaluation" / "bench_out")
    parser.add_argument("--skip-reference", action="store_true", help="do not time underthesea")
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs_list = args.jobs or sorted({1, *[2 ** k for k in range(1, 8) if 2 ** k < cores], cores})

    files, chars = build_corpus(args.out / "corpus", args.docs, args.seed)
    sizes = sorted(p.stat().st_size for p in files)
    print(f"corpus: {len(files)} documents, {chars / 1e6:.1f} M characters, {sum(sizes) / 2**20:.1f} MiB; "
          f"sizes min {sizes[0] / 1000:.1f} KB, median {sizes[len(sizes) // 2] / 1000:.1f} KB, "
          f"max {sizes[-1] / 1000:.1f} KB")
    runs = []
    fingerprints = set()
    for jobs in jobs_list:
        fingerprints.add(_code_fingerprint())
        stats = run_extract(args.out / "corpus", args.out / f"out_j{jobs}", jobs, chars)
        runs.append(stats)
        print(f"extract -j {jobs}: {stats.seconds:.1f} s, {stats.docs / stats.seconds:.1f} docs/s, "
              f"{stats.chars / stats.seconds / 1e3:.0f} K chars/s ({stats.chars / stats.cpu_seconds / 1e3:.0f} K "
              f"chars per CPU-second), {stats.tasks} tasks; peak RSS: "
              f"workers {', '.join(f'{w:.0f}' for w in stats.worker_peaks())} MB, main {stats.main_peak():.0f} MB; "
              f"largest RSS rise from 2nd to last fifth of the run {stats.growth_mb:+.0f} MB")
    same = len({(args.out / f"out_j{r.jobs}" / "tasks.jsonl").read_bytes() for r in runs}) == 1
    fingerprints.add(_code_fingerprint())
    changed = len(fingerprints) > 1 and not same
    print(f"outputs identical across job counts: {same}"
          + (" (the pipeline's code changed during the benchmark)" if changed else ""))
    base = runs[0]
    for r in runs[1:]:
        speedup = base.seconds / r.seconds
        print(f"scaling 1 -> {r.jobs} jobs: {speedup:.2f}x ({speedup / r.jobs:.0%} of linear)")
    for r in runs:
        print(f"CPU time with {r.jobs} jobs: {r.cpu_seconds:.1f} s "
              f"(scaling loss shows as extra CPU time; wall-time loss without it means a busy machine)")
    if not args.skip_reference:
        floor, floor_cpu, wall = reference_floor(files)
        print(f"underthesea word_tokenize (1 process, same text): {floor / 1e3:.0f} K chars/s, "
              f"{floor_cpu / 1e3:.0f} K chars per CPU-second ({wall:.1f} s)")
        print(f"per-core ratio extract/word_tokenize: {base.chars / base.seconds / floor:.2f} by wall time, "
              f"{base.chars / base.cpu_seconds / floor_cpu:.2f} by CPU time (goal >= 0.70)")
    peak = max(max(r.worker_peaks()) for r in runs)
    print(f"peak memory per worker: {peak:.0f} MB (goal < 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
