"""Read a content type's spreadsheet (``sheet`` in the model: the bedrijvenregister, kept in Excel), one item per row:
each row is a :class:`Header` at its row number as Excel shows it, checked like a Markdown file's (README "Bedrijvenregister")."""

import contextlib
import csv
import datetime
import io
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import slugify

import dtz_build

from .header import Header
from .problems import Problem, display_path
from .validate import check_values, unknown_field

SUFFIXES = (".xlsx", ".csv")
OTHER_FORMATS = (".xls", ".ods", ".numbers")  # what an editor might save instead: say which formats we read
SAVE_AS_CSV = 'sla het in Excel op via Opslaan als > "CSV UTF-8 (door komma\'s gescheiden)"'
# Column names that hold data about people, not about the company: never read, let alone published.
PERSONAL = re.compile(
    r"contact|persoon|e-?mail|telefoon|^tel|mobiel|gsm|voornaam|achternaam|geboorte|bsn|iban|priv[eé]|woonadres|eigenaar|owner|person|phone"
)
EMAIL = re.compile(r"[^@\s,;<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


@dataclass
class Row:
    number: int  # as Excel shows it: the header is row 1
    header: Header
    values: dict  # typed, by field key
    slug: str
    digest: str  # of the row's published cells: what the item's pages are made from


@dataclass
class Sheet:
    path: str | None  # the file read, as editors see it (None: the type has no spreadsheet)
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    held: list = field(default_factory=list)  # the titles of rows with problems: what names them says nothing more


def read_sheet(folder, ctype, ctx):
    """The good rows of ``ctype``'s spreadsheet in ``folder``, and every problem with it, by row."""
    base = os.path.join(folder, ctype.sheet)
    found = [base + suffix for suffix in SUFFIXES if os.path.isfile(base + suffix)]
    others = [base + suffix for suffix in OTHER_FORMATS if os.path.isfile(base + suffix)]
    if not found:
        expected = f"{ctype.sheet}.xlsx of {ctype.sheet}.csv ({SAVE_AS_CSV})"
        return Sheet(None, problems=[Problem(display_path(other), 1, "Bestand", "kan niet gelezen worden", expected) for other in others])
    sheet = Sheet(display_path(found[0]))
    if len(found) > 1:
        expected = f"één register: verwijder {ctype.sheet}.xlsx of {ctype.sheet}.csv"
        sheet.problems.append(Problem(sheet.path, 1, "Bestand", f"staat naast {os.path.basename(found[1])}", expected))
        return sheet
    key = dtz_build.digest(found[0].rsplit(".", 1)[-1], Path(found[0]).read_bytes())  # the file's bytes and format
    return checked(sheet, key, lambda: (read_xlsx if found[0].endswith(".xlsx") else read_csv)(found[0]), ctype, ctx)


def checked(sheet, key, cells, ctype, ctx):
    """``sheet`` with its rows checked, kept on disk without problems: checked again only when its bytes (``key``), the
    settings or the code changed, or a file a row names (a Logo) came or went; ``cells()`` reads the rows only then."""
    cache = dtz_build.DiskCache(ctx.settings, "sheets", ".pickle")
    entry = dtz_build.digest("checked", key, dtz_build.environment_key(ctx.settings), ctx.content_path, sheet.path, ctype.key)
    if (kept := cache.get(entry)) is not None:
        result, looked_for = pickle.loads(kept)
        if all(os.path.isfile(path) == there for path, there in looked_for.items()):
            return result
    ctx.looked_for.clear()
    check_rows(sheet, cells(), ctype, ctx)
    if not sheet.problems:
        cache.put(entry, pickle.dumps((sheet, {path: os.path.isfile(path) for path in ctx.looked_for})))
    return sheet


def read_xlsx(path):
    """(row number, [cell text]) of the first worksheet (openpyxl numbers rows as Excel does), or the Problem with the file."""
    import openpyxl  # only a site with an .xlsx register needs it loaded

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a broken or mislabelled file: one line, not a traceback
        what = f"kan niet gelezen worden als Excel-werkmap ({type(error).__name__})"
        return Problem(display_path(path), 1, "Bestand", what, "een .xlsx-bestand uit Excel of LibreOffice")
    with contextlib.closing(book):
        return [(number, [cell_text(value) for value in row]) for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)]


