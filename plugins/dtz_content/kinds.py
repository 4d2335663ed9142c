"""Field kinds: turn one raw header value into a typed value, or say what is wrong. Each kind's ``expects`` text is
read by both the validator and the editor guide, so the error message and the documentation never drift apart."""

import datetime
import os
import re
from urllib.parse import urlsplit

from dtz_contract import AMSTERDAM, inside

from . import dates
from .hints import did_you_mean, files_below, meant


class Invalid(Exception):
    """A value that does not fit its field: ``what`` is wrong, ``expected`` instead."""

    def __init__(self, what, expected=None):
        super().__init__(what)
        self.what, self.expected = what, expected


class Kind:
    expects = "tekst"

    def describe(self, settings=None):
        return self.expects


class Text(Kind):
    def __call__(self, raw, ctx):
        if not raw.strip():
            raise Invalid("is leeg")
        return raw.strip()


class TextList(Kind):
    expects = "een of meer namen, gescheiden door komma's"

    def __call__(self, raw, ctx):
        return split_list(raw)


class Moment(Kind):
    """A date, or a date with a time; a date alone stays a ``datetime.date``."""

    expects = "een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM"
    pattern = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")

    def __call__(self, raw, ctx):
        if not (match := self.pattern.match(raw.strip())):
            raise Invalid(f"'{raw}' is geen geldige datum", self.expects + meant(other_date_form(raw.strip())))
        numbers = [int(number) for number in match.groups() if number is not None]  # year, month, day (hour, minute)
        try:
            return datetime.date(*numbers) if len(numbers) == 3 else datetime.datetime(*numbers, tzinfo=AMSTERDAM)
        except ValueError:
            raise Invalid(f"'{raw}' bestaat niet als datum of tijd") from None


DATE_FORMS = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[ T,]+(?P<time>.+))?$"),
    re.compile(r"^(?P<day>\d{1,2})[-/. ](?P<month>\d{1,2})[-/. ](?P<year>\d{4})(?:[ T,]+(?P<time>.+))?$"),
    re.compile(r"^(?P<day>\d{1,2}) (?P<name>[a-z]+)\.? (?P<year>\d{4})(?:[ ,]+(?P<time>.+))?$"),
)
TIME = re.compile(r"^(?:om )?(?P<hour>\d{1,2})(?:(?P<sep>[:.u])(?P<minute>\d{2}))?\s*(?P<uur>u|uur)?$")


def other_date_form(text):
    """A date (and time) written another common way (31-12-2019, 31 december 2019; 12.00, 12u30, 12:00 uur) in the
    header's form, or None when it is none of those or no real day and time."""
    if (parts := next((found.groupdict() for found in (form.match(text.lower()) for form in DATE_FORMS) if found), None)) is None:
        return None
    # the month's number, or the one month a name ('dec', 'december') starts like
    months = [parts["month"]] if parts.get("month") else [n for n, name in enumerate(dates.MONTHS, 1) if name.startswith(parts["name"][:3])]
    time = TIME.match(parts["time"].strip()) if parts["time"] else None
    if len(months) != 1 or parts["time"] and not (time and (time["minute"] or time["uur"])):
        return None
    hour, minute = (int(time["hour"]), int(time["minute"] or 0)) if time else (0, 0)
    try:  # no such day, hour or minute: no other form either
        found = datetime.datetime(int(parts["year"]), int(months[0]), int(parts["day"]), hour, minute)
    except ValueError:
        return None
    return found.isoformat(" ", "minutes") if time else found.date().isoformat()


class OneOf(Kind):
    """A value from a configured list; matching ignores case, output uses the list's spelling."""

    def __init__(self, setting, extra=()):
        self.setting, self.extra = setting, tuple(extra)

    def describe(self, settings=None):
        if settings and self.choices(settings):
            return "een van: " + ", ".join(self.choices(settings))
        extra = "".join(f" of '{e}'" for e in self.extra)
        return f"een waarde uit de instelling {self.setting}{extra}"

    def choices(self, settings):
        return list(settings.get(self.setting, ())) + list(self.extra)

    def __call__(self, raw, ctx):
        return self.pick(raw.strip(), ctx.settings)

    def pick(self, value, settings):
        wanted = value.lower()
        for choice in self.choices(settings):
            if choice.lower() == wanted:
                return choice
        raise Invalid(f"'{value}' is niet bekend", self.describe(settings) + did_you_mean(value, self.choices(settings)))


class ManyOf(OneOf):
    def describe(self, settings=None):
        return "een of meer, gescheiden door komma's; " + super().describe(settings)

    def __call__(self, raw, ctx):
        return [self.pick(v, ctx.settings) for v in split_list(raw, self.describe(ctx.settings))]


class Pattern(Kind):
    """A value ``pattern`` matches whole once ``clean``ed, kept as ``typed`` makes it of the match; else '… is geen ``noun``'."""

    clean = staticmethod(str.strip)
    typed = staticmethod(lambda found: found[0])

    def __call__(self, raw, ctx):
        value = self.clean(raw)
        if not (found := re.fullmatch(self.pattern, value)):
            raise Invalid(f"'{value}' is geen {self.noun}")
        return self.typed(found)


class WholeNumber(Pattern):
    expects, pattern, noun = "een heel getal, zoals 3", r"-?\d+", "heel getal"
    typed = staticmethod(lambda found: int(found[0]))


class Slug(Pattern):
    expects, pattern, noun = "kleine letters, cijfers en streepjes, zoals mijn-bedrijf", r"[a-z0-9]+(-[a-z0-9]+)*", "geldige slug"


