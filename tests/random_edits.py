"""Random edits to a content tree, generated from the content model table (a fixed seed).

Every field of every type can be set, changed or removed, with a value of its kind (a type kept
in a spreadsheet, the bedrijvenregister, gets its cells edited in the workbook); a body
can change; a file can be deleted or copied under a new name; an image's bytes can change;
a setting can change; a header can get a note ('# …'); an item can become an unfinished draft. A new kind in the model without a generator here fails the test
(:func:`missing_kinds`), so new fields are covered as they come. Edits may make content
invalid (a listed item turned draft, a Number used twice): the build must then stop and
leave output/ as it was; :meth:`Editor.undo` takes the edit back.
"""

import datetime
import io
import random
from pathlib import Path

import openpyxl
from PIL import Image

from dtz_content import TYPES, kinds, plan

WORDS = "regio techniek bedrijf samen innovatie warmte staal data zorg haven kennis groei project".split()
SETTINGS = {  # settings a case may change, with the values to pick from
    "SITENAME": ["Dutch TechZone", "DTZ", "Dutch TechZone — test"],
    "SITESUBTITLE": ["Samen techniek sterker maken", "Techniek in Zuidoost-Drenthe"],
    "DTZ_HOME_PEARLS": [2, 4, 6],
    "DTZ_HOME_EVENTS": [1, 3],
    "DTZ_FEED_LIMIT": [3, 50],
    "DTZ_SITE_URL": ["https://www.dutchtechzone.nl", "https://dtz.example.nl"],
}


def words(rnd, low=1, high=4):
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(low, high))).capitalize()


def moment(rnd, current, later):
    """A day near the current one: earlier (an issue may only list what appeared before it),
    or for ``later`` fields (End) later; with or without a time."""
    day = datetime.date.fromisoformat(current[:10]) if current else datetime.date(2019, 6, 1)
    day += datetime.timedelta(days=rnd.randint(0, 20) * (1 if later else -1))
    return day.isoformat() + (f" {rnd.randint(8, 20):02d}:{rnd.choice((0, 30)):02d}" if rnd.random() < 0.5 else "")


def choices(kind, settings):
    return list(settings[kind.setting]) + list(kind.extra)


# A value of each kind, as an editor would type it: (random, kind, editor, field, current text or None) -> text
VALUES = {
    kinds.Text: lambda rnd, kind, ed, field, current: words(rnd),
    kinds.TextList: lambda rnd, kind, ed, field, current: ", ".join(words(rnd, 1, 2) for _ in range(rnd.randint(1, 3))),
    kinds.Moment: lambda rnd, kind, ed, field, current: moment(rnd, current, later=field.name == "End"),
    kinds.OneOf: lambda rnd, kind, ed, field, current: rnd.choice(choices(kind, ed.settings)),
    kinds.ManyOf: lambda rnd, kind, ed, field, current: ", ".join(rnd.sample(choices(kind, ed.settings), rnd.randint(1, 2))),
    kinds.Url: lambda rnd, kind, ed, field, current: f"https://{rnd.choice(WORDS)}.example.nl/{rnd.choice(WORDS)}",
    kinds.Email: lambda rnd, kind, ed, field, current: f"{rnd.choice(WORDS)}@example.nl",
    kinds.WholeNumber: lambda rnd, kind, ed, field, current: str(rnd.randint(1, 60)),
    kinds.Image: lambda rnd, kind, ed, field, current: rnd.choice(ed.images()),
    kinds.Choice: lambda rnd, kind, ed, field, current: rnd.choice(kind.choices),
    kinds.Slug: lambda rnd, kind, ed, field, current: f"{rnd.choice(WORDS)}-{rnd.randint(1, 99)}",
    kinds.SitePaths: lambda rnd, kind, ed, field, current: f"/oud/{rnd.choice(WORDS)}-{rnd.randint(1, 99)}/",
    kinds.Refs: lambda rnd, kind, ed, field, current: ", ".join(rnd.sample(ed.slugs(kind.type_keys), min(2, len(ed.slugs(kind.type_keys))))),
    kinds.KvkNumber: lambda rnd, kind, ed, field, current: rnd.choice((f"04{rnd.randint(0, 999999):06d}", str(rnd.randint(4000000, 4999999)))),
    kinds.Postcode: lambda rnd, kind, ed, field, current: f"{rnd.randint(1000, 9999)}{rnd.choice((' ', ''))}{rnd.choice(('AB', 'kl', 'XY'))}",
    kinds.Names: lambda rnd, kind, ed, field, current: names(rnd, kind, ed),
    plan.TargetNumber: lambda rnd, kind, ed, field, current: f"{rnd.randint(1, 3)}.{rnd.randint(1, 9)}",
    plan.PartLine: lambda rnd, kind, ed, field, current: rnd.choice(kind.examples),
    plan.ReportLine: lambda rnd, kind, ed, field, current: (
        f"Date: 2019-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}; Value: {rnd.randint(0, 120)}; Source: {words(rnd, 1, 2)}"
    ),
}


