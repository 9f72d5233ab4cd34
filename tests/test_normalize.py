"""Normalization: the cleaned text every span indexes, on inputs shaped like real ones."""

from pipeline.text.chars import clean_chars, strip_markup, unify_tone_marks
from pipeline.text.normalize import normalize


def paras(raw: str) -> list[str]:
    n = normalize(raw)
    return [n.text[ln.start : ln.end] for ln in n.lines]


def test_nfc_and_odd_spaces() -> None:
    decomposed = "Quy\u0301 II"  # y + combining acute
    assert clean_chars(decomposed) == "Qu\u00fd II"
    assert clean_chars("a\u00a0b\u200bc\ufeff") == "a bc"


def test_tone_marks_unified_only_on_request() -> None:
    assert unify_tone_marks("Sở Văn hoá, Thể thao; Thuỷ lợi; Hoà Bình; quý II") == \
        "Sở Văn hóa, Thể thao; Thủy lợi; Hòa Bình; quý II"
    assert "hoá" in normalize("Sở Văn hoá").text
    assert "hóa" in normalize("Sở Văn hoá", unify_tones=True).text


def test_markdown_debris_removed() -> None:
    assert strip_markup("## **II. NHIỆM VỤ, GIẢI PHÁP**") == ("II. NHIỆM VỤ, GIẢI PHÁP", True)
    assert strip_markup("- *Cơ quan chủ trì:* Sở Tài chính.")[0] == "- Cơ quan chủ trì: Sở Tài chính."
    assert strip_markup("**V****Ă****N PHÒNG CHÍNH PHỦ**")[0] == "VĂN PHÒNG CHÍNH PHỦ"


def test_page_break_rejoined_and_word_glued() -> None:
    raw = (
        "a) Sở Y tế chủ trì, phối hợp với các đơn vị triển khai kế hoạch tiêm chủng\n\n"
        "cho trẻ em trên địa bàn tỉnh.\n\n"
        "b) Sở Giáo dục và Đào tạo xây dựng chương trình bồi dư\n\nỡng giáo viên.\n"
    )
    assert paras(raw) == [
        "a) Sở Y tế chủ trì, phối hợp với các đơn vị triển khai kế hoạch tiêm chủng cho trẻ em trên địa bàn tỉnh.",
        "b) Sở Giáo dục và Đào tạo xây dựng chương trình bồi dưỡng giáo viên.",
    ]


def test_hard_wrapped_web_page_without_blank_lines() -> None:
    body = (
        "Thời gian qua, công tác phòng chống thiên tai trên địa bàn đã đạt được nhiều kết\n"
        "quả quan trọng.\n"
        "Để chủ động ứng phó với mùa mưa bão năm 2026, Chủ tịch Ủy ban nhân dân\n"
        "tỉnh yêu cầu:\n"
        "1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các địa phương rà soát\n"
        "các khu vực có nguy cơ sạt lở cao, hoàn thành trước ngày 30/6/2026.\n"
        "2. Công an tỉnh bố trí lực lượng sẵn sàng hỗ trợ sơ tán người dân.\n"
    )
    filler = "".join(
        f"Dòng văn bản số {i} được ngắt ở khoảng tám mươi ký tự như các trang web đã chuyển\n"
        f"đổi sang định dạng markdown.\n\n" for i in range(12)
    )
    got = paras(filler + body)[-4:]
    assert got[1] == "Để chủ động ứng phó với mùa mưa bão năm 2026, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"
    assert got[2].startswith("1. Sở Nông nghiệp") and got[2].endswith("trước ngày 30/6/2026.")
    assert got[3] == "2. Công an tỉnh bố trí lực lượng sẵn sàng hỗ trợ sơ tán người dân."


def test_bold_heading_wrapped_over_two_lines_is_one_emphasized_line() -> None:
    filler = "".join(
        f"Nội dung đoạn văn thứ {i} của kế hoạch được ngắt dòng ở khoảng tám mươi ký tự\n"
        f"theo bản chuyển đổi từ trang web.\n\n" for i in range(12)
    )
    n = normalize(filler + "**II. NHIỆM VỤ VÀ GIẢI\nPHÁP CHỦ YẾU**\n\n1. Rà soát quy hoạch.\n")
    heading = [ln for ln in n.lines if n.text[ln.start : ln.end].startswith("II.")][0]
    assert n.text[heading.start : heading.end] == "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"
    assert heading.emphasis


def test_lines_are_contiguous_slices() -> None:
    n = normalize("I. NHIỆM VỤ\n\n1. Rà soát.\n\n| STT | Nội dung |\n|---|---|\n| 1 | Xây dựng |\n")
    for ln in n.lines:
        assert n.text[ln.start : ln.end] in n.text
        for s, e in ln.cells:
            assert ln.start <= s <= e <= ln.end
    rows = [ln for ln in n.lines if ln.kind == "row"]
    assert [n.text[s:e] for s, e in rows[1].cells] == ["1", "Xây dựng"]


def test_wrapped_hyphen_is_not_a_bullet() -> None:
    filler = "".join(
        f"Nội dung đoạn văn thứ {i} của kế hoạch được ngắt dòng ở khoảng tám mươi ký tự\n"
        f"theo bản chuyển đổi từ trang web.\n\n" for i in range(12)
    )
    raw = filler + (
        "- Triển khai nền tảng số hỗ trợ dạy - học trực tuyến và tổ chức kiểm tra, đánh giá dạy\n"
        "- học trực tuyến cho học sinh trên địa bàn tỉnh.\n"
        "- Phối hợp với Sở Y tế tổ chức khám sức khỏe định kỳ cho học sinh.\n"
    )
    got = paras(raw)[-2:]
    assert got[0].endswith("đánh giá dạy - học trực tuyến cho học sinh trên địa bàn tỉnh.")
    assert got[1].startswith("- Phối hợp với Sở Y tế")


def test_sibling_bullets_without_final_punctuation_stay_apart() -> None:
    raw = (
        "g) Bổ sung các chính sách hoàn thiện Luật Công nghiệp công nghệ số trình Quốc hội ban hành:\n"
        "- Thí điểm cơ chế thử nghiệm có kiểm soát đối với công nghệ mới, mô hình kinh doanh mới ứng dụng công nghệ số\n"
        "- Cơ chế ưu đãi về đất đai, tín dụng, thuế trong nghiên cứu, phát triển công nghệ số\n"
    )
    got = paras(raw)
    assert got[1].startswith("- Thí điểm") and got[1].endswith("ứng dụng công nghệ số")
    assert got[2].startswith("- Cơ chế ưu đãi")
