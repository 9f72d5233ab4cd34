"""Vietnamese numerals written in words, 1–999: the grammar, not a list of the ones seen.

Units một … chín; ``mười`` (10) and ``X mươi`` (tens); after a ten, ``mốt`` is 1,
``tư`` 4, ``lăm``/``nhăm`` 5; ``X trăm`` (hundreds) with ``linh``/``lẻ`` before a
lone unit ("một trăm linh năm" = 105). ``spelled(lo, hi)`` gives every written form
with its value, for the deadline grammar's number alternations.
"""

from __future__ import annotations

from functools import cache

_UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_AFTER_TEN = {**_UNITS, "mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}


def _below_hundred(n: int) -> list[str]:
    tens, unit = divmod(n, 10)
    units = [w for w, v in _UNITS.items() if v == unit]
    if tens == 0:
        return units
    if tens == 1:
        head = ["mười"]
        tails = [w for w, v in _AFTER_TEN.items() if v == unit and w not in ("mốt", "tư")]
    else:
        head = [f"{w} mươi" for w, v in _UNITS.items() if v == tens]
        tails = [w for w, v in _AFTER_TEN.items() if v == unit and not (unit == 5 and w == "năm")]
    if unit == 0:
        return head
    return [f"{h} {t}" for h in head for t in tails]


@cache
def spelled(lo: int = 1, hi: int = 999) -> dict[str, int]:
    """Every written form of the numbers lo..hi with its value."""
    out: dict[str, int] = {}
    for n in range(lo, hi + 1):
        hundreds, rest = divmod(n, 100)
        if hundreds == 0:
            forms = _below_hundred(rest)
        else:
            heads = [f"{w} trăm" for w, v in _UNITS.items() if v == hundreds]
            if rest == 0:
                forms = heads
            elif rest < 10:
                forms = [f"{h} {j} {u}" for h in heads for j in ("linh", "lẻ") for u in _below_hundred(rest)]
            else:
                forms = [f"{h} {r}" for h in heads for r in _below_hundred(rest)]
        for f in forms:
            out.setdefault(f, n)
    return out


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_U = _alt(list(_UNITS))
_T = _alt(list(_AFTER_TEN))
# the grammar as one compact pattern (whitespace between words is any run of spaces)
PATTERN = (rf"(?:{_U}\s+trăm(?:\s+(?:linh|lẻ)\s+{_U}|\s+(?:mười|{_U}\s+mươi)(?:\s+{_T})?)?"
           rf"|(?:mười|{_U}\s+mươi)(?:\s+{_T})?|{_U})(?!\w)")


def read_number(text: str) -> int | None:
    """The value of a numeral in words or digits ('hai mươi lăm' -> 25, '07' -> 7), else None."""
    s = " ".join(text.lower().split())
    if s.isdigit():
        return int(s)
    return spelled().get(s)
