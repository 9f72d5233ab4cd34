"""Agencies in directives: recognition, splitting of agency lists, lead vs support.

Statistical NER finds none of ``Sở Văn hóa, Thể thao và Du lịch``, ``các sở, ngành có
liên quan`` or ``Báo và Phát thanh, Truyền hình tỉnh``; the package uses knowledge
instead: the gazetteer (``gazetteer``), and word lists under models/agencies/
(heads that build unseen names, office titles, kind words of generic groups,
qualifiers to drop, role cues).  A text is tokenized into syllables once, every
lexicon phrase is located with a PhraseMatcher, and one walker decides where items
start and end (guideline §3, §7).  Mentions keep their verbatim text and spans.

Takes a piece of text with its offset; gives agency mentions and roles. This
``__init__`` is the public interface; the work is done in

- ``lexicon``: word lists -> one phrase index; a text analysed against it,
- ``tokens``: questions about one token (head, kind word, place, item start),
- ``extent``: what a unit adds to an item, where a list ends,
- ``descriptions``: a group's own verb phrase or an unseen name's inner verb (not the predicate),
- ``walker``: the items of a list (separators, brackets, distributed names),
- ``mentions``: items -> AgencyMention (canonical name, kind, level),
- ``subjects``: agencies in subject position of a clause,
- ``fields``: field/column values (``split_agencies``),
- ``headings``: headings, 'Agency: content' labels, lead-in sentences,
- ``roles``: lead vs support in prose (``find_roles``).
"""

from __future__ import annotations

from pipeline.agencies.fields import split_agencies
from pipeline.agencies.headings import heading_agencies, label_agencies, leadin_agencies
from pipeline.agencies.roles import Roles, find_roles

__all__ = ["Roles", "find_roles", "heading_agencies", "label_agencies", "leadin_agencies", "split_agencies"]
