"""Scorer tests on hand-made cases whose right answer is worked out by hand."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pipeline.cli.main import main
from pipeline.eval.gold import task_from_json
from pipeline.eval.intervals import intervals, resample_weights, summarize
from pipeline.eval.score import (
    COUNT_FIELDS,
    Counts,
    align,
    evaluate,
    metrics,
    normalize_agency,
    point_metrics,
    text_words,
    word_f1,
)
from pipeline.records import Task

DOC = "kh_45_ubnd_tinh"


def task(text: str, lead: tuple[str, ...] = (), support: tuple[str, ...] = (), deadline: dict[str, Any] | None = None,
         task_id: str = "1", doc_id: str = DOC, layout: str | None = None) -> Task:
    data: dict[str, Any] = {"doc_id": doc_id, "task_id": task_id, "section": "II. NHIỆM VỤ CỤ THỂ", "text": text,
                            "lead": list(lead), "support": list(support), "deadline": deadline}
    if layout:
        data["layout"] = layout
    return task_from_json(data)


Q2 = {"text": "Trong quý II năm 2026", "type": "quarter", "start": "2026-04-01", "end": "2026-06-30", "recurrence": None}
YEAR = {"text": "Trong năm 2026", "type": "year", "start": "2026-01-01", "end": "2026-12-31", "recurrence": None}
ALWAYS = {"text": "Thường xuyên", "type": "continuous", "start": None, "end": None, "recurrence": None}


def gold_tasks() -> list[Task]:
    return [
        task("Xây dựng cơ sở dữ liệu về hợp tác xã trên địa bàn tỉnh, kết nối với hệ thống thông tin quốc gia.",
             ("Sở Tài chính",), ("Liên minh Hợp tác xã tỉnh", "UBND các huyện, thành phố"), Q2, "III.1"),
        task("Tổ chức các lớp đào tạo, bồi dưỡng nâng cao năng lực cán bộ quản lý hợp tác xã.",
             ("Sở Nội vụ",), ("Các sở, ngành có liên quan",), YEAR, "III.2"),
        task("Đẩy mạnh công tác tuyên truyền về vai trò của kinh tế tập thể trên các phương tiện thông tin đại chúng.",
             ("Sở Văn hóa, Thể thao và Du lịch",), (), ALWAYS, "III.3"),
    ]


def figures(gold: list[Task], pred: list[Task], **kw: Any) -> dict[str, dict[str, float | None]]:
    return point_metrics(evaluate({DOC: gold}, {DOC: pred} if pred is not None else {}, **kw).total)


def test_text_words_ignore_case_punctuation_and_unicode_form() -> None:
    nfd = unicodedata.normalize("NFD", "Sở Tài chính (chủ trì); UBND tỉnh.")
    assert text_words(nfd) == text_words("sở tài chính chủ trì ubnd tỉnh")
    assert text_words("Nghị quyết số 20-NQ/TW") == text_words("nghị quyết số 20 nq tw")
    assert word_f1(text_words("a b c d"), text_words("a b e f")) == 0.5
    assert word_f1(text_words(""), text_words("")) == 0.0


def test_normalize_agency_follows_guideline_section_3() -> None:
    assert normalize_agency("Các sở, ngành") == normalize_agency("các  sở,  ngành") == "sở, ngành"
    assert normalize_agency(unicodedata.normalize("NFD", "Đài Phát thanh tỉnh ")) == "đài phát thanh tỉnh"
    assert normalize_agency("Sở Xây dựng các tỉnh") == "sở xây dựng các tỉnh"  # only a leading 'các' goes


def test_perfect_output_scores_one_everywhere() -> None:
    m = figures(gold_tasks(), gold_tasks())
    for name, figs in m.items():
        for fig, value in figs.items():
            assert value == 1.0, (name, fig)


def test_empty_prediction_has_recall_zero_and_precision_defined_zero() -> None:
    ev = evaluate({DOC: gold_tasks()}, {})
    assert ev.missing_in_pred == [DOC]
    m = point_metrics(ev.total)
    for name in ("task", "lead", "support", "deadline"):
        assert m[name] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert m["exact_task_rate"]["rate"] == 0.0
    assert (ev.total.lead_gold, ev.total.support_gold, ev.total.deadline_gold) == (3, 3, 3)


def test_nothing_on_either_side_is_undefined_not_zero() -> None:
    m = figures([task("Rà soát, đánh giá thực trạng hợp tác xã.")], [task("Rà soát, đánh giá thực trạng hợp tác xã.")])
    assert m["task"]["f1"] == 1.0
    assert m["lead"] == {"precision": None, "recall": None, "f1": None}
    assert m["deadline"]["f1"] is None


def test_swapped_lead_and_support() -> None:
    gold = [task("Hướng dẫn các hợp tác xã chuyển đổi số trong sản xuất, kinh doanh.",
                 ("Sở Tài chính",), ("Sở Nội vụ", "UBND các huyện"), YEAR)]
    pred = [task(gold[0].text, ("Sở Nội vụ", "UBND các huyện"), ("Sở Tài chính",), YEAR)]
    m = figures(gold, pred)
    assert m["task"]["f1"] == 1.0
    assert m["lead"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert m["support"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert m["deadline"]["f1"] == 1.0
    assert m["exact_task_rate"]["rate"] == 0.0
    # relaxed: "Sở Tài chính" vs best of "Sở Nội vụ" shares one word of three each -> F1 1/3
    assert m["relaxed_lead"]["recall"] == pytest.approx(1 / 3)
    assert m["relaxed_lead"]["precision"] == pytest.approx(1 / 6)


def test_split_task_one_half_matches_other_is_spurious() -> None:
    words = ("Rà soát, sắp xếp lại các hợp tác xã yếu kém và giải thể "
             "các hợp tác xã ngừng hoạt động lâu năm trên địa bàn tỉnh").split()
    gold = [task(" ".join(words), ("Sở Tài chính",), (), YEAR)]
    half = len(words) // 2
    pred = [task(" ".join(words[:half]), ("Sở Tài chính",), (), YEAR, "1a"),
            task(" ".join(words[half:]), ("Sở Tài chính",), (), YEAR, "1b")]
    al = align(DOC, gold, pred)
    assert len(al.matches) == 1 and len(al.spurious) == 1
    assert al.closest_gold[al.spurious[0]].gold == 0
    m = figures(gold, pred)
    assert m["task"]["precision"] == 0.5 and m["task"]["recall"] == 1.0
    assert m["task"]["f1"] == pytest.approx(2 / 3)
    assert m["lead"]["precision"] == 0.5 and m["lead"]["recall"] == 1.0
    assert m["deadline"]["precision"] == 0.5 and m["deadline"]["recall"] == 1.0


def test_duplicated_predictions_count_once() -> None:
    gold = gold_tasks()
    m = figures(gold, gold + gold_tasks())
    assert m["task"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)}
    assert m["lead"]["precision"] == 0.5 and m["lead"]["recall"] == 1.0
    assert m["exact_task_rate"]["rate"] == 1.0
    # a duplicated agency item inside one list is one false alarm
    dup = [task(gold[1].text, ("Sở Nội vụ", "Sở Nội vụ"), ("các sở, ngành có liên quan",), YEAR)]
    m = figures([gold[1]], dup)
    assert m["lead"]["precision"] == 0.5 and m["lead"]["recall"] == 1.0
    assert m["support"]["f1"] == 1.0  # leading 'Các' and case do not matter


def test_extra_document_ignored_unless_strict() -> None:
    gold = {DOC: gold_tasks()}
    pred = {DOC: gold_tasks(), "cv_99_bo_tai_chinh": [task("Báo cáo kết quả thực hiện.", doc_id="cv_99_bo_tai_chinh")]}
    ev = evaluate(gold, pred)
    assert ev.extra_in_pred == ["cv_99_bo_tai_chinh"] and len(ev.docs) == 1
    assert point_metrics(ev.total)["task"]["precision"] == 1.0
    strict = evaluate(gold, pred, strict=True)
    assert len(strict.docs) == 2
    assert point_metrics(strict.total)["task"]["precision"] == 0.75


def test_threshold_exactly_half_is_a_match() -> None:
    gold = [task("kiểm tra giám sát hợp tác")]  # 6 words
    exactly = [task("kiểm tra giám ngân sách tỉnh")]  # 3 shared, 6 + 6 words: F1 = 6/12 = 0.5
    assert word_f1(text_words(gold[0].text), text_words(exactly[0].text)) == 0.5
    assert len(align(DOC, gold, exactly).matches) == 1
    below = [task("kiểm tra giám ngân sách tỉnh nhà")]  # 3 shared, 6 + 7 words: F1 = 6/13
    assert len(align(DOC, gold, below).matches) == 0
    assert figures(gold, below)["task"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_assignment_maximizes_total_similarity_not_greedy() -> None:
    a = task("tuyên truyền phổ biến luật hợp tác xã năm", task_id="A")
    b = task("tuyên truyền phổ biến luật hợp tác", task_id="B")
    x = task("tuyên truyền phổ biến luật hợp tác xã", task_id="X")
    y = task("tuyên truyền phổ biến luật đất đai mới năm", task_id="Y")
    sim = {(g.task_id, p.task_id): word_f1(text_words(g.text), text_words(p.text)) for g in (a, b) for p in (x, y)}
    assert max(sim.values()) == sim[("A", "X")]  # greedy takes A-X first ...
    assert sim[("A", "X")] + sim[("B", "Y")] < sim[("A", "Y")] + sim[("B", "X")]  # ... but A-Y + B-X is larger
    al = align(DOC, [a, b], [x, y])
    assert {(m.gold, m.pred) for m in al.matches} == {(0, 1), (1, 0)}


def test_deadline_value_text_detection_and_false_alarms() -> None:
    gold = gold_tasks()
    pred = gold_tasks()
    pred[0].deadline.text = "quý II/2026"  # same value, other words: correct
    pred[1].deadline.type = "range"  # value wrong, text found: detection only
    pred[2].deadline = None  # missed
    extra = task("Tổng kết, đánh giá kết quả thực hiện Kế hoạch và báo cáo UBND tỉnh.", deadline=YEAR, task_id="IV.1")
    m = figures(gold, pred + [extra])
    assert m["deadline"]["precision"] == pytest.approx(1 / 3)  # 1 correct of 3 predicted (one on a spurious task)
    assert m["deadline"]["recall"] == pytest.approx(1 / 3)
    assert m["deadline_text"]["recall"] == pytest.approx(2 / 3)
    assert m["exact_task_rate"]["rate"] == pytest.approx(1 / 3)


def test_layouts_from_key_then_file_then_unknown() -> None:
    gold = {"a": [task("Xây dựng kế hoạch chuyển đổi số.", doc_id="a", layout="table"),
                  task("Kiểm tra việc thực hiện kế hoạch.", doc_id="a")],
            "b": [task("Tổ chức hội nghị sơ kết.", doc_id="b")]}
    pred = {"a": [task("Xây dựng kế hoạch chuyển đổi số.", doc_id="a"),
                  task("Một nhiệm vụ không có trong gold cả.", doc_id="a")],
            "b": []}
    ev = evaluate(gold, pred, layouts={"a": "fields"})
    assert ev.layouts() == ["fields", "table", "unknown"]
    assert ev.layout_total("table").matched == 1
    assert ev.layout_total("fields").gold_tasks == 1 and ev.layout_total("fields").pred_tasks == 1
    assert ev.layout_total("unknown").gold_tasks == 1
    assert sum((ev.layout_total(n) for n in ev.layouts()), Counts()) == ev.total


def test_metrics_vectorized_agrees_with_point_and_bootstrap_is_seeded() -> None:
    gold = {f"d{k}": [task(f"Nhiệm vụ số {k} về hợp tác xã kiểu mới", ("Sở Tài chính",), doc_id=f"d{k}")]
            for k in range(6)}
    pred = {f"d{k}": [task(f"Nhiệm vụ số {k} về hợp tác xã kiểu mới", ("Sở Tài chính",) if k % 2 else (),
                           doc_id=f"d{k}")] for k in range(4)}
    ev = evaluate(gold, pred)
    s1, s2 = summarize(ev, rounds=300, seed=7), summarize(ev, rounds=300, seed=7)
    assert s1.overall.ci == s2.overall.ci
    lo, hi = s1.overall.ci["task"]["recall"]
    assert lo <= s1.overall.values["task"]["recall"] <= hi and lo < hi
    arr = np.array([d.total.as_tuple() for d in ev.docs])
    vec = metrics(arr.sum(axis=0))
    assert float(vec["lead"]["f1"]) == pytest.approx(s1.overall.values["lead"]["f1"])
    assert summarize(ev, rounds=0).overall.ci == {}
    w = resample_weights(len(ev.docs), 50, 1)
    assert w.shape == (50, 6) and (w.sum(axis=1) == 6).all()


def test_single_document_interval_is_the_point() -> None:
    ev = evaluate({DOC: gold_tasks()}, {DOC: gold_tasks()[:2]})
    counts = np.array([ev.docs[0].total.as_tuple()]).reshape(1, len(COUNT_FIELDS))
    ci = intervals(counts, resample_weights(1, 20, 0))
    assert ci["task"]["recall"] == pytest.approx((2 / 3, 2 / 3))


# ---------------------------------------------------------------- command and report


def _jsonl(path: Path, tasks: list[Task]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(t.to_json(), ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    return path


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    gold = gold_tasks()
    gold[2].text = "Đẩy mạnh tuyên truyền <b>kinh tế tập thể</b> & hợp tác xã trên báo, đài của tỉnh."
    _jsonl(tmp_path / "gold" / f"{DOC}.jsonl", gold)
    _jsonl(tmp_path / "gold" / "cv_7_so_tai_chinh.jsonl",
           [task("Báo cáo kết quả thực hiện về Sở Tài chính trước ngày 15/12/2026.", ("UBND các huyện",),
                 doc_id="cv_7_so_tai_chinh")])
    (tmp_path / "gold" / "layouts.json").write_text(json.dumps({DOC: "fields"}), encoding="utf-8")
    pred = gold_tasks()[:2] + [task("Kiểm tra, giám sát việc thực hiện.", doc_id="tb_3_van_phong")]
    pred[1].lead = []
    return tmp_path / "gold", _jsonl(tmp_path / "pred" / "tasks.jsonl", pred)


def test_evaluate_command_json_has_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = _corpus(tmp_path)
    assert main(["evaluate", str(gold), str(pred), "--json", "--bootstrap", "200", "--seed", "3"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert "tb_3_van_phong" in err and "--strict" in err
    assert data["documents"] == {"scored": 2, "missing_in_pred": ["cv_7_so_tai_chinh"],
                                 "extra_in_pred": ["tb_3_van_phong"]}
    task_fig = data["overall"]["primary"]["task"]
    assert task_fig["recall"]["value"] == 0.5 and task_fig["precision"]["value"] == 1.0
    assert len(task_fig["f1"]["ci"]) == 2
    assert data["overall"]["primary"]["exact_task_rate"]["rate"]["value"] == 0.25
    assert set(data["overall"]["secondary"]) == {"deadline_text", "relaxed_lead", "relaxed_support"}
    assert set(data["per_layout"]) == {"fields", "unknown"}
    assert data["per_document"]["cv_7_so_tai_chinh"]["missing_in_pred"] is True
    assert data["settings"]["bootstrap_rounds"] == 200
    # seeded: a rerun prints the same numbers
    assert main(["evaluate", str(gold), str(pred), "--json", "--bootstrap", "200", "--seed", "3"]) == 0
    assert json.loads(capsys.readouterr().out) == data


def test_evaluate_command_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = _corpus(tmp_path)
    assert main(["evaluate", str(gold), str(pred), "--per-doc", "--report", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "Headline figures" in out and "Per layout" in out and "cv_7_so_tai_chinh" in out
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<b>kinh" not in page and "&lt;b&gt;kinh tế tập thể&lt;/b&gt; &amp; hợp tác xã" in page
    assert "Missed gold tasks" in page and "Field errors on matched tasks" in page
    assert main(["evaluate", str(gold), str(pred), "--report", str(tmp_path / "r.md"), "--strict"]) == 0
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "\\<b\\>kinh" in md and "Spurious predicted tasks (1)" in md
    assert "| III.2 ↔ III.2 | lead | Sở Nội vụ | - | missing: sở nội vụ |" in md
    assert "No predictions for this document" in md


def test_evaluate_command_rejects_malformed_prediction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = _corpus(tmp_path)
    with pred.open("a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "kh_45_ubnd_tinh", "task_id": "9", "text": "thiếu trường"}\n')
    assert main(["evaluate", str(gold), str(pred)]) == 2
    err = capsys.readouterr().err
    assert f"{pred}:4: error: " in err and "'lead' is a required property" in err


def test_quiet_documents_and_genres(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A gold file with no task is a document: what is predicted there is a false alarm, reported per genre."""
    gold_dir = tmp_path / "gold"
    _jsonl(gold_dir / f"{DOC}.jsonl", gold_tasks())
    (gold_dir / "qd_12_bai_bo.jsonl").write_text("", encoding="utf-8")  # a repeal: no task
    (gold_dir / "qd_13_phi.jsonl").write_text("", encoding="utf-8")  # a fee level: no task
    pred = gold_tasks() + [task("Giám đốc Sở Tài chính chịu trách nhiệm thi hành Quyết định này.",
                                ("Giám đốc Sở Tài chính",), doc_id="qd_12_bai_bo"),
                           task("Quyết định này có hiệu lực từ ngày ký.", doc_id="qd_12_bai_bo")]
    pred_path = _jsonl(tmp_path / "pred" / "tasks.jsonl", pred)
    docs = [{"doc_id": DOC, "doc_type": "ke_hoach"}, {"doc_id": "qd_12_bai_bo", "doc_type": "quyet_dinh"},
            {"doc_id": "qd_13_phi", "doc_type": "quyet_dinh"}]
    (tmp_path / "pred" / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert main(["evaluate", str(gold_dir), str(pred_path), "--json", "--bootstrap", "0"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"]["missing_in_pred"] == []  # qd_13 was processed and gave nothing: present
    assert out["quiet_documents"] == {"documents": 2, "predicted_tasks": 2,
                                      "per_document": {"qd_12_bai_bo": 2, "qd_13_phi": 0}}
    assert out["per_genre"]["quyet_dinh"]["counts"]["pred_tasks"] == 2
    assert out["per_genre"]["quyet_dinh"]["primary"]["task"]["precision"]["value"] == 0.0
    assert out["per_genre"]["ke_hoach"]["primary"]["task"]["f1"]["value"] == 1.0
    assert out["overall"]["primary"]["task"]["precision"]["value"] < 1.0  # the false alarms count
    assert main(["evaluate", str(gold_dir), str(pred_path), "--bootstrap", "0"]) == 0
    text = capsys.readouterr().out
    assert "Per genre (document type)" in text
    assert "Quiet documents (no gold task): 2; predicted tasks on them 2 (1.00 per document, max 2); 1 left with none." in text