class KvkNumber(Pattern):
    """A Chamber of Commerce number: 8 digits; seven get back the leading zero Excel drops (Drenthe's begin with 0)."""

    expects, pattern, noun = "een KvK-nummer van 8 cijfers, zoals 04123456", r"[\s.]*(\d[\s.]*){7,8}", "KvK-nummer"
    typed = staticmethod(lambda found: re.sub(r"\D", "", found[0]).zfill(8))


class Postcode(Pattern):
    """A Dutch postcode, written the one way: 1234 AB."""

    expects, pattern, noun = "een postcode als 1234 AB", r"([1-9]\d{3}) ?([A-Za-z]{2})", "postcode"
    typed = staticmethod(lambda found: f"{found[1]} {found[2].upper()}")


class Email(Pattern):
    expects, noun = "een e-mailadres als naam@voorbeeld.nl", "geldig e-mailadres"
    pattern = r"[^@\s,;<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    clean = staticmethod(lambda raw: re.sub(r"^mailto:", "", raw.strip(), flags=re.I))


class Url(Kind):
    expects = "een volledig webadres dat begint met https:// of http://"

    def __call__(self, raw, ctx):
        value = raw.strip()
        try:
            parts = urlsplit(value)
        except ValueError:  # an address urllib cannot split ('http://[abc'): the same line as any other bad one
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            raise Invalid(f"'{value}' is geen volledig webadres")
        return value


class Image(Kind):
    expects = "een pad binnen content/ naar een bestaande afbeelding, zoals images/hal.png"
    suffixes = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

    def __call__(self, raw, ctx):
        value = raw.strip().lstrip("/").removeprefix("content/")
        if not value.lower().endswith(self.suffixes):
            raise Invalid(f"'{raw.strip()}' is geen afbeelding", self.expects + " (png, jpg, gif, webp of svg)")
        path = os.path.join(ctx.content_path, value)
        if not inside(path, ctx.content_path):
            raise Invalid(f"'{value}' ligt buiten content/")
        ctx.looked_for.add(path)
        if not os.path.isfile(path):
            raise Invalid(f"'{value}' bestaat niet", self.expects + did_you_mean(value, files_below(ctx.content_path, self.suffixes)))
        return value


class Choice(Kind):
    def __init__(self, *choices):
        self.choices = choices
        self.expects = " of ".join(filter(None, (", ".join(choices[:-1]), choices[-1])))

    def __call__(self, raw, ctx):
        value = raw.strip().lower()
        if value not in self.choices:
            raise Invalid(f"'{raw.strip()}' is niet toegestaan", self.expects + did_you_mean(raw, self.choices))
        return value


class Refs(Kind):
    """Slugs of items of ``types`` (the model's ContentTypes), resolved once every file is read."""

    def __init__(self, *types):
        self.type_keys = tuple(t.key for t in types)
        names = ", ".join(t.plural.lower() for t in types)  # "parels, communities of practice, evenementen"
        self.expects = f"slugs van gepubliceerde {names}, gescheiden door komma's (bij twijfel met map: parels/slug)"

    def __call__(self, raw, ctx):
        values = split_list(raw, self.describe())
        if twice := next((v for i, v in enumerate(values) if v in values[:i]), None):
            raise Invalid(f"'{twice}' staat er twee keer in", "elk stuk één keer")  # an issue shows each item once; a repeat is a copy-paste slip
        return values


class SitePaths(Kind):
    """Former addresses of an item on this site: paths such as /parels/oude-naam/ (they redirect)."""

    expects = "een of meer paden op deze site die met / beginnen, zoals /parels/oude-naam/, gescheiden door komma's"
    pattern = re.compile(r"/([A-Za-z0-9._~%-]+/)*([A-Za-z0-9._~%-]+\.html?)?")

    def __call__(self, raw, ctx):
        values = split_list(raw)
        for value in values:
            if "://" in value or value.startswith("www."):
                path = urlsplit(value if "://" in value else "https://" + value).path or "/"
                raise Invalid(f"'{value}' is een volledig webadres", "alleen het pad op deze site" + meant(path))
            value = value if value.startswith("/") else "/" + value
            if not value.endswith(("/", ".html", ".htm")) and self.pattern.fullmatch(value + "/"):
                raise Invalid(f"'{value}' eindigt niet op /", "een pad dat op / eindigt" + meant(value + "/"))
            if ".." in value.split("/") or not self.pattern.fullmatch(value) or value == "/":
                raise Invalid(f"'{value}' is geen pad op deze site")
        return ["/" + v.lstrip("/") for v in values]


class Names(Kind):
    """Names of items of ``ctype`` (a pearl's Company), matched on their title without case once every item is read.
    ``strict``: a name that matches none is a warning; otherwise it stays text (a school among a CoP's members)."""

    def __init__(self, ctype, many=False, strict=True):
        self.type_key, self.label, self.many, self.strict = ctype.key, ctype.label.lower(), many, strict

    def describe(self, settings=None):
        if self.many:
            return f"namen, gescheiden door komma's; de naam van een {self.label} uit het register wordt een link"
        return f"de naam van een {self.label} uit het register, zoals in de kolom Name (hoofdletters maken niet uit)"

    def __call__(self, raw, ctx):
        return split_list(raw) if self.many else Text()(raw, ctx)


def as_list(value):
    """A field's typed value as a list: a many-valued kind's list as it is, one value alone, nothing empty."""
    return list(value) if isinstance(value, list) else [value] if value else []


def split_list(raw, expected=None):
    """The comma-separated values of ``raw``: at least one, else Invalid."""
    if not (values := [part.strip() for part in raw.split(",") if part.strip()]):
        raise Invalid("is leeg", expected)
    return values


status = Choice("published", "draft")
pearl_status = Choice("parel", "kandidaat")
event_kind = Choice("stakeholderbijeenkomst", "beurs", "promotiedag", "congres", "regionaal-event", "netwerkbijeenkomst", "open-dag", "workshop")
