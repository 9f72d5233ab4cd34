"""Label Studio round trip: offsets, config, export, import, and the annotator's loop through the CLI."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from pipeline.annotate.labelstudio_export import (
    DEADLINE_CONTROL,
    LABEL_FIELD,
    LabelStudioError,
    OffsetMap,
    export_document,
    format_deadline_value,
    labeling_config,
    parse_deadline_value,
)
from pipeline.annotate.labelstudio_import import gold_record, import_document, import_export
from pipeline.cli.main import main
from pipeline.eval.gold import load_tasks, schema_errors
from pipeline.records import AgencyMention, Deadline, DocumentRecord, Task, dumps

# Characters outside the BMP (two UTF-16 units each) before, inside and between regions.
TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH 𝐗 🏛\n"
    "KẾ HOẠCH Phát triển kinh tế tập thể năm 2026\n"
    "II. NHIỆM VỤ CỤ THỂ\n"
    "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ và Liên minh Hợp tác xã tỉnh rà soát cơ chế hỗ trợ 📈; "
    "hoàn thành trong quý II năm 2026.\n"
    "2. Sở Nông nghiệp và Môi trường 🌾\n"
    "a) Hướng dẫn hợp tác xã chuyển đổi số.\n"
    "b) Tổng hợp báo cáo định kỳ hằng quý.\n"
    "3. Tổ chức Hội nghị kỷ niệm 80 năm ngày Hợp tác xã Việt Nam.\n"
    "Cơ quan chủ trì: Liên minh Hợp tác xã tỉnh.\n"
    "Thời gian thực hiện: Tháng 4/2026.\n"
    "4. UBND các huyện 🏘 triển khai thực hiện trên địa bàn.\n"
)
SECTION = "II. NHIỆM VỤ CỤ THỂ"


def at(s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return (i, i + len(s))


def js(i: int, unit: str) -> int:
    """What JavaScript's String.length would say up to code point i, computed without OffsetMap."""
    return len(TEXT[:i].encode("utf-16-le")) // 2 if unit == "utf16" else i


def mention(s: str, nth: int = 0) -> AgencyMention:
    return AgencyMention(s, at(s, nth))


ITEM1 = ("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ và Liên minh Hợp tác xã tỉnh rà soát cơ chế hỗ trợ 📈; "
         "hoàn thành trong quý II năm 2026.")
HEADING = "Sở Nông nghiệp và Môi trường"


def predicted() -> tuple[DocumentRecord, list[Task]]:
    """The extractor's output for TEXT, with four mistakes for the annotator to fix."""
    doc = DocumentRecord("kh_2026", "kh_2026.txt", "0" * 64, TEXT, plan_year=2026)
    tasks = [
        Task("kh_2026", "I", "", "KẾ HOẠCH Phát triển kinh tế tập thể năm 2026",  # spurious: the title
             at("KẾ HOẠCH Phát triển kinh tế tập thể năm 2026"), confidence=0.2, method="prose"),
        Task("kh_2026", "II.1", SECTION, ITEM1, at(ITEM1), lead=[mention("Sở Tài chính")],
             support=[mention("Sở Nội vụ")],  # missed: Liên minh Hợp tác xã tỉnh
             deadline=Deadline("trong quý II năm 2026", "quarter", "2026-04-01", "2026-06-30",
                               span=at("trong quý II năm 2026")), confidence=0.9, method="prose"),
        Task("kh_2026", "II.2.a", f"{SECTION} > 2. {HEADING}", "Hướng dẫn hợp tác xã chuyển đổi số.",
             at("Hướng dẫn hợp tác xã chuyển đổi số."), lead=[mention(HEADING)], confidence=0.8, method="heading"),
        Task("kh_2026", "II.2.b", f"{SECTION} > 2. {HEADING}", "Tổng hợp báo cáo",  # cut short
             at("Tổng hợp báo cáo"), lead=[mention(HEADING)],
             deadline=Deadline("định kỳ hằng quý", "recurring", recurrence="P3M", span=at("định kỳ hằng quý")),
             confidence=0.7, method="heading"),
        Task("kh_2026", "II.3", SECTION, "Tổ chức Hội nghị kỷ niệm 80 năm ngày Hợp tác xã Việt Nam.",
             at("Tổ chức Hội nghị kỷ niệm 80 năm ngày Hợp tác xã Việt Nam."),
             lead=[mention("Liên minh Hợp tác xã tỉnh", 1)],
             deadline=Deadline("Tháng 4/2026", "year", "2026-01-01", "2026-12-31",  # wrong value
                               span=at("Tháng 4/2026")), confidence=0.6, method="fields"),
    ]  # missed entirely: item 4
    return doc, tasks


