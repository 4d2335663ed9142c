"""Check one source file against its content type's table.

Everything here works on the raw header, so a bad value never reaches
Pelican's own metadata parsing (which would stop with a traceback).
"""

import dataclasses
import os

from . import links
from .header import read_header
from .hints import did_you_mean
from .kinds import Invalid
from .problems import Problem


@dataclasses.dataclass
class ParseContext:
    settings: dict
    content_path: str
    looked_for: set = dataclasses.field(default_factory=set)  # files a check needed to exist (a cached check asks again)


def decode(raw, path):
    """Return the text of a file, or the Problem saying it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(path, line, "Bestand", "is geen UTF-8-tekst", "sla het bestand op als UTF-8")


def unknown_field(path, line, name, ctype, what="onbekend veld, wordt genegeerd"):
    """The warning for a field (or spreadsheet column) the type's table does not have, with the closest one."""
    known = [f.name for f in ctype.fields]
    return Problem(path, line, name, what, "bekende velden: " + ", ".join(known) + did_you_mean(name, known))


def check_values(header, path, ctype, ctx):
    """(typed values, problems) of one header (a file's, or a spreadsheet row's) against the type's table."""
    values, problems = {}, []
    end_of_header = max(header.lines.values())
    for field in ctype.fields:
        if field.key not in header.values:
            if field.required:
                problems.append(Problem(path, end_of_header, field.name, "ontbreekt", f"verplicht veld: {field.kind.describe(ctx.settings)}"))
            continue
        if not header.values[field.key]:  # a line make new wrote that is not filled in yet
            required = "verplicht veld: " if field.required else ""
            problems.append(Problem(path, header.lines[field.key], field.name, "is leeg", required + field.kind.describe(ctx.settings)))
            continue
        given = header.every[field.key] if field.repeat else [(header.values[field.key], header.lines[field.key])]
        found = []
        for raw, line in given:
            try:
                found.append((line, field.kind(raw, ctx)))
            except Invalid as invalid:
                expected = invalid.expected or field.kind.describe(ctx.settings)
                problems.append(Problem(path, line, field.name, invalid.what, expected))
        if len(found) == len(given):
            values[field.key] = found if field.repeat else found[0][1]
    filled = {key: line for key, line in header.lines.items() if header.values.get(key)}
    said = {problem.field for problem in problems}
    for rule in ctype.rules:
        for line, name, what, expected in rule(values, filled):
            if name not in said:  # one line per field: an empty Image_alt is 'is leeg', not also 'ontbreekt'
                problems.append(Problem(path, line or end_of_header, name, what, expected))
    return values, problems


def check_file(text, path, ctype, ctx, source=None):
    """Return (typed values, header, problems, warnings) for one file's text (read from ``source``: its
    links to other files are checked against content/)."""
    header = read_header(text)
    problems, warnings = [], []
    if not header.values:
        problems.append(Problem(path, 1, "Bestand", "heeft geen metadata-kop", "bovenaan regels als 'Title: …', dan een lege regel en de tekst"))
        return {}, header, problems, warnings

    for key, name in header.names.items():
        if ctype.field(key) is None:
            warnings.append(unknown_field(path, header.lines[key], name, ctype))

    values, problems = check_values(header, path, ctype, ctx)
    slug_field = ctype.field("slug")
    if slug_field and slug_field.key not in header.values:  # the file name becomes the URL: same rule as Slug
        stem = os.path.splitext(os.path.basename(path))[0]
        try:
            slug_field.kind(stem, ctx)
        except Invalid:
            problems.append(
                Problem(
                    path,
                    1,
                    slug_field.name,
                    f"de bestandsnaam '{stem}' is geen geldige slug",
                    f"{slug_field.kind.describe(ctx.settings)} (hernoem het bestand of vul {slug_field.name} in)",
                )
            )

    found = [found for body_check in ctype.body_checks for found in body_check(text, ctx)]
    found += links.check(text, source, ctx.content_path) if source else []
    problems += [Problem(path, *each) for each in found]
    return values, header, problems, warnings
