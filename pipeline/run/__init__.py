"""Many documents -> output folder.

Takes input paths and gives ``tasks.jsonl``, ``documents.jsonl``,
``errors.jsonl`` and the manifest: collection and doc ids (``batch``),
executors (``engines``: local processes or Dask), the resumable run
(``runner``), the atomic output store (``store``) and analyst tables
(``export``).
"""
