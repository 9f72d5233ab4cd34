"""End-to-end extraction on hand-written directives, one per layout of the genre.

The documents are written for these tests (other provinces, ministries and
years than the seeds) so that they check the layout rules, not seed wording.
"""

from __future__ import annotations

from pipeline.extract import extract_document
from pipeline.records import Task


def run(raw: str, doc_id: str = "doc") -> tuple[str, list[Task]]:
    doc, tasks = extract_document(raw, doc_id)
    for t in tasks:  # every string is grounded in the normalized document
        s, e = t.text_span
        assert doc.text[s:e] == t.text
        for m in t.lead + t.support:
            assert m.span is not None and doc.text[m.span[0] : m.span[1]] == m.text
        if t.deadline is not None and t.deadline.span is not None:
            assert doc.text[t.deadline.span[0] : t.deadline.span[1]] == t.deadline.text
    return doc.text, tasks


def by_prefix(tasks: list[Task], prefix: str) -> Task:
    found = [t for t in tasks if t.text.startswith(prefix)]
    assert len(found) == 1, [t.text[:40] for t in tasks]
    return found[0]


def names(ms: list) -> list[str]:
    return [m.text for m in ms]


FIELD_BULLETS = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ

Số: 215/KH-UBND

Quảng Trị, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Phát triển du lịch cộng đồng năm 2026

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức của người dân về du lịch cộng đồng.

2. Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan.

II. NHIỆM VỤ CỤ THỂ

1. Xây dựng bộ tiêu chí điểm du lịch cộng đồng.

- *Cơ quan chủ trì:* Sở Văn hóa, Thể thao và Du lịch.

- *Cơ quan phối hợp:* Sở Nông nghiệp và Môi trường; Sở Công Thương; UBND các xã, phường trên địa bàn tỉnh.

- *Thời gian thực hiện:* Quý II năm 2026.

2. Tổ chức lớp tập huấn kỹ năng phục vụ khách cho hộ kinh doanh.

2.1. Tập huấn cho các xã miền núi.

- *Cơ quan chủ trì:* Sở Văn hóa, Thể thao và Du lịch, Hội Nông dân tỉnh.

- *Cơ quan phối hợp:* các sở, ngành có liên quan.

- *Thời gian thực hiện:* Trước ngày 30/9/2026.

2.2. Tập huấn cho các xã ven biển.

- *Cơ quan chủ trì:* Trường Cao đẳng Kỹ thuật Quảng Trị.

- *Thời gian thực hiện:* Thường xuyên.

III. TỔ CHỨC THỰC HIỆN

1. Sở Tài chính chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch tham mưu bố trí kinh phí thực hiện Kế hoạch.

Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, địa phương triển khai thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_field_bullets_layout() -> None:
    _, tasks = run(FIELD_BULLETS)
    assert len(tasks) == 4  # purposes, group item 2 and the closing formula are not tasks
    t1 = by_prefix(tasks, "Xây dựng bộ tiêu chí")
    assert names(t1.lead) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert names(t1.support) == ["Sở Nông nghiệp và Môi trường", "Sở Công Thương", "UBND các xã, phường trên địa bàn tỉnh"]
    assert t1.deadline is not None and t1.deadline.value() == ("quarter", "2026-04-01", "2026-06-30", None)
    assert t1.layout == "fields" and t1.section == "II. NHIỆM VỤ CỤ THỂ"
    t21 = by_prefix(tasks, "Tập huấn cho các xã miền núi")
    assert names(t21.lead) == ["Sở Văn hóa, Thể thao và Du lịch", "Hội Nông dân tỉnh"]
    assert t21.deadline is not None and t21.deadline.value() == ("date", None, "2026-09-30", None)
    assert "2. Tổ chức lớp tập huấn" in t21.section
    t22 = by_prefix(tasks, "Tập huấn cho các xã ven biển")
    assert t22.deadline is not None and t22.deadline.type == "continuous"
    t3 = by_prefix(tasks, "Sở Tài chính chủ trì")
    assert names(t3.lead) == ["Sở Tài chính"]
    assert names(t3.support) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert t3.deadline is None


