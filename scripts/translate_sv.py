"""Fill Swedish translations into locale/sv/LC_MESSAGES/django.po from a Python
dict file: ``python scripts/translate_sv.py translations.py``.

The dict maps msgid to Swedish (a tuple for plural entries). Entries found are
filled and un-fuzzied; the file keeps msgmerge's wrapping (79 columns).
"""

import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PO = LOCALE / "sv" / "LC_MESSAGES" / "django.po"


def main() -> int:
    table = runpy.run_path(sys.argv[1])["T"]
    po = polib.pofile(str(PO), wrapwidth=79)
    done = 0
    for entry in po:
        if entry.obsolete or entry.msgid not in table:
            continue
        value = table[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgctxt = None
        done += 1
    po.save()
    print(f"Filled {done} of {len(table)}.")
    return 0 if done == len(table) else 1


if __name__ == "__main__":
    sys.exit(main())