def names(rnd, kind, ed):
    """Names of the register's companies, in any case, and (where a field lists several) other names too."""
    known = [name if rnd.random() < 0.7 else name.upper() for name in rnd.sample(ed.register_names(), min(2, len(ed.register_names())))]
    if not kind.many:
        return known[0] if known else words(rnd)
    return ", ".join([*known, words(rnd, 1, 2)])


def missing_kinds():
    """Kinds used in the model that no generator above makes a value for."""
    return sorted({type(f.kind).__name__ for t in TYPES.values() for f in t.fields} - {k.__name__ for k in VALUES})


def tiny_image(rnd, suffix):
    """A few pixels as PNG (sometimes with transparency) or as a JPEG with a camera's EXIF (sometimes
    Orientation 6, so its width and height swap): every path through the image pipeline, in tiny."""
    size = (rnd.randint(2, 6), rnd.randint(2, 6))
    out = io.BytesIO()
    if suffix == ".jpg":
        exif = Image.Exif()
        exif[0x0112] = rnd.choice((1, 6))  # Orientation
        exif[0x010F] = "Voorbeeldtelefoon"  # Make
        Image.new("RGB", size, tuple(rnd.randint(0, 255) for _ in range(3))).save(out, "JPEG", exif=exif)
    elif rnd.random() < 0.3:
        Image.new("RGBA", size, (*(rnd.randint(0, 255) for _ in range(3)), rnd.choice((0, 128, 255)))).save(out, "PNG")
    else:
        Image.new("RGB", size, tuple(rnd.randint(0, 255) for _ in range(3))).save(out, "PNG")
    return out.getvalue()


def get_field(text, name):
    """The header value of field ``name`` in ``text``, or None."""
    for line in text.partition("\n\n")[0].split("\n"):
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


def set_field(text, name, value):
    """``text`` with header field ``name`` set to ``value`` (None removes it)."""
    header, _, body = text.partition("\n\n")
    lines = [line for line in header.split("\n") if line.split(":", 1)[0].strip().lower() != name.lower()]
    if value is not None:
        lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n\n" + body


