"""Apply translations written as JSON to a catalogue, then re-layout it with msgcat.

    .venv/bin/python scripts/po_apply.py locale/kk/LC_MESSAGES/django.po done.json

done.json: a list of {"msgid": ..., "msgstr": ...}, or for plural entries
{"msgid": ..., "msgstr_plural": [form0, form1, ...]} (as many forms as the catalogue's
Plural-Forms header says: 2 for kk and en, 4 for ru); add "context" for entries that have one.
Filled entries lose their fuzzy flag. Then `make messages` compiles.
"""

import json
import re
import shutil
import subprocess
import sys

import polib


def apply(po_path: str, json_path: str) -> tuple[int, list[str]]:
    po = polib.pofile(po_path)
    with open(json_path, encoding="utf-8") as f:
        items = json.load(f)
    match = re.search(r"nplurals=(\d+)", po.metadata.get("Plural-Forms", ""))
    nplurals = int(match.group(1)) if match else 2
    index = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    filled, missing = 0, []
    for item in items:
        entry = index.get((item.get("context"), item["msgid"]))
        if entry is None:
            missing.append(item["msgid"])
            continue
        if entry.msgid_plural:
            forms = item.get("msgstr_plural") or [item.get("msgstr")]
            entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(nplurals)}
        else:
            entry.msgstr = item["msgstr"]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    # polib lays the file out its own way; msgcat restores gettext's, keeping diffs small.
    subprocess.run([shutil.which("msgcat") or "msgcat", "-o", po_path, po_path], check=True)  # noqa: S603
    return filled, missing


if __name__ == "__main__":
    filled, missing = apply(sys.argv[1], sys.argv[2])
    for msgid in missing:
        print("not found:", msgid[:80], file=sys.stderr)
    print(f"filled {filled}, not found {len(missing)}", file=sys.stderr)
