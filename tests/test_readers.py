"""Readers: every input format, built here from scratch, read back to text."""

from __future__ import annotations

import copy
import io
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.io import read_bytes, read_document
from pipeline.io.encodings import (
    _read_table,
    decode_legacy,
    decode_text_bytes,
    encode_legacy,
    fix_legacy_unicode,
)

DIRECTIVE = (
    "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI\n\n"
    "Số: 215/KH-UBND\n\n"
    "KẾ HOẠCH\n"
    "Triển khai công tác chuyển đổi số năm 2026\n\n"
    "II. NHIỆM VỤ CỤ THỂ\n\n"
    "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân "
    "các huyện, thị xã, thành phố xây dựng cơ sở dữ liệu dùng chung của tỉnh; hoàn thành "
    "trong quý III năm 2026.\n\n"
    "2. Sở Tài chính có trách nhiệm bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch "
    "theo quy định của pháp luật về ngân sách nhà nước.\n\n"
    "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền, vận động Nhân dân "
    "tham gia, hưởng ứng; báo cáo kết quả về Sở Nội vụ trước ngày 15/12/2026.\n"
)
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


# -- legacy encodings ----------------------------------------------------------

@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_letter_of_the_table_round_trips(encoding: str) -> None:
    letters = "".join(char for _, char in _read_table(f"{encoding}.tsv"))
    assert len(letters) == (74 if encoding == "tcvn3" else 134)
    assert decode_legacy(encode_legacy(letters, encoding), encoding) == letters


def test_vni_file_is_detected_and_converted_exactly(tmp_path: Path) -> None:
    path = tmp_path / "kh215.txt"
    path.write_bytes(encode_legacy(DIRECTIVE, "vni"))
    assert b"Vi\xeat Nam" not in path.read_bytes()  # really 8-bit VNI, not UTF-8
    raw = read_document(path)
    assert raw.encoding == "vni"
    assert raw.text == DIRECTIVE
    assert any("vni" in w for w in raw.warnings)


def test_tcvn3_file_is_detected_and_capitals_restored(tmp_path: Path) -> None:
    path = tmp_path / "kh215.txt"
    data = encode_legacy(DIRECTIVE, "tcvn3")
    assert "Kế hoạch".encode() not in data
    path.write_bytes(data)
    raw = read_document(path)
    assert raw.encoding == "tcvn3"
    # VN3 has no capitals with tone marks: case may differ, letters may not.
    assert raw.text.casefold() == DIRECTIVE.casefold()
    assert "HOẠCH" in raw.text and "NHIỆM VỤ CỤ THỂ" in raw.text
    assert "Sở Khoa học và Công nghệ chủ trì" in raw.text


