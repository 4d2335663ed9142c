"""Fill the field tables of the editor guide (docs/redactie.md) from the content model.

Run ``make guide`` after changing the model; a test fails while the guide is out of date.
"""

import re
import sys

from .model import TYPES

MARKER = re.compile(r"(<!-- velden: (\w+) -->\n)(.*?)(<!-- /velden -->)", re.S)


def field_table(ctype):
    first = "Kolom" if ctype.sheet else "Veld"  # a spreadsheet's columns are its fields
    rows = [f"| {first} | Verplicht | Wat het is | Wat u invult |", "|---|---|---|---|"]
    for field in ctype.fields:
        required = "ja" if field.required else "nee"
        rows.append(f"| `{field.name}` | {required} | {field.help} | {field.kind.describe()} |")
    return "\n".join(rows) + "\n"


def fill(text):
    return MARKER.sub(lambda m: m.group(1) + field_table(TYPES[m.group(2)]) + m.group(4), text)


def main(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    filled = fill(text)  # before opening for writing: a failure must not leave the guide empty
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(filled)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/redactie.md")