def expected_gold() -> list[dict[str, Any]]:
    def dl(text: str, kind: str, start: str | None, end: str | None, rec: str | None) -> dict[str, Any]:
        return {"text": text, "type": kind, "start": start, "end": end, "recurrence": rec}

    return [
        {"task_id": "II.1", "section": SECTION, "text": ITEM1, "lead": ["Sở Tài chính"],
         "support": ["Sở Nội vụ", "Liên minh Hợp tác xã tỉnh"],
         "deadline": dl("trong quý II năm 2026", "quarter", "2026-04-01", "2026-06-30", None)},
        {"task_id": "II.2.a", "section": f"{SECTION} > 2. {HEADING}", "text": "Hướng dẫn hợp tác xã chuyển đổi số.",
         "lead": [HEADING], "support": [], "deadline": None},
        {"task_id": "II.2.b", "section": f"{SECTION} > 2. {HEADING}", "text": "Tổng hợp báo cáo định kỳ hằng quý.",
         "lead": [HEADING], "support": [], "deadline": dl("định kỳ hằng quý", "recurring", None, None, "P3M")},
        {"task_id": "II.3", "section": SECTION, "text": "Tổ chức Hội nghị kỷ niệm 80 năm ngày Hợp tác xã Việt Nam.",
         "lead": ["Liên minh Hợp tác xã tỉnh"], "support": [],
         "deadline": dl("Tháng 4/2026", "month", "2026-04-01", "2026-04-30", None)},
        {"task_id": "II.4", "section": SECTION, "text": "UBND các huyện 🏘 triển khai thực hiện trên địa bàn.",
         "lead": ["UBND các huyện"], "support": [], "deadline": None},
    ]


def find(result: list[dict[str, Any]], label: str, text: str) -> dict[str, Any]:
    hits = [r for r in result if r.get("type") == "labels" and r["value"]["labels"] == [label]
            and r["value"]["text"] == text]
    assert len(hits) == 1, (label, text, hits)
    return hits[0]


def new_region(rid: str, label: str, span: tuple[int, int], unit: str) -> dict[str, Any]:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": js(span[0], unit), "end": js(span[1], unit), "text": TEXT[span[0]:span[1]],
                      "labels": [label]}}


def correct(item: dict[str, Any], unit: str) -> dict[str, Any]:
    """What an annotator does in Label Studio, as it appears in the project's JSON export."""
    result = copy.deepcopy(item["predictions"][0]["result"])
    title = find(result, "TASK", "KẾ HOẠCH Phát triển kinh tế tập thể năm 2026")["id"]
    result = [r for r in result if r.get("id") != title and title not in (r.get("from_id"), r.get("to_id"))]
    item1 = find(result, "TASK", ITEM1)["id"]
    result += [new_region("ann1", "SUPPORT", at("Liên minh Hợp tác xã tỉnh"), unit),
               {"from_id": "ann1", "to_id": item1, "type": "relation", "direction": "right"}]
    short = find(result, "TASK", "Tổng hợp báo cáo")["value"]
    full = at("Tổng hợp báo cáo định kỳ hằng quý.")
    short.update(end=js(full[1], unit), text=TEXT[full[0]:full[1]])
    month = find(result, "DEADLINE", "Tháng 4/2026")["id"]
    box = next(r for r in result if r.get("id") == month and r["type"] == "textarea")
    box["value"]["text"] = ["month | 2026-04-01 | 2026-04-30 | -"]
    item4 = at("UBND các huyện 🏘 triển khai thực hiện trên địa bàn.")
    result += [new_region("ann2", "TASK", item4, unit), new_region("ann3", "LEAD", at("UBND các huyện"), unit),
               {"from_id": "ann2", "to_id": "ann3", "type": "relation", "direction": "left"}]
    done = dict(item, id=7, annotations=[{"id": 11, "result": result, "was_cancelled": False,
                                          "ground_truth": False, "updated_at": "2026-03-02T08:00:00Z"}])
    return done


