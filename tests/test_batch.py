"""Batch runs: inputs, doc ids, errors, determinism, resume, increments, exports."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli.main import main
from pipeline.errors import VntasksError
from pipeline.io.encodings import encode_legacy
from pipeline.run.batch import InputFile, WorkItem, assign_doc_ids, collect_inputs, process_file
from pipeline.run.runner import RunOptions, run_batch
from pipeline.run.store import OutputStore

REPO = Path(__file__).resolve().parent.parent
AGENCIES = ["Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Y tế", "Công an tỉnh", "Sở Công Thương"]
SUPPORT = ["các sở, ngành có liên quan", "UBND các xã, phường", "Sở Tư pháp", "Liên minh Hợp tác xã tỉnh"]
ACTIONS = ["rà soát, hoàn thiện quy chế phối hợp", "tổ chức kiểm tra việc thực hiện",
           "xây dựng cơ sở dữ liệu chuyên ngành", "tuyên truyền, phổ biến pháp luật",
           "đôn đốc tiến độ giải ngân vốn đầu tư công"]
DEADLINES = ["hoàn thành trong quý II năm 2026", "trước ngày 30/9/2026", "thực hiện thường xuyên",
             "hoàn thành trong năm 2026"]


def directive(n: int, items: int = 4) -> str:
    """A small plan in the house style of provincial People's Committees."""
    lines = ["ỦY BAN NHÂN DÂN", f"TỈNH THỬ NGHIỆM {n}", "",
             f"Số: {100 + n}/KH-UBND", "", "KẾ HOẠCH", f"Thực hiện nhiệm vụ trọng tâm số {n} năm 2026", "",
             "I. MỤC ĐÍCH, YÊU CẦU", "", "Bảo đảm thực hiện đồng bộ, hiệu quả các nhiệm vụ.", "",
             "II. NHIỆM VỤ CỤ THỂ", ""]
    for i in range(items):
        k = n + i
        lines += [f"{i + 1}. {AGENCIES[k % len(AGENCIES)]} chủ trì, phối hợp với {SUPPORT[k % len(SUPPORT)]} "
                  f"{ACTIONS[k % len(ACTIONS)]} trên địa bàn tỉnh, {DEADLINES[k % len(DEADLINES)]}.", ""]
    lines += ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    return "\n".join(lines) + "\n"


def task_count(text: str) -> int:
    """What the extractor finds in one document on its own (its quality is tested elsewhere)."""
    from pipeline.extract import extract_document

    return len(extract_document(text, "x")[1])


def make_corpus(root: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        sub = root / ("2025" if n % 3 else "2026") / ("chi-thi" if n % 2 else "ke-hoach")
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"kh_{n:03d}.txt"
        path.write_text(directive(n), encoding="utf-8")
        paths.append(path)
    return paths


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("tasks.jsonl", "documents.jsonl", "errors.jsonl")}


def run(paths: list[Path] | list[str], out: Path, **kw: object):  # type: ignore[no-untyped-def]
    return run_batch(RunOptions(paths=[str(p) for p in paths], out_dir=out, progress=False, **kw))  # type: ignore[arg-type]


# -- inputs ---------------------------------------------------------------------

def test_collect_folders_globs_and_files(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 6)
    (tmp_path / "in" / ".cache").mkdir()
    (tmp_path / "in" / ".cache" / "hidden.txt").write_text("x")
    (tmp_path / "in" / "~$draft.docx").write_text("lock file of Word")
    (tmp_path / "in" / "scan.tif").write_bytes(b"II*\0")
    (tmp_path / "extra.md").write_text(directive(9))
    out = tmp_path / "in" / "out"  # an output folder inside the input folder
    out.mkdir()
    (out / "tasks.jsonl").write_text("{}")
    found = collect_inputs([str(tmp_path / "in"), str(tmp_path / "extra.md"), str(tmp_path / "nope"),
                            str(tmp_path / "in" / "2026" / "*" / "*.txt"), str(tmp_path / "*.pdf")],
                           exclude=[out])
    assert [f.source for f in found.files] == sorted(f.source for f in found.files)
    names = sorted(Path(f.source).name for f in found.files)
    assert names == sorted(["extra.md"] + [f"kh_{n:03d}.txt" for n in range(6)])  # glob adds no duplicates
    errors = {Path(e.path).name: e for e in found.errors}
    assert errors["scan.tif"].error_type == "unsupported" and ".tif" in errors["scan.tif"].reason
    assert errors["nope"].reason == "no such file or directory"
    assert errors["*.pdf"].reason == "no file matches this pattern"
    assert not any("hidden" in f.source or "~$" in f.source or "/out/" in f.source for f in found.files)


