"""Executors: run the per-file function over work items, locally or on Dask.

An engine knows nothing about documents: it gets ``WorkItem``s and yields
groups of ``FileResult``s as they finish (a group becomes one shard). The
order of completion is free; the store sorts at the end.
"""

from __future__ import annotations

import heapq
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator

from pipeline.errors import VntasksError
from pipeline.run.batch import FileResult, WorkItem, process_file, process_partition

# A worker is replaced after this many files: whatever per-document state a
# library keeps (caches, string stores) cannot grow without bound. Starting a
# worker costs about a second, so this is well under 1% of the run.
FILES_PER_WORKER = 1000
WARM_UP_TEXT = "ỦY BAN NHÂN DÂN TỈNH\n1. Sở Tài chính chủ trì, phối hợp với các sở, ngành thực hiện.\n"


def warm_up() -> None:
    """Load the extractor's models once per worker, before the first real file."""
    try:
        from pipeline.extract import extract_document

        extract_document(WARM_UP_TEXT, "warm-up")
    except Exception:  # noqa: BLE001 - a real file will report the problem properly
        pass


def _init_local_worker() -> None:
    # Ctrl-C goes to the parent, which stops the pool; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_local(items: list[WorkItem], jobs: int) -> Iterator[list[FileResult]]:
    """Local processes (``jobs`` of them); one file per group, so every
    finished file is committed at once and a kill loses at most the files
    still in flight."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield [process_file(item)]
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(min(jobs, len(items)), initializer=_init_local_worker,
                        maxtasksperchild=FILES_PER_WORKER)
    try:
        for result in pool.imap_unordered(process_file, items, chunksize=1):
            yield [result]
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def partition(items: list[WorkItem], size: int) -> list[list[WorkItem]]:
    """Groups of at most ``size`` items with similar total bytes (largest file
    to the lightest group first), heaviest group first, so no single task
    holds all the big files. Deterministic for the same items."""
    count = max(1, -(-len(items) // max(1, size)))
    groups: list[list[WorkItem]] = [[] for _ in range(count)]
    heap = [(0, i) for i in range(count)]
    for item in sorted(items, key=lambda it: (-it.size, it.source)):
        while True:
            load, i = heapq.heappop(heap)
            if len(groups[i]) < size:
                break
        groups[i].append(item)
        if len(groups[i]) < size:
            heapq.heappush(heap, (load + item.size, i))
    groups = [g for g in groups if g]
    groups.sort(key=lambda g: (-sum(it.size for it in g), g[0].source))
    return groups


def run_dask(items: list[WorkItem], scheduler: str | None, jobs: int,
             partition_size: int = 8) -> Iterator[list[FileResult]]:
    """The same per-file function on a Dask cluster, one task per partition.

    File bytes are read here and shipped with the task, so workers need the
    vntasks package but not the input folder; at most two partitions per
    worker are in flight, so the client's memory stays flat. Without a
    scheduler address a LocalCluster of ``jobs`` single-threaded processes is
    started (and stopped at the end)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise VntasksError("--engine dask needs dask[distributed]: pip install 'dask[distributed]'") from exc

    from pipeline.run.batch import _read

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise VntasksError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(warm_up)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        chunks = partition(items, max(1, partition_size))
        queue = iter(chunks)
        futures = as_completed()

        def submit_next() -> bool:
            chunk = next(queue, None)
            if chunk is None:
                return False
            shipped = [_ship(item, _read) for item in chunk]
            futures.add(client.submit(process_partition, shipped, pure=False))
            return True

        for _ in range(2 * workers):
            if not submit_next():
                break
        for future in futures:
            yield future.result()
            future.release()
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ship(item: WorkItem, read: Callable[[str], bytes]) -> WorkItem:
    """The item with its file's bytes attached (a read error is the worker's to report)."""
    try:
        return WorkItem(item.source, item.doc_id, read(item.source), item.size)
    except Exception:  # noqa: BLE001
        return item
