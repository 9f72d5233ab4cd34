"""Where curated data lives: ``models/`` beside the package, loaded lazily once."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
MODELS_DIR = Path(os.environ.get("VNTASKS_MODELS", REPO_DIR / "models"))


def model_path(*parts: str) -> Path:
    return MODELS_DIR.joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """A JSON data file under models/, parsed once per process."""
    with model_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def load_jsonl(*parts: str) -> tuple[dict[str, Any], ...]:
    """A JSONL data file under models/ (blank lines and // comments skipped)."""
    rows = []
    with model_path(*parts).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("//"):
                rows.append(json.loads(line))
    return tuple(rows)


def doc_dirs() -> list[Path]:
    """Folders holding the documents that gold refers to, existing ones only.

    ``VNTASKS_DOC_DIRS`` (os.pathsep-separated) overrides the project's list in
    ``evaluation/corpora.json``; an installed package without that file has none.
    """
    env = os.environ.get("VNTASKS_DOC_DIRS")
    if env:
        dirs = [Path(p) for p in env.split(os.pathsep) if p]
    else:
        listing = REPO_DIR / "evaluation" / "corpora.json"
        if not listing.is_file():
            return []
        with listing.open(encoding="utf-8") as fh:
            dirs = [(REPO_DIR / p).resolve() for p in json.load(fh)["doc_dirs"]]
    return [d for d in dirs if d.is_dir()]