def test_doc_ids_are_stems_and_collisions_get_a_stable_hash() -> None:
    files = [InputFile("a/2025/cv_12.txt", "2025/cv_12.txt"), InputFile("a/2026/cv_12.txt", "2026/cv_12.txt"),
             InputFile("a/kh_1.docx", "kh_1.docx")]
    assigned, warnings = assign_doc_ids(files)
    ids = {f.source: f.doc_id for f in assigned}
    assert ids["a/kh_1.docx"] == "kh_1"
    assert ids["a/2025/cv_12.txt"].startswith("cv_12_") and ids["a/2026/cv_12.txt"].startswith("cv_12_")
    assert ids["a/2025/cv_12.txt"] != ids["a/2026/cv_12.txt"]
    assert assign_doc_ids(list(reversed(files)))[0] == assigned  # independent of order
    assert len(warnings) == 1 and "cv_12" in warnings[0]
    # an id already used by an earlier run's file also forces the hash
    again, _ = assign_doc_ids([InputFile("b/kh_1.txt", "kh_1.txt")], taken={"kh_1"})
    assert again[0].doc_id.startswith("kh_1_")


def test_process_file_never_raises(tmp_path: Path) -> None:
    good = tmp_path / "kh.txt"
    good.write_text(directive(1), encoding="utf-8")
    result = process_file(WorkItem(str(good), "kh"))
    assert result.error is None and result.tasks == task_count(directive(1)) > 0
    doc_line, *task_lines = result.block.decode("utf-8").splitlines()
    assert json.loads(doc_line)["doc_id"] == "kh" and len(task_lines) == result.tasks
    assert all(json.loads(line)["doc_id"] == "kh" for line in task_lines)
    broken = tmp_path / "cv.docx"
    broken.write_bytes(b"not a zip at all")
    failed = process_file(WorkItem(str(broken), "cv"))
    assert failed.block == b"" and failed.error is not None
    assert failed.error.path == str(broken) and "not a readable .docx" in failed.error.reason


# -- runs -----------------------------------------------------------------------

