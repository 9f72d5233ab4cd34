"""pipeline.eval.gold (reading gold/prediction files) and pipeline.eval.validate (gold against documents)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli.main import main
from pipeline.errors import GoldFormatError
from pipeline.eval import validate as gold_validate
from pipeline.eval.gold import ROOT, load_tasks, schema_errors, task_from_json
from pipeline.eval.validate import deadline_problems, default_doc_dirs, validate_gold
from pipeline.records import AgencyMention, Deadline, Task

DOC_ID = "kh_12_ubnd_ha_giang"
DOCUMENT = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
KẾ HOẠCH
Triển khai chuyển đổi số năm 2026

II. NHIỆM VỤ CỤ THỂ
1. **Sở Khoa học và Công nghệ** chủ trì, phối hợp với các sở, ngành xây dựng nền tảng dữ liệu dùng chung của tỉnh, hoàn thành trong quý II năm 2026.
2. Rà soát, chuẩn hóa cơ sở dữ liệu chuyên ngành.
- *Cơ quan chủ trì:* Sở Nội vụ
- *Cơ quan phối hợp:* UBND các xã, phường
- *Thời gian thực hiện:* Thường xuyên
"""
TASK1 = ("Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng nền tảng dữ liệu dùng chung "
         "của tỉnh, hoàn thành trong quý II năm 2026.")
Q2 = {"text": "trong quý II năm 2026", "type": "quarter", "start": "2026-04-01", "end": "2026-06-30",
      "recurrence": None}
ALWAYS = {"text": "Thường xuyên", "type": "continuous", "start": None, "end": None, "recurrence": None}


def record(task_id: str, text: str, lead: list[str], support: list[str], deadline: dict[str, Any] | None,
           doc_id: str = DOC_ID) -> str:
    return json.dumps({"doc_id": doc_id, "task_id": task_id, "section": "II. NHIỆM VỤ CỤ THỂ", "text": text,
                       "lead": lead, "support": support, "deadline": deadline}, ensure_ascii=False)


GOOD = [
    record("II.1", TASK1, ["Sở Khoa học và Công nghệ"], ["các sở, ngành"], Q2),
    record("II.2", "Rà soát, chuẩn hóa cơ sở dữ liệu chuyên ngành.", ["Sở Nội vụ"], ["UBND các xã, phường"], ALWAYS),
]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / f"{DOC_ID}.txt").write_text(DOCUMENT, encoding="utf-8")
    return d


def write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_all_project_annotations_pass_the_validator() -> None:
    # each gold set on its own: a second reading (annotations/agreement/second) repeats documents on purpose
    sets = [ROOT / "annotations" / s for s in ("seeds", "real", "heldout", "inbox", "blind")]
    sets.append(ROOT / "annotations" / "agreement" / "second")
    total = 0
    for folder in sets:
        problems, n = validate_gold(folder, default_doc_dirs())
        errors = [str(p) for p in problems if p.severity == "error"]
        assert errors == [], folder
        total += n
    assert total >= 151


def test_good_gold_passes(tmp_path: Path, docs: Path) -> None:
    problems, n = validate_gold(write(tmp_path / "g.jsonl", GOOD), [docs])
    assert n == 2
    assert [p for p in problems if p.severity == "error"] == []


