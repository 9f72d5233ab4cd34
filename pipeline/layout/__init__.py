"""Normalized text -> document layout.

Takes ``Normalized`` and gives the node tree of headings, enumerated items,
bullets, lead-ins and field lines (``structure``), the header facts: number,
date, type, plan year (``metadata``), section kinds (``sections``) and the
zones that never hold a task: signature, recipients, closings (``zones``).
"""
