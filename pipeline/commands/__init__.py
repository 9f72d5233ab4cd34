"""CLI subcommands: thin argument parsing around the stage modules."""