def test_validator_reports_each_problem_at_its_line(tmp_path: Path, docs: Path) -> None:
    bad = [
        GOOD[0],
        record("II.2", "Rà soát, chuẩn hoá cơ sở dữ liệu chuyên ngành.", ["Sở Nội vụ"], [], None),  # 2: tone mark
        record("II.3", "Rà soát, chuẩn hóa cơ sở dữ liệu chuyên ngành.", ["sở nội vụ"], [], None),  # 3: case
        record("II.4", TASK1, [], [], {**Q2, "end": "2026-05-31"}),  # 4: not a quarter
        record("II.5", TASK1, [], [], {**Q2, "type": "date", "start": None, "end": "2026-02-30"}),  # 5: no such day
        record("II.1", TASK1, [], [], None),  # 6: duplicate id
        record("II.7", TASK1, [], [], {**ALWAYS, "start": "2026-01-01"}),  # 7: continuous with a date
        record("II.8", TASK1, [], [], {**Q2, "type": "date", "start": None, "end": "--06-30"}),  # 8: --MM-DD
        '{"doc_id": "kh_12_ubnd_ha_giang", "task_id": ',  # 9: malformed
        record("1", "Nhiệm vụ.", [], [], None, doc_id="khong_co_van_ban"),  # 10: document missing
        record("II.11", TASK1, [], [], {**Q2, "start": "2026-07-01", "end": "2026-06-30"}),  # 11: start > end
    ]
    problems, _ = validate_gold(write(tmp_path / "g.jsonl", bad), [docs])
    by_line: dict[int, list[str]] = {}
    for p in problems:
        if p.severity == "error":
            assert str(p).startswith(f"{tmp_path / 'g.jsonl'}:{p.line}: error: ")
            by_line.setdefault(p.line, []).append(p.message)
    assert sorted(by_line) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "not found verbatim" in by_line[2][0]
    assert "letter case" in by_line[3][0]
    assert "not one calendar quarter" in by_line[4][0]
    assert "not a real day" in by_line[5][0]
    assert "duplicate task_id 'II.1'" in by_line[6][0] and ":1)" in by_line[6][0]
    assert "must have start, end and recurrence null" in by_line[7][0]
    assert "only for type recurring" in by_line[8][0]
    assert "invalid JSON" in by_line[9][0]
    assert "document khong_co_van_ban not found" in by_line[10][0]
    assert any("after end" in m for m in by_line[11])


GUIDELINE_TABLE = [
    ("Trong năm 2026", "year", "2026-01-01", "2026-12-31", None),
    ("Quý I/2023", "quarter", "2023-01-01", "2023-03-31", None),
    ("6 tháng đầu năm 2026", "half_year", "2026-01-01", "2026-06-30", None),
    ("Tháng 6/2026", "month", "2026-06-01", "2026-06-30", None),
    ("Trước ngày 30/6/2026", "date", None, "2026-06-30", None),
    ("Ngày 15/3/2026", "date", "2026-03-15", "2026-03-15", None),
    ("Giai đoạn 2023 - 2025", "range", "2023-01-01", "2025-12-31", None),
    ("Từ năm 2026", "range", "2026-01-01", None, None),
    ("Thường xuyên", "continuous", None, None, None),
    ("Định kỳ hằng quý", "recurring", None, None, "P3M"),
    ("Định kỳ", "recurring", None, None, None),
    ("Khi có yêu cầu", "as_needed", None, None, None),
    ("trước ngày 25 tháng 12 hàng năm", "recurring", None, "--12-25", "P1Y"),
    ("Tháng 12 hằng năm", "recurring", "--12-01", "--12-31", "P1Y"),
    ("trước ngày 20 hằng tháng", "recurring", None, "---20", "P1M"),
    ("trong quý III", "quarter", None, None, None),
]


@pytest.mark.parametrize(("text", "type_", "start", "end", "recurrence"), GUIDELINE_TABLE)
def test_guideline_deadline_values_are_valid(text: str, type_: str, start: str | None, end: str | None,
                                             recurrence: str | None) -> None:
    d = {"text": text, "type": type_, "start": start, "end": end, "recurrence": recurrence}
    assert schema_errors({"doc_id": "x", "task_id": "1", "section": "", "text": "t", "lead": [], "support": [],
                          "deadline": d}) == []
    assert deadline_problems(d) == []


