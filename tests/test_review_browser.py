"""review.html in a real browser: highlights, keyboard navigation, filters, escaping.

Drives Debian's headless Chromium over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: NUL-separated JSON on fds 3 and 4), so the test
needs no Python package and no network. Skipped when /usr/bin/chromium is absent.
A screenshot is kept in tests/artifacts/review.png for CI.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli.main import main
from pipeline.records import AgencyMention, Deadline, DocumentRecord, Task, dumps

CHROMIUM = Path(os.environ.get("VNTASKS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (apt-get install -y chromium)"),
]

KEYS = {"j": ("KeyJ", 74), "k": ("KeyK", 75), "]": ("BracketRight", 221), "Escape": ("Escape", 27),
        "ArrowDown": ("ArrowDown", 40)}


class Browser:
    """Just enough of the DevTools protocol: commands, events, one page session."""

    def __init__(self, profile: Path) -> None:
        to_child_r, to_child_w = (self._high(fd) for fd in os.pipe())
        from_child_r, from_child_w = (self._high(fd) for fd in os.pipe())

        def wire() -> None:  # in the child: fd 3 reads our commands, fd 4 carries replies
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--mute-audio", f"--user-data-dir={profile}", "--remote-debugging-pipe",
                "--window-size=1280,800", "about:blank"]
        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=wire,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (to_child_r, from_child_w):
            os.close(fd)
        self._w, self._r = to_child_w, from_child_r
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    @staticmethod
    def _high(fd: int) -> int:
        """Move a pipe end above fd 4 so wiring it to 3/4 in the child cannot clobber the other end."""
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        return moved

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise TimeoutError("no reply from chromium")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the debugging pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False,
             timeout: float = 20.0) -> dict[str, Any]:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if self.session and not browser:
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def open_page(self, url: str) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 browser=True)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str) -> None:
        code, vk = KEYS[key]
        text = key if len(key) == 1 else ""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk}
            if kind == "keyDown" and text:
                params["text"] = text
            self.call("Input.dispatchKeyEvent", params)

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", browser=True, timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._w, self._r):
            os.close(fd)


HOSTILE = '<script>window.__pwned = 1; alert(1)</script> và <img src=x onerror="window.__pwned = 2">'


def _fixture(out: Path) -> dict[int, dict[str, str]]:
    """Two documents; the first long enough that navigation must scroll. Returns expected strings per task."""
    filler = "".join(f"Dòng {i}: nội dung giới thiệu kế hoạch không giao nhiệm vụ.\n" for i in range(150))
    text0 = ("KẾ HOẠCH 🚀 thực hiện năm 2026\nII. NHIỆM VỤ\n"
             "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát dự toán; hoàn thành trong quý II năm 2026.\n"
             + filler +
             "2. Tăng cường tuyên truyền về kinh tế tập thể.\n"
             f"Ghi chú: {HOSTILE}\n"
             "3. UBND các xã, phường thực hiện kiểm tra định kỳ hằng quý.\n")
    text1 = "CÔNG ĐIỆN\n1. Bộ Xây dựng khẩn trương kiểm tra công trình.\n"

    def at(text: str, s: str, after: int = 0) -> tuple[int, int]:
        i = text.index(s, after)
        return (i, i + len(s))

    t1 = "Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát dự toán; hoàn thành trong quý II năm 2026."
    tasks = [
        Task("d0", "II.1", "II. NHIỆM VỤ", t1, at(text0, t1),
             lead=[AgencyMention("Sở Tài chính", at(text0, "Sở Tài chính"))],
             support=[AgencyMention("Sở Nội vụ", at(text0, "Sở Nội vụ"))],
             deadline=Deadline("trong quý II năm 2026", "quarter", "2026-04-01", "2026-06-30",
                               span=at(text0, "trong quý II năm 2026")),
             confidence=0.95, method="prose"),
        Task("d0", "II.2", "II. NHIỆM VỤ", "Tăng cường tuyên truyền về kinh tế tập thể.",
             at(text0, "Tăng cường tuyên truyền về kinh tế tập thể."), confidence=0.3, method="prose"),
        Task("d0", "II.3", "II. NHIỆM VỤ", "UBND các xã, phường thực hiện kiểm tra định kỳ hằng quý.",
             at(text0, "UBND các xã, phường thực hiện kiểm tra định kỳ hằng quý."),
             lead=[AgencyMention("UBND các xã, phường", at(text0, "UBND các xã, phường"))],
             deadline=Deadline("định kỳ hằng quý", "recurring", recurrence="P3M", span=at(text0, "định kỳ hằng quý")),
             confidence=0.8, method="prose"),
        Task("d1", "1", "", "Bộ Xây dựng khẩn trương kiểm tra công trình.",
             at(text1, "Bộ Xây dựng khẩn trương kiểm tra công trình."),
             lead=[AgencyMention("Bộ Xây dựng", at(text1, "Bộ Xây dựng"))], confidence=0.9, method="prose"),
    ]
    docs = [DocumentRecord("d0", "d0.txt", "0" * 64, text0, title="Kế hoạch <b>thử</b>"),
            DocumentRecord("d1", "d1.txt", "1" * 64, text1)]
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents.jsonl").write_text("".join(dumps(d.to_json()) + "\n" for d in docs), encoding="utf-8")
    (out / "tasks.jsonl").write_text("".join(dumps(t.to_json()) + "\n" for t in tasks), encoding="utf-8")
    expected: dict[int, dict[str, str]] = {}
    for n, t in enumerate(tasks):
        doc = text0 if t.doc_id == "d0" else text1
        fields = {"text": t.text}
        if t.lead:
            fields["lead"] = t.lead[0].text
        if t.support:
            fields["support"] = t.support[0].text
        if t.deadline:
            fields["deadline"] = t.deadline.text
        assert all(f in doc for f in fields.values())
        expected[n] = fields
    return expected


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Browser, dict[int, dict[str, str]]]]:
    root = tmp_path_factory.mktemp("review_browser")
    expected = _fixture(root / "out")
    html_path = root / "review.html"
    assert main(["review", str(root / "out"), "-o", str(html_path)]) == 0
    browser = Browser(root / "profile")
    try:
        browser.open_page(html_path.as_uri())
        yield browser, expected
    finally:
        browser.close()
        shutil.rmtree(root / "profile", ignore_errors=True)


def _current(b: Browser) -> str | None:
    return b.js("(document.querySelector('.task-item.current') || {dataset: {}}).dataset.n || null")


def test_every_task_and_field_is_highlighted(page: tuple[Browser, dict[int, dict[str, str]]]) -> None:
    b, expected = page
    for n, fields in expected.items():
        for field, s in fields.items():
            got = b.js(f"Array.from(document.querySelectorAll('.hl[data-refs~=\"{n}:{field}\"]'))"
                       ".map(e => e.textContent).join('')")
            assert got == s, (n, field)
    assert b.js("document.querySelectorAll('.task-item').length") == len(expected)


def test_keyboard_moves_current_task_and_scrolls_it_into_view(page: tuple[Browser, dict[int, dict[str, str]]]) -> None:
    b, _ = page
    assert _current(b) == "0"
    assert b.js("document.getElementById('docs').scrollTop") == 0
    b.press("j")
    assert _current(b) == "1"
    assert b.js("document.getElementById('docs').scrollTop") > 0
    rect = b.js("(() => { const r = document.querySelector('.hl.cur-text').getBoundingClientRect();"
                " const d = document.getElementById('docs').getBoundingClientRect();"
                " return [r.top, r.bottom, d.top, d.bottom]; })()")
    assert rect[2] <= rect[0] and rect[1] <= rect[3], rect
    b.press("ArrowDown")
    assert _current(b) == "2"
    assert b.js("document.querySelectorAll('.hl.cur-lead').length") >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    b.screenshot(ARTIFACTS / "review.png")
    assert (ARTIFACTS / "review.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    b.press("k")
    assert _current(b) == "1"
    b.press("]")
    assert _current(b) == "3"
    assert b.js("[document.getElementById('doc-0').hidden, document.getElementById('doc-1').hidden]") == [True, False]
    b.press("k")
    assert _current(b) == "2"
    assert b.js("document.getElementById('doc-0').hidden") is False


def test_filters_hide_tasks(page: tuple[Browser, dict[int, dict[str, str]]]) -> None:
    b, _ = page
    shown = "Array.from(document.querySelectorAll('.task-item')).filter(e => e.offsetParent !== null).map(e => e.dataset.n)"
    b.js("document.getElementById('f-nolead').click()")
    assert b.js(shown) == ["1"]
    b.js("document.getElementById('f-nolead').click(); document.getElementById('f-nodl').click()")
    assert b.js(shown) == ["1"]
    b.js("document.getElementById('f-nodl').click(); document.getElementById('f-low').click()")
    assert b.js(shown) == ["1"]
    b.js("const t = document.getElementById('f-thr'); t.value = '0.85'; t.dispatchEvent(new Event('input'))")
    assert b.js(shown) == ["1", "2"]
    b.press("j")
    assert _current(b) == "2"
    b.press("Escape")
    assert b.js("document.querySelectorAll('.task-item.filtered').length") == 0


def test_document_html_renders_as_text(page: tuple[Browser, dict[int, dict[str, str]]]) -> None:
    b, _ = page
    assert b.js("typeof window.__pwned") == "undefined"
    assert not [e for e in b.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert not [e for e in b.events if e.get("method") == "Runtime.exceptionThrown"]
    console = [e["params"] for e in b.events if e.get("method") == "Runtime.consoleAPICalled"]
    assert not [c for c in console if c.get("type") == "error"]
    assert b.js("document.querySelectorAll('#docs script, #docs img, h2 b').length") == 0
    assert HOSTILE in b.js("document.getElementById('doc-0').textContent")
    assert "Kế hoạch <b>thử</b>" in b.js("document.querySelector('#doc-0 h2').textContent")