TASK_TABLE_PIPES = """BỘ Y TẾ

Số: 1200/QĐ-BYT

Hà Nội, ngày 05 tháng 5 năm 2026

QUYẾT ĐỊNH

Ban hành Kế hoạch triển khai tiêm chủng mở rộng năm 2026

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai tiêm chủng mở rộng năm 2026.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Điều 3. Chánh Văn phòng Bộ, Cục trưởng Cục Phòng bệnh chịu trách nhiệm thi hành Quyết định này./.

KẾ HOẠCH

TRIỂN KHAI TIÊM CHỦNG MỞ RỘNG NĂM 2026

I. MỤC TIÊU

Tỷ lệ tiêm chủng đầy đủ đạt trên 95%.

II. NHIỆM VỤ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| I | Truyền thông | Truyền thông | Truyền thông | Truyền thông |
| 1 | Xây dựng tài liệu truyền thông về tiêm chủng | Cục Phòng bệnh | Trung tâm Truyền thông giáo dục sức khỏe Trung ương | Quý III/2026 |
| 2 | Phát sóng chương trình truyền hình chuyên đề | Đài Truyền hình Việt Nam | Bộ Văn hóa, Thể thao và Du lịch; các cơ quan báo chí | Hằng quý |
| II | Cung ứng vắc xin | | | |
| 1 | Mua sắm vắc xin cho chương trình | Cục Quản lý Dược | Bộ Tài chính | 30/6/2026 |
"""


def test_task_table_in_attached_plan() -> None:
    _, tasks = run(TASK_TABLE_PIPES)
    assert [t.layout for t in tasks] == ["table"] * 3  # articles of the decision are not tasks
    t = by_prefix(tasks, "Phát sóng chương trình")
    assert names(t.lead) == ["Đài Truyền hình Việt Nam"]
    assert names(t.support) == ["Bộ Văn hóa, Thể thao và Du lịch", "các cơ quan báo chí"]
    assert t.deadline is not None and t.deadline.value() == ("recurring", None, None, "P3M")
    assert "Truyền thông" in t.section
    m = by_prefix(tasks, "Mua sắm vắc xin")
    assert m.deadline is not None and m.deadline.value() == ("date", "2026-06-30", "2026-06-30", None)
    assert "Cung ứng vắc xin" in m.section


TAB_TABLE = (
    "KẾ HOẠCH\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n"
    "\tSTT\n\tNội dung\n\tĐơn vị chủ trì\n\tĐơn vị phối hợp\n\tThời gian thực hiện\n\n"
    "\t1\n\tHoàn thiện cơ chế hỗ trợ hợp tác xã nông nghiệp\n\t\u00a0\n\t\u00a0\n\t\u00a0\n\n"
    "\t1.1\n\tRà soát chính sách tín dụng\n\tNgân hàng Nhà nước chi nhánh tỉnh\n\tSở Tài chính\n\tNăm 2027\n\n"
    "\t1.2\n\tĐề xuất chính sách đất đai\n\tSở Nông nghiệp và Môi trường\n\tUBND các xã\n\tGiai đoạn 2026 - 2030\n\n"
)


def test_tab_flattened_table_group_row() -> None:
    _, tasks = run(TAB_TABLE)
    assert [t.task_id.split(".")[-1] for t in tasks] == ["1", "2"]
    t = tasks[1]
    assert names(t.lead) == ["Sở Nông nghiệp và Môi trường"]
    assert t.deadline is not None and t.deadline.value() == ("range", "2026-01-01", "2030-12-31", None)
    assert "Hoàn thiện cơ chế hỗ trợ" in t.section


