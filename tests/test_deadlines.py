"""Deadline normalization (pipeline/deadlines.py): phrase table, finder on task sentences, vocabulary.

The phrase table mixes values copied from real directives (field values and table
cells) with phrases written for these tests in other spellings and layouts.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.deadlines.find import find_deadline, parse_deadline, to_timex
from pipeline.deadlines.grammar import grammar
from pipeline.deadlines.scope import clause_index
from pipeline.records import DEADLINE_TYPES, Deadline
from pipeline.resources import load_json, model_path

N = None
# phrase | ref_year | type | start | end | recurrence | timex
PARSE_TABLE: list[tuple[str, int | None, str, str | None, str | None, str | None, str | None]] = [
    # --- quarters: Roman and Arabic numerals, every spelling
    ("Trong quý II năm 2026", 2026, "quarter", "2026-04-01", "2026-06-30", N, "2026-Q2"),
    ("Quý I/2023", 2023, "quarter", "2023-01-01", "2023-03-31", N, "2023-Q1"),
    ("Quý IV/2022", 2023, "quarter", "2022-10-01", "2022-12-31", N, "2022-Q4"),
    ("Quý I năm 2026", 2025, "quarter", "2026-01-01", "2026-03-31", N, "2026-Q1"),
    ("Quý III/2025", 2025, "quarter", "2025-07-01", "2025-09-30", N, "2025-Q3"),
    ("Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)", 2025, "quarter",
     "2026-01-01", "2026-03-31", N, "2026-Q1"),
    ("quý 2 năm 2026", N, "quarter", "2026-04-01", "2026-06-30", N, "2026-Q2"),
    ("Q2/2026", N, "quarter", "2026-04-01", "2026-06-30", N, "2026-Q2"),
    ("Q.3/2025", N, "quarter", "2025-07-01", "2025-09-30", N, "2025-Q3"),
    ("Quí III/2025", N, "quarter", "2025-07-01", "2025-09-30", N, "2025-Q3"),
    ("Qúy IV năm 2027", N, "quarter", "2027-10-01", "2027-12-31", N, "2027-Q4"),
    ("QUÝ I/2024", N, "quarter", "2024-01-01", "2024-03-31", N, "2024-Q1"),
    ("quý 3 - 2026", N, "quarter", "2026-07-01", "2026-09-30", N, "2026-Q3"),
    ("Quý 4/2026", N, "quarter", "2026-10-01", "2026-12-31", N, "2026-Q4"),
    ("quý Ⅱ/2026", N, "quarter", "2026-04-01", "2026-06-30", N, "2026-Q2"),
    ("quy II/2026", N, "quarter", "2026-04-01", "2026-06-30", N, "2026-Q2"),
    ("Trong quý IV", 2026, "quarter", "2026-10-01", "2026-12-31", N, "2026-Q4"),
    ("trong quý III", N, "quarter", "--07-01", "--09-30", N, "XXXX-Q3"),
    ("đầu quý I năm 2010", N, "quarter", "2010-01-01", "2010-03-31", N, "2010-Q1"),
    ("Cuối quý II/2026", N, "quarter", "2026-04-01", "2026-06-30", N, "2026-Q2"),
    ("Quý III - IV/2026", N, "range", "2026-07-01", "2026-12-31", N, "2026-07/2026-12"),
    ("quý I và quý II năm 2027", N, "range", "2027-01-01", "2027-06-30", N, "2027-01/2027-06"),
    ("Quý I, II/2026", N, "range", "2026-01-01", "2026-06-30", N, "2026-01/2026-06"),
    ("chậm nhất quý II/2026", N, "date", N, "2026-06-30", N, "2026-06-30"),
    ("trước quý III/2026", N, "date", N, "2026-06-30", N, "2026-06-30"),
    ("Tổ chức sơ kết vào Quý I năm sau", 2026, "quarter", "2027-01-01", "2027-03-31", N, "2027-Q1"),
    # --- halves and parts of a year
    ("6 tháng đầu năm 2026", N, "half_year", "2026-01-01", "2026-06-30", N, "2026-H1"),
    ("6 tháng cuối năm 2025", N, "half_year", "2025-07-01", "2025-12-31", N, "2025-H2"),
    ("06 tháng đầu năm 2024", N, "half_year", "2024-01-01", "2024-06-30", N, "2024-H1"),
    ("sáu tháng đầu năm 2027", N, "half_year", "2027-01-01", "2027-06-30", N, "2027-H1"),
    ("nửa đầu năm 2026", N, "half_year", "2026-01-01", "2026-06-30", N, "2026-H1"),
    ("Trong 6 tháng cuối năm", 2026, "half_year", "2026-07-01", "2026-12-31", N, "2026-H2"),
    ("9 tháng đầu năm 2026", N, "range", "2026-01-01", "2026-09-30", N, "2026-01/2026-09"),
    ("3 tháng đầu năm 2026", N, "quarter", "2026-01-01", "2026-03-31", N, "2026-Q1"),
    ("cuối năm 2026", N, "year", "2026-01-01", "2026-12-31", N, "2026"),
    ("đầu năm 2027", N, "year", "2027-01-01", "2027-12-31", N, "2027"),
    ("cuối năm nay", 2025, "year", "2025-01-01", "2025-12-31", N, "2025"),
    ("Trước cuối năm 2026", N, "date", N, "2026-12-31", N, "2026-12-31"),
    # --- months
    ("Tháng 12/2025", N, "month", "2025-12-01", "2025-12-31", N, "2025-12"),
    ("Tháng 6/2026", N, "month", "2026-06-01", "2026-06-30", N, "2026-06"),
    ("tháng 06 năm 2026", N, "month", "2026-06-01", "2026-06-30", N, "2026-06"),
    ("tháng 2/2024", N, "month", "2024-02-01", "2024-02-29", N, "2024-02"),
    ("12/2025", N, "month", "2025-12-01", "2025-12-31", N, "2025-12"),
    ("06/2025", N, "month", "2025-06-01", "2025-06-30", N, "2025-06"),
    ("trong tháng 9", 2026, "month", "2026-09-01", "2026-09-30", N, "2026-09"),
    ("Tháng 6", N, "month", "--06-01", "--06-30", N, "XXXX-06"),
    ("Cuối tháng 3 năm 2010", N, "month", "2010-03-01", "2010-03-31", N, "2010-03"),
    ("hạ tuần tháng 8/2026", N, "month", "2026-08-01", "2026-08-31", N, "2026-08"),
    ("tháng 10-12/2026", N, "range", "2026-10-01", "2026-12-31", N, "2026-Q4"),
    ("tháng 10 - tháng 12/2026", N, "range", "2026-10-01", "2026-12-31", N, "2026-Q4"),
    ("Tháng 5 và tháng 6 năm 2026", N, "range", "2026-05-01", "2026-06-30", N, "2026-05/2026-06"),
    ("Từ tháng 3 đến tháng 6/2026", N, "range", "2026-03-01", "2026-06-30", N, "2026-03/2026-06"),
    ("từ tháng 11/2025 đến tháng 02/2026", N, "range", "2025-11-01", "2026-02-28", N, "2025-11/2026-02"),
    ("Trước tháng 7/2026", N, "date", N, "2026-06-30", N, "2026-06-30"),
    # --- dates in all common forms
    ("Ngày 15/3/2026", N, "date", "2026-03-15", "2026-03-15", N, "2026-03-15"),
    ("30/6/2026", N, "date", "2026-06-30", "2026-06-30", N, "2026-06-30"),
    ("30-6-2026", N, "date", "2026-06-30", "2026-06-30", N, "2026-06-30"),
    ("30.6.2026", N, "date", "2026-06-30", "2026-06-30", N, "2026-06-30"),
    ("ngày 30 tháng 6 năm 2026", N, "date", "2026-06-30", "2026-06-30", N, "2026-06-30"),
    ("ngày 30 / 6 / 2010", N, "date", "2010-06-30", "2010-06-30", N, "2010-06-30"),
    ("ngày 29/02/2024", N, "date", "2024-02-29", "2024-02-29", N, "2024-02-29"),
    ("trước ngày 30/11/2025", N, "date", N, "2025-11-30", N, "2025-11-30"),
    ("hoàn thành trước ngày 31/01/2026", N, "date", N, "2026-01-31", N, "2026-01-31"),
    ("Trước 30/6/2026", N, "date", N, "2026-06-30", N, "2026-06-30"),
    ("chậm nhất ngày 15/12/2025", N, "date", N, "2025-12-15", N, "2025-12-15"),
    ("không quá ngày 31/3/2026", N, "date", N, "2026-03-31", N, "2026-03-31"),
    ("Chậm nhất là ngày 20 tháng 10 năm 2026", N, "date", N, "2026-10-20", N, "2026-10-20"),
    ("trước 10 tháng 3 năm 2010", N, "date", N, "2010-03-10", N, "2010-03-10"),
    ("trước 17h00 ngày 25/12/2025", N, "date", N, "2025-12-25", N, "2025-12-25"),
    ("Thời hạn: 15/01/2026", N, "date", N, "2026-01-15", N, "2026-01-15"),
    ("đến ngày 31/12/2026", N, "date", N, "2026-12-31", N, "2026-12-31"),
    ("trước ngày 30/11", 2025, "date", N, "2025-11-30", N, "2025-11-30"),
    ("trước 31/12", 2026, "date", N, "2026-12-31", N, "2026-12-31"),
    ("Trước ngày 30 tháng 4", 2026, "date", N, "2026-04-30", N, "2026-04-30"),
    ("Trước ngày 30/11", N, "date", N, "--11-30", N, "XXXX-11-30"),
    ("Từ ngày 01/7/2026", N, "range", "2026-07-01", N, N, "2026-07/.."),
    ("từ ngày 1/3 đến ngày 30/6/2026", N, "range", "2026-03-01", "2026-06-30", N, "2026-03/2026-06"),
    ("ngày 15-20/3/2026", N, "range", "2026-03-15", "2026-03-20", N, "2026-03-15/2026-03-20"),
    # --- years and ranges
    ("Trong năm 2026", 2026, "year", "2026-01-01", "2026-12-31", N, "2026"),
    ("Năm 2023", 2023, "year", "2023-01-01", "2023-12-31", N, "2023"),
    ("Hoàn thành trong năm 2025.", 2025, "year", "2025-01-01", "2025-12-31", N, "2025"),
    ("2025", N, "year", "2025-01-01", "2025-12-31", N, "2025"),
    ("Trong năm", 2026, "year", "2026-01-01", "2026-12-31", N, "2026"),
    ("trong năm.", N, "year", N, N, N, N),
    ("trong năm nay", 2025, "year", "2025-01-01", "2025-12-31", N, "2025"),
    ("năm sau", 2025, "year", "2026-01-01", "2026-12-31", N, "2026"),
    ("Trình Thủ tướng Chính phủ trong năm 2026 và triển khai thực hiện các hoạt động thường xuyên liên tục",
     2025, "year", "2026-01-01", "2026-12-31", N, "2026"),
    ("Giai đoạn 2023 - 2025", 2023, "range", "2023-01-01", "2025-12-31", N, "2023/2025"),
    ("giai đoạn 2026–2030", N, "range", "2026-01-01", "2030-12-31", N, "2026/2030"),
    ("2026-2030", N, "range", "2026-01-01", "2030-12-31", N, "2026/2030"),
    ("2025 - 2026", N, "range", "2025-01-01", "2026-12-31", N, "2025/2026"),
    ("Năm 2026 - 2030", N, "range", "2026-01-01", "2030-12-31", N, "2026/2030"),
    ("Từ năm 2026 - 2030.", N, "range", "2026-01-01", "2030-12-31", N, "2026/2030"),
    ("Từ năm 2025 đến hết năm 2030.", N, "range", "2025-01-01", "2030-12-31", N, "2025/2030"),
    ("giai đoạn từ năm 2026 đến năm 2030", N, "range", "2026-01-01", "2030-12-31", N, "2026/2030"),
    ("thời kỳ 2021-2030", N, "range", "2021-01-01", "2030-12-31", N, "2021/2030"),
    ("Giai đoạn 2026 - 2027. Thực hiện rà soát, cập nhật các hướng dẫn kỹ thuật (nếu có)", N, "range",
     "2026-01-01", "2027-12-31", N, "2026/2027"),
    ("Năm 2026 và các năm tiếp theo", N, "range", "2026-01-01", N, N, "2026/.."),
    ("2025 và những năm tiếp theo", N, "range", "2025-01-01", N, N, "2025/.."),
    ("Từ năm 2026", N, "range", "2026-01-01", N, N, "2026/.."),
    ("từ năm 2027 trở đi", N, "range", "2027-01-01", N, N, "2027/.."),
    ("Từ nay đến hết năm 2025.", 2025, "range", N, "2025-12-31", N, "../2025"),
    ("Đến năm 2030", N, "date", N, "2030-12-31", N, "2030-12-31"),
    ("Trước năm 2030", N, "date", N, "2029-12-31", N, "2029-12-31"),
    ("Năm học 2026 - 2027", N, "range", "2026-09-01", "2027-05-31", N, "2026-09/2027-05"),
    # --- recurring
    ("Hàng năm", N, "recurring", N, N, "P1Y", "P1Y"),
    ("Hằng năm", N, "recurring", N, N, "P1Y", "P1Y"),
    ("Kế hoạch hàng năm", N, "recurring", N, N, "P1Y", "P1Y"),
    ("hằng quý", N, "recurring", N, N, "P3M", "P3M"),
    ("Định kỳ hằng quý", N, "recurring", N, N, "P3M", "P3M"),
    ("hàng tháng", N, "recurring", N, N, "P1M", "P1M"),
    ("Hằng tuần", N, "recurring", N, N, "P1W", "P1W"),
    ("Hàng ngày", N, "recurring", N, N, "P1D", "P1D"),
    ("định kỳ 6 tháng", N, "recurring", N, N, "P6M", "P6M"),
    ("Định kỳ 06 tháng/lần", N, "recurring", N, N, "P6M", "P6M"),
    ("6 tháng một lần", N, "recurring", N, N, "P6M", "P6M"),
    ("02 lần/năm", N, "recurring", N, N, "P6M", "P6M"),
    ("mỗi năm một lần", N, "recurring", N, N, "P1Y", "P1Y"),
    ("định kỳ, hằng năm", N, "recurring", N, N, "P1Y", "P1Y"),
    ("định kì hằng năm", N, "recurring", N, N, "P1Y", "P1Y"),
    ("định kỳ 6 tháng, hằng năm", N, "recurring", N, N, "P6M", "P6M"),
    ("Định kỳ", N, "recurring", N, N, N, N),
    ("trước ngày 25 tháng 12 hàng năm", 2021, "recurring", N, "--12-25", "P1Y", "XXXX-12-25"),
    ("Định kỳ hàng năm (trước ngày 15/12)", 2023, "recurring", N, "--12-15", "P1Y", "XXXX-12-15"),
    ("trước ngày 20/11 hàng năm", 2025, "recurring", N, "--11-20", "P1Y", "XXXX-11-20"),
    ("Hàng năm, trước ngày 25 tháng 12", N, "recurring", N, "--12-25", "P1Y", "XXXX-12-25"),
    ("Định kỳ trước ngày 15/12 hằng năm", N, "recurring", N, "--12-15", "P1Y", "XXXX-12-15"),
    ("Định kỳ hàng tháng (trước ngày 16 hàng tháng)", 2025, "recurring", N, "---16", "P1M", "XXXX-XX-16"),
    ("trước ngày 20 hằng tháng", N, "recurring", N, "---20", "P1M", "XXXX-XX-20"),
    ("định kỳ ( vào ngày 22 hàng tháng )", N, "recurring", N, "---22", "P1M", "XXXX-XX-22"),
    ("Hằng năm (vào ngày 15/12)", N, "recurring", N, "--12-15", "P1Y", "XXXX-12-15"),
    ("trước ngày 01 của tháng tiếp theo", N, "recurring", N, "---01", "P1M", "XXXX-XX-01"),
    ("Tháng 12 hằng năm", N, "recurring", "--12-01", "--12-31", "P1Y", "XXXX-12"),
    ("Quý IV hằng năm", N, "recurring", "--10-01", "--12-31", "P1Y", "XXXX-Q4"),
    ("Từ tháng 3 đến tháng 11 hàng năm", 2025, "recurring", "--03-01", "--11-30", "P1Y", "XXXX-03/XXXX-11"),
    ("từ ngày 15/7 đến ngày 15/8 hằng năm", N, "recurring", "--07-15", "--08-15", "P1Y",
     "XXXX-07-15/XXXX-08-15"),
    ("trước 19h00 hằng ngày", N, "recurring", N, N, "P1D", "P1D"),
    ("2 lần/tháng", N, "recurring", N, N, "P15D", "P15D"),
    ("theo định kỳ hoặc đột xuất", N, "recurring", N, N, N, N),
    # --- continuous
    ("Thường xuyên", N, "continuous", N, N, N, N),
    ("Thực hiện thường xuyên.", 2025, "continuous", N, N, N, N),
    ("Liên tục", N, "continuous", N, N, N, N),
    ("thường xuyên, liên tục", N, "continuous", N, N, N, N),
    ("Thường xuyên và lâu dài", N, "continuous", N, N, N, N),
    ("Nhiệm vụ thường xuyên", N, "continuous", N, N, N, N),
    # --- as needed: its own type, never a guessed date
    ("Khi có yêu cầu", N, "as_needed", N, N, N, N),
    ("Theo yêu cầu", N, "as_needed", N, N, N, N),
    ("Theo chỉ đạo của UBND tỉnh", N, "as_needed", N, N, N, N),
    ("Theo tiến độ của dự án", N, "as_needed", N, N, N, N),
    ("Theo kế hoạch riêng", N, "as_needed", N, N, N, N),
    ("Sau khi có Quy chế phối hợp", N, "as_needed", N, N, N, N),
    ("Đột xuất", N, "as_needed", N, N, N, N),
    ("Triển khai đảm bảo theo lộ trình, hướng dẫn của Bộ, ngành.", 2025, "as_needed", N, N, N, N),
    ("định kỳ hoặc đột xuất theo yêu cầu của Trưởng Ban Chỉ đạo", N, "as_needed", N, N, N, N),
    ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc", N, "as_needed", N, N, N, N),
    ("Trường hợp phát sinh sự cố môi trường", N, "as_needed", N, N, N, N),
    ("trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này", 2025, "as_needed", N, N, N, "P10D"),
    ("trong 24-48 giờ sau khi nước rút", N, "as_needed", N, N, N, "PT48H"),
    # --- unknown: kept with its text, no made-up date
    ("31/2/2026", N, "unknown", N, N, N, N),
    ("ngày 29/02/2025", N, "unknown", N, N, N, N),
    ("32/1/2026", N, "unknown", N, N, N, N),
    ("Tháng 13/2026", N, "unknown", N, N, N, N),
    ("2025 - 2023", N, "unknown", N, N, N, N),
    ("Kịp thời", N, "unknown", N, N, N, N),
    ("Đúng tiến độ", N, "unknown", N, N, N, N),
    ("Khẩn trương", N, "unknown", N, N, N, N),
    ("Sớm nhất có thể", N, "unknown", N, N, N, N),
    ("Quyết định số 1229/QĐ-UBND ngày 28/02/2025", N, "unknown", N, N, N, N),
    ("xyz 123", N, "unknown", N, N, N, N),
    ("", N, "unknown", N, N, N, N),
]


def test_table_is_large_and_distinct() -> None:
    phrases = [row[0] for row in PARSE_TABLE]
    assert len(set(phrases)) == len(phrases) >= 120
    assert {row[2] for row in PARSE_TABLE} == set(DEADLINE_TYPES)


@pytest.mark.parametrize(("phrase", "ref", "type_", "start", "end", "rec", "timex"), PARSE_TABLE,
                         ids=[row[0][:40] or "empty" for row in PARSE_TABLE])
def test_parse_deadline_table(phrase: str, ref: int | None, type_: str, start: str | None, end: str | None,
                              rec: str | None, timex: str | None) -> None:
    d = parse_deadline(phrase, ref)
    assert d.value() == (type_, start, end, rec)
    assert d.timex == timex == to_timex(d)
    assert d.span is not None and phrase[d.span[0]:d.span[1]] == d.text
    assert d.text == phrase.strip().rstrip(".;").strip()


@pytest.mark.parametrize(("phrase", "ref", "inferred"), [
    ("trong quý III", 2026, True), ("Quý III/2026", 2026, False), ("trước ngày 30/11", 2025, True),
    ("trước ngày 30/11", None, False), ("Trong năm", 2024, True), ("Hằng năm", 2024, False),
    ("năm tiếp theo", 2025, True), ("Từ tháng 3 đến tháng 6/2026", 2026, False),
])
def test_year_inferred_flag(phrase: str, ref: int | None, inferred: bool) -> None:
    assert parse_deadline(phrase, ref).year_inferred is inferred


def test_parse_trims_and_keeps_offsets() -> None:
    d = parse_deadline("   Hoàn thành trong năm 2025. ", 2025)
    assert d.text == "Hoàn thành trong năm 2025" and d.span == (3, 28)
    nfd = unicodedata.normalize("NFD", "Quý II năm 2026")
    d = parse_deadline(nfd)
    assert d.type == "quarter" and nfd[d.span[0]:d.span[1]] == d.text == nfd


def test_parse_never_raises_on_noise() -> None:
    rng = random.Random(7)
    alphabet = "0123456789/-.,;:() quýQIVtháng năm ngày hằng trước từ đến giai đoạn định kỳ\u0301*\n"
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        d = parse_deadline(s, rng.choice([None, 2026]))
        assert d.type in DEADLINE_TYPES
        assert s[d.span[0]:d.span[1]] == d.text
        found = find_deadline(s, 2026)
        assert found is None or s[found.span[0]:found.span[1]] == found.text


# sentence | ref_year | expected deadline text (None: no deadline) | value
FIND_TABLE: list[tuple[str, int | None, str | None, tuple[str, str | None, str | None, str | None] | None]] = [
    ("Sở Tài chính chủ trì, phối hợp với các sở, ngành xây dựng và trình UBND tỉnh ban hành Quy chế quản lý "
     "trong quý III/2026.", 2026, "trong quý III/2026", ("quarter", "2026-07-01", "2026-09-30", N)),
    ("Thực hiện Quyết định số 1229/QĐ-UBND ngày 28/02/2025 của UBND tỉnh; báo cáo kết quả trước ngày "
     "15/11/2026.", 2026, "trước ngày 15/11/2026", ("date", N, "2026-11-15", N)),
    ("Hoàn thành việc số hóa hồ sơ chậm nhất ngày 31/12/2026.", 2026, "chậm nhất ngày 31/12/2026",
     ("date", N, "2026-12-31", N)),
    ("Tổ chức Hội nghị sơ kết vào tháng 7/2026 và tổng kết vào cuối năm 2026.", 2026, "vào tháng 7/2026",
     ("month", "2026-07-01", "2026-07-31", N)),
    ("Tổ chức sơ kết việc triển khai Kế hoạch vào cuối năm 2027 và tổng kết vào cuối năm 2030.", 2025,
     "vào cuối năm 2027", ("year", "2027-01-01", "2027-12-31", N)),
    ("Triển khai thí điểm mô hình từ năm 2026 đến năm 2028 tại 5 xã.", 2026, "từ năm 2026 đến năm 2028",
     ("range", "2026-01-01", "2028-12-31", N)),
    ("Năm 2026, hoàn thành việc sắp xếp các đơn vị sự nghiệp công lập.", 2026, "Năm 2026",
     ("year", "2026-01-01", "2026-12-31", N)),
    ("Tham mưu tổ chức Hội nghị tổng kết trong tháng 9.", 2026, "trong tháng 9",
     ("month", "2026-09-01", "2026-09-30", N)),
    ("Xây dựng cơ sở dữ liệu đất đai, hoàn thành quý IV/2026.", 2026, "quý IV/2026",
     ("quarter", "2026-10-01", "2026-12-31", N)),
    ("Hỗ trợ người dân sửa chữa nhà cửa, **hoàn thành trước ngày 30/11/2025**.", 2025, "trước ngày 30/11/2025",
     ("date", N, "2025-11-30", N)),
    ("Tiếp tục triển khai Đề án phát triển du lịch giai đoạn 2021-2025; tổng kết Đề án trong năm 2026.", 2026,
     "trong năm 2026", ("year", "2026-01-01", "2026-12-31", N)),
    ("Báo cáo kết quả thực hiện (trước ngày 30/6/2026) về UBND tỉnh.", 2026, "trước ngày 30/6/2026",
     ("date", N, "2026-06-30", N)),
    ("Tổ chức đoàn kiểm tra liên ngành từ ngày 15-20/4/2026.", 2026, "từ ngày 15-20/4/2026",
     ("range", "2026-04-15", "2026-04-20", N)),
    ("Tổ chức lớp tập huấn cho cán bộ cấp xã trong 6 tháng cuối năm.", 2026, "trong 6 tháng cuối năm",
     ("half_year", "2026-07-01", "2026-12-31", N)),
    ("Nâng cấp hệ thống trước 17h00 ngày 30/6/2026.", 2026, "trước 17h00 ngày 30/6/2026",
     ("date", N, "2026-06-30", N)),
    ("Hoàn thiện dự thảo Nghị định, trình Chính phủ trước tháng 10/2026.", 2026, "trước tháng 10/2026",
     ("date", N, "2026-09-30", N)),
    ("Phối hợp tổ chức các hoạt động tuyên truyền từ nay đến hết năm 2026.", 2026, "từ nay đến hết năm 2026",
     ("range", N, "2026-12-31", N)),
    ("Triển khai thực hiện Kế hoạch số 94-KH/TU ngày 13/9/2022 và Kế hoạch này trong năm 2023.", 2023,
     "trong năm 2023", ("year", "2023-01-01", "2023-12-31", N)),
    ("Tổ chức sơ kết vào Quý I năm sau.", 2026, "vào Quý I năm sau", ("quarter", "2027-01-01", "2027-03-31", N)),
    ("Phối hợp rà soát, báo cáo trước ngày 31/2/2026.", 2026, "trước ngày 31/2/2026", ("unknown", N, N, N)),
    # recurring, continuous, as needed
    ("Định kỳ hằng quý báo cáo kết quả thực hiện về Sở Nội vụ.", 2026, "Định kỳ hằng quý",
     ("recurring", N, N, "P3M")),
    ("Các đơn vị báo cáo kết quả thực hiện về Sở Kế hoạch và Đầu tư trước ngày 20 tháng 12 hằng năm để tổng hợp.",
     2026, "trước ngày 20 tháng 12 hằng năm", ("recurring", N, "--12-20", "P1Y")),
    ("Các đơn vị định kỳ gửi báo cáo về Văn phòng UBND tỉnh trước ngày 15/6 để tổng hợp.", 2026,
     "trước ngày 15/6", ("recurring", N, "--06-15", "P1Y")),
    ("Định kỳ hàng năm (trước ngày 15/12) báo cáo UBND tỉnh kết quả thực hiện.", 2023,
     "Định kỳ hàng năm (trước ngày 15/12)", ("recurring", N, "--12-15", "P1Y")),
    ("Hằng năm, trước ngày 25 tháng 12, các cơ quan, đơn vị gửi báo cáo về Bộ.", 2026,
     "Hằng năm, trước ngày 25 tháng 12", ("recurring", N, "--12-25", "P1Y")),
    ("Báo cáo tình hình thực hiện định kỳ 6 tháng, hằng năm về Bộ Tư pháp.", 2026, "định kỳ 6 tháng, hằng năm",
     ("recurring", N, N, "P6M")),
    ("Cập nhật dữ liệu hằng ngày trên hệ thống.", 2026, "hằng ngày", ("recurring", N, N, "P1D")),
    ("Sở Kế hoạch và Đầu tư theo dõi, đôn đốc; hàng năm tổng hợp tiến độ triển khai.", 2021, "hàng năm",
     ("recurring", N, N, "P1Y")),
    ("Tham mưu hỗ trợ cấp vốn bổ sung hàng năm cho Quỹ hỗ trợ phát triển hợp tác xã.", 2021, "hàng năm",
     ("recurring", N, N, "P1Y")),
    ("Giao Sở Nội vụ tổng hợp; định kỳ tổng hợp báo cáo, kiến nghị UBND tỉnh các biện pháp cần thiết.", 2023,
     "định kỳ", ("recurring", N, N, N)),
    ("Thực hiện thanh tra theo định kỳ hoặc đột xuất đối với các cơ sở.", 2026, "định kỳ", ("recurring", N, N, N)),
    ("Thường xuyên kiểm tra, đôn đốc việc thực hiện của các đơn vị trực thuộc.", 2026, "Thường xuyên",
     ("continuous", N, N, N)),
    ("Báo, đài phát thanh tỉnh xây dựng và duy trì thường xuyên các chuyên mục tuyên truyền.", 2021,
     "thường xuyên", ("continuous", N, N, N)),
    ("Cung cấp thông tin cho cơ quan báo chí khi có yêu cầu.", 2026, "khi có yêu cầu", ("as_needed", N, N, N)),
    ("Sở Tài chính chịu trách nhiệm đôn đốc; định kỳ hoặc đột xuất theo yêu cầu của Trưởng Ban Chỉ đạo báo cáo "
     "về tình hình triển khai.", 2026, "định kỳ hoặc đột xuất theo yêu cầu của Trưởng Ban Chỉ đạo",
     ("as_needed", N, N, N)),
    ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo UBND tỉnh xem xét.", 2026,
     "Trong quá trình thực hiện, nếu có khó khăn", ("as_needed", N, N, N)),
    ("Sau khi có Quy chế phối hợp, các sở triển khai thực hiện.", 2026, "Sau khi có Quy chế phối hợp",
     ("as_needed", N, N, N)),
    ("Trường hợp phát sinh sự cố, đơn vị vận hành báo cáo ngay về Sở.", 2026, "Trường hợp phát sinh sự cố",
     ("as_needed", N, N, N)),
    ("Xử lý hồ sơ trong thời hạn không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.", 2026,
     "trong thời hạn không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", ("as_needed", N, N, N)),
    # not deadlines (guideline section 7)
    ("Triển khai thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương.", 2026, N, N),
    ("Triển khai có hiệu quả Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025.",
     2026, N, N),
    ("Tổ chức thực hiện Chiến lược phát triển kinh tế số đến năm 2030.", 2026, N, N),
    ("Tham mưu xây dựng Đề án phát triển hợp tác xã cho giai đoạn 2021 - 2025 gắn với tái cơ cấu ngành.", 2021,
     N, N),
    ("Tổ chức kỷ niệm 80 năm ngày thành lập ngành (11/4/1946 - 11/4/2026).", 2026, N, N),
    ("Tuyên truyền, phổ biến Luật Hợp tác xã năm 2023 đến các tầng lớp Nhân dân.", 2026, N, N),
    ("Phát động Tháng hành động vì hợp tác xã năm 2026.", 2026, N, N),
    ("Xây dựng Kế hoạch hoạt động năm 2026 của Ban Chỉ đạo.", 2026, N, N),
    ("Xây dựng kế hoạch triển khai Đề án năm 2010 và các năm tiếp theo.", 2010, N, N),
    ("Lập dự toán kinh phí, gửi Sở Tài chính tổng hợp, trình cấp có thẩm quyền phê duyệt dự toán ngân sách "
     "hằng năm.", 2026, N, N),
    ("Đưa nội dung vào kế hoạch phát triển kinh tế - xã hội 5 năm và hằng năm của địa phương.", 2026, N, N),
    ("Coi đây là nhiệm vụ chính trị quan trọng, thường xuyên của các cấp ủy, chính quyền.", 2026, N, N),
    ("Bố trí kinh phí chi thường xuyên để thực hiện các nhiệm vụ.", 2026, N, N),
    ("Triển khai Chương trình bồi dưỡng thường xuyên cho giáo viên.", 2026, N, N),
    ("Triển khai kịp thời, đúng tiến độ các nhiệm vụ; khẩn trương hoàn thiện hồ sơ, triển khai ngay.", 2026, N, N),
    ("Rà soát, đánh giá kết quả thực hiện 6 tháng đầu năm 2026 của các đơn vị.", 2026, N, N),
    ("Tiếp tục rà soát các nhiệm vụ được giao trong năm 2025, bảo đảm hoàn thành đúng tiến độ.", 2025, N, N),
    ("Thực hiện chế độ báo cáo định kỳ theo quy định.", 2026, N, N),
    ("Kiểm tra việc chấp hành pháp luật của nhà ở xây dựng trước ngày 01/7/2004.", 2026, N, N),
    ("Số liệu tính đến hết ngày 31/12/2025 phải được cập nhật đầy đủ.", 2026, N, N),
    ("Kịp thời phát hiện những vấn đề đột xuất, phát sinh để báo cáo Thủ tướng.", 2025, N, N),
    ("Đề xuất điều chỉnh, bổ sung Đề án; kiến nghị cấp có thẩm quyền xử lý trong trường hợp cần thiết.", 2025,
     N, N),
]


@pytest.mark.parametrize(("sentence", "ref", "text", "value"), FIND_TABLE, ids=[r[0][:40] for r in FIND_TABLE])
def test_find_deadline_in_task_text(sentence: str, ref: int | None, text: str | None,
                                    value: tuple[str, str | None, str | None, str | None] | None) -> None:
    d = find_deadline(sentence, ref)
    if text is None:
        assert d is None, d
        return
    assert d is not None
    assert d.text == text and sentence[d.span[0]:d.span[1]] == text
    assert d.value() == value
    assert d.timex == to_timex(d)


# Which phrase says when the item's main action is due: invented sentences first, then the real
# case each rule was written for (doc id in the comment).
MAIN_ACTION_TABLE: list[tuple[str, int | None, str | None, tuple[str, str | None, str | None, str | None] | None]] = [
    # 'Trường hợp …' is as_needed only when the action waits on an event, not when it sorts kinds of things
    ("Trường hợp mạng lưới cấp nước bị gián đoạn, Công ty Cấp nước thông báo cho khách hàng.", 2026,
     "Trường hợp mạng lưới cấp nước bị gián đoạn", ("as_needed", N, N, N)),
    ("Trường hợp chưa nhận được số liệu, Văn phòng gửi văn bản nhắc.", 2026, "Trường hợp chưa nhận được số liệu",
     ("as_needed", N, N, N)),
    ("Trong trường hợp học sinh vắng mặt kéo dài, nhà trường liên hệ với gia đình.", 2026,
     "Trong trường hợp học sinh vắng mặt kéo dài", ("as_needed", N, N, N)),
    ("Trường hợp giống cây trồng nhập khẩu: Sở Nông nghiệp thẩm định hồ sơ.", 2026, N, N),
    ("Trường hợp công trình thuộc thẩm quyền cấp xã, Phòng Kinh tế thẩm định thiết kế.", 2026, N, N),
    # tln_035 1.4.4
    ("Trường hợp hàng hóa, dịch vụ do một cấp định giá: Sở quản lý ngành, lĩnh vực đối với hàng hóa, dịch vụ có "
     "trách nhiệm trình Ủy ban nhân dân tỉnh xem xét, ban hành văn bản định giá.", 2025, N, N),
    # a recurrence word governs a yearless day or month later in its clause
    ("Hằng năm, Ban Quản lý rừng kiểm kê diện tích rừng và gửi kết quả về Sở trước ngày 10/10.", 2026,
     "trước ngày 10/10", ("recurring", N, "--10-10", "P1Y")),
    ("Hằng tháng các trạm quan trắc gửi số liệu về Chi cục trước ngày 5.", 2026, "trước ngày 5",
     ("recurring", N, "---05", "P1M")),
    ("Mỗi năm Hội đồng tổ chức bình chọn sản phẩm tiêu biểu vào tháng 11.", 2026, "vào tháng 11",
     ("recurring", "--11-01", "--11-30", "P1Y")),
    ("Hằng năm tổ chức hội thao, lần đầu vào ngày 20/8/2026.", 2026, "Hằng năm", ("recurring", N, N, "P1Y")),
    ("Hằng năm rà soát danh mục; báo cáo Sở trước ngày 30/6.", 2026, "Hằng năm", ("recurring", N, N, "P1Y")),
    # tln_007 VI.4
    ("Các đơn vị, địa phương tăng cường kiểm tra, đôn đốc triển khai, thực hiện Kế hoạch này, định kỳ hàng năm báo "
     "cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường chậm nhất ngày 17 tháng 12.", 2025,
     "chậm nhất ngày 17 tháng 12", ("recurring", N, "--12-17", "P1Y")),
    # a year inside a cited commitment, target or list is not the item's deadline
    ("Chuyển đổi xe buýt sang năng lượng xanh theo lộ trình của Chính phủ về trung hòa carbon vào năm 2050.", 2026,
     N, N),
    ("Ưu tiên vốn cho các tuyến đê thuộc danh mục hoàn thành trong năm 2027.", 2026, N, N),
    ("Hoàn thành các chỉ tiêu của ngành trong năm 2026.", 2026, "trong năm 2026",
     ("year", "2026-01-01", "2026-12-31", N)),
    ("Triển khai thực hiện mục tiêu giảm phát thải, hoàn thành vào năm 2030.", 2026, "vào năm 2030",
     ("year", "2030-01-01", "2030-12-31", N)),
    # tln_007 III.6.4
    ("Rà soát, đổi mới công nghệ khai thác tài nguyên biển theo hướng giảm thiểu phát thải khí nhà kính theo cam "
     "kết của Việt Nam tại COP 26 về đạt mức phát thải ròng bằng 0 vào năm 2050.", 2025, N, N),
    # continuity words: a thing's kind, a place's or person's habit, a guided party's action are not deadlines
    ("Kiểm tra an toàn tại các bến đò thường xuyên xảy ra sạt lở bờ sông.", 2026, N, N),
    ("Quản lý chặt chẽ người nước ngoài thường xuyên qua lại khu vực biên giới.", 2026, N, N),
    ("Tổng hợp ý kiến vào báo cáo sơ kết hằng quý của ngành giáo dục.", 2026, N, N),
    ("Khuyến khích các doanh nghiệp nhỏ thường xuyên cập nhật thông tin thị trường trên cổng thông tin.", 2026,
     N, N),
    # … but a coordinated action of the item's own, a later sentence of it, or the guiding verb itself are
    ("Tiếp nhận phản ánh của người dân; cập nhật thường xuyên tiến độ giải quyết trên trang điện tử.", 2026,
     "thường xuyên", ("continuous", N, N, N)),
    ("Rà soát hồ sơ người có công. Thường xuyên thăm hỏi các gia đình chính sách.", 2026, "Thường xuyên",
     ("continuous", N, N, N)),
    ("Hướng dẫn, đôn đốc thường xuyên các xã triển khai mô hình.", 2026, "thường xuyên", ("continuous", N, N, N)),
    ("Theo dõi tình hình thực hiện chương trình đào tạo, định kỳ báo cáo Sở Nội vụ.", 2026, "định kỳ",
     ("recurring", N, N, N)),
    # tln_015 III.5.d, tln_029 III.3.6, tln_025 V.5.3
    ("Hướng dẫn cơ sở giáo dục mầm non độc lập, dân lập, tư thục tự kiểm tra, đánh giá các tiêu chuẩn về an toàn, "
     "thường xuyên cập nhật thông tin, tình hình hoạt động của cơ sở lên phần mềm quản lý.", 2025, N, N),
    ("Lắp đặt hệ thống cảnh báo sớm tại các khu vực xung yếu, khu vực thường xuyên xảy ra thiên tai; thiết lập, "
     "cập nhật định kỳ bản đồ rủi ro thiên tai.", 2025, "định kỳ", ("recurring", N, N, N)),
    ("Tổng hợp, lồng ghép báo cáo công tác truyền thông trong báo cáo công tác giảm nghèo hàng năm của cơ quan, "
     "đơn vị và gửi về Sở Nông nghiệp và Môi trường.", 2025, N, N),
    # the time of an event named just before the phrase is when it happened (tln_047 1.c)
    ("Hỗ trợ các hộ bị thiệt hại do bão từ ngày 3-5/9/2026, hoàn thành trước ngày 30/9/2026.", 2026,
     "trước ngày 30/9/2026", ("date", N, "2026-09-30", N)),
    # the first clause's action waits on an event ('… khi …'): as_needed; preparing for it, a purpose, a
    # negation, 'trước khi', a later clause or a plain activity ('khi làm việc') is not
    ("Phun khử khuẩn khu dân cư ngay khi có ổ dịch.", 2026, "ngay khi có ổ dịch", ("as_needed", N, N, N)),
    ("Ban Quản lý chợ di dời hàng hóa khi mực nước sông vượt báo động 2.", 2026,
     "khi mực nước sông vượt báo động 2", ("as_needed", N, N, N)),
    ("Các phòng chuyên môn góp ý dự thảo khi được Văn phòng lấy ý kiến.", 2026, "khi được Văn phòng lấy ý kiến",
     ("as_needed", N, N, N)),
    ("Xây dựng phương án sơ tán dân khi có bão mạnh đổ bộ.", 2026, N, N),
    ("Mua sắm máy phát điện để bảo đảm vận hành khi mất điện lưới.", 2026, N, N),
    ("Không cho phương tiện qua cầu khi chưa có kết quả kiểm định.", 2026, N, N),
    ("Kiểm tra thiết bị trước khi đưa vào vận hành.", 2026, N, N),
    ("Tổ chức diễn tập phòng cháy; báo cáo Ban Chỉ huy khi phát hiện nguy cơ cháy.", 2026, N, N),
    ("Đeo thiết bị bảo hộ khi làm việc trên cao.", 2026, N, N),
    # tln_020 IV.3.c.1
    ("Tổng điều tra lăng quăng ngay khi nước rút.", 2025, "ngay khi nước rút", ("as_needed", N, N, N)),
]


@pytest.mark.parametrize(("sentence", "ref", "text", "value"), MAIN_ACTION_TABLE,
                         ids=[r[0][:40] for r in MAIN_ACTION_TABLE])
def test_find_deadline_of_the_main_action(sentence: str, ref: int | None, text: str | None,
                                          value: tuple[str, str | None, str | None, str | None] | None) -> None:
    test_find_deadline_in_task_text(sentence, ref, text, value)


# A reviewer's findings on unannotated real documents: invented sentences first, then the real items (doc id
# and task id in the comment).
REVIEW_TABLE: list[tuple[str, int | None, str | None, tuple[str, str | None, str | None, str | None] | None]] = [
    # noun-qualifying time words: a list that follows ('… hằng năm gồm:'), a qualifier noun further back,
    # a participant's activity ('tham gia tập huấn … hằng năm'), a kind of activity ('hoạt động kiểm tra định kỳ')
    ('Tuyên truyền qua các đợt cao điểm hằng năm gồm: Ngày Nước thế giới, Ngày Môi trường thế giới.',
     2026, N, N),
    ('Hướng dẫn các xã thực hiện kế hoạch phát triển du lịch, dịch vụ, thương mại, nông nghiệp của các '
     'huyện, thị xã và thành phố hằng năm.',
     2026, N, N),
    ('Lựa chọn nông dân tiêu biểu tham gia tập huấn kỹ thuật chăn nuôi hằng năm.',
     2026, N, N),
    ('Tổ chức các hoạt động kiểm tra định kỳ, đột xuất tại các chợ đầu mối.',
     2026, N, N),
    # … but a demonstrative closes the noun phrase, and the first phrase of a report line wins
    ('Tổ chức sơ kết, đánh giá kết quả thực hiện Kế hoạch này hằng năm.',
     2026, 'hằng năm', ('recurring', N, N, 'P1Y')),
    ('Sở Tài chính báo cáo UBND tỉnh kết quả thực hiện Kế hoạch này định kỳ hằng tháng (trước ngày 20 '
     'hằng tháng), 6 tháng (trước ngày 20/6).',
     2026, 'định kỳ hằng tháng (trước ngày 20 hằng tháng)', ('recurring', N, '---20', 'P1M')),
    # a bare recurrence word in the third clause or later times a step, unless its clause reports or it has a day
    ('Xây dựng quy chế phối hợp; phân công cán bộ phụ trách; lập sổ theo dõi; định kỳ kiểm tra việc ghi '
     'chép.',
     2026, N, N),
    ('Xây dựng quy chế phối hợp; phân công cán bộ phụ trách; lập sổ theo dõi; định kỳ báo cáo Sở Nội vụ.',
     2026, 'định kỳ', ('recurring', N, N, N)),
    ('Rà soát hồ sơ; cập nhật dữ liệu; đánh giá chất lượng dữ liệu hằng năm (trước ngày 15/12).',
     2026, 'hằng năm (trước ngày 15/12)', ('recurring', N, '--12-15', 'P1Y')),
    ('Lắp đặt trạm quan trắc (trạm đo mưa, trạm đo mặn...); định kỳ cập nhật số liệu lên hệ thống.',
     2026, 'định kỳ', ('recurring', N, N, N)),
    # a year reached 'by' is a target's or a strategy's horizon; with a completion verb it is a due year,
    # read like 'trước ngày 30/6/2026' (date, no start, end 31 December)
    ('Đến năm 2030, tỷ lệ hộ dân nông thôn sử dụng nước sạch đạt 95%.',
     2025, N, N),
    ('Phát triển rừng phòng hộ ven biển, diện tích rừng phòng hộ đến năm 2030 đạt 2.000 ha.',
     2025, N, N),
    ('Nâng cấp hệ thống cảnh báo sớm. Đến năm 2030, hệ thống cảnh báo được hoàn thiện và kết nối toàn '
     'tỉnh.',
     2025, N, N),
    ('Phấn đấu đến năm 2030 có ít nhất 50 sản phẩm OCOP được công nhận.',
     2025, N, N),
    ('Phối hợp với các xã mở rộng vùng nuôi, phục hồi rừng ngập mặn ven biển đến năm 2030.',
     2025, N, N),
    ('Triển khai Kế hoạch 12/KH-UBND ngày 3/2/2024 của UBND tỉnh về phát triển thủy sản đến năm 2030.',
     2025, N, N),
    ('Hoàn thành việc số hóa hồ sơ địa chính đến năm 2028.',
     2025, 'đến năm 2028', ('date', N, '2028-12-31', N)),
    ('Đến hết năm 2027, hoàn thành việc sắp xếp các trường học.',
     2025, 'Đến hết năm 2027', ('date', N, '2027-12-31', N)),
    ('Tiếp tục thực hiện chính sách hỗ trợ học phí đến hết năm 2025.',
     2025, 'đến hết năm 2025', ('date', N, '2025-12-31', N)),
    # 'Trong quá trình …' opening the item bounds its main action by an event: as_needed (tln_054 III.2.P1 gold)
    ('Trong quá trình lập quy hoạch sử dụng đất, các sở, ngành lấy ý kiến cộng đồng dân cư.',
     2026, 'Trong quá trình lập quy hoạch sử dụng đất', ('as_needed', N, N, N)),
    # tln_007 III.1.3
    ('Tập trung tuyên truyền, nâng cao ý thức của người dân về biển, về sử dụng bền vững tài nguyên và '
     'bảo vệ môi trường biển thông qua các chiến dịch tuyên truyền cao điểm hàng năm bao gồm: Ngày Môi '
     'trường thế giới (05/6), Ngày Đại dương thế giới (08/6), Tuần lễ Biển và Hải đảo Việt Nam (01 - '
     '08/6). Thông qua các phương tiện thông tin đại chúng, truyền thông để tuyên truyền bảo vệ, khai '
     'thác, sử dụng bền vững các nguồn tài nguyên, giữ gìn chất lượng môi trường biển; phổ biến kiến thức '
     'về phòng ngừa, ứng phó, kiểm soát, khắc phục hậu quả thiên tai, sự cố môi trường biển; nâng cao '
     'nhận thức về hợp tác, hội nhập, bảo vệ chủ quyền, tài nguyên, môi trường biển, đảo.',
     2025, N, N),
    # tln_009 III.2.a
    ('Phát huy vai trò và nâng cao trách nhiệm của cấp ủy Đảng, chính quyền các cấp, các sở, ban, ngành, '
     'đoàn thể trong công tác phòng, chống ma túy; huy động sức mạnh của toàn xã hội, sự vào cuộc quyết '
     'liệt của cả hệ thống chính trị, các tổ chức kinh tế - xã hội và toàn dân tham gia phòng, chống ma '
     'túy; xác định rõ cơ chế và xử lý trách nhiệm của người đứng đầu cấp ủy Đảng, chính quyền; lấy hiệu '
     'quả công tác phòng, chống ma túy trên địa bàn được giao phụ trách là một chỉ tiêu quan trọng để '
     'đánh giá, xếp loại cán bộ hằng năm.',
     2025, N, N),
    # tln_033 1.III.8.1
    ('Kinh phí cho Chính phủ số quốc gia được lấy từ kinh phí bố trí cho lĩnh vực khoa học, công nghệ, '
     'đổi mới sáng tạo và chuyển đổi số quốc gia hàng năm. Điều chỉnh trong dự toán ngân sách nhà nước '
     'năm 2025 để bố trí tối thiểu 03% ngân sách cho phát triển khoa học, công nghệ, đổi mới sáng tạo, '
     'chuyển đổi số. Tiếp tục nâng lên mức tối thiểu 02% GDP hoặc GRDP (đối với địa phương) trong 05 năm '
     'tiếp theo.',
     2025, N, N),
    # vnmp_001 II.1.b
    ('Xây dựng, ban hành quy định trách nhiệm người đứng đầu các cơ quan nhà nước trực tiếp phụ trách, '
     'chỉ đạo triển khai nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số của cơ '
     'quan, tổ chức; quy định về trách nhiệm của cán bộ, công chức, viên chức trong việc thực hiện kế '
     'hoạch hành động về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số hằng năm.',
     2025, N, N),
    # vnmp_001 II.1.g
    ('Xây dựng kế hoạch triển khai chương trình hành động của Chính phủ với các mục tiêu được lượng hóa '
     'cụ thể; giao trách nhiệm người đứng đầu các đơn vị trực tiếp phụ trách, chỉ đạo; xây dựng bộ tiêu '
     'chí đánh giá; định kỳ đo lường, công bố công khai kết quả; đánh giá mức độ hoàn thành nhiệm vụ dựa '
     'trên kết quả thực hiện.',
     2025, N, N),
    # vnmp_001 II.3.e
    ('Xây dựng, triển khai Chương trình phát triển kinh tế số, xã hội số với các mục tiêu được lượng hóa '
     'cụ thể; giao trách nhiệm người đứng đầu các đơn vị trực tiếp phụ trách, chỉ đạo; xây dựng bộ tiêu '
     'chí đánh giá; định kỳ đo lường, công bố công khai kết quả; đánh giá mức độ hoàn thành nhiệm vụ dựa '
     'trên kết quả phát triển kinh tế số, xã hội số.',
     2025, N, N),
    # vnmp_001 II.5.a
    ('Xây dựng, triển khai Chương trình phát triển Chính phủ số với các mục tiêu được lượng hóa cụ thể; '
     'giao trách nhiệm người đứng đầu các đơn vị trực tiếp phụ trách, chỉ đạo; xây dựng bộ tiêu chí đánh '
     'giá; định kỳ đo lường, công bố công khai kết quả; đánh giá mức độ hoàn thành nhiệm vụ dựa trên kết '
     'quả phát triển Chính phủ số.',
     2025, N, N),
    # tln_009 III.9
    ('Tổ chức các hoạt động kiểm tra định kỳ, đột xuất việc chấp hành quy định về quản lý thực hiện '
     'Chương trình của các cơ quan, tổ chức, cá nhân có liên quan; kịp thời phát hiện những tồn tại, '
     'thiếu sót, hạn chế về quản lý, điều hành, thực hiện Chương trình, kiến nghị cấp có thẩm quyền kịp '
     'thời tháo gỡ khó khăn, vướng mắc; giám sát việc xử lý và chấp hành các biện pháp xử lý các vấn đề '
     'đã phát hiện.',
     2025, N, N),
    # tln_007 III.4.3
    ('Ưu tiên nguồn lực từ nguồn kinh phí bảo vệ môi trường để triển khai Kế hoạch hành động quốc gia về '
     'quản lý rác thải nhựa đại dương đến năm 2030. Đến năm 2030, tỷ lệ thu gom, xử lý rác thải nhựa tại '
     'các bãi biển, khu du lịch biển đạt 100%.',
     2025, N, N),
    # tln_007 III.4.4
    ('Tăng cường năng lực hệ thống quan trắc, giám sát tổng hợp tài nguyên, môi trường biển và hải đảo. '
     'Đến năm 2030, hệ thống quan trắc, giám sát tổng hợp được hoàn thiện, hoạt động hiệu quả và được kết '
     'nối và tích hợp dữ liệu với hệ thống thông tin, cơ sở dữ liệu tài nguyên, môi trường biển và hải '
     'đảo quốc gia.',
     2025, N, N),
    # tln_007 III.5.1
    ('Tăng cường công tác bảo vệ đa dạng sinh học tại vùng biển của tỉnh. Phục hồi và phát triển rừng '
     'ngập mặn, diện tích rừng ngập mặn đến năm 2030 đạt 1.700 ha.',
     2025, N, N),
    # tln_007 III.5.2
    ('Đến năm 2030, 100% các khu vực bảo vệ nguồn lợi thủy sản được xác định và quản lý hiệu quả.',
     2025, N, N),
    # tln_007 IV.1.6
    ('Tiếp tục triển khai thực hiện Kế hoạch 310/KH-UBND ngày 21/8/2024 của Ủy ban nhân dân tỉnh về phát '
     'triển nuôi trồng thủy sản trên biển tỉnh đến năm 2030; phối hợp với Ủy ban nhân dân 04 xã: Gia '
     'Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông thành lập mới khu bảo vệ nguồn lợi thủy sản, phục hồi '
     'hệ sinh thái biển đến năm 2030.',
     2025, N, N),
    # tln_030 V.2
    ('Sở Công Thương tổng hợp báo cáo Tỉnh ủy, HĐND, UBND tỉnh về tình hình thực hiện Kế hoạch này định '
     'kỳ hàng tháng (trước ngày 18 hàng tháng), 6 tháng (trước ngày 18/5), tổng kết năm (trước ngày 30/11 '
     'hàng năm) hoặc khi có yêu cầu báo cáo đột xuất.',
     2025, 'định kỳ hàng tháng (trước ngày 18 hàng tháng)', ('recurring', N, '---18', 'P1M')),
    # nqb_003 II
    ('Trong quá trình xây dựng Kế hoạch phát triển kinh tế - xã hội 5 năm 2011-2015 , các sở , ngành và '
     'địa phương trong điều kiện có thể , cần tổ chức lấy ý kiến rộng rãi các chuyên gia , các cơ quan '
     'nghiên cứu , các trường đại học , cộng đồng dân cư , doanh nghiệp ...',
     N, 'Trong quá trình xây dựng Kế hoạch phát triển kinh tế - xã hội 5 năm 2011-2015', ('as_needed', N, N, N)),
    # tln_007 III.6.1
    ('Tăng cường năng lực quan trắc biến đổi khí hậu, nước biển dâng (thông qua việc xây dựng các trạm '
     'quan trắc, đào tạo quan trắc viên...), dự báo, cảnh báo, hệ thống truyền tin cảnh báo sớm rủi ro '
     'trên biển và vùng ven biển để chủ động ứng phó với thiên tai và biến đổi khí hậu; định kỳ cập nhật '
     'kịch bản biến đổi khí hậu, nước biển dâng. Đến năm 2030, hệ thống dự báo, cảnh báo thiên tai, tác '
     'động của biến đổi khí hậu được hiện đại hóa và được kết nối thông suốt.',
     2025, 'định kỳ', ('recurring', N, N, N)),
]



@pytest.mark.parametrize(("sentence", "ref", "text", "value"), REVIEW_TABLE, ids=[r[0][:40] for r in REVIEW_TABLE])
def test_find_deadline_review_cases(sentence: str, ref: int | None, text: str | None,
                                    value: tuple[str, str | None, str | None, str | None] | None) -> None:
    test_find_deadline_in_task_text(sentence, ref, text, value)


@pytest.mark.parametrize(("text", "index"), [
    ("Một; hai; ba", 2),
    ("Một (a; b...); hai. Ba", 2),
    ("Một...; hai", 1),
    ("Tỷ lệ 1.700 ha: 15:30", 1),
])
def test_clause_index_counts_clauses_outside_brackets(text: str, index: int) -> None:
    assert clause_index(text, len(text)) == index


def test_find_deadline_span_on_decomposed_text() -> None:
    sentence = unicodedata.normalize("NFD", "Các sở hoàn thành việc rà soát trong quý II/2026.")
    d = find_deadline(sentence, 2026)
    assert d is not None and d.type == "quarter"
    assert sentence[d.span[0]:d.span[1]] == d.text
    assert unicodedata.normalize("NFC", d.text) == "trong quý II/2026"


@pytest.mark.parametrize(("deadline", "timex"), [
    (Deadline("x", "date", None, "2026-06-30"), "2026-06-30"),
    (Deadline("x", "month", "2026-06-01", "2026-06-30"), "2026-06"),
    (Deadline("x", "quarter", "2026-04-01", "2026-06-30"), "2026-Q2"),
    (Deadline("x", "half_year", "2026-07-01", "2026-12-31"), "2026-H2"),
    (Deadline("x", "year", "2026-01-01", "2026-12-31"), "2026"),
    (Deadline("x", "range", "2023-01-01", "2025-12-31"), "2023/2025"),
    (Deadline("x", "range", "2026-01-01", None), "2026/.."),
    (Deadline("x", "range", None, "2025-12-31"), "../2025"),
    (Deadline("x", "recurring", None, "--12-25", "P1Y"), "XXXX-12-25"),
    (Deadline("x", "recurring", None, None, "P3M"), "P3M"),
    (Deadline("x", "continuous"), None),
    (Deadline("x", "as_needed"), None),
    (Deadline("x", "unknown"), None),
])
def test_to_timex_conventions(deadline: Deadline, timex: str | None) -> None:
    assert to_timex(deadline) == timex


# ---- vocabulary files: load, round-trip, and every entry does what its list says

VOCAB = ("units", "cues", "context")


@pytest.mark.parametrize("name", VOCAB)
def test_vocabulary_round_trip(name: str, tmp_path: Path) -> None:
    path = model_path("deadlines", f"{name}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == load_json("deadlines", f"{name}.json")
    assert isinstance(data.get("_about"), str)
    copy = tmp_path / f"{name}.json"
    copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert json.loads(copy.read_text(encoding="utf-8")) == data
    for key, value in data.items():
        if isinstance(value, list):
            assert value and all(isinstance(w, str) and w.strip() == w and w for w in value), key
            assert len({w.lower() for w in value}) == len(value), f"duplicate entry in {name}.{key}"


def test_every_quarter_spelling_and_numeral_reads() -> None:
    units = load_json("deadlines", "units.json")
    for word in units["quarter_words"]:
        for numeral, q in units["quarter_numerals"].items():
            d = parse_deadline(f"{word} {numeral}/2026")
            assert d.timex == f"2026-Q{q}", (word, numeral, d)


def test_every_recurrence_unit_reads() -> None:
    units = load_json("deadlines", "units.json")
    for prefix in units["recurrence_prefixes"]:
        for unit, iso in units["recurrence_units"].items():
            d = parse_deadline(f"{prefix} {unit}")
            assert (d.type, d.recurrence) == ("recurring", iso), (prefix, unit)


def test_every_cue_word_gives_its_window() -> None:
    cues = load_json("deadlines", "cues.json")
    expect = {"before_exclusive": ("date", None, "2026-06-30"), "before_inclusive": ("date", None, "2026-06-30"),
              "until": ("date", None, "2026-06-30"), "from": ("range", "2026-06-30", None),
              "within": ("date", "2026-06-30", "2026-06-30")}
    for cls, want in expect.items():
        for cue in cues[f"cue_{cls}"]:
            d = parse_deadline(f"{cue} ngày 30/6/2026")
            assert (d.type, d.start, d.end) == want, cue


def test_every_continuous_and_as_needed_cue_reads() -> None:
    cues = load_json("deadlines", "cues.json")
    for word in cues["continuous_leads"]:
        assert parse_deadline(word).type == "continuous"
        assert find_deadline(f"Các đơn vị {word} cập nhật dữ liệu.").type == "continuous"  # type: ignore[union-attr]
    for phrase in cues["as_needed_text"]:
        assert parse_deadline(phrase).type == "as_needed", phrase
        assert find_deadline(f"Cung cấp số liệu {phrase}.").type == "as_needed", phrase  # type: ignore[union-attr]


def test_non_deadline_words_and_noun_qualifiers_are_skipped() -> None:
    cues, ctx = load_json("deadlines", "cues.json"), load_json("deadlines", "context.json")
    for word in cues["non_deadline_words"]:
        assert find_deadline(f"Các sở triển khai {word} các nhiệm vụ được giao.", 2026) is None, word
        assert parse_deadline(word).type == "unknown", word
    for noun in ctx["qualifier_nouns_recurring"]:
        assert find_deadline(f"Xây dựng {noun} hằng năm của tỉnh.", 2026) is None, noun
    for noun in ctx["qualifier_nouns_continuous"]:
        assert find_deadline(f"Bảo đảm {noun} thường xuyên của đơn vị.", 2026) is None, noun
    for noun in ctx["programme_nouns"]:
        assert find_deadline(f"Tổ chức thực hiện {noun} phát triển đến năm 2030.", 2026) is None, noun


def test_case_events_decide_case_distinctions() -> None:
    cues = load_json("deadlines", "cues.json")
    assert find_deadline("Trường hợp đơn vị sự nghiệp, Ban Quản lý báo cáo Sở.", 2026) is None
    for word in cues["case_event_words"]:
        d = find_deadline(f"Trường hợp đơn vị {word} hồ sơ, Ban Quản lý báo cáo Sở.", 2026)
        assert d is not None and d.type == "as_needed", word


def test_event_clause_blockers_and_heads() -> None:
    cues = load_json("deadlines", "cues.json")
    assert find_deadline("Tăng cường lực lượng xử lý khi có sự cố.", 2026).type == "as_needed"  # type: ignore[union-attr]
    for word in cues["event_clause_blockers"]:
        assert find_deadline(f"Tăng cường lực lượng {word} xử lý khi có sự cố.", 2026) is None, word
    for head in cues["event_clause_heads"]:
        d = find_deadline(f"Tăng cường lực lượng xử lý {head} có sự cố.", 2026)
        assert d is not None and d.type == "as_needed", head


def test_context_word_lists_do_what_they_say() -> None:
    ctx = load_json("deadlines", "context.json")
    assert find_deadline("Rà soát các hộ dân thường xuyên ở vùng trũng.", 2026) is not None
    for verb in ctx["habit_verbs"]:
        assert find_deadline(f"Rà soát các hộ dân thường xuyên {verb} ở vùng trũng.", 2026) is None, verb
    assert find_deadline("Cải tạo lưới điện vào năm 2035.", 2026) is not None
    for noun in ctx["target_nouns"]:
        for citer in ctx["target_citers"]:
            assert find_deadline(f"Cải tạo lưới điện {citer} {noun} của ngành vào năm 2035.", 2026) is None, noun
    for verb in ctx["guiding_verbs"]:
        sentence = f"{verb.capitalize()} các hộ kinh doanh, thường xuyên cập nhật giá niêm yết."
        assert find_deadline(sentence, 2026) is None, verb
    assert find_deadline("Khắc phục thiệt hại từ ngày 2/9/2026.", 2026) is not None
    for noun in ctx["event_nouns"]:
        assert find_deadline(f"Khắc phục thiệt hại do {noun} từ ngày 2/9/2026.", 2026) is None, noun
    for word in ctx["qualifier_next_words"]:
        assert find_deadline(f"Tổng hợp vào báo cáo hằng năm {word} ngành.", 2026) is None, word


def test_review_word_lists_do_what_they_say() -> None:
    ctx, cues = load_json("deadlines", "context.json"), load_json("deadlines", "cues.json")
    for word in ctx["qualifier_nominalizers"]:
        assert find_deadline(f"Chọn học viên {word} tập huấn hằng năm.", 2026) is None, word
    late = "Lập danh sách; phân công cán bộ; mở sổ theo dõi; định kỳ {} kết quả."
    assert find_deadline(late.format("công bố"), 2026) is None
    for verb in ctx["late_clause_keep_verbs"]:
        d = find_deadline(late.format(verb), 2026)
        assert d is not None and d.value() == ("recurring", N, N, N), verb
    assert find_deadline("Lập danh sách; định kỳ công bố kết quả.", 2026) is not None  # second clause: kept
    horizon = 2025 + int(ctx["horizon_min_years"])
    assert find_deadline(f"Phục hồi rừng ven biển đến năm {horizon}.", 2025) is None
    assert find_deadline(f"Phục hồi rừng ven biển đến năm {horizon - 1}.", 2025) is not None
    for verb in cues["licensing_verbs"]:
        d = find_deadline(f"{verb.capitalize()} việc phục hồi rừng ven biển đến năm {horizon}.", 2025)
        assert d is not None and d.value() == ("date", N, f"{horizon}-12-31", N), verb
        assert find_deadline(f"Đến năm {horizon}, rừng ven biển được {verb}.", 2025) is None, verb
        for word in ctx["target_words"]:
            sentence = f"{verb.capitalize()} việc phục hồi rừng, {word} 1.000 ha đến năm {horizon}."
            assert find_deadline(sentence, 2025) is None, (verb, word)


def test_grammar_is_built_once() -> None:
    assert grammar() is grammar()


# ---- evaluation script

def test_deadline_accuracy_script(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "evaluation"))
    import deadline_accuracy

    rows = [
        {"doc_id": "x1", "task_id": "1", "deadline": {"text": "Quý I/2023", "type": "quarter", "start": "2023-01-01",
                                                      "end": "2023-03-31", "recurrence": None}},
        {"doc_id": "x1", "task_id": "2", "deadline": {"text": "Thường xuyên", "type": "continuous", "start": None,
                                                      "end": None, "recurrence": None}},
        {"doc_id": "x1", "task_id": "3", "deadline": {"text": "Hằng năm", "type": "year", "start": None,
                                                      "end": None, "recurrence": None}},
        {"doc_id": "x1", "task_id": "4", "deadline": None},
    ]
    (tmp_path / "x1.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = deadline_accuracy.evaluate(tmp_path)
    assert (result["correct"], result["total"]) == (2, 3)
    assert result["by_type"]["year"] == [0, 1]
    assert [m["task_id"] for m in result["misses"]] == ["3"]  # type: ignore[index]


@pytest.mark.slow
def test_find_deadline_throughput() -> None:
    import time

    sentences = [row[0] for row in FIND_TABLE] * 40
    t0 = time.perf_counter()
    for s in sentences:
        find_deadline(s, 2026)
    per_char = (time.perf_counter() - t0) / sum(map(len, sentences))
    assert per_char < 5e-6  # well above underthesea word_tokenize's ~6.5e-6 s/char on the same machine


@pytest.mark.parametrize(("words", "value"), [
    ("một", 1), ("bảy", 7), ("mười", 10), ("mười một", 11), ("mười lăm", 15), ("hai mươi", 20),
    ("hai mươi mốt", 21), ("ba mươi tư", 34), ("bốn mươi lăm", 45), ("chín mươi chín", 99),
    ("một trăm", 100), ("một trăm linh năm", 105), ("hai trăm mười hai", 212), ("07", 7), ("mươi", None),
])
def test_numerals_in_words_follow_the_grammar(words: str, value: int | None) -> None:
    from pipeline.deadlines.numerals import read_number

    assert read_number(words) == value


@pytest.mark.parametrize(("phrase", "end"), [
    ("bảy tháng đầu năm 2027", "2027-07-31"),  # any month count, not only the ones seen (sáu, chín)
    ("năm tháng đầu năm 2028", "2028-05-31"),
    ("tám tháng đầu năm 2026", "2026-08-31"),
])
def test_first_months_of_a_year_with_any_count(phrase: str, end: str) -> None:
    d = parse_deadline(phrase, 2026)
    assert (d.start, d.end) == (phrase[-4:] + "-01-01", end)


def test_day_counts_in_words_read_like_digits() -> None:
    assert parse_deadline("trong vòng bảy ngày", 2026).type == parse_deadline("trong vòng 07 ngày", 2026).type
    assert parse_deadline("trong thời hạn mười lăm ngày", 2026).type == parse_deadline("trong thời hạn 15 ngày", 2026).type