def _windows_1258(text: str) -> bytes:
    """CP1258 keeps base letters (ơ, ư, â ...) and writes tones as combining marks."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(out).encode("cp1258")


def test_windows_1258_file_is_composed_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_bytes(_windows_1258(DIRECTIVE))
    raw = read_document(path)
    assert raw.encoding == "windows-1258"
    assert raw.text == DIRECTIVE


@pytest.mark.parametrize("codec,bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False),
                                       ("utf-8-sig", True)])
def test_unicode_encodings(tmp_path: Path, codec: str, bom: bool) -> None:
    path = tmp_path / "kh.md"
    path.write_bytes(DIRECTIVE.encode(codec))
    raw = read_document(path)
    assert raw.text == DIRECTIVE
    assert raw.input_format == "md"
    assert raw.encoding is not None and raw.encoding.startswith("utf")


def test_legacy_text_pasted_into_a_utf8_file_is_converted() -> None:
    pasted = encode_legacy(DIRECTIVE, "tcvn3").decode("cp1252")  # what a copy-paste leaves
    decoded = decode_text_bytes(pasted.encode("utf-8"))
    assert decoded.encoding == "utf-8+tcvn3"
    assert decoded.text.casefold() == DIRECTIVE.casefold()


def test_real_unicode_with_latin1_symbols_is_left_alone() -> None:
    text = DIRECTIVE + "Nhiệt độ 30°C – “Điều 5” § 2; giá 1.000 € ± 5%; bảng © 2026.\n" * 3
    assert fix_legacy_unicode(text) is None
    decoded = decode_text_bytes(text.encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


def test_utf8_with_one_damaged_byte_stays_utf8() -> None:
    data = bytearray(DIRECTIVE.encode("utf-8"))
    data[data.index("Tài".encode()) + 1] = 0xFF  # one byte damaged in transfer
    decoded = decode_text_bytes(bytes(data))
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd\ufffd", "à") == DIRECTIVE  # lead byte and its orphan
    assert "2 invalid byte(s)" in decoded.warnings[0]


def test_decomposed_unicode_is_composed() -> None:
    raw = read_bytes(unicodedata.normalize("NFD", DIRECTIVE).encode("utf-8"), "a.txt")
    assert raw.text == DIRECTIVE
    assert any("NFC" in w for w in raw.warnings)


# -- docx -----------------------------------------------------------------------

def _add_roman_numbering(document) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Add a Word list "I. / 1. / a)" to numbering.xml; returns its numId and its copy's."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90", "90"


def _numbered(document, text: str, num_id: str, level: int):  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def make_task_docx() -> bytes:
    """A plan as offices write it: header table, numbered headings, a task table."""
    from docx import Document

    doc = Document()
    header = doc.add_table(rows=1, cols=2)
    header.rows[0].cells[0].text = "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI"
    header.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai công tác chuyển đổi số năm 2026")
    num_id, _ = _add_roman_numbering(doc)
    _numbered(doc, "MỤC ĐÍCH, YÊU CẦU", num_id, 0)
    _numbered(doc, "Mục đích", num_id, 1)
    _numbered(doc, "NHIỆM VỤ CỤ THỂ", num_id, 0)
    _numbered(doc, "Nhiệm vụ chung", num_id, 1)
    _numbered(doc, "Các sở, ngành rà soát thủ tục hành chính.", num_id, 2)
    _numbered(doc, "Các địa phương cập nhật dữ liệu dân cư.", num_id, 2)
    doc.add_paragraph("Sở Nội vụ theo dõi, đôn đốc.", style="List Bullet")
    table = doc.add_table(rows=5, cols=5)
    rows = [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        None,
        ["1", "Xây dựng kho dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ",
         "Sở Tài chính; Công an tỉnh", "Quý III/2026"],
        ["2", "Số hóa hồ sơ thủ tục hành chính", "", "UBND các xã, phường", "Năm 2026"],
        ["3", "Đào tạo kỹ năng số cho cán bộ, công chức", "Sở Nội vụ", "Các sở, ngành", "Thường xuyên"],
    ]
    for row, values in zip(table.rows, rows, strict=True):
        if values:
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    group = table.rows[1].cells[0].merge(table.rows[1].cells[4])
    group.text = "I. NHIỆM VỤ TRỌNG TÂM"
    table.rows[2].cells[2].merge(table.rows[3].cells[2])  # one lead for rows 1 and 2
    table.rows[2].cells[2].text = "Sở Khoa học và Công nghệ"
    legacy = doc.add_paragraph()
    legacy.add_run("Ghi chú: ")
    legacy.add_run(encode_legacy("số liệu báo cáo định kỳ", "tcvn3").decode("cp1252")).font.name = ".VnTime"
    legacy.add_run(" và ")
    legacy.add_run(encode_legacy("Văn phòng", "vni").decode("cp1252")).font.name = "VNI-Times"
    title = doc.add_paragraph().add_run(encode_legacy("nơi nhận", "tcvn3").decode("cp1252"))
    title.font.name = ".VnTimeH"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_numbering_and_task_table(tmp_path: Path) -> None:
    path = tmp_path / "kh_215.docx"
    path.write_bytes(make_task_docx())
    raw = read_document(path)
    lines = raw.text.split("\n")
    assert raw.input_format == "docx"
    assert lines[0] == ("| ỦY BAN NHÂN DÂN TỈNH YÊN BÁI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                        "Độc lập - Tự do - Hạnh phúc |")
    # Word's automatic numbering, rendered as the reader of the document sees it
    for label in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "II. NHIỆM VỤ CỤ THỂ", "1. Nhiệm vụ chung",
                  "a) Các sở, ngành rà soát thủ tục hành chính.", "b) Các địa phương cập nhật dữ liệu dân cư.",
                  "• Sở Nội vụ theo dõi, đôn đốc."):
        assert label in lines
    assert raw.text.index("I. MỤC ĐÍCH") < raw.text.index("II. NHIỆM VỤ") < raw.text.index("| STT |")
    assert "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |" in lines
    assert "| I. NHIỆM VỤ TRỌNG TÂM |" * 1 in raw.text  # merged group row repeats its title
    assert ("| 2 | Số hóa hồ sơ thủ tục hành chính | Sở Khoa học và Công nghệ | UBND các xã, phường "
            "| Năm 2026 |") in lines  # vertically merged lead cell applies to both rows
    # runs in legacy fonts are converted by their font, capitals font included
    assert "Ghi chú: số liệu báo cáo định kỳ và Văn phòng" in lines
    assert "NƠI NHẬN" in lines
    assert any("TCVN3/VNI" in w for w in raw.warnings)


def test_docx_table_tasks_reach_the_extractor(tmp_path: Path) -> None:
    from pipeline.extract import extract_document

    raw = read_bytes(make_task_docx(), "kh_215.docx")
    doc, tasks = extract_document(raw.text, "kh_215", "kh_215.docx", input_format=raw.input_format)
    by_text = {t.text: t for t in tasks}
    task = by_text["Xây dựng kho dữ liệu dùng chung của tỉnh"]
    assert [m.text for m in task.lead] == ["Sở Khoa học và Công nghệ"]
    assert [m.text for m in task.support] == ["Sở Tài chính", "Công an tỉnh"]
    for t in tasks:
        assert t.text_span is not None and doc.text[t.text_span[0]:t.text_span[1]] == t.text


def test_doc_renamed_docx_and_broken_docx_are_clear_errors() -> None:
    with pytest.raises(InputError, match="legacy Word .doc"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "cv.docx")
    with pytest.raises(InputError, match="not a readable .docx"):
        read_bytes(b"PK\x03\x04 this zip is truncated", "cv.docx")
    with pytest.raises(InputError, match="save it as .docx"):
        read_bytes(b"\xd0\xcf\x11\xe0 old word", "cv.doc")


# -- pdf -------------------------------------------------------------------------

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")


def _dejavu() -> tuple[Path, Path]:
    for d in FONT_DIRS:
        regular, bold = Path(d) / "DejaVuSans.ttf", Path(d) / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    try:
        import matplotlib

        base = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        if (base / "DejaVuSans.ttf").exists():
            return base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"
    except ImportError:
        pass
    pytest.skip("no DejaVu Sans font (install Debian fonts-dejavu-core) to write Vietnamese PDFs")


def make_task_pdf() -> bytes:
    from fpdf import FPDF

    regular, bold = _dejavu()
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(regular))
    pdf.add_font("DejaVu", style="B", fname=str(bold))
    pdf.set_font("DejaVu", size=11)

    def para(text: str) -> None:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    pdf.add_page()
    para("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")
    para("KẾ HOẠCH")
    para("1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng cơ sở dữ liệu "
         "dùng chung của tỉnh; hoàn thành trong quý III năm 2026.")
    with pdf.table(col_widths=(12, 70, 40, 40, 28)) as table:
        for values in (["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
                       ["1", "Số hóa hồ sơ thủ tục hành chính", "Sở Nội vụ", "UBND các xã", "Năm 2026"],
                       ["2", "Đào tạo kỹ năng số", "Sở Giáo dục và Đào tạo", "Các sở, ngành", "Quý IV/2026"]):
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)
    pdf.set_y(-15)
    pdf.cell(0, 10, "1", align="C")
    pdf.add_page()
    para("2. Sở Tài chính bố trí kinh phí thực hiện.")
    para("Nơi nhận:")
    pdf.set_y(-15)
    pdf.cell(0, 10, "2", align="C")
    return bytes(pdf.output())


def test_pdf_text_in_reading_order_with_table(tmp_path: Path) -> None:
    path = tmp_path / "kh.pdf"
    path.write_bytes(make_task_pdf())
    raw = read_document(path)
    text = raw.text
    assert raw.input_format == "pdf"
    flat = " ".join(text.split())  # the paragraph is wrapped where the PDF wrapped it
    assert ("1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng cơ sở dữ liệu "
            "dùng chung của tỉnh; hoàn thành trong quý III năm 2026.") in flat
    assert "| 1 | Số hóa hồ sơ thủ tục hành chính | Sở Nội vụ | UBND các xã | Năm 2026 |" in text
    assert "| 2 | Đào tạo kỹ năng số | Sở Giáo dục và Đào tạo | Các sở, ngành | Quý IV/2026 |" in text
    order = [text.index(s) for s in ("KẾ HOẠCH", "1. Sở Khoa học", "| STT", "2. Sở Tài chính", "Nơi nhận")]
    assert order == sorted(order)
    assert "\n1\n" not in text and "\n2\n" not in text  # page numbers dropped
    assert "Số hóa hồ sơ" not in text.replace("| Số hóa hồ sơ", "")  # table text not duplicated


def test_pdf_without_text_layer_is_an_error() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a "scan": graphics, no text
    with pytest.raises(InputError, match="no text layer"):
        read_bytes(bytes(pdf.output()), "scan.pdf")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_bytes(b"%PDF-1.4\n garbage", "broken.pdf")


# -- html ------------------------------------------------------------------------

PORTAL_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}">
<title>Kế hoạch 215/KH-UBND</title><script>var menu = "Sở Tài chính";</script></head><body>
<header class="site-header"><div class="logo">Cổng thông tin điện tử tỉnh Yên Bái</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản chỉ đạo</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/vb">Văn bản</a></div>
<div class="container"><aside class="col-3"><h3>Văn bản mới</h3>
<ul><li><a href="#">Quyết định 15/QĐ-UBND phê duyệt dự toán ngân sách</a></li></ul></aside>
<div class="col-9"><div class="doc-body">
<p><b>ỦY BAN NHÂN DÂN TỈNH YÊN BÁI</b></p>
<p style="text-align:center"><strong>KẾ HOẠCH</strong><br>Phòng, chống thiên tai năm 2026</p>
<h3>I. NHIỆM VỤ CỤ THỂ</h3>
<ol><li>Sở Nông nghiệp và Môi trường <em>chủ trì</em>, phối hợp với các địa phương rà soát phương án
ứng phó, hoàn thành trước ngày 30/6/2026.</li><li>Công an tỉnh bảo đảm an ninh trật tự.</li></ol>
<table border="1"><thead><tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th>
<th>Thời gian</th></tr></thead><tbody><tr><td colspan="5">II. NHIỆM VỤ THƯỜNG XUYÊN</td></tr>
<tr><td>1</td><td>Kiểm tra hệ thống đê điều</td><td rowspan="2">Sở Nông nghiệp và Môi trường</td>
<td>UBND các xã, phường</td><td>Thường xuyên</td></tr>
<tr><td>2</td><td>Tập huấn<br>cứu hộ cứu nạn</td><td>Bộ Chỉ huy Quân sự tỉnh</td><td>Quý II/2026</td></tr>
</tbody></table><p>Nơi nhận:</p></div>
<div class="share-buttons"><a href="#">Chia sẻ Facebook</a></div></div></div>
<footer><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh Yên Bái.</p></footer></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258"])
def test_html_portal_page_main_text_and_table(charset: str) -> None:
    page = PORTAL_PAGE.format(charset=charset)
    data = page.encode("utf-8") if charset == "utf-8" else _windows_1258(page)
    raw = read_bytes(data, "kh215.html")
    text = raw.text
    for chrome in ("Trang chủ", "Văn bản mới", "Quyết định 15", "Chia sẻ", "Bản quyền", "var menu"):
        assert chrome not in text
    assert text.startswith("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")
    assert ("1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các địa phương rà soát phương án "
            "ứng phó, hoàn thành trước ngày 30/6/2026.") in text
    assert "2. Công an tỉnh bảo đảm an ninh trật tự." in text
    lines = text.split("\n")
    assert "| " + " | ".join(["II. NHIỆM VỤ THƯỜNG XUYÊN"] * 5) + " |" in lines
    assert ("| 2 | Tập huấn cứu hộ cứu nạn | Sở Nông nghiệp và Môi trường | Bộ Chỉ huy Quân sự tỉnh "
            "| Quý II/2026 |") in lines
    assert text.rstrip().endswith("Nơi nhận:")


def test_html_layout_table_portal_keeps_the_task_table() -> None:
    """Older portals lay pages out with tables: the main cell is found, its task table kept."""
    rows = "".join(f"<tr><td>{i}</td><td>Kiểm tra công trình thủy lợi số {i}</td><td>Sở Xây dựng</td>"
                   f"<td>UBND các xã</td><td>Quý {i}/2026</td></tr>" for i in range(1, 4))
    page = (
        '<html><body><table width="100%"><tr><td class="left" width="20%">'
        '<a href="/">Trang chủ</a><br><a href="/gt">Giới thiệu</a><br><a href="/lh">Liên hệ</a></td>'
        '<td class="main"><p>CHỈ THỊ Về tăng cường công tác phòng, chống thiên tai năm 2026</p>'
        "<p>Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện tốt các nhiệm vụ sau đây.</p>"
        '<table border="1"><tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th>'
        f"<th>Cơ quan phối hợp</th><th>Thời gian</th></tr>{rows}</table></td></tr></table></body></html>")
    text = read_bytes(page.encode("utf-8"), "ct.html").text
    assert text.startswith("CHỈ THỊ Về tăng cường") and "Trang chủ" not in text
    assert "| 2 | Kiểm tra công trình thủy lợi số 2 | Sở Xây dựng | UBND các xã | Quý 2/2026 |" in text.split("\n")


def test_html_in_a_legacy_font_is_converted() -> None:
    body = encode_legacy("Sở Tài chính chủ trì, phối hợp với các sở, ngành thực hiện nhiệm vụ. " * 5,
                         "tcvn3").decode("cp1252")
    page = f'<html><body><p style="font-family:.VnTime">{body}</p></body></html>'
    raw = read_bytes(page.encode("utf-8"), "cv.htm")
    assert raw.text.startswith("Sở Tài chính chủ trì, phối hợp với các sở, ngành")
    assert raw.encoding == "utf-8+tcvn3"


# -- dispatch --------------------------------------------------------------------

def test_unsupported_and_empty_files(tmp_path: Path) -> None:
    (tmp_path / "bang.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="bang.xlsx: spreadsheets are not supported"):
        read_document(tmp_path / "bang.xlsx")
    (tmp_path / "rong.txt").write_bytes(b"  \n")
    with pytest.raises(InputError, match="rong.txt: file is empty"):
        read_document(tmp_path / "rong.txt")
    with pytest.raises(InputError, match="cannot read file"):
        read_document(tmp_path / "missing.txt")


def test_pdf_saved_under_another_name_is_read_as_pdf() -> None:
    data = make_task_pdf()
    raw = read_bytes(copy.copy(data), "download.txt")
    assert raw.input_format == "pdf"