AGENCY_HEADINGS = """## **CHƯƠNG TRÌNH HÀNH ĐỘNG**

Bình Định, ngày 20 tháng 4 năm 2026

### **II. NHIỆM VỤ, GIẢI PHÁP**

**1. Đẩy mạnh chuyển đổi số trong nông nghiệp**

a) Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nông nghiệp và Môi trường xây dựng nền tảng truy xuất nguồn gốc nông sản.

b) Sở Công Thương

- Tổ chức hội chợ nông sản trực tuyến hằng năm.

- Hỗ trợ doanh nghiệp đăng ký mã vùng trồng.

c) Ban Dân tộc tỉnh: Hỗ trợ đồng bào vùng cao tiếp cận thương mại điện tử.

d) UBND các xã, phường

- Phối hợp với các sở, ngành tuyên truyền cho người dân.

### **III. TỔ CHỨC THỰC HIỆN**

Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao, tập trung thực hiện các nội dung sau:

1. Xây dựng kế hoạch chi tiết, hoàn thành trong quý II/2026.

2. Báo cáo kết quả thực hiện trước ngày 15/12 hằng năm.
"""


def test_agency_headings_labels_and_leadin() -> None:
    _, tasks = run(AGENCY_HEADINGS)
    a = by_prefix(tasks, "Sở Khoa học và Công nghệ chủ trì")
    assert names(a.lead) == ["Sở Khoa học và Công nghệ"] and names(a.support) == ["Sở Nông nghiệp và Môi trường"]
    fair = by_prefix(tasks, "Tổ chức hội chợ")
    assert names(fair.lead) == ["Sở Công Thương"]
    assert fair.deadline is not None and fair.deadline.recurrence == "P1Y"
    label = by_prefix(tasks, "Hỗ trợ đồng bào vùng cao")
    assert names(label.lead) == ["Ban Dân tộc tỉnh"]  # the "Agency:" label is not part of the text
    comm = by_prefix(tasks, "Phối hợp với các sở, ngành tuyên truyền")
    assert names(comm.lead) == ["UBND các xã, phường"] and names(comm.support) == ["các sở, ngành"]
    plan = by_prefix(tasks, "Xây dựng kế hoạch chi tiết")
    assert names(plan.lead) == ["Các sở, ngành", "địa phương"]
    assert plan.deadline is not None and plan.deadline.value() == ("quarter", "2026-04-01", "2026-06-30", None)
    report = by_prefix(tasks, "Báo cáo kết quả")
    assert report.deadline is not None and report.deadline.value() == ("recurring", None, "--12-15", "P1Y")
    assert not any(t.text.startswith(("Sở Công Thương", "UBND các xã")) for t in tasks)


TELEGRAM = """THỦ TƯỚNG CHÍNH PHỦ

Số: 88/CĐ-TTg

Hà Nội, ngày 02 tháng 10 năm 2026

CÔNG ĐIỆN

Về việc chủ động ứng phó với bão số 7

THỦ TƯỚNG CHÍNH PHỦ điện:

- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển miền Trung;
- Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường.

Bão số 7 đang di chuyển nhanh vào đất liền, gây mưa rất lớn trên diện rộng. Để chủ động ứng phó, Thủ tướng Chính phủ yêu cầu:

1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển miền Trung tổ chức sơ tán người dân khỏi khu vực nguy hiểm, hoàn thành trước 17 giờ ngày 03/10/2026.

2. Bộ trưởng Bộ Quốc phòng chỉ đạo các quân khu bố trí lực lượng, phương tiện sẵn sàng cứu hộ.

3. Giao Bộ Nông nghiệp và Môi trường theo dõi chặt chẽ diễn biến của bão, báo cáo Thủ tướng Chính phủ hằng ngày.

4. Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện Công điện này./.
"""


def test_telegram_imperatives_to_named_bodies() -> None:
    _, tasks = run(TELEGRAM)
    assert len(tasks) == 4  # the background paragraph is not a task
    t1 = tasks[0]
    assert names(t1.lead) == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển miền Trung"]
    assert t1.deadline is not None and t1.deadline.end == "2026-10-03"
    assert names(tasks[1].lead) == ["Bộ trưởng Bộ Quốc phòng"]
    t3 = tasks[2]
    assert names(t3.lead) == ["Bộ Nông nghiệp và Môi trường"]
    assert t3.deadline is not None and t3.deadline.recurrence == "P1D"
    assert names(tasks[3].lead) == ["Văn phòng Chính phủ"]


