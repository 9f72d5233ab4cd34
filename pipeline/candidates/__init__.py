"""Layout -> task candidates.

Takes the node tree and tables and gives ``Draft`` records: each item or
table row that may be a task, with its ancestors' headings, lead-ins and
field lines (``items``, ``table_rows``).
"""
