"""A synthetic DTZ content tree of any size, deterministic for a seed, valid for the build.

Every type of the content model (plugins/dtz_content/model.py) is present in
realistic proportions and lengths: pearls with an image, headings, lists and
links; events with start and end; CoPs with members; bidbook chapters; a few
pages; newsletter and TechZine issues that list earlier items; the
bedrijvenregister as an Excel workbook (2,500 rows from 1,000 items on, one row
per item up to 250 below that) that names every pearl's company. Text is Dutch-like
(real Dutch words, random order), so Markdown does real work. The bench's pearls show
24 camera photos (2 to 12 MP, some portraits with EXIF Orientation 6; bench/photos.py), made once
into bench/photo-cache/ and reused across the items, so images cost what real ones do.

    python bench/corpus.py 1000 /tmp/corpus   # writes /tmp/corpus/content and /tmp/corpus/newsletters
"""

import datetime
import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOTO_FOLDER = ROOT / "bench" / "photo-cache"  # generated once (gitignored), copied into every corpus
# 24 camera photos, 2 to 12 megapixels, every third a portrait stored with EXIF Orientation 6, all with GPS.
PHOTO_SIZES = [(1632, 1224), (2400, 1600), (3000, 2000), (3264, 2448), (4000, 3000), (4000, 3000)]
PHOTOS = 24
TODAY = datetime.date(2019, 12, 31)  # DTZ_TODAY of every benchmark build
FIRST_DAY = datetime.date(2012, 1, 1)

MUNICIPALITIES = ["Emmen", "Coevorden", "Hoogeveen", "Hardenberg"]
SECTORS = ["Chemie", "Kunststoffen", "Metaal en maakindustrie", "Energie", "Logistiek", "Agrofood", "Zorgtechnologie", "ICT"]

# Share of each type in a corpus of N items; pages are a fixed handful.
SHARES = {"pearl": 0.52, "event": 0.22, "cop": 0.08, "chapter": 0.04, "newsletter": 0.07, "techzine": 0.05}
PAGES = 6
# Series follow the calendar, not the number of items: issues are dated 2013-2019, with a
# monthly newsletter and a quarterly TechZine, and there is one bidbook (its chapters are
# rewritten, not added to). A site grows in pearls, events and CoPs; a corpus smaller than
# these series gets its share above instead.
SERIES = {"newsletter": 12 * 7, "techzine": 4 * 7, "chapter": 24}
# The bedrijvenregister is a list the municipalities keep, not content that grows with the site:
# 2,500 companies in every corpus of 1,000 items or more; below that the office's own size, 250
# companies (the plan asks 250 a year): the realistic size is 500 items and 250 rows.
REGISTER_ROWS = 2500
OFFICE_ROWS = 250
REGISTER = "content/bedrijven/bedrijven.xlsx"
REGISTER_COLUMNS = [
    "Name",
    "KvK",
    "Municipality",
    "Sector",
    "Place",
    "Website",
    "Description",
    "Added",
    "Address",
    "Postcode",
    "Employees",
    "Internships",
]

WORDS = (
    "de het een en van in op met voor door naar bij uit over om als dat die dit zijn wordt werkt "
    "bedrijf bedrijven regio techniek technische onderwijs leerlingen studenten school scholen mbo hbo "
    "samenwerking samen innovatie productie fabriek machines robots automatisering kwaliteit vakmanschap "
    "medewerkers monteurs operators ingenieurs opleiding stage praktijk kennis netwerk klanten markt "
    "energie warmte duurzaam circulair kunststof chemie metaal staal logistiek transport zorg voedsel "
    "gemeente provincie ondernemers overheid toekomst groei banen werkgelegenheid investering project "
    "ontwikkeling onderzoek laboratorium proces procestechniek onderhoud installatie software data "
    "nieuwe grote kleine sterke goede lokale regionale internationale moderne slimme veilige eigen "
    "maakt bouwt levert zoekt biedt helpt leert ontwikkelt verbetert investeert deelt ontmoet groeit"
).split()
PLACES = ["Emmen", "Coevorden", "Hoogeveen", "Hardenberg", "Klazienaveen", "Dalen", "Nieuw-Amsterdam", "Gramsbergen", "Schoonebeek"]
COMPANY_PARTS = ["Staal", "Polymeer", "Akker", "Warmte", "Vecht", "Noorder", "Venen", "Precisie", "Techno", "Zorg", "Data", "Hout", "Licht", "Kracht"]
COMPANY_ENDS = ["werk", "techniek", "systems", "fabriek", "groep", "solutions", "industrie", "lab"]


