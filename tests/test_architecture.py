"""The package's layers: no import cycle between subpackages, and no import upward.

Each subpackage has one concern; a stage may use the ones below it, never one
above. ``candidates`` sees agencies only through the ``AgencyReader`` interface
that ``extract`` passes in, and never imports the classifier.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "pipeline"
# lowest first; a unit may import units of a lower layer or its own
LAYERS = [
    {"records", "errors", "resources"},
    {"io", "text"},
    {"layout"},
    {"candidates"},
    {"classify", "agencies", "deadlines"},
    {"extract"},
    {"run", "eval", "annotate"},
    {"cli"},
]
LAYER = {unit: i for i, units in enumerate(LAYERS) for unit in units}


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "pipeline" and len(parts) > 1 else None


def _edges() -> set[tuple[str, str, str]]:
    """(importing unit, imported unit, file) for every import between pipeline units, function-level included."""
    edges = set()
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG.parent).with_suffix("")
        src = rel.parts[1] if len(rel.parts) > 1 else None
        if src in (None, "__init__"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                dst = _unit(name)
                if dst and dst in LAYER and dst != src:
                    edges.add((src, dst, str(rel)))
    return edges


def test_every_unit_has_a_layer() -> None:
    units = {p.stem if p.is_file() else p.name for p in PKG.iterdir() if not p.name.startswith("__")
             and (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert units <= set(LAYER), units - set(LAYER)


def test_no_upward_import() -> None:
    upward = sorted(e for e in _edges() if LAYER[e[1]] > LAYER[e[0]])
    assert upward == []


def test_candidates_never_import_agencies_or_classify() -> None:
    assert not [e for e in _edges() if e[0] == "candidates" and e[1] in ("agencies", "classify")]


def test_no_cycle_between_units() -> None:
    graph: dict[str, set[str]] = {}
    for src, dst, _ in _edges():
        graph.setdefault(src, set()).add(dst)

    def reaches(a: str, b: str, seen: set[str]) -> bool:
        return any(n == b or (n not in seen and reaches(n, b, seen | {n})) for n in graph.get(a, ()))

    assert [u for u in graph if reaches(u, u, {u})] == []


def test_every_subpackage_says_what_it_takes_and_gives() -> None:
    for init in PKG.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, init
