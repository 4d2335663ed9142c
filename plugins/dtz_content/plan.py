"""The annual plan's header lines: a target's number, its parts (``Part: name; Measure: count; Type: parel; Target: 8``:
what is measured, by when) and its reports (README "Goals (voortgang)" gives the syntax). The model hands the kinds
its types, so this module knows no model."""

import datetime
import re
from dataclasses import dataclass

from .hints import did_you_mean
from .kinds import Invalid, Kind, Moment

MEASURES = ("count", "figure", "deliverable")
QUARTER = re.compile(r"^(\d{4})-[Kk]([1-4])$")
SEGMENT = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
YES = ("ja", "yes")
DEFAULT_YEAR = 2019


def plan_year(settings):
    """DTZ_PLAN_YEAR, the year of the plan's deadlines; a value that is no year counts as the default (dtz_goals reports it)."""
    value = (settings or {}).get("DTZ_PLAN_YEAR") or DEFAULT_YEAR
    return value if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 9999 else DEFAULT_YEAR


def quarter_end(year, quarter):
    """The last day of a quarter: 2019-K2 is 30 June 2019."""
    return datetime.date(year + quarter // 4, quarter % 4 * 3 + 1, 1) - datetime.timedelta(days=1)  # the next one's first, less a day


@dataclass(frozen=True)
class Part:
    """One measured part of a target. ``deadline`` is a date; ``due`` how the editor wrote it ('' for none)."""

    name: str
    measure: str  # count, figure or deliverable
    deadline: datetime.date
    due: str
    target: int | None = None  # count and figure
    type: str | None = None  # count: the model key of the type counted
    rule: str = "any"  # count: "any" channel or "all" of them
    channels: tuple = ()
    filters: tuple = ()  # count: ((field key, field name, value), ...)
    done: datetime.date | None = None  # deliverable: the day it was done
    evidence: str | None = None  # deliverable: a link, or a path on this site (a page, a PDF)
    example: bool = False


@dataclass(frozen=True)
class Report:
    """A reported figure: its value on a date, and where it comes from."""

    part: str | None  # the figure part's name; None: the target's only figure
    date: datetime.date
    value: int
    source: str
    example: bool = False


def segments(raw, field_name):
    """(name or None, {key: (spelling, value)}) of a line 'name; Key: value; …'."""
    name, keyed = None, {}
    for index, part in enumerate(p.strip() for p in raw.split(";")):
        if not part:
            continue
        if not (found := SEGMENT.match(part)):
            if index == 0:
                name = part
                continue
            expected = f"segmenten als Deadline: 2019-K2, gescheiden door ';' (zie {field_name} in docs/redactie.md)"
            raise Invalid(f"'{part}' is geen 'Sleutel: waarde'", expected)
        key, value = found.group(1), found.group(2).strip()
        if key.lower() in keyed:
            raise Invalid(f"{key} staat er twee keer in", "elke sleutel één keer per regel")
        keyed[key.lower()] = (key, value)
    return name, keyed


def deadline_of(keyed, settings):
    """(date, as written): a date or quarter in the plan's year; none given: the year's last day."""
    year = plan_year(settings)
    expected = f"een datum in {year} als {year}-06-30 of een kwartaal als {year}-K2"
    if "deadline" not in keyed:
        return datetime.date(year, 12, 31), ""
    written = keyed.pop("deadline")[1]
    if quarter := QUARTER.match(written):
        day = quarter_end(int(quarter.group(1)), int(quarter.group(2)))
    elif re.fullmatch(r"\d{4}-[Qq][1-4]", written):
        raise Invalid(f"Deadline '{written}' is geen kwartaal", f"{expected} (bedoelde u '{written[:5]}K{written[-1]}'?)")
    else:
        day = when(written, "Deadline", expected)
    if day.year != year:
        raise Invalid(f"Deadline {written} ligt buiten het jaarplan {year}", expected)
    return day, written


def when(written, key, expected):
    """A date (no time) in a segment, or Invalid naming the segment."""
    try:
        day = Moment()(written, None)
    except Invalid as invalid:
        raise Invalid(f"{key}: {invalid.what}", invalid.expected or expected) from None
    return day.date() if isinstance(day, datetime.datetime) else day


def whole(keyed, key, minimum=0):
    """The segment ``key``, taken out of ``keyed``, as a whole number of at least ``minimum``."""
    spelling, value = keyed.pop(key)
    if not re.fullmatch(r"\d+", value) or int(value) < minimum:
        raise Invalid(f"{spelling} '{value}' is geen heel getal", f"een heel getal van {minimum} of meer, zoals {spelling}: 8")
    return int(value)


def example(keyed):
    return keyed.pop("example", ("", "nee"))[1].strip().lower() in YES


class PartLine(Kind):
    """``Part:`` — one part of a target: its measure, deadline and target (syntax: README *Goals (voortgang)*)."""

    expects = (
        "naam; Measure: count, figure of deliverable; Deadline: 2019-K2 of 2019-06-30 (leeg: eind van het jaar); "
        "bij count: Type, Target, Channels en filters zoals Municipality: Emmen; bij figure: Target; "
        "bij deliverable: Done en Evidence als het af is; Example: ja voor een voorbeeld"
    )

    examples = (
        "Parels in beeld; Measure: count; Type: parel; Channels: website of nieuwsbrief of techzine; Target: 8",
        "Stakeholderbijeenkomst; Measure: count; Type: evenement; Kind: stakeholderbijeenkomst; Target: 1; Deadline: 2019-K2",
        "Profielen in de stage-app; Measure: figure; Target: 100; Deadline: 2019-K4",
        "Marketingplan; Measure: deliverable; Deadline: 2019-K2; Done: 2019-06-20; Evidence: https://www.example.com/marketingplan.pdf",
    )

    def __init__(self, types, shown_in):
        """Parts counting items of ``types`` (the model's ContentTypes) in the channels of ``shown_in``."""
        self.types = {t.key: t for t in types}
        self.channels = tuple(dict.fromkeys(t.channel for t in shown_in))

    def __call__(self, raw, ctx):
        name, keyed = segments(raw, "Part")
        if not name:
            raise Invalid("heeft geen naam", "eerst de naam van het onderdeel, dan '; Measure: …', zoals: Marketingplan; Measure: deliverable")
        is_example = example(keyed)
        if "measure" not in keyed:
            expected = "voeg toe: Measure: count (tellen), Measure: figure (gemeld cijfer) of Measure: deliverable (op te leveren)"
            raise Invalid(f"'{name}' heeft geen Measure", expected)
        measure = keyed.pop("measure")[1].lower()
        if measure not in MEASURES:
            raise Invalid(f"Measure '{measure}' is onbekend", "count, figure of deliverable" + did_you_mean(measure, MEASURES))
        deadline, due = deadline_of(keyed, ctx.settings)
        part = {"name": name, "measure": measure, "deadline": deadline, "due": due, "example": is_example}
        if measure == "deliverable":
            part.update(self.deliverable(keyed))
        elif "target" not in keyed:
            raise Invalid(f"'{name}' heeft geen Target", "het aantal dat het doel vraagt, zoals Target: 8")
        else:
            part.update(target=whole(keyed, "target", 1), **(self.count(keyed, ctx) if measure == "count" else {}))
        if keyed:
            raise Invalid(f"{next(iter(keyed.values()))[0]} hoort niet bij Measure: {measure}", self.expects)
        return Part(**part)

    def deliverable(self, keyed):
        found = {"done": when(keyed.pop("done")[1], "Done", "de dag waarop het af was, als 2019-06-20")} if "done" in keyed else {}
        if "evidence" in keyed:
            evidence = keyed.pop("evidence")[1]
            if not re.match(r"^(https?://\S+|/\S*)$", evidence):
                expected = "een webadres (https://…) of een pad op deze site, zoals /bidbook/ of /techzine/nummer-1/techzine.pdf"
                raise Invalid(f"Evidence '{evidence}' is geen link", expected)
            found["evidence"] = evidence
        return found

    def count(self, keyed, ctx):
        names = {t.name: key for key, t in self.types.items()}
        if "type" not in keyed:
            raise Invalid("Type ontbreekt bij Measure: count", "wat er geteld wordt: " + ", ".join(names))
        written = keyed.pop("type")[1]
        key = names.get(written.lower(), written.lower())  # the editors' name, or the model's key
        if key not in self.types:
            raise Invalid(f"Type '{written}' is onbekend", "een van: " + ", ".join(names) + did_you_mean(written, list(names)))
        rule, channels = self.channels_of(keyed.pop("channels", ("Channels", ""))[1], self.types[key])
        filters = tuple(self.filter(self.types[key], spelling, value, ctx) for spelling, value in keyed.values())
        keyed.clear()
        return {"type": key, "rule": rule, "channels": channels, "filters": filters}

    def channels_of(self, written, ctype):
        """'website of nieuwsbrief' (any of them) or 'website en nieuwsbrief' (all); none: the type's own channel."""
        if not written:
            return "any", (ctype.channel or "website",)
        words = [w for w in re.split(r"\s*,\s*|\s+of\s+|\s+en\s+", written.strip().lower()) if w]
        expected = "kanalen uit " + ", ".join(self.channels) + ", met 'of' (één is genoeg) of 'en' (alle), zoals website of nieuwsbrief"
        if unknown := next((word for word in words if word not in self.channels), None):
            raise Invalid(f"Channels: kanaal '{unknown}' is onbekend", expected + did_you_mean(unknown, self.channels))
        if re.search(r"\s+en\s+", written) and re.search(r"\s+of\s+", written):
            raise Invalid("Channels mengt 'en' en 'of'", expected)
        return "all" if re.search(r"\s+en\s+", written) else "any", tuple(c for c in self.channels if c in words)

    def filter(self, ctype, spelling, value, ctx):
        """A filter segment: a field of the counted type and a value that field accepts."""
        field = ctype.field(spelling)
        if field is None or field.repeat or field.key in ("title", "slug", "status", "summary", "date"):
            usable = [f.name for f in ctype.fields if f.key not in ("title", "slug", "status", "summary", "date") and not f.repeat]
            expected = "een veld van " + ctype.name + ": " + ", ".join(usable) + did_you_mean(spelling, usable)
            raise Invalid(f"filter {spelling} is geen veld van {ctype.name}", expected)
        try:
            parsed = field.kind(value, ctx)
        except Invalid as invalid:
            raise Invalid(f"filter {field.name}: {invalid.what}", invalid.expected or field.kind.describe(ctx.settings)) from None
        return field.key, field.name, parsed[0] if isinstance(parsed, list) and len(parsed) == 1 else parsed


class ReportLine(Kind):
    """``Report:`` — a reported figure: its date, value and source."""

    examples = ("Profielen in de stage-app; Date: 2019-10-15; Value: 45; Source: beheer stage-app",)
    expects = "naam van het onderdeel (mag weg bij één figure); Date: 2019-10-15; Value: 45; Source: waar het cijfer vandaan komt; Example: ja voor een voorbeeld"

    def __call__(self, raw, ctx):
        name, keyed = segments(raw, "Report")
        is_example = example(keyed)
        for key, expected in (
            ("date", "Date: de dag van de meting, als 2019-10-15"),
            ("value", "Value: het gemelde aantal, zoals Value: 45"),
            ("source", "Source: waar het cijfer vandaan komt"),
        ):
            if key not in keyed:
                raise Invalid(f"{key.capitalize()} ontbreekt", expected)
        day = when(keyed.pop("date")[1], "Date", "de dag van de meting, als 2019-10-15")
        value = whole(keyed, "value")
        source = keyed.pop("source")[1]
        if keyed:
            raise Invalid(f"{next(iter(keyed.values()))[0]} hoort niet bij Report", self.expects)
        return Report(name, day, value, source, is_example)


class TargetNumber(Kind):
    """The target's number in the plan: theme, dot, position ('1.6'); the theme is one of DTZ_PLAN_THEMES."""

    expects = "thema en nummer, zoals 1.6 (thema 1, punt 6)"

    def __call__(self, raw, ctx):
        value = raw.strip()
        if not (found := re.fullmatch(r"(\d+)\.(\d+)", value)):
            raise Invalid(f"'{value}' is geen doelnummer")
        themes = list(ctx.settings.get("DTZ_PLAN_THEMES") or ())
        if themes and not 1 <= int(found.group(1)) <= len(themes):
            raise Invalid(f"thema {found.group(1)} bestaat niet", f"{self.expects}; thema's 1 tot en met {len(themes)} (DTZ_PLAN_THEMES)")
        return f"{int(found.group(1))}.{int(found.group(2))}"


def check_reports(values, lines):
    """Rule: every Report names a figure part of its target (none needed when there is one), once per date; not judged
    while a Part line is wrong (its own line says so)."""
    if "part" not in values:
        return []
    figures = [part.name for _, part in values.get("part", ()) if part.measure == "figure"]
    problems, seen = [], set()
    for line, report in values.get("report", ()):
        name = report.part or (figures[0] if len(figures) == 1 else None)
        if not figures:
            expected = "een Part met Measure: figure, of haal deze Report-regel weg"
            problems.append((line, "Report", "dit doel heeft geen onderdeel met Measure: figure", expected))
        elif name is None:
            problems.append((line, "Report", "noemt geen onderdeel", "begin met de naam van het onderdeel: " + " of ".join(figures)))
        elif name not in figures:
            problems.append((line, "Report", f"'{name}' is geen onderdeel met Measure: figure", " of ".join(figures) + did_you_mean(name, figures)))
        elif (name, report.date) in seen:
            problems.append((line, "Report", f"'{name}' is op {report.date.isoformat()} al gemeld", "één melding per dag; pas de eerdere regel aan"))
        seen.add((name, report.date))
    names = [part.name for _, part in values["part"]]
    for earlier, (line, part) in enumerate(values["part"]):
        if part.name in names[:earlier]:
            problems.append((line, "Part", f"'{part.name}' staat er twee keer", "een eigen naam per onderdeel"))
    return problems


def report_part(report, parts):
    """The figure part a Report belongs to (checked by :func:`check_reports`)."""
    figures = [p for p in parts if p.measure == "figure"]
    return next((p for p in figures if p.name == report.part), figures[0] if report.part is None and len(figures) == 1 else None)