class Writer:
    """Builds the text of one corpus with its own random stream."""

    def __init__(self, seed):
        self.rnd = random.Random(seed)

    def words(self, low, high):
        return " ".join(self.rnd.choice(WORDS) for _ in range(self.rnd.randint(low, high)))

    def sentence(self):
        text = self.words(6, 18)
        return text[0].upper() + text[1:] + self.rnd.choice([".", ".", ".", "?", "!"])

    def paragraph(self, low=3, high=6):
        return " ".join(self.sentence() for _ in range(self.rnd.randint(low, high)))

    def title(self, low=2, high=5):
        text = self.words(low, high)
        return text[0].upper() + text[1:]

    def day(self, first=FIRST_DAY, last=TODAY):
        return first + datetime.timedelta(days=self.rnd.randint(0, (last - first).days))

    def body(self, sections, links=()):
        """Paragraphs under ## headings, a list, an emphasised line and links (external and internal)."""
        parts = [self.paragraph()]
        for number in range(sections):
            parts.append(f"## {self.title()}")
            parts.append(self.paragraph())
            if number == 0:
                parts.append("\n".join(f"- {self.words(3, 9)}" for _ in range(self.rnd.randint(3, 6))))
            if number == 1:
                parts.append(f"*{self.sentence()}* Lees meer op [de website](https://example.com/{self.rnd.randint(1, 9999)}).")
            parts.append(self.paragraph(2, 5))
        for target, label in links:
            parts.append(f"Zie ook [{label}]({{filename}}{target}).")
        return "\n\n".join(parts)


def counts(size):
    """Number of items per type for a corpus of ``size`` items in total."""
    found = {key: max(1, round(size * share)) for key, share in SHARES.items()}
    found.update({key: min(found[key], most) for key, most in SERIES.items()})
    found["page"] = PAGES
    found["pearl"] += size - sum(found.values())  # pearls absorb the rounding
    return found


def photos():
    """The bench's photos (file names in PHOTO_FOLDER), made once: again only when bench/photos.py changes."""
    from photos import photo_jpeg  # noqa: PLC0415 - bench/photos.py, beside this file

    stamp = hashlib.sha256((Path(__file__).parent / "photos.py").read_bytes() + repr((PHOTO_SIZES, PHOTOS)).encode()).hexdigest()
    names = [f"foto-{i:02d}.jpg" for i in range(PHOTOS)]
    if (PHOTO_FOLDER / "stamp").exists() and (PHOTO_FOLDER / "stamp").read_text() == stamp:
        return names
    shutil.rmtree(PHOTO_FOLDER, ignore_errors=True)
    PHOTO_FOLDER.mkdir(parents=True)
    for i, name in enumerate(names):
        width, height = PHOTO_SIZES[i % len(PHOTO_SIZES)]
        (PHOTO_FOLDER / name).write_bytes(photo_jpeg(width, height, seed=i, orientation=6 if i % 3 == 2 else 1))
    (PHOTO_FOLDER / "stamp").write_text(stamp)
    return names


def header(fields):
    return "\n".join(f"{key}: {value}" for key, value in fields if value is not None) + "\n\n"


STARTER_IMAGES = ROOT / "content" / "images" / "parels"  # small PNGs, for tests that build a corpus many times