def read_csv(path):
    """(row number, [cell text]) of a UTF-8 CSV with ``,`` or ``;`` (Excel's Dutch export uses ``;``), or the Problem with it."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(display_path(path), line, "Bestand", "is geen UTF-8-tekst (é en ë raken verminkt)", SAVE_AS_CSV)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [(number, [cell.strip() for cell in row]) for number, row in enumerate(rows, 1)]
    except csv.Error as error:
        return Problem(display_path(path), 1, "Bestand", f"is geen geldige CSV ({error})", SAVE_AS_CSV)


def cell_text(value):
    """An Excel cell as the text an editor would have typed: numbers without '.0', dates as JJJJ-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, (datetime.date, datetime.time)) else str(value).strip()


def check_rows(sheet, cells, ctype, ctx):
    """Map the header row to the model's fields, then check every row; unique fields across rows."""
    if isinstance(cells, Problem):  # the file cannot be read
        sheet.problems.append(cells)
        return
    rows = [(number, row) for number, row in cells if any(row)]
    if not rows:
        expected = "een eerste rij met kolomnamen (" + ", ".join(f.name for f in ctype.fields) + ")"
        sheet.problems.append(Problem(sheet.path, 1, "Bestand", "is leeg", expected))
        return
    header_row, names = rows[0]
    columns = map_columns(sheet, header_row, names, rows[1:], ctype)
    missing = [f for f in ctype.fields if f.required and f not in columns.values()]
    for lost in missing:
        sheet.problems.append(Problem(sheet.path, header_row, lost.name, "kolom ontbreekt", f"verplichte kolom: {lost.kind.describe(ctx.settings)}"))
    title = ctype.field(ctype.title_field)
    seen = {}  # (field name, folded value) -> first row
    for number, row in rows[1:]:
        header = Header()
        for index, known in columns.items():
            if index < len(row) and row[index]:
                header.add(known.name, row[index], number)
        if not header.values:
            continue
        values, problems = check_values(header, sheet.path, ctype, ctx)
        problems = [p for p in problems if not (p.what == "ontbreekt" and ctype.field(p.field) in missing)]  # said once, on row 1
        slug = slugify(values.get(title.key, ""), regex_subs=ctx.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        if title.key in values and not slug:
            problems.append(Problem(sheet.path, number, title.name, f"'{values[title.key]}' geeft geen webadres", "een naam met letters of cijfers"))
        problems += twice(sheet.path, number, values, slug, ctype, seen)
        sheet.problems += problems
        if problems or missing:  # a row without a required column is no item either
            sheet.held += [values[title.key]] if title.key in values else []
            continue
        shown = sorted(f"{key}={value}" for key, value in header.values.items())
        sheet.rows.append(Row(number, header, values, slug, dtz_build.digest(*shown)))


def twice(path, number, values, slug, ctype, seen):
    """A unique field's value (any case, or a name making the same web address) that an earlier row has: one line."""
    title = ctype.field(ctype.title_field)
    checks = [(f, str(values[f.key]).casefold(), f"'{values[f.key]}'") for f in ctype.fields if f.unique and f.key in values]
    if slug:
        checks.append((title, "/" + slug, f"'{values[title.key]}' (webadres /{ctype.url.format(slug=slug)})"))
    found = {}
    for unique, folded, shown in checks:
        first = seen.setdefault((unique.name, folded), number)
        if first != number and unique.name not in found:
            expected = f"een unieke {unique.name} per {ctype.label.lower()}"
            found[unique.name] = Problem(path, number, unique.name, f"{shown} staat ook in rij {first}", expected)
    return list(found.values())


def map_columns(sheet, line, names, rows, ctype):
    """{column index: Field} for the model's columns; a column there twice or with personal data is an error, the rows
    are still checked without it; an unknown one a warning."""
    columns = {}
    for index, name in enumerate(names):
        if not name:
            continue
        known = ctype.field(re.sub(r"[\s-]+", "_", name.strip()))
        if known is not None and known in columns.values():
            sheet.problems.append(Problem(sheet.path, line, known.name, "kolom staat er twee keer in", "elke kolom één keer"))
        elif known is not None:
            columns[index] = known
        elif PERSONAL.search(name.lower()) or any(index < len(row) and EMAIL.search(row[index]) for _, row in rows):
            what = "kolom met persoonsgegevens (namen, e-mailadressen of telefoonnummers van mensen)"
            expected = "haal de kolom uit het register: de website toont alleen algemene bedrijfsgegevens"
            sheet.problems.append(Problem(sheet.path, line, name, what, expected))
        else:
            sheet.warnings.append(unknown_field(sheet.path, line, name, ctype, "onbekende kolom, wordt niet gepubliceerd"))
    return columns
