"""Check one source file against its content type's table, on the raw header: a bad value never reaches Pelican's own
metadata parsing (which would stop with a traceback)."""

import dataclasses
import os
import posixpath
import re
from urllib.parse import unquote

from .header import read_header
from .hints import did_you_mean, files_below, meant, near_miss
from .kinds import Invalid
from .passages import FENCE
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
        return None, Problem(path, raw[: error.start].count(b"\n") + 1, "Bestand", "is geen UTF-8-tekst", "sla het bestand op als UTF-8")


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
                problems.append(Problem(path, end_of_header, field.name, "ontbreekt", "verplicht veld: " + field.kind.describe(ctx.settings)))
            continue
        if not header.values[field.key]:  # a line make new wrote that is not filled in yet
            expected = ("verplicht veld: " if field.required else "") + field.kind.describe(ctx.settings)
            problems.append(Problem(path, header.lines[field.key], field.name, "is leeg", expected))
            continue
        given = header.every[field.key] if field.repeat else [(header.values[field.key], header.lines[field.key])]
        found = []
        for raw, line in given:
            try:
                found.append((line, field.kind(raw, ctx)))
            except Invalid as invalid:
                problems.append(Problem(path, line, field.name, invalid.what, invalid.expected or field.kind.describe(ctx.settings)))
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
    """(typed values, header, problems, warnings) of one file's text (from ``source``: its links are checked too)."""
    header = read_header(text)
    if not header.values:
        expected = "bovenaan regels als 'Title: …', dan een lege regel en de tekst"
        return {}, header, [Problem(path, 1, "Bestand", "heeft geen metadata-kop", expected)], []
    warnings = [unknown_field(path, header.lines[key], name, ctype) for key, name in header.names.items() if ctype.field(key) is None]
    values, problems = check_values(header, path, ctype, ctx)
    slug_field = ctype.field("slug")
    if slug_field and slug_field.key not in header.values:  # the file name becomes the URL: same rule as Slug
        stem = os.path.splitext(os.path.basename(path))[0]
        try:
            slug_field.kind(stem, ctx)
        except Invalid:
            expected = f"{slug_field.kind.describe(ctx.settings)} (hernoem het bestand of vul {slug_field.name} in)"
            problems.append(Problem(path, 1, slug_field.name, f"de bestandsnaam '{stem}' is geen geldige slug", expected))

    found = [found for body_check in ctype.body_checks for found in body_check(text, ctx)]
    found += check_links(text, source, ctx.content_path) if source else []
    problems += [Problem(path, *each) for each in found]
    return values, header, problems, warnings


# a Markdown link (an image is dtz_images' to check) or an HTML href
LINK = re.compile(
    r"""(?<!!)\[[^\]]*\]\(\s*<?(?P<md>\{(?:filename|static|attach)\}[^)\s>]+)|\bhref\s*=\s*["'](?P<html>\{(?:filename|static|attach)\}[^"']+)["']"""
)
LINK_EXAMPLE = "een bestand binnen content/, zoals {filename}/parels/hal-techniek.md of {static}/downloads/folder.pdf"


def check_links(text, source, content_path):
    """(line, field, what, expected) for every link in ``text`` (the file ``source``) to a file that is not in content/
    (``{filename}``, ``{static}``, ``{attach}``): Pelican would publish it dead, with only an English warning."""
    found, fenced, known = [], False, None
    folder = os.path.relpath(os.path.dirname(source), content_path).replace(os.sep, "/")
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or "}" not in line:  # every such link has a "}": the regular expression only where one is (10x faster)
            continue
        for match in LINK.finditer(line):
            written = match.group("md") or match.group("html")
            if not (target := unquote(written.split("}", 1)[1].split("#", 1)[0].split("?", 1)[0])):
                continue  # a link within the page itself
            relative = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if relative.startswith("..") or not os.path.isfile(os.path.join(content_path, relative)):
                known = files_below(content_path) if known is None else known
                close = near_miss(relative, known)
                hint = meant(written.split("}", 1)[0] + "}/" + close) if close else ""
                found.append((number, "Link", f"'{written}' bestaat niet", LINK_EXAMPLE + hint))
    return found
