"""Which headings hold tasks (guideline §1) — decided from the heading words."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import load_json
from pipeline.text.util import fold

TASK, NONTASK, NEUTRAL = "task", "nontask", "neutral"

_ENABLING_ARTICLE = re.compile(
    r"ban hành kèm theo|có hiệu lực|chịu trách nhiệm thi hành|thi hành quyết định|thi hành nghị quyết"
    r"|^phê duyệt (kế hoạch|đề án|chương trình|quy hoạch|danh mục|dự án)|bãi bỏ|điều khoản thi hành"
    r"|tổ chức thực hiện quyết định"
    r"|^giao .{0,120}(chủ trì|tổ chức|hướng dẫn)[^.]{0,200}(triển khai|thực hiện)[^.]{0,40}(kế hoạch|quyết định|đề án|chương trình|quy chế) (này|ban hành kèm theo)"
)


@lru_cache(maxsize=1)
def _vocab() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_json("structure", "sections.json")
    task = tuple(sorted((fold(w) for w in data["task"]), key=len, reverse=True))
    nontask = tuple(sorted((fold(w) for w in data["nontask"]), key=len, reverse=True))
    return task, nontask


def classify_heading(title: str) -> str | None:
    """TASK / NONTASK for a heading whose words say so, else None (a topic heading)."""
    f = fold(title).strip(" .:;*")
    f = re.sub(r"^(về|các|một số|những)\s+", "", f)
    task, nontask = _vocab()
    best: tuple[int, str] | None = None
    for words, label in ((nontask, NONTASK), (task, TASK)):
        for w in words:
            if f == w or f.startswith(w + " ") or f.startswith(w + ",") or f.startswith(w + ":"):
                if best is None or len(w) > best[0]:
                    best = (len(w), label)
                break
    return best[1] if best else None


def is_enabling_article(text: str) -> bool:
    """The articles of a decision that issues a plan are not tasks (guideline §1)."""
    return bool(_ENABLING_ARTICLE.search(fold(text[:300])))