def test_parser_disagreement_is_a_warning(tmp_path: Path, docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_parse(text: str, ref_year: int | None) -> Deadline:
        return Deadline(text=text, type="quarter", start=f"{ref_year}-07-01", end=f"{ref_year}-09-30")

    monkeypatch.setattr(gold_validate, "_deadline_parser", lambda: fake_parse)
    problems, _ = validate_gold(write(tmp_path / "g.jsonl", GOOD[:1]), [docs])
    assert [p.severity for p in problems] == ["warning"]
    assert "deadline parser reads" in problems[0].message and "2026-07-01" in problems[0].message


def test_load_tasks_reads_folders_recursively(tmp_path: Path) -> None:
    g = tmp_path / "gold"
    write(g / "a.jsonl", GOOD)
    write(g / "sub" / "b.jsonl", [record("1", "Nhiệm vụ khác.", [], [], None, doc_id="b")])
    (g / "c.jsonl").write_text("\n", encoding="utf-8")  # a document with no tasks
    write(g / "documents.jsonl", ['{"doc_id": "a", "text": "whole document"}'])
    write(g / ".trash" / "old.jsonl", ["not json"])
    assert sorted(load_tasks(g)) == ["b", DOC_ID]
    tasks = load_tasks(g, empty_files_are_documents=True)
    assert sorted(tasks) == ["b", "c", DOC_ID]
    assert [t.task_id for t in tasks[DOC_ID]] == ["II.1", "II.2"]
    assert tasks["c"] == []
    assert tasks[DOC_ID][0].deadline is not None and tasks[DOC_ID][0].deadline.value()[0] == "quarter"


def test_malformed_lines_name_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "pred.jsonl", [GOOD[0], '{"doc_id": "x", "text": ', "", GOOD[1].replace('"lead"', '"lede"')])
    with pytest.raises(GoldFormatError) as exc:
        load_tasks(path)
    msg = str(exc.value)
    assert f"{path}:2: error: invalid JSON" in msg
    assert f"{path}:4: error: " in msg and "'lead' is a required property" in msg
    assert ":3:" not in msg  # a blank line is not a record


def test_document_split_over_two_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "g" / "one.jsonl", GOOD[:1])
    write(tmp_path / "g" / "two.jsonl", GOOD[1:])
    with pytest.raises(GoldFormatError, match="also has records in"):
        load_tasks(tmp_path / "g")


def test_extractor_output_matches_the_schema_and_round_trips() -> None:
    t = Task(doc_id=DOC_ID, task_id="II.1", section="II. NHIỆM VỤ CỤ THỂ", text=TASK1, text_span=(120, 260),
             lead=[AgencyMention("Sở Khoa học và Công nghệ", (120, 144), canonical="Sở Khoa học và Công nghệ",
                                 kind="so", level="province", in_gazetteer=True)],
             support=[AgencyMention("các sở, ngành", None, generic=True)],
             deadline=Deadline("trong quý II năm 2026", "quarter", "2026-04-01", "2026-06-30", span=(230, 251)),
             confidence=0.87, method="prose", layout="prose")
    data = json.loads(json.dumps(t.to_json(), ensure_ascii=False))
    assert schema_errors(data) == []
    back = task_from_json(data)
    assert [m.text for m in back.lead] == ["Sở Khoa học và Công nghệ"]
    assert back.deadline is not None and back.deadline.value() == t.deadline.value()  # type: ignore[union-attr]
    assert back.layout == "prose"


def test_validate_gold_command_exit_codes(tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.jsonl", GOOD)
    assert main(["validate-gold", str(good), "--docs", str(docs)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    bad = write(tmp_path / "bad.jsonl", [GOOD[0].replace("Sở Khoa học", "Sở Khoa hoc")])
    assert main(["validate-gold", str(bad), "--docs", str(docs)]) == 1
    assert f"{bad}:1: error: text " in capsys.readouterr().out


def test_extractor_output_folder_reads_tasks_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out / "tasks.jsonl", GOOD)
    write(out / "documents.jsonl", [json.dumps({"doc_id": DOC_ID, "source": "a.txt", "text": DOCUMENT})])
    write(out / "errors.jsonl", ['{"path": "b.doc", "reason": "legacy Word .doc is not supported"}'])
    write(out / "manifest.jsonl", ['{"source": "a.txt", "doc_id": "kh_12_ubnd_ha_giang", "status": "ok"}'])
    write(out / ".vntasks" / "shards" / "ab" / "ab12.jsonl", GOOD)
    assert [t.task_id for t in load_tasks(out)[DOC_ID]] == ["II.1", "II.2"]
    (out / "tasks.jsonl").write_text("", encoding="utf-8")
    assert load_tasks(out) == {}
