"""Time phrases -> guideline deadline values.

Takes an item's text (or a time field) and gives a ``Deadline``: the phrase
as written, its type, window, recurrence and a TIMEX3 value. ``grammar``
compiles the vocabulary under ``models/deadlines/``, ``phrases`` reads one
phrase, ``values`` builds windows, ``scope`` decides which phrase times the
item's main action, ``timex`` writes TIMEX3.
"""

from pipeline.deadlines.find import find_deadline, parse_deadline, to_timex

__all__ = ["parse_deadline", "find_deadline", "to_timex"]