def test_folder_run_writes_sorted_outputs_and_error_lines(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 5)
    (tmp_path / "in" / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "in" / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "in" / "vni.txt").write_bytes(encode_legacy(directive(7), "vni"))
    summary = run([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (summary.inputs, summary.processed, summary.errors) == (8, 7, 2)
    docs = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert [d["doc_id"] for d in docs] == sorted(["vni"] + [f"kh_{n:03d}" for n in range(5)])
    assert next(d for d in docs if d["doc_id"] == "vni")["encoding"] == "vni"
    tasks = [json.loads(line) for line in (tmp_path / "out" / "tasks.jsonl").read_text().splitlines()]
    assert len(tasks) == sum(task_count(directive(n)) for n in (0, 1, 2, 3, 4, 7)) > 0
    assert [t["doc_id"] for t in tasks] == sorted(t["doc_id"] for t in tasks)
    for t in tasks:  # spans index the documents.jsonl text of the same doc
        text = next(d["text"] for d in docs if d["doc_id"] == t["doc_id"])
        s, e = t["spans"]["text"]
        assert text[s:e] == t["text"]
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [Path(e["path"]).name for e in errors] == ["cu.doc", "hong.docx"]
    assert all(e["reason"] for e in errors)


def test_output_is_identical_whatever_the_number_of_workers(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 8)
    run([tmp_path / "in"], tmp_path / "one", jobs=1)
    run([tmp_path / "in"], tmp_path / "two", jobs=2)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_rerun_processes_only_new_and_changed_files(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 6)
    first = run([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (first.processed, first.cached) == (6, 0)
    again = run([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (again.processed, again.cached) == (0, 6)
    paths[2].write_text(directive(2, items=5), encoding="utf-8")  # changed
    os.utime(paths[3], ns=(1, 1))  # touched, same content: hashed, not reprocessed
    (tmp_path / "in" / "kh_new.txt").write_text(directive(40), encoding="utf-8")  # new
    third = run([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (third.processed, third.cached) == (2, 5)
    run([tmp_path / "in"], tmp_path / "fresh", jobs=1)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "fresh")
    manifest = (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()
    assert len(manifest) == 7  # compacted: one line per file
    shards = list((tmp_path / "out" / ".vntasks" / "shards").glob("*/*"))
    assert len(shards) == 7  # the changed file's old shard is gone


def test_results_accumulate_across_runs_over_different_folders(tmp_path: Path) -> None:
    make_corpus(tmp_path / "week1", 3)
    (tmp_path / "week2").mkdir()
    (tmp_path / "week2" / "cd_9.txt").write_text(directive(9), encoding="utf-8")
    run([tmp_path / "week1"], tmp_path / "out")
    run([tmp_path / "week2"], tmp_path / "out")
    run([tmp_path / "week1", tmp_path / "week2"], tmp_path / "both")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "both")


def test_changed_code_reprocesses_and_force_starts_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.run.batch as batch

    make_corpus(tmp_path / "in", 3)
    run([tmp_path / "in"], tmp_path / "out")
    monkeypatch.setattr(batch, "code_fingerprint", lambda: "a newer extractor")
    assert run([tmp_path / "in"], tmp_path / "out").processed == 3
    assert run([tmp_path / "in"], tmp_path / "out").processed == 0
    assert run([tmp_path / "in"], tmp_path / "out", fresh=True).processed == 3


def test_damaged_state_is_redone_not_trusted(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 4)
    run([tmp_path / "in"], tmp_path / "out")
    expected = outputs(tmp_path / "out")
    manifest = tmp_path / "out" / "manifest.jsonl"
    lines = manifest.read_text().splitlines()
    lost = json.loads(lines[1])
    (tmp_path / "out" / ".vntasks" / "shards" / lost["shard"]).unlink()  # shard lost in a crash
    zeroed = json.loads(lines[2])
    shard = tmp_path / "out" / ".vntasks" / "shards" / zeroed["shard"]
    shard.write_bytes(b"\0" * shard.stat().st_size)  # right size, contents lost (power failure)
    manifest.write_text("\n".join(lines[:3]) + "\n" + lines[3][:40])  # torn last line
    summary = run([tmp_path / "in"], tmp_path / "out")
    assert summary.processed == 3 and summary.cached == 1
    assert outputs(tmp_path / "out") == expected


def test_progress_lines_without_a_terminal() -> None:
    import io

    from pipeline.records import ErrorRecord
    from pipeline.run.batch import FileResult
    from pipeline.run.runner import Progress

    stream = io.StringIO()
    progress = Progress(total=3, bar=False, stream=stream, every=0.0)
    progress.update([FileResult("a.txt", "a", tasks=5)])
    progress.update([FileResult("b.pdf", "b", error=ErrorRecord("b.pdf", "no text layer"))])
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("vntasks: 1/3 files, 5 tasks, 0 errors, ")
    assert lines[1].startswith("vntasks: 2/3 files, 5 tasks, 1 errors, ") and lines[1].endswith("files/s")
    bar_stream = io.StringIO()
    bar = Progress(total=2, bar=True, stream=bar_stream)
    bar.update([FileResult("a.txt", "a", tasks=7)])
    bar.close()
    assert "1/2" in bar_stream.getvalue() and "tasks=7" in bar_stream.getvalue()


def test_one_run_at_a_time(tmp_path: Path) -> None:
    store = OutputStore(tmp_path / "out")
    store.open()
    try:
        with pytest.raises(VntasksError, match="in use by another vntasks run"):
            OutputStore(tmp_path / "out").open()
    finally:
        store.close()


def _cli(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", *args, "--no-progress"],
                            cwd=REPO, env={**os.environ, **(env or {})}, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, **kw)  # type: ignore[call-overload]


def test_killed_run_resumes_with_nothing_lost_or_duplicated(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 24)
    reference = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "ref"), "-j", "2")
    assert reference.wait(timeout=120) == 0
    slow = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2",
                env={"VNTASKS_DEBUG_DELAY": "0.25"}, start_new_session=True)
    manifest = tmp_path / "out" / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 6:
            break
        time.sleep(0.05)
    os.killpg(slow.pid, signal.SIGKILL)  # kill -9 the run and its workers, midway
    slow.wait(timeout=30)
    done = 0
    for line in manifest.read_text().splitlines():
        try:
            json.loads(line)
            done += 1
        except ValueError:
            pass  # a line torn by the kill
    assert 6 <= done < 24, "the run must be interrupted midway"
    assert not (tmp_path / "out" / "tasks.jsonl").exists()  # no partial output left behind
    resumed = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2")
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    processed = re.search(r"(\d+) processed", err)
    assert processed and int(processed.group(1)) == 24 - done  # only the unfinished files
    assert outputs(tmp_path / "out") == outputs(tmp_path / "ref")
    tasks = (tmp_path / "out" / "tasks.jsonl").read_text().splitlines()
    assert len(tasks) == len(set(tasks)) == sum(task_count(directive(n)) for n in range(24))


# -- exports and command line ----------------------------------------------------------

def test_csv_xlsx_parquet_one_row_per_task(tmp_path: Path) -> None:
    import pandas as pd

    make_corpus(tmp_path / "in", 3)
    run([tmp_path / "in"], tmp_path / "out", formats=["csv", "xlsx", "parquet"])
    tasks = [json.loads(line) for line in (tmp_path / "out" / "tasks.jsonl").read_text().splitlines()]
    csv = pd.read_csv(tmp_path / "out" / "tasks.csv", encoding="utf-8-sig", keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "out" / "tasks.parquet")
    xlsx = pd.read_excel(tmp_path / "out" / "tasks.xlsx", sheet_name=None, keep_default_na=False)
    assert set(xlsx) == {"tasks", "documents", "errors"}
    for frame in (csv, parquet, xlsx["tasks"]):
        assert len(frame) == len(tasks) > 0
        assert list(frame["text"]) == [t["text"] for t in tasks]
        assert list(frame["lead"]) == ["; ".join(t["lead"]) for t in tasks]
        assert list(frame["support"]) == ["; ".join(t["support"]) for t in tasks]
    assert (tmp_path / "out" / "tasks.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    docs = xlsx["documents"]
    assert list(docs["doc_id"]) == ["kh_000", "kh_001", "kh_002"] and "text" not in docs


def test_excel_cells_are_text_and_fit(tmp_path: Path) -> None:
    import io

    import openpyxl
    import pandas as pd

    from pipeline.run.export import EXCEL_MAX_CELL, write_excel

    frame = pd.DataFrame({"text": ["=SUM(A1:A9)", "+84 912 345 678", "a\x07b", "x" * 40_000], "n": [1, 2, 3, 4]})
    buf = io.BytesIO()
    write_excel(buf, {"tasks": frame})
    sheet = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["tasks"]
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[:3] == ["=SUM(A1:A9)", "+84 912 345 678", "ab"]
    assert len(values[3]) == EXCEL_MAX_CELL and values[3].endswith("…")
    assert sheet["A2"].data_type == "s"


def test_cli_extract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "in", 2)
    assert main(["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "2 files: 2 processed" in err
    assert f"{task_count(directive(0)) + task_count(directive(1))} tasks" in err
    assert main(["extract", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--format", "docx"]) == 2
    assert "unknown --format docx" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "typo"), "-o", str(tmp_path / "o3")]) == 2
    assert "no input files found" in capsys.readouterr().err and not (tmp_path / "o3").exists()


def test_folder_notes_are_not_documents(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Thư mục văn bản\n", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("nguồn\n", encoding="utf-8")
    (tmp_path / "kh_01.txt").write_text("KẾ HOẠCH\n", encoding="utf-8")
    walked = collect_inputs([str(tmp_path)])
    assert [Path(f.source).name for f in walked.files] == ["kh_01.txt"]
    named = collect_inputs([str(tmp_path / "README.md")])
    assert [Path(f.source).name for f in named.files] == ["README.md"]
