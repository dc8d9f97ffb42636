"""Reading what readers type into addresses and forms, safely."""

import re

_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_number(raw) -> int | None:
    """An ASCII whole number from user input, or None. (``str.isdigit()`` also
    accepts "²" and "①", which ``int()`` then refuses.)"""
    if isinstance(raw, str) and _NUMBER.fullmatch(raw):
        return int(raw)
    return None
