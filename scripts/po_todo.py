"""List the untranslated and fuzzy entries of a catalogue as JSON, for a translator.

    .venv/bin/python scripts/po_todo.py locale/kk/LC_MESSAGES/django.po > todo.json

Each item has msgid (and msgid_plural, context, where it is used); the count goes to stderr.
"""

import json
import sys

import polib


def todo(path: str) -> list[dict]:
    items = []
    for entry in polib.pofile(path):
        if entry.obsolete:
            continue
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if translated and "fuzzy" not in entry.flags:
            continue
        item = {"msgid": entry.msgid, "context": entry.msgctxt, "where": [o[0] for o in entry.occurrences][:2]}
        if entry.msgid_plural:
            item["msgid_plural"] = entry.msgid_plural
        items.append(item)
    return items


if __name__ == "__main__":
    items = todo(sys.argv[1])
    json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
    print(f"\n{len(items)} entries to translate", file=sys.stderr)