def write_output(out: Path, doc: DocumentRecord, tasks: list[Task]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents.jsonl").write_text(dumps(doc.to_json()) + "\n", encoding="utf-8")
    (out / "tasks.jsonl").write_text("".join(dumps(t.to_json()) + "\n" for t in tasks), encoding="utf-8")


@pytest.mark.parametrize("unit", ["codepoint", "utf16"])
def test_round_trip_extract_export_correct_import(tmp_path: Path, unit: str) -> None:
    doc, tasks = predicted()
    write_output(tmp_path / "out", doc, tasks)
    assert main(["export-labelstudio", str(tmp_path / "out"), "-o", str(tmp_path / "ls"), "--offsets", unit]) == 0
    items = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    assert len(items) == 1 and items[0]["data"]["offset_unit"] == unit
    export = [correct(items[0], unit)]
    (tmp_path / "export.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert main(["import-labelstudio", str(tmp_path / "export.json"), "-o", str(tmp_path / "gold")]) == 0

    lines = (tmp_path / "gold" / "kh_2026.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines]
    keys = ("task_id", "section", "text", "lead", "support", "deadline")
    assert [{k: g[k] for k in keys} for g in gold] == expected_gold()
    for g in gold:
        assert g["doc_id"] == "kh_2026" and not schema_errors(g)
        s, e = g["spans"]["text"]
        assert TEXT[s:e] == g["text"]
        for role in ("lead", "support"):
            assert [TEXT[s:e] for s, e in g["spans"][role]] == g[role]
        if g["deadline"]:
            s, e = g["spans"]["deadline"]
            assert TEXT[s:e] == g["deadline"]["text"]
    assert sum(len(v) for v in load_tasks(tmp_path / "gold").values()) == 5


def test_offset_map_counts_javascript_units() -> None:
    om = OffsetMap(TEXT, "utf16")
    for i in range(len(TEXT) + 1):
        assert om.to_ls(i) == js(i, "utf16")
        assert om.from_ls(om.to_ls(i)) == i
    inside = js(TEXT.index("𝐗"), "utf16") + 1
    with pytest.raises(LabelStudioError, match="surrogate"):
        om.from_ls(inside)
    plain = OffsetMap(TEXT, "codepoint")
    assert plain.to_ls(40) == 40 and plain.from_ls(40) == 40
    with pytest.raises(LabelStudioError):
        plain.from_ls(len(TEXT) + 1)
    with pytest.raises(LabelStudioError):
        OffsetMap(TEXT, "bytes")


def test_labeling_config_names_what_export_and_import_use() -> None:
    root = ET.fromstring(labeling_config())
    labels = root.find("Labels")
    assert labels is not None and labels.get("name") == "label" and labels.get("toName") == "text"
    assert [x.get("value") for x in labels.iter("Label")] == list(LABEL_FIELD)
    text = root.find("Text")
    assert text is not None and text.get("name") == "text" and text.get("value") == "$text"
    area = next(root.iter("TextArea"))
    assert area.get("name") == DEADLINE_CONTROL and area.get("perRegion") == "true"


@pytest.mark.parametrize("deadline", [
    Deadline("Trong quý II năm 2026", "quarter", "2026-04-01", "2026-06-30"),
    Deadline("trước ngày 25 tháng 12 hàng năm", "recurring", None, "--12-25", "P1Y"),
    Deadline("Thường xuyên", "continuous"),
])
def test_deadline_value_round_trips(deadline: Deadline) -> None:
    back = parse_deadline_value(format_deadline_value(deadline), deadline.text)
    assert back.value() == deadline.value() and back.text == deadline.text


def test_deadline_value_accepts_json_and_rejects_nonsense() -> None:
    d = parse_deadline_value('{"type": "month", "start": "2026-06-01", "end": "2026-06-30"}', "Tháng 6/2026")
    assert d.value() == ("month", "2026-06-01", "2026-06-30", None)
    for bad in ("soon", "month | 2026-13 | - | -", "recurring | - | - | yearly", "a | b | c | d | e"):
        with pytest.raises(LabelStudioError):
            parse_deadline_value(bad, "x")


def test_export_shares_a_heading_region_between_its_tasks() -> None:
    doc, tasks = predicted()
    item, problems = export_document(doc, tasks, unit="utf16", model_version="test 1")
    assert not problems
    pred = item["predictions"][0]
    assert pred["model_version"] == "test 1" and pred["score"] == 0.2
    result = pred["result"]
    heading = find(result, "LEAD", HEADING)["id"]
    assert sum(1 for r in result if r.get("from_id") == heading) == 2
    for r in result:
        if r["type"] == "labels":
            v = r["value"]
            units = TEXT.encode("utf-16-le")[2 * v["start"]:2 * v["end"]].decode("utf-16-le")
            assert units == v["text"]
    boxes = [r for r in result if r["type"] == "textarea"]
    assert {b["value"]["text"][0] for b in boxes} == {
        "quarter | 2026-04-01 | 2026-06-30 | -", "recurring | - | - | P3M", "year | 2026-01-01 | 2026-12-31 | -"}
    task = find(result, "TASK", ITEM1)
    assert task["meta"]["text"] == [f"task_id: II.1\nsection: {SECTION}"] and task["score"] == 0.9


def test_export_reports_values_without_spans() -> None:
    doc, tasks = predicted()
    tasks[1].lead[0].span = None
    tasks[2].text_span = (10, 10 ** 6)
    _, problems = export_document(doc, tasks)
    assert len(problems) == 2 and "no span" in problems[0] and "outside the text" in problems[1]


def annotated(result: list[dict[str, Any]], **data: Any) -> dict[str, Any]:
    return {"id": 1, "data": {"text": TEXT, "doc_id": "d", "offset_unit": "codepoint", **data},
            "annotations": [{"id": 1, "result": result}]}


def test_import_attaches_by_containment_and_reports_what_it_drops() -> None:
    result = [new_region("t1", "TASK", at(ITEM1), "codepoint"),
              new_region("l1", "LEAD", at("Sở Tài chính"), "codepoint"),  # no relation, inside t1
              new_region("x1", "SUPPORT", at(HEADING), "codepoint"),  # no relation, in no task
              {"from_id": "t1", "to_id": "missing", "type": "relation", "direction": "right"}]
    tasks, problems = import_document(annotated(result))
    assert tasks is not None and [m.text for m in tasks[0].lead] == ["Sở Tài chính"]
    assert tasks[0].task_id == "1" and tasks[0].section == ""  # recomputed from the item's own number
    messages = [(p.severity, p.region, p.message) for p in problems]
    assert any(r == "l1" and "attached" in m for _, r, m in messages)
    assert ("error", "x1") in {(s, r) for s, r, _ in messages}
    assert any("missing region" in m for _, _, m in messages)


def test_import_trims_loose_selections_and_finds_shifted_offsets() -> None:
    s, e = at("Sở Tài chính")
    loose = new_region("l1", "LEAD", (s - 1, e + 5), "codepoint")  # " Sở Tài chính chủ "
    loose["value"]["text"] = TEXT[s - 1:e + 5]
    shifted = new_region("t1", "TASK", at(ITEM1), "codepoint")
    shifted["value"]["start"] += 3
    shifted["value"]["end"] += 3
    region_utf16 = new_region("s1", "SUPPORT", at("Sở Nội vụ"), "utf16")
    links = [{"from_id": x, "to_id": "t1", "type": "relation", "direction": "right"} for x in ("l1", "s1")]
    tasks, problems = import_document(annotated([shifted, loose, region_utf16, *links]))
    assert tasks is not None
    assert tasks[0].text == ITEM1 and [m.text for m in tasks[0].lead] == ["Sở Tài chính chủ"]
    assert [m.text for m in tasks[0].support] == ["Sở Nội vụ"]
    assert any("did not match" in p.message for p in problems)
    assert any("read as utf16" in p.message for p in problems)


def test_import_picks_the_annotation_and_skips_unannotated_documents() -> None:
    old = [new_region("t1", "TASK", at(ITEM1), "codepoint")]
    new = [new_region("t2", "TASK", at("Hướng dẫn hợp tác xã chuyển đổi số."), "codepoint")]
    item = annotated([])
    item["annotations"] = [
        {"id": 1, "result": old, "updated_at": "2026-01-01T00:00:00Z"},
        {"id": 2, "result": new, "updated_at": "2026-02-01T00:00:00Z"},
        {"id": 3, "result": [], "updated_at": "2026-03-01T00:00:00Z", "was_cancelled": True},
    ]
    empty = {"id": 2, "data": {"text": "x", "doc_id": "e"}, "annotations": [], "predictions": [{"result": []}]}
    by_doc, problems = import_export([item, empty])
    assert list(by_doc) == ["d"] and [t.text for t in by_doc["d"]] == ["Hướng dẫn hợp tác xã chuyển đổi số."]
    assert any(p.doc_id == "e" and p.severity == "error" for p in problems)


def test_import_bad_deadline_value_falls_back_to_the_phrase() -> None:
    result = [new_region("t1", "TASK", at(ITEM1), "codepoint"),
              new_region("d1", "DEADLINE", at("trong quý II năm 2026"), "codepoint"),
              {"id": "d1", "from_name": DEADLINE_CONTROL, "to_name": "text", "type": "textarea",
               "value": {"start": 0, "end": 1, "text": ["quý 2"]}},
              {"from_id": "d1", "to_id": "t1", "type": "relation", "direction": "right"}]
    tasks, problems = import_document(annotated(result, ref_year=2026))
    assert tasks is not None and tasks[0].deadline is not None
    assert tasks[0].deadline.text == "trong quý II năm 2026" and tasks[0].deadline.span == at("trong quý II năm 2026")
    assert any(p.region == "d1" and p.severity == "error" and "quý 2" in p.message for p in problems)


def test_import_rejects_json_min_exports() -> None:
    with pytest.raises(LabelStudioError, match="JSON-MIN"):
        import_export([{"id": 1, "text": TEXT, "label": []}])


def test_gold_record_is_guideline_shaped() -> None:
    _, tasks = predicted()
    rec = gold_record(tasks[1])
    assert list(rec)[:7] == ["doc_id", "task_id", "section", "text", "lead", "support", "deadline"]
    assert list(rec["deadline"]) == ["text", "type", "start", "end", "recurrence"]
    assert not schema_errors(rec)


def test_import_cli_refuses_to_overwrite_and_fails_on_lost_content(tmp_path: Path) -> None:
    export = [annotated([new_region("x1", "LEAD", at(HEADING), "codepoint")])]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert main(["import-labelstudio", str(path), "-o", str(tmp_path / "g")]) == 1  # LEAD in no task: dropped
    assert (tmp_path / "g" / "d.jsonl").read_text(encoding="utf-8") == ""
    assert main(["import-labelstudio", str(path), "-o", str(tmp_path / "g")]) == 2  # exists, no --force
    assert main(["import-labelstudio", str(path), "-o", str(tmp_path / "g"), "--force",
                 "--report", str(tmp_path / "r.jsonl")]) == 1
    report = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report[0]["region"] == "x1" and report[0]["severity"] == "error"


# ---- opt-in: a running Label Studio --------------------------------------------------
# VNTASKS_LABELSTUDIO_BIN=/path/to/label-studio starts a throwaway server (about a minute);
# or VNTASKS_LABELSTUDIO_URL with VNTASKS_LABELSTUDIO_TOKEN, or _USER and _PASSWORD, uses yours.

class LabelStudioClient:
    """The few REST calls the round trip needs, with session (user/password) or token auth."""

    def __init__(self, url: str, *, user: str = "", password: str = "", token: str = "") -> None:
        import requests

        self.url = url.rstrip("/")
        self.http = requests.Session()
        self.headers: dict[str, str] = {}
        if token:
            if token.count(".") == 2:  # a personal access token is a JWT refresh token
                r = self.http.post(f"{self.url}/api/token/refresh", json={"refresh": token}, timeout=30)
                r.raise_for_status()
                self.headers["Authorization"] = f"Bearer {r.json()['access']}"
            else:
                self.headers["Authorization"] = f"Token {token}"
        else:
            self.http.get(f"{self.url}/user/login/", timeout=30)
            r = self.http.post(f"{self.url}/user/login/", allow_redirects=False, timeout=30,
                               data={"email": user, "password": password,
                                     "csrfmiddlewaretoken": self.http.cookies.get("csrftoken", "")},
                               headers={"Referer": f"{self.url}/user/login/"})
            assert r.status_code == 302, f"Label Studio login failed ({r.status_code})"
            self.headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", ""), "Referer": self.url}

    def call(self, method: str, path: str, body: Any = None) -> Any:
        r = self.http.request(method, f"{self.url}{path}", json=body, headers=self.headers, timeout=120)
        assert r.ok, f"{method} {path}: {r.status_code} {r.text[:300]}"
        return r.json()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import os
    import subprocess
    import time
    import urllib.request

    url, binary = os.environ.get("VNTASKS_LABELSTUDIO_URL"), os.environ.get("VNTASKS_LABELSTUDIO_BIN")
    if url:
        yield LabelStudioClient(url, user=os.environ.get("VNTASKS_LABELSTUDIO_USER", ""),
                                password=os.environ.get("VNTASKS_LABELSTUDIO_PASSWORD", ""),
                                token=os.environ.get("VNTASKS_LABELSTUDIO_TOKEN", ""))
        return
    if not binary:
        pytest.skip("set VNTASKS_LABELSTUDIO_BIN (a label-studio executable) or VNTASKS_LABELSTUDIO_URL to run")
    root = tmp_path_factory.mktemp("labelstudio")
    port, user, password = _free_port(), "annotator@example.com", "vntasks-round-trip"
    log = (root / "server.log").open("wb")
    proc = subprocess.Popen([binary, "start", "--no-browser", "--host", "127.0.0.1", "--port", str(port),
                             "--username", user, "--password", password], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(root / "data")})
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, f"Label Studio did not start; see {log.name}"
            time.sleep(1)
        yield LabelStudioClient(f"http://127.0.0.1:{port}", user=user, password=password)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.slow
def test_round_trip_through_a_running_label_studio(label_studio: LabelStudioClient) -> None:
    client = label_studio
    project = client.call("POST", "/api/projects", {"title": "vntasks round trip", "label_config": labeling_config()})
    doc, tasks = predicted()
    item, problems = export_document(doc, tasks)
    assert not problems
    imported = client.call("POST", f"/api/projects/{project['id']}/import", [item])
    assert imported["task_count"] == 1 and imported["prediction_count"] == 1
    listed = client.call("GET", f"/api/tasks?project={project['id']}")
    task_id = (listed["tasks"] if isinstance(listed, dict) else listed)[0]["id"]
    stored = client.call("GET", f"/api/predictions?task={task_id}")
    assert stored[0]["result"] == item["predictions"][0]["result"]
    corrected = correct(dict(item, predictions=[{"result": stored[0]["result"]}]), "codepoint")
    client.call("POST", f"/api/tasks/{task_id}/annotations/", {"result": corrected["annotations"][0]["result"]})
    export = client.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    by_doc, problems = import_export(export)
    assert not [p for p in problems if p.severity == "error"]
    keys = ("task_id", "section", "text", "lead", "support", "deadline")
    assert [{k: r[k] for k in keys} for r in map(gold_record, by_doc["kh_2026"])] == expected_gold()


@pytest.mark.slow
def test_label_studio_editor_accepts_and_submits_the_predictions(label_studio: LabelStudioClient,
                                                                 tmp_path: Path) -> None:
    """The real editor loads the prediction (relations, meta, per-region TextArea) and submits it unchanged."""
    import time

    from test_review_browser import CHROMIUM, Browser

    client = label_studio
    if not CHROMIUM.exists() or "sessionid" not in client.http.cookies:
        pytest.skip("needs chromium and a user/password session")
    project = client.call("POST", "/api/projects", {"title": "vntasks editor", "label_config": labeling_config()})
    doc, tasks = predicted()
    item, _ = export_document(doc, tasks[1:])
    client.call("POST", f"/api/projects/{project['id']}/import", [item])
    listed = client.call("GET", f"/api/tasks?project={project['id']}")
    task_id = (listed["tasks"] if isinstance(listed, dict) else listed)[0]["id"]
    browser = Browser(tmp_path / "profile")
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        browser.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                       browser=True)["sessionId"]
        browser.call("Page.enable")
        browser.call("Network.enable")
        for name, value in client.http.cookies.get_dict().items():
            browser.call("Network.setCookie", {"name": name, "value": value, "url": client.url})
        browser.call("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 900, "deviceScaleFactor": 1,
                                                            "mobile": False})
        browser.call("Page.navigate", {"url": f"{client.url}/projects/{project['id']}/data?task={task_id}"})
        browser.wait_event("Page.loadEventFired", timeout=60)
        shown: list[str] = []
        for _ in range(120):
            shown = browser.js("Array.from(document.querySelectorAll('.htx-highlight')).map(e => e.textContent)")
            if len(shown) >= 8:
                break
            time.sleep(0.5)
        assert ITEM1 in shown and HEADING in shown and "định kỳ hằng quý" in shown
        clicked = browser.js("(() => { const b = Array.from(document.querySelectorAll('button'))"
                             ".find(x => x.textContent.trim() === 'Submit'); if (b) { b.click(); } return !!b; })()")
        assert clicked
        for _ in range(60):
            if client.call("GET", f"/api/tasks/{task_id}")["total_annotations"]:
                break
            time.sleep(0.5)
    finally:
        browser.close()
    export = client.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    by_doc, problems = import_export(export)
    assert not problems
    keys = ("task_id", "section", "text", "lead", "support", "deadline")
    assert ([{k: r[k] for k in keys} for r in map(gold_record, by_doc["kh_2026"])]
            == [{k: r[k] for k in keys} for r in map(gold_record, tasks[1:])])
