"""review.html as a pure function: highlights, side list, gold differences, escaping, self-containment."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from pipeline.annotate.review import highlight, load_output, render_review, span_warnings
from pipeline.cli.main import main
from pipeline.records import AgencyMention, Deadline, DocumentRecord, Task, dumps

TEXT = (
    "CHỈ THỊ về tăng cường quản lý <đất đai> & khoáng sản\n"
    "1. Sở Nông nghiệp và Môi trường\n"
    "a) Rà soát quy hoạch sử dụng đất cấp huyện; hoàn thành trước ngày 30/6/2026.\n"
    "b) Kiểm tra việc khai thác khoáng sản, phối hợp với Công an tỉnh xử lý vi phạm.\n"
    "2. UBND các huyện, thành phố tuyên truyền Luật Đất đai năm 2024 thường xuyên.\n"
    "3. Sở Tài chính bố trí kinh phí thực hiện Chỉ thị @@JS@@ <script>alert(1)</script>.\n"
)
HEADING = "Sở Nông nghiệp và Môi trường"


def at(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return (i, i + len(s))


def m(s: str) -> AgencyMention:
    return AgencyMention(s, at(s))


def tasks() -> list[Task]:
    a = "Rà soát quy hoạch sử dụng đất cấp huyện; hoàn thành trước ngày 30/6/2026."
    b = "Kiểm tra việc khai thác khoáng sản, phối hợp với Công an tỉnh xử lý vi phạm."
    c = "UBND các huyện, thành phố tuyên truyền Luật Đất đai năm 2024 thường xuyên."
    return [
        Task("ct", "1.a", "1. " + HEADING, a, at(a), lead=[m(HEADING)],
             deadline=Deadline("trước ngày 30/6/2026", "date", None, "2026-06-30", span=at("trước ngày 30/6/2026")),
             confidence=0.9, method="heading"),
        Task("ct", "1.b", "1. " + HEADING, b, at(b), lead=[m(HEADING)], support=[m("Công an tỉnh")],
             confidence=0.45, method="heading"),
        Task("ct", "2", "", c, at(c), lead=[m("UBND các huyện, thành phố")],
             deadline=Deadline("thường xuyên", "continuous", span=at("thường xuyên")), confidence=0.8, method="prose"),
    ]


def doc() -> DocumentRecord:
    return DocumentRecord("ct", "ct.txt", "0" * 64, TEXT, title="Chỉ thị <i>số 5</i>", doc_type="chi_thi")


def soup_of(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def refs(soup: BeautifulSoup, ref: str) -> str:
    return "".join(e.get_text() for e in soup.select(f'.hl[data-refs~="{ref}"]'))


def test_every_span_is_highlighted_and_linked_to_its_task() -> None:
    soup = soup_of(render_review([doc()], tasks()))
    for n, t in enumerate(tasks()):
        assert refs(soup, f"{n}:text") == t.text
        assert [refs(soup, f"{n}:lead")] == [x.text for x in t.lead]
        assert refs(soup, f"{n}:support") == "".join(x.text for x in t.support)
        assert refs(soup, f"{n}:deadline") == (t.deadline.text if t.deadline else "")
    shared = soup.select('.hl[data-refs~="0:lead"]')
    assert shared and all("1:lead" in e["data-refs"].split() for e in shared)  # one heading, two tasks
    items = soup.select("li.task-item")
    assert [i["data-n"] for i in items] == ["0", "1", "2"]
    assert [(i["data-nolead"], i["data-nodl"]) for i in items] == [("0", "0"), ("0", "1"), ("0", "0")]
    assert "low" in items[1].select_one(".conf")["class"]
    assert "date … → 2026-06-30" in items[0].get_text()


def test_document_markup_is_text_and_the_page_needs_no_network() -> None:
    page = render_review([doc()], tasks())
    soup = soup_of(page)
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and not scripts[0].get("src")
    docs = soup.select_one("#docs")
    assert isinstance(docs, Tag) and not docs.find_all(["script", "i"])
    assert "<script>alert(1)</script>" in docs.get_text() and "<đất đai> & khoáng sản" in docs.get_text()
    assert "@@JS@@" in docs.get_text()  # a placeholder-looking string in a document stays text
    assert "Chỉ thị <i>số 5</i>" in soup.select_one("h2").get_text()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page) and "<link" not in page
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    digest = base64.b64encode(hashlib.sha256(scripts[0].string.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_gold_differences_are_marked() -> None:
    pred = tasks()
    gold = [Task("ct", t.task_id, t.section, t.text, lead=[AgencyMention(x.text) for x in t.lead],
                 support=[AgencyMention(x.text) for x in t.support], deadline=t.deadline) for t in pred]
    gold[1].support = []  # predicted support is extra
    gold[1].deadline = Deadline("Trong năm 2026", "year", "2026-01-01", "2026-12-31")
    missed = "Sở Tài chính bố trí kinh phí thực hiện Chỉ thị @@JS@@ <script>alert(1)</script>."
    gold[2] = Task("ct", "3", "", missed, lead=[AgencyMention("Sở Tài chính")])
    soup = soup_of(render_review([doc()], pred, {"ct": gold}))
    status = {i["data-n"]: i["data-diff"] for i in soup.select("li.task-item")}
    assert status == {"0": "ok", "1": "wrong", "2": "spurious", "3": "missed"}
    notes = soup.select('li[data-n="1"] .diff li')
    assert [n.get_text() for n in notes] == ["support: extra 'Công an tỉnh'",
                                             "deadline: gold year 2026-01-01 → 2026-12-31, predicted none"]
    assert refs(soup, "3:gold") == missed
    assert soup.select_one("#f-diff") is not None and "1 wrong" in soup.select_one(".summary").get_text()


def test_broken_spans_are_flagged_not_drawn() -> None:
    t = tasks()
    t[0].text_span = (5, 10 ** 6)
    t[1].lead[0] = AgencyMention(HEADING, (0, 4))
    assert "outside the document" in span_warnings(TEXT, t[0])[0]
    assert any("span holds 'CHỈ '" in w for w in span_warnings(TEXT, t[1]))
    soup = soup_of(render_review([doc()], t))
    assert refs(soup, "0:text") == "" and refs(soup, "1:lead") == "CHỈ "
    assert soup.select_one('li[data-n="0"] .badge.warn') is not None


def test_highlight_cuts_overlaps_into_pieces() -> None:
    out = highlight("abcdef", [(0, 4, 0, "text"), (2, 6, 1, "text"), (3, 4, 0, "lead")])
    soup = soup_of(out)
    pieces = [(e.get_text(), e["data-refs"]) for e in soup.select(".hl")]
    assert pieces == [("ab", "0:text"), ("c", "0:text 1:text"), ("d", "0:text 1:text 0:lead"), ("ef", "1:text")]
    assert highlight("<a&b>", []) == "&lt;a&amp;b&gt;"


def test_review_command_writes_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    other = DocumentRecord("cv", "cv.txt", "1" * 64, "CÔNG VĂN không giao nhiệm vụ.")
    (out / "documents.jsonl").write_text(dumps(doc().to_json()) + "\n" + dumps(other.to_json()) + "\n",
                                         encoding="utf-8")
    (out / "tasks.jsonl").write_text("".join(dumps(t.to_json()) + "\n" for t in tasks()), encoding="utf-8")
    docs, loaded = load_output(out)
    assert [d.doc_id for d in docs] == ["ct", "cv"]
    assert [(t.text_span, [x.span for x in t.lead]) for t in loaded] == [
        (t.text_span, [x.span for x in t.lead]) for t in tasks()]
    gold = tmp_path / "gold.jsonl"
    record = {k: v for k, v in tasks()[0].to_json().items() if k != "spans"}  # gold usually has no spans
    gold.write_text(dumps(record) + "\n", encoding="utf-8")
    html_path = tmp_path / "r" / "review.html"
    assert main(["review", str(out), "-o", str(html_path), "--gold", str(gold), "--doc", "ct"]) == 0
    soup = soup_of(html_path.read_text(encoding="utf-8"))
    assert len(soup.select("article.doc")) == 1 and len(soup.select("li.task-item")) == 3
    assert main(["review", str(out), "-o", str(html_path), "--doc", "nope"]) == 2
    assert main(["review", str(tmp_path / "missing"), "-o", str(html_path)]) == 2
    assert "no documents.jsonl" in capsys.readouterr().err
