"""Fill the dashboards' zh_Hans catalogue from zh_Hans.json (msgid → msgstr; a list for plural forms;
"context\x04msgid" for a msgctxt).

Run after `makemessages` in this app: `../../.venv/bin/python locale/fill.py`, then compilemessages.
Prints the msgids still without a translation.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PO = HERE / "zh_Hans" / "LC_MESSAGES" / "django.po"


def unquote(lines: list[str]) -> str:
    return "".join(json.loads(line) for line in lines)


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> int:
    table = json.loads((HERE / "zh_Hans.json").read_text(encoding="utf-8"))
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    out, missing = [], []
    for block in blocks:
        lines = block.split("\n")
        if not any(line.startswith("msgid ") for line in lines):
            out.append(block)
            continue
        head, msgid_lines, plural = [], [], False
        i = 0
        while not lines[i].startswith("msgid "):
            head.append(lines[i])
            i += 1
        msgid_lines.append(lines[i][6:])
        i += 1
        while i < len(lines) and lines[i].startswith('"'):
            msgid_lines.append(lines[i])
            i += 1
        rest = lines[i:]
        plural = any(line.startswith("msgid_plural") for line in rest)
        msgid = unquote(msgid_lines)
        if msgid == "":
            out.append(block)
            continue
        head = [h for h in head if h != "#, fuzzy" and not h.startswith("#| ")]
        head = [re.sub(r"#, fuzzy, ", "#, ", h) for h in head]
        context = next((json.loads(h[8:]) for h in head if h.startswith("msgctxt ")), None)
        value = table.get(msgid if context is None else f"{context}\x04{msgid}")
        if value is None:
            missing.append(msgid)
            out.append(block)
            continue
        body = ["msgid " + "\n".join(msgid_lines)]
        if plural:
            plural_line = next(line for line in rest if line.startswith("msgid_plural"))
            body.append(plural_line)
            body.append("msgstr[0] " + quote(value[0] if isinstance(value, list) else value))
        else:
            body.append("msgstr " + quote(value))
        out.append("\n".join(head + body))
    PO.write_text("\n\n".join(out), encoding="utf-8")
    for msgid in missing:
        print("untranslated:", msgid, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