CONCLUSION = """VĂN PHÒNG CHÍNH PHỦ

Số: 410/TB-VPCP

Hà Nội, ngày 14 tháng 8 năm 2026

THÔNG BÁO

Kết luận của Phó Thủ tướng Chính phủ tại buổi làm việc với tỉnh Gia Lai

I. ĐÁNH GIÁ CHUNG

Phó Thủ tướng đánh giá cao những nỗ lực của Đảng bộ, chính quyền và Nhân dân tỉnh Gia Lai trong thời gian qua.

II. NHIỆM VỤ THỜI GIAN TỚI

1. Ủy ban nhân dân tỉnh Gia Lai khẩn trương hoàn thành giải phóng mặt bằng dự án đường cao tốc trong tháng 9/2026.

2. Bộ Xây dựng chủ trì, phối hợp với Bộ Tài chính hướng dẫn tỉnh điều chỉnh chủ trương đầu tư.

Văn phòng Chính phủ thông báo để các cơ quan, địa phương liên quan biết, thực hiện./.
"""


def test_conclusion_assessment_is_not_a_task() -> None:
    _, tasks = run(CONCLUSION)
    assert [t.task_id for t in tasks] == ["II.1", "II.2"]
    assert names(tasks[0].lead) == ["Ủy ban nhân dân tỉnh Gia Lai"]
    assert tasks[0].deadline is not None and tasks[0].deadline.value() == ("month", "2026-09-01", "2026-09-30", None)
    assert names(tasks[1].support) == ["Bộ Tài chính"]


LETTER = """BỘ TÀI CHÍNH

Số: 3021/BTC-NSNN

Hà Nội, ngày 10 tháng 6 năm 2026

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.

Thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công văn số 512/VPCP-KTTH ngày 02/6/2026, Bộ Tài chính đề nghị:

Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương rà soát, tổng hợp nhu cầu kinh phí khắc phục hậu quả thiên tai năm 2026, gửi Bộ Tài chính trước ngày 30/6/2026.

Trân trọng./.
"""


def test_letter_with_one_assignment_paragraph() -> None:
    # the layout rules propose it; the task model scores it just under its cut (0.30 < 0.35): a known loss
    _, tasks = extract_document(LETTER, "cv_3021_btc", use_classifier=False)
    assert len(tasks) == 1
    t = tasks[0]
    assert names(t.lead) == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]
    assert t.support == []  # Bộ Tài chính only receives the report
    assert t.deadline is not None and t.deadline.value() == ("date", None, "2026-06-30", None)


def test_output_is_deterministic() -> None:
    a = [t.to_json() for t in extract_document(FIELD_BULLETS, "x")[1]]
    b = [t.to_json() for t in extract_document(FIELD_BULLETS, "x")[1]]
    assert a == b


MINISTRY = """BỘ CÔNG THƯƠNG

Số: 05/CT-BCT

Hà Nội, ngày 12 tháng 1 năm 2027

CHỈ THỊ

Về đẩy mạnh xuất khẩu năm 2027

Bộ trưởng Bộ Công Thương yêu cầu các đơn vị thuộc Bộ thực hiện các nhiệm vụ sau:

I. PHÂN CÔNG CHỈ ĐẠO

1. Thứ trưởng Trần Văn A chỉ đạo:

a) Cục Xuất nhập khẩu chủ trì, phối hợp với Vụ Thị trường châu Á triển khai các công việc sau:

- Xây dựng đề án phát triển thị trường xuất khẩu nông sản, trình Bộ trưởng trong quý I năm 2027.

- Tổ chức hội nghị giao ban xuất khẩu hằng tháng.

b) Cục Xúc tiến thương mại tổ chức các đoàn xúc tiến thương mại tại thị trường trọng điểm.
"""


