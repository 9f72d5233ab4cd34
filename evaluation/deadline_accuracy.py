"""Deadline value accuracy of ``parse_deadline`` on the gold deadline texts in annotations/*.jsonl.

For every gold task with a deadline, the gold ``text`` is parsed with the document's
year (its issue date in the header, else the date in corpus/real/SOURCES.md) and the
parsed (type, start, end, recurrence) is compared with gold's.  Prints overall and
per-document / per-type accuracy and the disagreements.  A second figure runs
``find_deadline`` on the gold task texts whose deadline is null or written inside
the text (deadlines from a separate time field cannot be found in the text).

    .venv/bin/python evaluation/deadline_accuracy.py [annotations_dir] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.deadlines.find import find_deadline, parse_deadline  # noqa: E402
from pipeline.resources import doc_dirs  # noqa: E402

CORPUS = doc_dirs()
_HEADER_YEAR = re.compile(r"ngày\s+(?:\d{1,2}\s+)?tháng\s+(?:\d{1,2}\s+)?năm\s+((?:19|20)\d\d)", re.IGNORECASE)
_SOURCE_ROW = re.compile(r"^\|\s*([\w.]+)\.txt\s*\|.*?\((\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d\d)\)", re.MULTILINE)


def _source_years() -> dict[str, int]:
    years: dict[str, int] = {}
    for folder in CORPUS:
        sources = folder / "SOURCES.md"
        if sources.is_file():
            for m in _SOURCE_ROW.finditer(sources.read_text(encoding="utf-8")):
                years[m.group(1)] = int(m.group(4))
    return years


def document_year(doc_id: str, sources: dict[str, int]) -> int | None:
    """Issue year from the document header, else from SOURCES.md; None when neither says."""
    for folder in CORPUS:
        path = folder / f"{doc_id}.txt"
        if path.is_file():
            m = _HEADER_YEAR.search(path.read_text(encoding="utf-8", errors="replace")[:3000])
            if m:
                return int(m.group(1))
    return sources.get(doc_id)


def evaluate(gold_dir: Path) -> dict[str, object]:
    sources = _source_years()
    by_doc: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    misses: list[dict[str, object]] = []
    found = [0, 0]
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            gold = rec.get("deadline")
            year = document_year(rec["doc_id"], sources)
            if not gold or gold["text"].lower() in str(rec.get("text", "")).lower():
                hit = find_deadline(str(rec.get("text", "")), year)
                want_found = (gold["type"], gold["start"], gold["end"], gold["recurrence"]) if gold else None
                found[0] += (hit.value() if hit else None) == want_found
                found[1] += 1
            if not gold:
                continue
            got = parse_deadline(gold["text"], year)
            want = (gold["type"], gold["start"], gold["end"], gold["recurrence"])
            ok = got.value() == want
            for table, key in ((by_doc, rec["doc_id"]), (by_type, gold["type"])):
                table.setdefault(key, [0, 0])
                table[key][0] += ok
                table[key][1] += 1
            if not ok:
                misses.append({"doc_id": rec["doc_id"], "task_id": rec["task_id"], "text": gold["text"],
                               "ref_year": year, "gold": want, "got": got.value()})
    right = sum(v[0] for v in by_doc.values())
    total = sum(v[1] for v in by_doc.values())
    distinct = Counter((m["text"], m["gold"]) for m in misses)
    return {"accuracy": right / total if total else None, "correct": right, "total": total,
            "find_correct": found[0], "find_total": found[1],
            "by_document": by_doc, "by_type": by_type, "misses": misses, "distinct_misses": len(distinct)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=ROOT / "annotations")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    result = evaluate(args.gold)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    acc = result["accuracy"]
    print(f"deadline value accuracy: {result['correct']}/{result['total']}"
          + (f" = {acc:.3f}" if acc is not None else ""))
    if result["find_total"]:
        print(f"find_deadline on task texts (inline or null gold): {result['find_correct']}/{result['find_total']}"
              f" = {result['find_correct'] / result['find_total']:.3f}")  # type: ignore[operator]
    for title in ("by_document", "by_type"):
        print(f"\n{title.replace('_', ' ')}:")
        for key, (ok, n) in sorted(result[title].items()):  # type: ignore[union-attr]
            print(f"  {key:28s} {ok:4d}/{n:<4d} {ok / n:.3f}")
    if result["misses"]:
        print("\ndisagreements (doc, task, text, ref_year, gold -> parsed):")
        for m in result["misses"]:  # type: ignore[union-attr]
            print(f"  {m['doc_id']} {m['task_id']}: {m['text']!r} [{m['ref_year']}] {m['gold']} -> {m['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
