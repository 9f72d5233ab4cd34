"""The ``vntasks`` command: one module per subcommand.

Each module exposes ``add_arguments(parser)`` and ``run(args) -> int``;
``main`` dispatches and imports a command's module only when it runs.
"""

from pipeline.cli.main import main

__all__ = ["main"]
