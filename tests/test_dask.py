"""The Dask engine on a real two-process LocalCluster gives the local engine's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.run.runner import RunOptions, run_batch

distributed = pytest.importorskip("dask.distributed")


def _corpus(root: Path) -> None:
    from test_batch import directive, make_corpus

    make_corpus(root, 10)
    (root / "hong.pdf").write_bytes(b"%PDF-1.4 broken")  # an error travels back too
    (root / "2026" / "ke-hoach" / "kh_000.md").write_text(directive(50), encoding="utf-8")  # stem clash


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in ("tasks.jsonl", "documents.jsonl", "errors.jsonl")}


def test_dask_cluster_matches_local_engine_byte_for_byte(tmp_path: Path) -> None:
    _corpus(tmp_path / "in")
    local = run_batch(RunOptions(paths=[str(tmp_path / "in")], out_dir=tmp_path / "local", jobs=2,
                                 progress=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        options = RunOptions(paths=[str(tmp_path / "in")], out_dir=tmp_path / "dask", engine="dask",
                             scheduler=cluster.scheduler_address, partition_size=3, progress=False)
        remote = run_batch(options)
        assert (remote.processed, remote.errors) == (local.processed, local.errors) == (12, 1)
        assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
        # idempotent: a second run has nothing to do and changes nothing
        again = run_batch(options)
        assert (again.processed, again.cached) == (1, 11)  # only the failed file is retried
        assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    shards = list((tmp_path / "dask" / ".vntasks" / "shards").glob("*/*"))
    assert 1 < len(shards) <= 4  # one shard per partition of three files, not one per file


def test_partitions_balance_bytes_and_keep_every_file() -> None:
    from pipeline.run.batch import WorkItem
    from pipeline.run.engines import partition

    sizes = [500_000, 400_000, 300_000] + [10_000 - 100 * i for i in range(20)]
    items = [WorkItem(f"in/doc_{i:02d}.txt", f"doc_{i:02d}", size=s) for i, s in enumerate(sizes)]
    groups = partition(items, 4)
    assert sorted(it.source for g in groups for it in g) == sorted(it.source for it in items)
    assert all(len(g) <= 4 for g in groups) and len(groups) == 6
    big = [g for g in groups if any(it.size >= 300_000 for it in g)]
    assert len(big) == 3  # the three large files are spread over three tasks
    assert partition(list(reversed(items)), 4) == groups  # deterministic
