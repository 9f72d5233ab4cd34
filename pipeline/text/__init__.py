"""Raw text -> normalized text.

Takes a ``RawDocument``'s text and gives ``Normalized``: NFC, odd spaces and
markdown debris cleaned (``chars``), hard-wrapped lines and page breaks
rejoined, tables recovered (``tables``), with lines and offsets that every
later stage indexes. ``util`` holds the matching key (``fold``) shared by all.
"""
