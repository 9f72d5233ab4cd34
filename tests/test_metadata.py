"""Header facts: number, date, type, title and the reference year for yearless deadlines."""

from pipeline.layout.metadata import read_metadata
from pipeline.text.normalize import normalize


def meta(raw: str):
    return read_metadata(normalize(raw))


def test_plan_header_with_plan_year() -> None:
    m = meta("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n\nSố: 45/KH-UBND\n\nNinh Bình, ngày 05 tháng 02 năm 2027\n\n"
             "KẾ HOẠCH\n\nPhòng, chống thiên tai năm 2027\n\nI. MỤC ĐÍCH\n")
    assert (m.number, m.date, m.doc_type) == ("45/KH-UBND", "2027-02-05", "ke_hoach")
    assert m.title == "KẾ HOẠCH Phòng, chống thiên tai năm 2027"
    assert m.plan_year == 2027 and m.ref_year == 2027


def test_blank_day_and_citation_years_do_not_count() -> None:
    m = meta("Số: /KH-UBND\n\nQuảng Nam, ngày tháng năm 2026\n\nKẾ HOẠCH\n\n"
             "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị\n")
    assert m.date == "2026" and m.year == 2026
    assert m.plan_year is None  # the year inside a citation is not the plan's year


def test_telegram_title_in_a_header_table_and_letter_subject() -> None:
    telegram = ("| THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
                "| Số: 12/CĐ-TTg | Hà Nội, ngày 03 tháng 9 năm 2026 | CÔNG ĐIỆN VỀ VIỆC ỨNG PHÓ BÃO SỐ 5 |\n")
    m = meta(telegram)
    assert (m.doc_type, m.date) == ("cong_dien", "2026-09-03")
    assert m.title == "CÔNG ĐIỆN VỀ VIỆC ỨNG PHÓ BÃO SỐ 5"
    letter = "BỘ Y TẾ\n\nSố: 812/BYT-KCB V/v tăng cường phòng chống sốt xuất huyết\n\nHà Nội, ngày 10 tháng 7 năm 2026\n"
    m2 = meta(letter)
    assert m2.doc_type == "cong_van" and m2.title == "V/v tăng cường phòng chống sốt xuất huyết"


def test_letter_with_subject_line_is_cong_van_whatever_its_unit_codes() -> None:
    # 'CT' here is the issuing unit (Cục Thuế), not the chỉ thị type code: no type title, a V/v subject
    m = meta("BỘ TÀI CHÍNH\nCỤC THUẾ\n\nSố: 812/CT-NVT\nV/v hướng dẫn chính sách thuế giá trị gia tăng\n\n"
             "Hà Nội, ngày 14 tháng 3 năm 2027\n\nKính gửi: Thuế tỉnh Điện Biên\n")
    assert m.doc_type == "cong_van"
    directive = meta("ỦY BAN NHÂN DÂN TỈNH KON TUM\n\nSố: 03/CT-UBND\n\nKon Tum, ngày 2 tháng 4 năm 2027\n\n"
                     "CHỈ THỊ\n\nV/v tăng cường phòng, chống cháy rừng\n")
    assert directive.doc_type == "chi_thi"
