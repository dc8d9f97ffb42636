"""Check that every UI string is translated in both catalogues.

    python scripts/check_translations.py            # exit 1 on gaps
    python scripts/check_translations.py --fill-en  # English msgstr = msgid where empty

Source strings are English, so the English catalogue can be filled mechanically;
Swedish needs a person. Fuzzy entries count as untranslated.
"""

import argparse
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def gaps(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                problems.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


def fill_english(po: polib.POFile) -> int:
    filled = 0
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                filled += 1
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
            filled += 1
    return filled


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill-en", action="store_true")
    args = parser.parse_args()
    failed = False
    for language in ("sv", "en"):
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        if not path.exists():
            print(f"{path}: missing")
            failed = True
            continue
        # 79 columns, as msgmerge wraps: makemessages then leaves the file unchanged.
        po = polib.pofile(str(path), wrapwidth=79)
        if language == "en" and args.fill_en and fill_english(po):
            po.save()
        problems = gaps(po)
        for problem in problems:
            print(f"{language}: {problem}")
        failed = failed or bool(problems)
    if failed:
        print("Translate the strings above in locale/*/LC_MESSAGES/django.po.")
        return 1
    print("All UI strings are translated in sv and en.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
