"""Fill the field tables of the editor guide (docs/redactie.md) from the content model: run ``make guide`` after
changing the model; a test fails while the guide is out of date."""

import re
import sys
from pathlib import Path

from .model import TYPES

MARKER = re.compile(r"(<!-- velden: (\w+) -->\n)(.*?)(<!-- /velden -->)", re.S)


def field_table(ctype):
    first = "Kolom" if ctype.sheet else "Veld"  # a spreadsheet's columns are its fields
    rows = [f"| {first} | Verplicht | Wat het is | Wat u invult |", "|---|---|---|---|"]
    rows += [f"| `{f.name}` | {'ja' if f.required else 'nee'} | {f.help} | {f.kind.describe()} |" for f in ctype.fields]
    return "\n".join(rows) + "\n"


def fill(text):
    return MARKER.sub(lambda m: m.group(1) + field_table(TYPES[m.group(2)]) + m.group(4), text)


if __name__ == "__main__":
    guide = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/redactie.md")
    guide.write_text(fill(guide.read_text(encoding="utf-8")), encoding="utf-8")  # filled before the file is opened
