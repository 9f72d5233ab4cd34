"""Command-line entry point: each subcommand lives in the module of its stage.

Subcommand modules expose ``add_arguments(parser)`` and ``run(args) -> int``;
they are imported only when their command runs, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from pipeline.errors import VntasksError

COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("pipeline.cli.extract", "extract tasks from files or folders into OUT_DIR"),
    "evaluate": ("pipeline.cli.evaluate", "score predicted tasks against gold annotations"),
    "validate-gold": ("pipeline.cli.validate_gold", "check gold annotations against their documents"),
    "agencies": ("pipeline.cli.agencies", "table of tasks per canonical agency"),
    "review": ("pipeline.cli.review", "write a self-contained HTML review of extracted tasks"),
    "export-labelstudio": ("pipeline.cli.labelstudio_export", "write Label Studio config and tasks"),
    "import-labelstudio": ("pipeline.cli.labelstudio_import", "turn a Label Studio export into gold JSONL"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vntasks", description="Extract tasks (text, lead, support, deadline) from Vietnamese government directives.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(_module=module_name)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        module = importlib.import_module(args._module)
    except ModuleNotFoundError:
        parser.error(f"command {args.command!r} is not available in this build")
    try:
        return int(module.run(args) or 0)
    except VntasksError as exc:
        print(f"vntasks {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