class Editor:
    """Edits one site's files at random; remembers each edit's old bytes to undo it."""

    def __init__(self, root, settings, seed):
        self.root, self.settings = Path(root), dict(settings)
        self.rnd = random.Random(seed)
        self.extra = random.Random(seed + 1)
        self.pictures = random.Random(seed + 2)  # image edits draw from their own stream: the rest stays as it was
        self.overrides = {}  # settings changed so far
        self._undo = {}

    def folder(self, ctype):
        return self.root / (ctype.folder if ctype.folder_setting else f"content/{ctype.folder}")

    def files(self, ctype):
        return sorted(self.folder(ctype).glob("*.md"))

    def sheet(self, ctype):
        """The type's workbook (the corpus writes the register as .xlsx), or None."""
        path = self.folder(ctype) / f"{ctype.sheet}.xlsx"
        return path if path.exists() else None

    def register_names(self):
        sheets = [self.sheet(t) for t in TYPES.values() if t.sheet and self.sheet(t)]
        return [row[0] for path in sheets for row in openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True) if row[0]]

    def sheet_field(self, ctype, field):
        """Set (or, when optional, sometimes empty) one cell of a random row of the type's workbook."""
        path = self.sheet(ctype)
        if path is None:
            return f"no {ctype.key} sheet to edit"
        book = openpyxl.load_workbook(path)
        sheet = book.active
        header = [str(cell.value or "").lower() for cell in sheet[1]]
        if field.key not in header:
            sheet.cell(1, len(header) + 1, field.name)
            header.append(field.key)
        row = self.rnd.randint(2, sheet.max_row)
        cell = sheet.cell(row, header.index(field.key) + 1)
        current = None if cell.value is None else str(cell.value)
        make = VALUES[type(field.kind)]
        cell.value = None if not field.required and self.rnd.random() < 0.25 else make(self.rnd, field.kind, self, field, current)
        alt = field.key + "_alt"
        if cell.value and alt in header and not sheet.cell(row, header.index(alt) + 1).value:  # as an editor adds a logo: with its text
            sheet.cell(row, header.index(alt) + 1, words(self.rnd))
        data = io.BytesIO()
        book.save(data)
        self.write(path, data.getvalue())
        return f"{path.name}:{row}: {field.name} = {cell.value!r}"

    def row(self):
        """Remove a row of a spreadsheet, or add a copy of one under a new name and new unique values."""
        ctype = next((t for t in TYPES.values() if t.sheet and self.sheet(t)), None)
        if ctype is None:
            return "no sheet to edit"
        path = self.sheet(ctype)
        book = openpyxl.load_workbook(path)
        sheet = book.active
        header = [str(cell.value or "").lower() for cell in sheet[1]]
        number = self.rnd.randint(2, sheet.max_row)
        if self.rnd.random() < 0.4 and sheet.max_row > 2:
            sheet.delete_rows(number)
            done = f"{path.name}:{number}: removed"
        else:
            copy = [cell.value for cell in sheet[number]]
            for field in (f for f in ctype.fields if f.unique and f.key in header):
                copy[header.index(field.key)] = (
                    f"Kopie {self.rnd.randint(1, 999)} B.V."
                    if field.name == ctype.title_field
                    else VALUES[type(field.kind)](self.rnd, field.kind, self, field, None)
                )
            sheet.append(copy)
            done = f"{path.name}: row {number} copied"
        data = io.BytesIO()
        book.save(data)
        self.write(path, data.getvalue())
        return done

    def slugs(self, type_keys):
        return sorted({p.stem for key in type_keys for p in self.files(TYPES[key])})

    def images(self):
        folder = self.root / "content" / "images"
        return sorted(p.relative_to(self.root / "content").as_posix() for p in folder.rglob("*") if p.suffix in (".png", ".jpg"))

    def write(self, path, data):
        self._undo.setdefault(path, path.read_bytes() if path.exists() else None)
        if data is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    def undo(self):
        for path, data in self._undo.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        self._undo = {}

    def every_field(self):
        """(type, field) for every field of every type in the model, in a random order."""
        found = [(ctype, field) for ctype in TYPES.values() for field in ctype.fields]
        self.rnd.shuffle(found)
        return found

    def begin(self):
        """A new case: edits from here on are undone together."""
        self._undo = {}

    def edit(self):
        """One random edit of any sort; returns what it did, for the assertion message."""
        what = self.rnd.choices((self.field, self.body, self.delete, self.copy, self.image, self.setting, self.row), weights=(6, 3, 1, 1, 1, 2, 1))[0]
        done = what()
        # what make new brings (header notes, unfinished drafts), drawn from a stream of its own so the
        # edits above stay the ones this seed always made
        extra = self.extra.choices((None, self.note, self.unfinished), weights=(6, 1, 1))[0]
        return done if extra is None else f"{done}; {extra()}"

    def pick(self, ctype=None):
        ctype = ctype or self.rnd.choice([t for t in TYPES.values() if self.files(t)])
        return ctype, self.rnd.choice(self.files(ctype))

    def field(self, ctype=None, field=None):
        """Set (or, when optional, sometimes remove) a field of a random file of its type."""
        if ctype is not None and ctype.sheet:
            return self.sheet_field(ctype, field)
        if ctype is not None and not self.files(ctype):
            return f"no {ctype.key} left to edit"
        ctype, path = self.pick(ctype)
        field = field or self.rnd.choice(ctype.fields)
        text = path.read_text(encoding="utf-8")
        make = VALUES[type(field.kind)]
        value = None if not field.required and self.rnd.random() < 0.25 else make(self.rnd, field.kind, self, field, get_field(text, field.name))
        if field.name == "Lang" and value not in (None, "nl"):
            return self.translate(ctype, path, text, value)
        self.write(path, set_field(text, field.name, value))
        return f"{path.name}: {field.name} = {value!r}"

    def translate(self, ctype, path, text, lang):
        """The file becomes the translation of another item of its type (a translation needs its original's Slug)."""
        originals = [p for p in self.files(ctype) if p != path and get_field(p.read_text(encoding="utf-8"), "Lang") in (None, "nl")]
        if not originals:
            return f"{path.name}: no original to translate"
        original = self.rnd.choice(originals)
        slug = get_field(original.read_text(encoding="utf-8"), "Slug") or original.stem
        self.write(path, set_field(set_field(text, "Lang", lang), "Slug", slug))
        return f"{path.name}: Lang = {lang!r}, the translation of {original.name}"

    def body(self):
        ctype, path = self.pick()
        text = path.read_text(encoding="utf-8")
        self.write(path, text + f"\n{words(self.rnd, 3, 9)}.\n")
        return f"{path.name}: body"

    def delete(self):
        ctype, path = self.pick()
        self.write(path, None)
        return f"{path.name}: deleted"

    def copy(self):
        ctype, path = self.pick()
        new = path.with_name(f"kopie-{self.rnd.randint(1, 999)}.md")
        self.write(new, set_field(path.read_text(encoding="utf-8"), "Slug", None))
        return f"{path.name}: copied to {new.name}"

    def image(self):
        """New bytes for an image, a new image, or an image in an item's text."""
        choice = self.pictures.random()
        if choice < 0.3:
            path = self.root / "content/images" / f"nieuw-{self.pictures.randint(1, 99)}{self.pictures.choice(('.png', '.jpg'))}"
            self.write(path, tiny_image(self.pictures, path.suffix))
            return f"{path.name}: new image"
        if choice < 0.6:
            ctype, path = self.pick(self.pictures.choice([t for t in TYPES.values() if t.key in ("pearl", "cop", "event") and self.files(t)]))
            image = self.pictures.choice(self.images())
            self.write(path, path.read_text(encoding="utf-8") + f"\n![{words(self.pictures, 2, 5)}](/{image})\n")
            return f"{path.name}: shows {image} in its text"
        path = self.root / "content" / self.pictures.choice(self.images())
        self.write(path, tiny_image(self.pictures, path.suffix))
        return f"{path.name}: new bytes"

    def note(self):
        """A header note ('# …', as make new writes them): the build passes over it."""
        path = self.extra.choice([p for t in TYPES.values() for p in self.files(t)])
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        lines = header.split("\n")
        lines.insert(self.extra.randint(0, len(lines)), f"# {words(self.extra)}")
        self.write(path, "\n".join(lines) + "\n\n" + body)
        return f"{path.name}: note"

    def unfinished(self):
        """A draft with a required field left empty: a warning, and the item leaves every list.
        Not of the printed types (TechZine, bidbook): the PDF cases need some of those published."""
        ctype = self.extra.choice([t for t in TYPES.values() if self.files(t) and t.key not in ("techzine", "chapter")])
        path = self.extra.choice(self.files(ctype))
        field = self.extra.choice([f for f in ctype.fields if f.required and f.name != "Title"])
        self.write(path, set_field(set_field(path.read_text(encoding="utf-8"), "Status", "draft"), field.name, ""))
        return f"{path.name}: unfinished draft without {field.name}"

    def setting(self):
        name = self.rnd.choice(sorted(SETTINGS))
        self.overrides[name] = self.rnd.choice(SETTINGS[name])
        return f"setting {name} = {self.overrides[name]!r}"
