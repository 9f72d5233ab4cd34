"""Table recovery from the three flattened forms (pipe, cell-per-line, tab)."""

from pipeline.text.normalize import normalize


def rows(raw: str) -> list[list[str]]:
    n = normalize(raw)
    return [[n.text[s:e] for s, e in ln.cells] for ln in n.lines if ln.kind == "row"]


def test_markdown_pipe_table() -> None:
    raw = (
        "| STT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
        "|---|---|---|---|\n"
        "| 1 | Rà soát **quy hoạch** | Sở Xây dựng | Quý II/2026 |\n"
        "| 2 | Kiểm tra | Thanh tra tỉnh | 2026 |\n"
    )
    assert rows(raw) == [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"],
        ["1", "Rà soát quy hoạch", "Sở Xây dựng", "Quý II/2026"],
        ["2", "Kiểm tra", "Thanh tra tỉnh", "2026"],
    ]


def test_cell_per_line_table_with_merged_and_empty_cells() -> None:
    raw = (
        "|\n**STT**\n|\n**Nội dung\nnhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n**Thời gian**\n|\n"
        "|\n**I**\n|\n**CƠ CHẾ, CHÍNH SÁCH**\n|\n|\n|\n|\n"
        "|\n1\n|\nRà soát các quy định về\ndữ liệu số\n|\nBộ Xây dựng\n|\nCác bộ, ngành liên\nquan\n|\n2026\n|\n"
        "|\n2\n|\nBan hành quy chuẩn\n|\nBộ Khoa học và Công nghệ\n|\n|\n2027\n|\n"
        "\nVăn bản tiếp theo.\n"
    )
    assert rows(raw) == [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        ["I", "CƠ CHẾ, CHÍNH SÁCH"],
        ["1", "Rà soát các quy định về dữ liệu số", "Bộ Xây dựng", "Các bộ, ngành liên quan", "2026"],
        ["2", "Ban hành quy chuẩn", "Bộ Khoa học và Công nghệ", "", "2027"],
    ]
    assert normalize(raw).text.endswith("Văn bản tiếp theo.")


def test_tab_flattened_table() -> None:
    raw = (
        "III. NHIỆM VỤ\n"
        "\tSTT\n\tNội dung\n\tCơ quan chủ trì\n\tThời gian thực hiện\n\n"
        "\t1\n\tTuyên truyền Luật Hợp tác xã\n\tSở Tư pháp\n\tThường xuyên\n\n"
        "\t2\n\tKiểm tra\n\t\u00a0\n\tNăm 2026\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"
    )
    assert rows(raw) == [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện"],
        ["1", "Tuyên truyền Luật Hợp tác xã", "Sở Tư pháp", "Thường xuyên"],
        ["2", "Kiểm tra", "", "Năm 2026"],
    ]


def test_pipe_row_continued_after_page_break_is_joined() -> None:
    raw = (
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| 7 | Xây dựng cơ sở dữ liệu đất đai | Bộ Nông | 2026 |\n"
        "| | quốc gia | nghiệp và Môi trường | |\n"
        "| 8 | Số hóa hồ sơ | Bộ Tư pháp | 2027 |\n"
    )
    assert rows(raw)[1:] == [
        ["7", "Xây dựng cơ sở dữ liệu đất đai quốc gia", "Bộ Nông nghiệp và Môi trường", "2026"],
        ["8", "Số hóa hồ sơ", "Bộ Tư pháp", "2027"],
    ]


def test_bold_heading_after_the_last_cell_ends_the_table() -> None:
    raw = (
        "|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Thời hạn**\n|\n|\n1.\n|\nRà soát quy định\n|\n30/9/2026\n|\n"
        "**2. Các nhiệm vụ về chuyển đổi số quá hạn**\n|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Thời hạn**\n|\n|\n"
        "1.\n|\nSố hóa hồ sơ\n|\n31/12/2026\n|\n"
    )
    n = normalize(raw)
    lines = [n.text[ln.start : ln.end] for ln in n.lines]
    assert "2. Các nhiệm vụ về chuyển đổi số quá hạn" in lines
    assert [r for r in rows(raw) if r[0] == "1."] == [["1.", "Rà soát quy định", "30/9/2026"],
                                                      ["1.", "Số hóa hồ sơ", "31/12/2026"]]
