"""The content model as data: one table per content type. Validation, the editor guide's field tables (docs/redactie.md),
``make new`` and the error messages all derive from these tables. Adding a field is one line."""

import os
from dataclasses import dataclass, field

from . import kinds as k
from . import passages, plan
from .dates import moment


@dataclass(frozen=True)
class Field:
    name: str
    kind: k.Kind
    required: bool = False
    help: str = ""
    unique: bool = False  # no two items of the type may share the value
    markup: bool = False  # Markdown, rendered to HTML; every other field is plain text, escaped wherever it appears
    repeat: bool = False  # may be given on several lines (a target's Part:); its value: [(line, value), ...]
    key: str = field(init=False, repr=False, compare=False)  # the name lower-cased, as Pelican does metadata keys

    def __post_init__(self):  # the key is asked for every field of every item a build: worked out once
        object.__setattr__(self, "key", self.name.lower())


@dataclass(frozen=True)
class ContentType:
    key: str  # used in code and in the guide's markers: "pearl"
    label: str  # Dutch, singular: "Parel"
    plural: str  # Dutch, plural: "Parels"
    folder: str  # below content/, or the name of a setting that holds a path
    fields: tuple
    url: str | None = None  # None: no page of its own
    template: str | None = None  # None: dtz_content writes no page (another plugin may)
    index_url: str | None = None
    channel: str | None = None  # "website", "nieuwsbrief", "techzine": where items appear
    folder_setting: str | None = None  # folder comes from this setting, relative to the project
    rules: tuple = field(default=())  # checks across header fields: rule(valid values, {key: line} of the fields filled in)
    body_checks: tuple = field(default=())  # checks of the text: check(text, ctx) -> [(line, field, what, expected)]
    sheet: str | None = None  # items are the rows of one spreadsheet in the folder: <sheet>.xlsx or <sheet>.csv
    title_field: str = "Title"  # the field that is the item's title (a company's Name)
    date_field: str = "Date"  # the field whose day is the item's date: published (and counted) from then on
    recurs: bool = False  # items may share a title (an event held every year); otherwise a shared title is a warning
    name: str = ""  # what editors call the type: make new TYPE=<name>, a plan's 'Type: <name>'; by default the label
    class_name: str = ""  # Pelican URL settings are named after it (PEARL_URL); by default the key capitalised

    def __post_init__(self):
        object.__setattr__(self, "name", self.name or self.label.lower())
        object.__setattr__(self, "class_name", self.class_name or self.key.capitalize())

    def field(self, name):
        return next((f for f in self.fields if f.key == name.lower()), None)


def type_folder(ctype, content_path, settings):
    """Absolute folder of a content type: below content/, or from a setting relative to the project."""
    if ctype.folder_setting:
        path = settings.get(ctype.folder_setting, ctype.folder)
        return path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.abspath(content_path)), path)
    return os.path.join(os.path.abspath(content_path), ctype.folder)


def needs(name, when):
    """Rule: field ``name`` is required as soon as field ``when`` is given."""

    def rule(values, lines):
        if when.lower() in lines and name.lower() not in lines:  # filled in, right or wrong: both are said at once
            return [(lines.get(when.lower()), name, "ontbreekt", f"verplicht zodra {when} is ingevuld")]
        return []

    return rule


def not_before(later, earlier):
    """Rule: ``later`` may not lie before ``earlier`` (dates or moments)."""

    def rule(values, lines):
        a, b = values.get(later.lower()), values.get(earlier.lower())
        if a is None or b is None or moment(a) >= moment(b):
            return []
        return [(lines.get(later.lower()), later, f"ligt vóór {earlier}", f"een moment op of na {earlier}")]

    return rule


COMMON_END = (
    Field("Slug", k.Slug(), help="Het laatste deel van het webadres; standaard de bestandsnaam."),
    Field("Summary", k.Text(), help="Korte samenvatting (een of twee zinnen) voor overzichten, zoekmachines en feeds; Markdown mag.", markup=True),
    Field("Status", k.status, help="'draft' houdt het stuk achter als concept; standaard 'published'."),
)

ALIASES = Field(
    "Aliases",
    k.SitePaths(),
    help="Vroegere webadressen van dit stuk, zoals /parels/oude-naam/; bezoekers en zoekmachines gaan daar naar het huidige adres.",
)
LANGUAGES = {"nl": "Nederlands", "en": "Engels"}  # the first is the site's own; every other is a translation's
LANG = Field(
    "Lang",
    k.Choice(*LANGUAGES),
    help="'en' maakt het stuk de Engelse vertaling van het Nederlandse stuk met dezelfde Slug (make new TAAL=en); standaard nl.",
)
DATE = Field("Date", k.Moment(), True, "Publicatiedatum (Europe/Amsterdam). Een datum na vandaag wordt automatisch op die dag gepubliceerd.")
TITLE = Field("Title", k.Text(), True, "Titel van het stuk.")