def test_directing_leadin_adds_its_leader_at_every_level() -> None:
    _, tasks = run(MINISTRY)
    assert len(tasks) == 3
    plan = by_prefix(tasks, "Xây dựng đề án")
    assert names(plan.lead) == ["Thứ trưởng Trần Văn A", "Cục Xuất nhập khẩu"]
    assert names(plan.support) == ["Vụ Thị trường châu Á"]
    assert plan.deadline is not None and plan.deadline.value() == ("quarter", "2027-01-01", "2027-03-31", None)
    promo = by_prefix(tasks, "Cục Xúc tiến thương mại")
    assert names(promo.lead) == ["Thứ trưởng Trần Văn A", "Cục Xúc tiến thương mại"]


def test_corpus_output_matches_schema_and_spans() -> None:
    """Every record `vntasks extract corpus/` writes validates and is grounded in its document."""
    import json
    from pathlib import Path

    import jsonschema

    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "evaluation" / "schema" / "task.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    total = 0
    for path in sorted((root / "corpus").glob("*.txt")):
        doc, tasks = extract_document(path.read_text(encoding="utf-8"), path.stem, str(path))
        assert tasks, path.name
        for t in tasks:
            rec = json.loads(json.dumps(t.to_json(), ensure_ascii=False))
            errors = [e.message for e in validator.iter_errors(rec)]
            assert not errors, (path.name, t.task_id, errors)
            spans = rec["spans"]
            assert doc.text[slice(*spans["text"])] == rec["text"]
            for key in ("lead", "support"):
                assert len(spans[key]) == len(rec[key])
                for (s, e), item in zip(spans[key], rec[key], strict=True):
                    assert doc.text[s:e] == item
            if rec["deadline"] is not None:
                assert doc.text[slice(*spans["deadline"])] == rec["deadline"]["text"]
            total += 1
    assert total > 100


TOPIC_SECTIONS = """KẾ HOẠCH

Phát triển kinh tế số tỉnh Hà Giang năm 2027

I. MỤC TIÊU

Tỷ trọng kinh tế số đạt 20% GRDP.

II. PHÁT TRIỂN HẠ TẦNG SỐ

1. Hạ tầng viễn thông

Hạ tầng viễn thông là nền tảng của kinh tế số, cần được đầu tư đi trước một bước.

Trọng tâm:

a) Phủ sóng 5G tại trung tâm các xã, phường.

b) Ngầm hóa mạng cáp viễn thông tại đô thị.

III. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các doanh nghiệp viễn thông triển khai Kế hoạch này.
"""


def test_topic_section_list_under_focus_leadin_and_intro_paragraph() -> None:
    # layout behaviour (the task model scores the two unassigned bullets 0.31, under its cut)
    _, tasks = extract_document(TOPIC_SECTIONS, "kh_kinh_te_so", use_classifier=False)
    texts = [t.text for t in tasks]
    assert "Phủ sóng 5G tại trung tâm các xã, phường." in texts
    assert "Ngầm hóa mạng cáp viễn thông tại đô thị." in texts
    assert not any(t.startswith("Hạ tầng viễn thông là nền tảng") for t in texts)  # the intro explains the list
    assert not any(t.startswith("Tỷ trọng") for t in texts)  # a target, not a task
    assert len(tasks) == 3


PARTS_TABLE = """KẾ HOẠCH

III. NHIỆM VỤ

| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
|---|---|---|---|---|
| A | NỀN TẢNG SỐ | | | |
| I | Thể chế | | | |
| 1.1 | Rà soát quy định về dữ liệu | Sở Tư pháp | Các sở, ngành | 2027 |
| B | NGÀNH, LĨNH VỰC | | | |
| I | Y tế | | | |
| Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện |
| 1.1 | Triển khai bệnh án điện tử | Sở Y tế | Bảo hiểm xã hội tỉnh | Quý IV/2027 |
"""


def test_table_parts_and_repeated_header_without_stt() -> None:
    _, tasks = run(PARTS_TABLE)
    assert [t.text for t in tasks] == ["Rà soát quy định về dữ liệu", "Triển khai bệnh án điện tử"]
    health = tasks[1]
    assert names(health.lead) == ["Sở Y tế"] and names(health.support) == ["Bảo hiểm xã hội tỉnh"]
    assert health.deadline is not None and health.deadline.value() == ("quarter", "2027-10-01", "2027-12-31", None)