def write_corpus(size, root, seed=2019, camera_photos=False):
    """Write a corpus of ``size`` items below ``root`` (content/ and newsletters/); return the counts.
    Its pearls and covers show the starter's small PNGs, or with ``camera_photos`` the bench's photos."""
    root = Path(root)
    shutil.rmtree(root, ignore_errors=True)
    content = root / "content"
    w = Writer(seed)
    n = counts(size)
    files = {}
    images = content / "images" / "parels"
    images.mkdir(parents=True)
    folder = PHOTO_FOLDER if camera_photos else STARTER_IMAGES
    images_list = photos() if camera_photos else sorted(p.name for p in STARTER_IMAGES.glob("*.png"))
    for image in images_list:
        shutil.copyfile(folder / image, images / image)
    shutil.copyfile(ROOT / "content" / "images" / "dtz-logo.png", content / "images" / "dtz-logo.png")  # the nieuwsbrief's logo

    dated = []  # (day, ref) of website items, for issues that list them
    pearls = []
    for i in range(n["pearl"]):
        slug = f"parel-{i:05d}"
        company = f"{w.rnd.choice(COMPANY_PARTS)}{w.rnd.choice(COMPANY_ENDS)} {w.rnd.choice(PLACES)}"
        day = w.day()
        image = w.rnd.choice(images_list)
        links = [(f"{p}.md", "een andere parel") for p in w.rnd.sample(pearls, min(2, len(pearls)))]
        text = (
            header(
                [
                    ("Title", f"{company}: {w.title()}"),
                    ("Date", day.isoformat()),
                    ("Company", f"{company} B.V."),
                    ("Municipality", w.rnd.choice(MUNICIPALITIES)),
                    ("Sector", w.rnd.choice(SECTORS)),
                    ("Website", f"https://example.com/{slug}"),
                    ("Image", f"images/parels/{image}"),
                    ("Image_alt", f"Illustratie bij {company}: {w.words(4, 10)}"),
                    ("Tags", ", ".join(w.rnd.sample(WORDS[40:], 3))),
                    ("Summary", w.sentence()),
                ]
            )
            + f"![{w.words(3, 6)}]({{static}}../images/parels/{image})\n\n"
            + w.body(w.rnd.randint(2, 4), links)
        )
        files[f"content/parels/{slug}.md"] = text
        pearls.append(slug)
        dated.append((day, f"parels/{slug}"))

    companies = list(dict.fromkeys(re.findall(r"^Company: (.*)$", "\n".join(files.values()), re.M)))
    companies = register_names(w, companies, REGISTER_ROWS if size >= 1000 else min(size, OFFICE_ROWS))

    for i in range(n["event"]):
        slug = f"evenement-{i:05d}"
        day = w.day()
        start = day + datetime.timedelta(days=w.rnd.randint(7, 90))
        timed = w.rnd.random() < 0.6
        if timed:
            hour = w.rnd.randint(9, 19)
            start_text, end_text = f"{start.isoformat()} {hour:02d}:00", f"{start.isoformat()} {hour + 3:02d}:30"
        else:
            start_text = start.isoformat()
            end_text = (start + datetime.timedelta(days=w.rnd.randint(0, 3))).isoformat() if w.rnd.random() < 0.5 else None
        text = header(
            [
                ("Title", w.title(3, 6)),
                ("Date", day.isoformat()),
                ("Start", start_text),
                ("End", end_text),
                ("Location", f"{w.title(1, 3)}, {w.rnd.choice(PLACES)}"),
                ("Municipality", w.rnd.choice(MUNICIPALITIES) if w.rnd.random() < 0.7 else None),
                ("Registration", f"https://example.com/aanmelden/{slug}" if w.rnd.random() < 0.5 else None),
                ("Companies", ", ".join(w.rnd.sample(companies, 2)) if w.rnd.random() < 0.3 else None),
                ("Summary", w.sentence()),
            ]
        ) + w.body(w.rnd.randint(0, 2))
        files[f"content/agenda/{slug}.md"] = text
        dated.append((day, f"agenda/{slug}"))

    for i in range(n["cop"]):
        slug = f"cop-{i:05d}"
        day = w.day()
        text = header(
            [
                ("Title", f"Cluster {w.title(1, 3).lower()}"),
                ("Date", day.isoformat()),
                ("Sector", w.rnd.choice(SECTORS)),
                ("Municipalities", ", ".join(w.rnd.sample(MUNICIPALITIES, w.rnd.randint(1, 3)))),
                ("Members", ", ".join(f"{w.rnd.choice(COMPANY_PARTS)}{w.rnd.choice(COMPANY_ENDS)} B.V." for _ in range(w.rnd.randint(3, 8)))),
                ("Contact", f"{slug}@dutchtechzone.nl"),
                ("Summary", w.sentence()),
            ]
        ) + w.body(w.rnd.randint(1, 3))
        files[f"content/cops/{slug}.md"] = text
        dated.append((day, f"cops/{slug}"))

    for i in range(n["chapter"]):
        picked = w.rnd.sample(MUNICIPALITIES, w.rnd.randint(1, 2)) if w.rnd.random() < 0.8 else ["regio"]
        text = header(
            [
                ("Title", f"Hoofdstuk {i + 1}: {w.title()}"),
                ("Order", i + 1),
                ("Municipalities", ", ".join(picked)),
                ("Sector", w.rnd.choice(SECTORS)),
                ("Summary", w.sentence()),
            ]
        ) + w.body(w.rnd.randint(4, 7))
        files[f"content/bidbook/hoofdstuk-{i + 1:04d}.md"] = text

    for i in range(n["page"]):
        files[f"content/pages/pagina-{i + 1}.md"] = header([("Title", f"Pagina {i + 1}: {w.title()}"), ("Summary", w.sentence())]) + w.body(3)

    dated.sort()
    issue_days = sorted(w.day(datetime.date(2013, 1, 1)) for _ in range(n["newsletter"] + n["techzine"]))
    w.rnd.shuffle(issue_days)
    for i in range(n["newsletter"]):
        day = issue_days[i]
        refs = [ref for d, ref in dated if d <= day]
        text = (
            header(
                [
                    ("Title", f"Nieuwsbrief {i + 1}: {w.title()}"),
                    ("Date", day.isoformat()),
                    ("Items", ", ".join(w.rnd.sample(refs, min(len(refs), w.rnd.randint(4, 8))))),
                    ("Preheader", w.sentence()),
                ]
            )
            + w.paragraph()
        )
        files[f"newsletters/nieuwsbrief-{i + 1:04d}.md"] = text
    for i in range(n["techzine"]):
        day = issue_days[n["newsletter"] + i]
        refs = [ref for d, ref in dated if d <= day]
        text = (
            header(
                [
                    ("Title", f"TechZine {i + 1}: {w.title()}"),
                    ("Date", day.isoformat()),
                    ("Number", i + 1),
                    ("Items", ", ".join(w.rnd.sample(refs, min(len(refs), w.rnd.randint(5, 10))))),
                    ("Cover", f"images/parels/{w.rnd.choice(images_list)}"),
                    ("Cover_alt", w.words(4, 8)),
                ]
            )
            + w.paragraph()
        )
        files[f"content/techzine/techzine-{i + 1:04d}.md"] = text

    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text + "\n", encoding="utf-8")
    write_register(w, companies, root / REGISTER, pearls=set(re.findall(r"^Company: (.*)$", "\n".join(files.values()), re.M)), logos=images_list)
    n["company"] = len(companies)
    return n