COMPANY = ContentType(
    key="company",
    label="Bedrijf",
    plural="Bedrijven",
    folder="bedrijven",
    sheet="bedrijven",
    url="bedrijven/{slug}/",
    index_url="bedrijven/",  # pages written by dtz_register
    channel="website",
    title_field="Name",
    date_field="Added",
    fields=(
        Field("Name", k.Text(), True, "Naam van het bedrijf; uniek. Het webadres van het profiel komt ervan.", unique=True),
        Field("KvK", k.KvkNumber(), True, "KvK-nummer; uniek. Een nummer dat Excel zonder voorloopnul bewaarde, wordt weer 8 cijfers.", unique=True),
        Field("Municipality", k.OneOf("DTZ_MUNICIPALITIES"), True, "Gemeente waar het bedrijf zit."),
        Field("Sector", k.ManyOf("DTZ_SECTORS"), help="Speerpuntsectoren, gescheiden door komma's; leeg voor een bedrijf buiten de speerpunten."),
        Field("Place", k.Text(), True, "Plaats (woonkern) van het bedrijf, zoals Klazienaveen."),
        Field("Website", k.Url(), True, "Website van het bedrijf."),
        Field("Description", k.Text(), True, "Korte beschrijving: wat het bedrijf maakt of doet."),
        Field(
            "Added",
            k.Moment(),
            True,
            "Datum waarop het profiel is toegevoegd; telt mee voor het doel van dat jaar. Een datum na vandaag verschijnt op die dag.",
        ),
        Field("Address", k.Text(), help="Straat en huisnummer van de vestiging (algemeen bezoekadres, geen woonadres)."),
        Field("Postcode", k.Postcode(), help="Postcode van de vestiging."),
        Field("Employees", k.Choice("1-9", "10-49", "50-249", "250+"), help="Aantal medewerkers, als grootteklasse."),  # the EU's size classes
        Field("Internships", k.Choice("ja", "nee"), help="Neemt het bedrijf stagiairs of leerlingen (bbl) aan?"),
        Field("Logo", k.Image(), help="Logo, pad binnen content/, zoals images/bedrijven/naam.png."),
        Field("Logo_alt", k.Text(), help="Tekst voor wie het logo niet ziet, zoals 'Logo van …'; verplicht bij Logo."),
        Field("Pearl_status", k.pearl_status, help="'parel' of 'kandidaat' (kandidaat-parel); alleen zichtbaar op /voortgang/, nooit op de website."),
    ),
    rules=(needs("Logo_alt", when="Logo"),),
)

PEARL = ContentType(
    key="pearl",
    label="Parel",
    plural="Parels",
    folder="parels",
    url="parels/{slug}/",
    template="pearl",
    index_url="parels/",
    channel="website",
    fields=(
        TITLE,
        DATE,
        Field("Company", k.Names(COMPANY), True, "Naam van het bedrijf; het profiel in het bedrijvenregister krijgt een link naar deze parel."),
        Field("Municipality", k.OneOf("DTZ_MUNICIPALITIES"), True, "Gemeente waar het bedrijf zit."),
        Field("Sector", k.OneOf("DTZ_SECTORS"), True, "Speerpuntsector van het bedrijf."),
        Field("Website", k.Url(), help="Website van het bedrijf."),
        Field("Image", k.Image(), help="Foto of illustratie, pad binnen content/."),
        Field("Image_alt", k.Text(), help="Beschrijving van de afbeelding voor wie haar niet ziet; verplicht bij Image."),
        Field("Tags", k.TextList(), help="Trefwoorden, gescheiden door komma's; elk trefwoord krijgt een pagina /trefwoord/<naam>/."),
        *COMMON_END,
        ALIASES,
        LANG,
    ),
    rules=(needs("Image_alt", when="Image"),),
)

COP = ContentType(
    key="cop",
    name="cop",
    label="Community of Practice",
    plural="Communities of Practice",
    folder="cops",
    url="cops/{slug}/",
    template="cop",
    index_url="cops/",
    channel="website",
    fields=(
        TITLE,
        DATE,
        Field("Sector", k.OneOf("DTZ_SECTORS"), True, "Speerpuntsector van de CoP."),
        Field("Municipalities", k.ManyOf("DTZ_MUNICIPALITIES"), help="Gemeenten waar de CoP actief is."),
        Field(
            "Members",
            k.Names(COMPANY, many=True, strict=False),
            help="Deelnemende organisaties, gescheiden door komma's; bedrijven uit het register krijgen een link.",
        ),
        Field("Contact", k.Email(), help="E-mailadres van de contactpersoon."),
        *COMMON_END,
        ALIASES,
        LANG,
    ),
)

