"""The text of a new item: its header from the type's table in the content model, then a body to replace."""

from dtz_content import TYPES

# The names editors type after TYPE= (the model's ``name`` of each type), in the model's order; a
# company is a row of the register's sheet, not a file (cli.py says so).
TYPE_NAMES = {t.name: t.key for t in TYPES.values() if not t.sheet}


class Refused(Exception):
    """Nothing was written; the message is the one line the editor sees."""


BODY = "Schrijf hier de tekst, in Markdown. Vul eerst de lege velden hierboven in; de build noemt wat nog ontbreekt."


def draft_text(ctype, title, day, settings):
    """Every field of ``ctype`` in the model's order, each below a note with its help.

    Title, Date (``day``) and ``Status: draft`` are filled in; other required fields are empty lines
    to fill in; optional fields are notes themselves (``# Website:``), to use by removing the ``# ``.
    """
    given = {"title": title, "date": day.isoformat(), "status": "draft"}
    lines = []
    for field in ctype.fields:
        needed = "verplicht" if field.required else "niet verplicht"
        lines.append(f"# {field.name} ({needed}): {field.help} Invullen: {field.kind.describe(settings)}.")
        lines += [f"# Voorbeeld: {field.name}: {example}" for example in getattr(field.kind, "examples", ())]
        if field.key in given or field.required:
            lines.append(f"{field.name}: {given.get(field.key, '')}".rstrip())
        else:
            lines.append(f"# {field.name}:")
    return "\n".join(lines) + "\n\n" + BODY + "\n"