def register_names(w, named, rows):
    """``rows`` unique company names: the ones pearls name first, then more of the same make."""
    names = dict.fromkeys(named)
    while len(names) < rows:
        name = f"{w.rnd.choice(COMPANY_PARTS)}{w.rnd.choice(COMPANY_ENDS)} {w.rnd.choice(PLACES)}"
        names.setdefault(f"{name} B.V." if name + " B.V." not in names else f"{name} {len(names)} B.V.")
    return list(names)


def write_register(w, names, path, pearls=(), logos=()):
    """The register as an account manager keeps it in Excel: KvK as numbers, Added as dates."""
    import openpyxl  # noqa: PLC0415 - only the corpus writer needs it

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(REGISTER_COLUMNS)
    for number, name in enumerate(names):
        place = w.rnd.choice(PLACES)
        sheet.append(
            [
                name,
                4000000 + number,  # Excel drops the leading 0 of a Drenthe KvK number
                w.rnd.choice(MUNICIPALITIES),
                ", ".join(w.rnd.sample(SECTORS, w.rnd.choice((0, 1, 1, 1, 2)))) or None,
                place,
                f"https://example.com/bedrijf-{number:05d}",
                w.paragraph(1, 3),
                datetime.datetime.combine(w.day(datetime.date(2016, 1, 1)), datetime.time()),
                f"{w.title(1, 1)}weg {w.rnd.randint(1, 120)}" if w.rnd.random() < 0.8 else None,
                f"{w.rnd.randint(7700, 7999)} {w.rnd.choice(('AB', 'CD', 'KL', 'TX'))}" if w.rnd.random() < 0.8 else None,
                w.rnd.choice(("1-9", "10-49", "50-249", "250+", None)),
                w.rnd.choice(("ja", "nee", None)),
                *((f"images/parels/{w.rnd.choice(logos)}", f"Logo van {name}") if logos and w.rnd.random() < 0.3 else (None, None)),
                "parel" if name in pearls else "kandidaat" if w.rnd.random() < 0.05 else None,
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def edit_pearl(root, round_number):
    """Change one pearl's text (a new last line each round): the edit of the warm rebuild."""
    path = sorted((Path(root) / "content" / "parels").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8").rsplit("\n\nBewerkt:", 1)[0]
    path.write_text(f"{text}\n\nBewerkt: ronde {round_number}.\n", encoding="utf-8")
    return path


def add_pearl(root, round_number):
    """A new pearl, dated the corpus's last day (so it is on the home page too): the addition of
    rebuild (k). Made from the first pearl, with a title and file of its own each round."""
    source = sorted((Path(root) / "content" / "parels").glob("parel-*.md"))[0]
    text = source.read_text(encoding="utf-8").rsplit("\n\nBewerkt:", 1)[0]
    text = re.sub(r"^Title: .*$", f"Title: Toegevoegde parel {round_number}", text, count=1, flags=re.M)
    text = re.sub(r"^Date: .*$", f"Date: {TODAY.isoformat()}", text, count=1, flags=re.M)
    path = source.with_name(f"toegevoegd-{round_number:04d}.md")
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_corpus(int(sys.argv[1]), sys.argv[2], camera_photos=True))