EVENT = ContentType(
    key="event",
    label="Evenement",
    plural="Evenementen",
    folder="agenda",
    url="agenda/{slug}/",
    template="event",
    index_url="agenda/",
    channel="website",
    recurs=True,
    fields=(
        TITLE,
        DATE,
        Field("Start", k.Moment(), True, "Begin; alleen een datum betekent de hele dag. Telt voor het jaarplan op deze dag."),
        Field("End", k.Moment(), help="Einde, niet vóór Start; laat weg bij een enkel moment."),
        Field("Location", k.Text(), True, "Plaats en adres van het evenement."),
        Field("Municipality", k.OneOf("DTZ_MUNICIPALITIES"), help="Gemeente, als het evenement in de regio is."),
        Field("Registration", k.Url(), help="Webadres waar lezers zich aanmelden."),
        Field("Kind", k.event_kind, help="Soort evenement, voor de doelen van het jaarplan; niet op de website."),
        Field(
            "Companies",
            k.Names(COMPANY, many=True),
            help="Bedrijven uit het register die meedoen (gastheer, sprekers), gescheiden door komma's; hun profiel toont het evenement.",
        ),
        *COMMON_END,
        ALIASES,
        LANG,
    ),
    rules=(not_before("End", "Start"),),
)

CHAPTER = ContentType(
    key="chapter",
    name="hoofdstuk",
    label="Bidbook-hoofdstuk",
    plural="Bidbook-hoofdstukken",
    folder="bidbook",
    fields=(
        TITLE,
        Field("Order", k.WholeNumber(), True, "Volgorde in het bidbook: 1 komt eerst."),
        Field(
            "Municipalities",
            k.ManyOf("DTZ_MUNICIPALITIES", extra=("regio",)),
            True,
            "Gemeenten waarvoor het hoofdstuk geldt, of 'regio' voor de hele regio.",
        ),
        Field("Sector", k.OneOf("DTZ_SECTORS"), help="Speerpuntsector waar het hoofdstuk over gaat."),
        *COMMON_END,
        LANG,
    ),
    body_checks=(passages.check,),  # '::: gemeente …' passages name known municipalities
)

PAGE = ContentType(
    key="page", label="Pagina", plural="Pagina's", folder="pages", url="{slug}/", template="page", fields=(TITLE, *COMMON_END, ALIASES, LANG)
)

NEWSLETTER = ContentType(
    key="newsletter",
    label="Nieuwsbrief",
    plural="Nieuwsbrieven",
    folder="newsletters",
    folder_setting="NEWSLETTER_PATH",
    channel="nieuwsbrief",
    url="nieuwsbrief/{slug}/",
    index_url="nieuwsbrief/",  # pages written by dtz_newsletter
    fields=(
        TITLE,
        DATE,
        Field("Items", k.Refs(PEARL, COP, EVENT), True, "De parels, CoPs en evenementen in deze nieuwsbrief, in volgorde."),
        Field("Preheader", k.Text(), help="Korte regel die e-mailprogramma's naast het onderwerp tonen."),
        *(f for f in COMMON_END if f.name != "Summary"),
        ALIASES,
    ),
)

TECHZINE = ContentType(
    key="techzine",
    name="techzine",
    class_name="TechzineIssue",
    label="TechZine-nummer",
    plural="TechZine-nummers",
    folder="techzine",
    channel="techzine",
    url="techzine/{slug}/",
    index_url="techzine/",  # pages written by dtz_techzine
    fields=(
        TITLE,
        DATE,
        Field("Number", k.WholeNumber(), True, "Nummer van de uitgave; uniek.", unique=True),
        Field("Items", k.Refs(PEARL, COP, EVENT, PAGE), True, "De stukken in dit nummer, in volgorde."),
        Field("Cover", k.Image(), help="Omslagafbeelding, pad binnen content/."),
        Field("Cover_alt", k.Text(), help="Beschrijving van de omslag; verplicht bij Cover."),
        *(f for f in COMMON_END if f.name != "Summary"),
        ALIASES,
        LANG,
    ),
    rules=(needs("Cover_alt", when="Cover"),),
)

TARGET = ContentType(
    key="target",
    name="doel",
    label="Doel",
    plural="Doelen",
    folder="jaarplan",  # internal: no page, feed, sitemap or search entry; dtz_goals shows it on /voortgang/
    fields=(
        Field("Title", k.Text(), True, "Korte naam van het doel, zoals 'Acht parels in beeld'."),
        Field("Number", plan.TargetNumber(), True, "Nummer in het jaarplan: thema, punt, plaats; het thema komt uit DTZ_PLAN_THEMES.", unique=True),
        Field("Owner", k.Text(), True, "Wie het doel trekt (naam of rol)."),
        Field(
            "Part",
            plan.PartLine((PEARL, COP, EVENT, CHAPTER, PAGE, COMPANY), shown_in=(PEARL, NEWSLETTER, TECHZINE)),
            True,
            "Een onderdeel van het doel, één regel per onderdeel: wat er gemeten wordt en wanneer het af moet zijn.",
            repeat=True,
        ),
        Field("Report", plan.ReportLine(), help="Een gemeld cijfer voor een onderdeel met Measure: figure, één regel per melding.", repeat=True),
        Field("Slug", k.Slug(), help="Naam voor het doel in goals.json; standaard de bestandsnaam."),
        Field("Status", k.status, help="'draft' houdt het doel buiten /voortgang/; standaard 'published'."),
    ),
    rules=(plan.check_reports,),
)

TYPES = {t.key: t for t in (PEARL, COP, EVENT, CHAPTER, PAGE, NEWSLETTER, TECHZINE, COMPANY, TARGET)}
