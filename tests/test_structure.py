"""Structure: markers, nesting, field lines, lead-ins and attached-plan resets."""

import pytest

from pipeline.layout.structure import match_field, match_marker, parse
from pipeline.text.normalize import normalize


@pytest.mark.parametrize(
    ("line", "style", "number"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I"),
        ("IV - TỔ CHỨC THỰC HIỆN", "roman", "IV"),
        ("3.1. Tổ chức các lớp đào tạo", "multi", "3.1"),
        ("1.1 . Thứ trưởng chỉ đạo :", "multi", "1.1"),
        ("2. Ban hành cơ chế", "num", "2"),
        ("1 . Các giải pháp", "num", "1"),
        ("1- Phát huy vai trò", "num_dash", "1"),
        ("(3) Bố trí chỗ ở tạm", "paren_num", "3"),
        ("đ) Ngân hàng Nhà nước", "alpha", "đ"),
        ("a ) Vụ Xuất nhập khẩu chủ trì", "alpha", "a"),
        ("- Cơ quan chủ trì: Sở Tài chính", "dash", "-"),
        ("+ Tuyên truyền", "plus", "+"),
        ("• Kiểm tra", "bullet", "•"),
        ("Điều 2. Quyết định này có hiệu lực", "article", "2"),
    ],
)
def test_markers(line: str, style: str, number: str) -> None:
    m = match_marker(line)
    assert m is not None and m[0] == style and m[1] == number


@pytest.mark.parametrize("line", ["1.280 hợp tác xã", "2026 và các năm tiếp theo", "Sở Tài chính", "30% số xã"])
def test_not_markers(line: str) -> None:
    m = match_marker(line)
    assert m is None or m[0] not in ("num", "multi", "roman")


@pytest.mark.parametrize(
    ("body", "role"),
    [
        ("Cơ quan chủ trì: Sở Nội vụ.", "lead"),
        ("Đơn vị chủ trì thực hiện: Công an tỉnh", "lead"),
        ("Chủ trì: Sở Y tế", "lead"),
        ("Cơ quan phối hợp: các sở, ngành", "support"),
        ("Đơn vị phối hợp: UBND xã, phường.", "support"),
        ("Thời gian thực hiện: Quý II/2026", "deadline"),
        ("Thời gian hoàn thành: trước 30/6/2026", "deadline"),
        ("Cơ quan thực hiện:", "executor"),
        ("Nội dung thực hiện: Tổ chức tập huấn", "content"),
        ("Hoàn thành trong quý II năm 2010 .", "deadline"),
    ],
)
def test_field_lines(body: str, role: str) -> None:
    st = parse(normalize("1. Nhiệm vụ A.\n\n- " + body + "\n"))
    field = [n for n in st.nodes if n.kind == "field"]
    assert field and field[0].field_role == role
    assert match_field("Chủ trì xây dựng kế hoạch") is None


def test_nesting_by_marker_style_and_leadin() -> None:
    raw = (
        "II. NHIỆM VỤ\n\n"
        "Các sở, ngành, địa phương thực hiện các nội dung sau:\n\n"
        "1. Rà soát quy hoạch.\n\n"
        "a) Sở Xây dựng\n\n"
        "- Lập danh mục.\n\n"
        "- Báo cáo kết quả.\n\n"
        "b) Sở Tài chính: bố trí kinh phí.\n\n"
        "2. Kiểm tra.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Nội vụ theo dõi.\n"
    )
    st = parse(normalize(raw))
    by_text = {st.text[n.start : n.end]: n for n in st.nodes}
    lead_in = by_text["Các sở, ngành, địa phương thực hiện các nội dung sau:"]
    item1 = by_text["Rà soát quy hoạch."]
    assert item1.parent == lead_in.idx
    dash = by_text["Lập danh mục."]
    assert st.nodes[dash.parent].number == "a"
    assert by_text["Kiểm tra."].parent == lead_in.idx
    last = by_text["Sở Nội vụ theo dõi."]
    assert st.text[st.nodes[last.parent].start : st.nodes[last.parent].end] == "TỔ CHỨC THỰC HIỆN"


def test_attached_plan_title_resets_nesting() -> None:
    raw = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
        "KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Rà soát.\n"
    )
    st = parse(normalize(raw))
    roman = [n for n in st.nodes if n.style == "roman"][0]
    assert roman.parent is None
