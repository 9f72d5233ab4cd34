"""Where curated data lives: ``models/`` beside the package, loaded lazily once."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

MODELS_DIR = Path(os.environ.get("VNTASKS_MODELS", Path(__file__).resolve().parent.parent / "models"))


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
