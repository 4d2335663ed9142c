"""How far each target is on a day, and the Dutch lines that say so: a part is ``met`` at its target, ``late`` past
its deadline, ``behind`` below the straight line to the target, else ``on_track``; a target has its worst part's.
An item counts on its first appearance in a count part's channels (``count``; README, *Counting rule*).
The Program Board's quarterly report (``reports``): every target at the end of each quarter begun, and what changed."""

import datetime
from collections import namedtuple
from dataclasses import dataclass, field

import dtz_content

PLACES = {"website": "op de website", "nieuwsbrief": "in de nieuwsbrief", "techzine": "in TechZine"}

STATUSES = ("met", "on_track", "behind", "late")  # best first: a target has the worst of its parts
STATUS_WORDS = {"met": "gehaald", "on_track": "op schema", "behind": "achter op schema", "late": "te laat"}
SOON = 30  # days: what is due this soon is named on the page and at the end of the build
CANDIDATE_FIELD = "pearl_status"  # a company's Pearl_status: the plan's candidate pearls, shown on /voortgang/ only
CANDIDATE = "kandidaat"
COUNTS_ON = {"event": "start"}  # a type counted on a field's day instead of its first appearance
CHANNELS = tuple(dict.fromkeys(t.channel for t in dtz_content.TYPES.values() if t.channel))  # in the model's order
Counted = namedtuple("Counted", "item first_date first_channel")  # an item that counts for a part, and when and where it first did


def count(part, catalog, as_of, year):
    """(counted, by_channel): the items that count for ``part`` by ``as_of``, in the order they were reached,
    and per channel the number of them shown there in ``year`` up to ``as_of``."""
    counted, by_channel = [], dict.fromkeys(CHANNELS, 0)
    until = min(as_of, part.deadline)
    for item in (item for item in catalog.published(part.type) if matches(item, part.filters)):
        shown = [a for a in catalog.appearances(item) if a.date <= as_of]  # nothing after the as-of date yet
        if (reached := first_counting_day(part, shown)) is None:
            continue
        field = COUNTS_ON.get(item.type)  # an event counts on the day it starts: a date, or the Amsterdam day of a moment
        day = reached[0] if field is None else dtz_content.dates.last_day(getattr(item, field))
        if day.year != year or day > until:
            continue
        counted.append(Counted(item, day, reached[1]))
        for channel in {a.channel for a in shown if a.date.year == year}:
            by_channel[channel] += 1
    counted.sort(key=lambda c: (c.first_date, CHANNELS.index(c.first_channel), c.item.slug))
    return tuple(counted), by_channel


def matches(item, filters):
    """Every filter's value is among the item's values of that field (without regard to case)."""
    have = {key: {str(v).casefold() for v in dtz_content.as_list(getattr(item.fields, key, None))} for key, _, _ in filters}
    return all(str(w).casefold() in have[key] for key, _, wanted in filters for w in (wanted if isinstance(wanted, list) else [wanted]))


def first_counting_day(part, appearances):
    """(day, channel) on which the item counts for ``part``, or None when it does not (yet); ``appearances``
    oldest first, as the catalog gives them."""
    firsts = {a.channel: a.date for a in reversed(appearances) if a.channel in part.channels}  # each channel's first day
    if not firsts or (part.rule == "all" and len(firsts) < len(part.channels)):
        return None
    day = (min if part.rule == "any" else max)(firsts.values())
    return day, next(c for c in part.channels if firsts.get(c) == day)  # ties: the model's channel order


def candidates(catalog, type_key):
    """Published items of the type marked as the plan's candidate pearls, by title; None for a type without the mark."""
    if not type_key or not dtz_content.TYPES[type_key].field(CANDIDATE_FIELD):
        return None
    return dtz_content.by_title(i for i in catalog.published(type_key) if getattr(i, CANDIDATE_FIELD) == CANDIDATE)


def item_entry(counted, marked):
    item = counted.item
    entry = {"slug": item.slug, "title": item.title, "first_date": counted.first_date.isoformat(), "first_channel": counted.first_channel}
    if marked:
        entry[CANDIDATE_FIELD] = getattr(item, CANDIDATE_FIELD)
    return entry


@dataclass(frozen=True)
class PartProgress:
    part: object  # dtz_content.plan.Part
    as_of: datetime.date
    value: int  # counted items, the latest reported figure, or 1 for a deliverable done
    target: int  # a deliverable's is 1
    expected: int
    status: str
    counted: tuple = ()  # count: Counted, in the order they were reached
    by_channel: dict = field(default_factory=dict)  # count: channel -> counted items shown there
    reports: tuple = ()  # figure: its Reports up to the as-of date, oldest first

    @property
    def percent(self):
        """Whole percent, halves rounded up: 5 of 8 is 63%."""
        return (200 * self.value + self.target) // (2 * self.target)

    @property
    def done(self):
        """A deliverable's day of completion, once it has come."""
        return self.part.done if self.part.measure == "deliverable" and self.part.done and self.part.done <= self.as_of else None

    @property
    def done_late(self):
        return self.done is not None and self.done > self.part.deadline

    @property
    def due_soon(self):
        """Not met, and the deadline within the next SOON days (today included)."""
        return self.status != "met" and 0 <= (self.part.deadline - self.as_of).days <= SOON


@dataclass(frozen=True)
class TargetProgress:
    target: object  # the content item (type "target")
    parts: tuple
    status: str
    number: str  # the target's: 1.2
    theme: int  # the number's first part

    @property
    def first(self):
        """The part that fills the keys a goal had (count, items, by_channel): the first count, else the first part."""
        return next((p for p in self.parts if p.part.measure == "count"), self.parts[0])


def expected_by(target, year, deadline, as_of):
    """The target pro rata for the days from 1 January of ``year`` up to and including ``as_of``, of the
    days up to the deadline; rounded down (0 before the year, the whole target from the deadline on)."""
    first = datetime.date(year, 1, 1)
    if as_of < first:
        return 0
    if as_of >= deadline:
        return target
    return target * ((as_of - first).days + 1) // ((deadline - first).days + 1)


def part_progress(part, catalog, as_of, year, reports=()):
    """``reports``: a figure's Reports, in any order."""
    counted, by_channel = (), {}
    if part.measure == "deliverable":
        value, target, expected = int(part.done is not None and part.done <= as_of), 1, int(as_of > part.deadline)
    else:
        target = part.target
        if part.measure == "count":
            counted, by_channel = count(part, catalog, as_of, year)
            value = len(counted)
        else:
            reports = tuple(sorted((r for r in reports if r.date <= as_of), key=lambda r: r.date))
            in_time = [r for r in reports if r.date <= part.deadline]
            value = in_time[-1].value if in_time else 0
        expected = expected_by(target, year, part.deadline, as_of)
    behind = value < expected and part.measure != "deliverable"
    status = "met" if value >= target else "late" if as_of > part.deadline else "behind" if behind else "on_track"
    return PartProgress(part, as_of, value, target, expected, status, counted, by_channel, reports if part.measure == "figure" else ())


def target_progress(item, catalog, as_of, year):
    parts = [part for _, part in item.part]
    reports = [report for _, report in item.report or ()]
    measured = tuple(
        part_progress(part, catalog, as_of, year, [r for r in reports if dtz_content.plan.report_part(r, parts) is part]) for part in parts
    )
    return TargetProgress(item, measured, max((p.status for p in measured), key=STATUSES.index), item.number, int(item.number.split(".")[0]))


def plan_progress(catalog, as_of, year):
    """Every published target, by number (1.2 before 1.10)."""
    items = sorted(catalog.published("target"), key=lambda i: tuple(int(n) for n in i.number.split(".")))
    return [target_progress(item, catalog, as_of, year) for item in items]


def summary_line(p, year):
    """Parels in beeld 2019: 5 van 8 (63%), verwacht per 1 juli 2019: 3 — op schema"""
    expected = f"verwacht per {dtz_content.dates.datum(p.as_of)}: {p.expected}"
    return f"{p.part.name} {year}: {p.value} van {p.target} ({p.percent}%), {expected} — {STATUS_WORDS[p.status]}"


def attention_line(t):
    """'Doel 1.6 Stakeholderbijeenkomst: te laat — …' or '… binnen 30 dagen — …'; None when neither."""
    late, soon = ([p for p in t.parts if p.status == "late"], [p for p in t.parts if p.due_soon])
    if not late and not soon:
        return None
    what, must, parts = ("te laat", "moest", late) if late else (f"binnen {SOON} dagen", "moet", soon)
    said = "; ".join(f"{p.part.name} ({state(p)}) {must} af zijn op {dtz_content.dates.datum(p.part.deadline)}" for p in parts)
    return f"Doel {t.number} {t.target.title}: {what} — {said}"


def state(p):
    """'3 van 8', 'nog niet opgeleverd'."""
    return ("opgeleverd" if p.done else "nog niet opgeleverd") if p.part.measure == "deliverable" else f"{p.value} van {p.target}"


def rule_text(part):
    """How an item counts, in Dutch: 'vanaf de eerste verschijning op de website of in de nieuwsbrief'."""
    places = [PLACES[c] for c in part.channels]
    joined = places[0] if len(places) == 1 else ", ".join(places[:-1]) + (" of " if part.rule == "any" else " én ") + places[-1]
    if part.type == "event":
        return f"op de dag dat het begint, zodra het {joined} is verschenen"
    if part.rule == "any":
        return f"vanaf de eerste verschijning {joined}"
    return f"vanaf de dag waarop het {joined} was verschenen"


@dataclass(frozen=True)
class Row:
    """One target in a report: now, and at the end of the quarter before (None in the first quarter)."""

    now: object  # TargetProgress
    before: object  # TargetProgress or None

    @property
    def changes(self):
        """Dutch phrases for what moved since the quarter before: 'Parels: 3 → 5 van 8', 'status: op schema → gehaald'."""
        if self.before is None:
            return []
        found = []
        if self.before.status != self.now.status:
            found.append(f"status: {STATUS_WORDS[self.before.status]} → {STATUS_WORDS[self.now.status]}")
        for was, part in zip(self.before.parts, self.now.parts):
            if part.part.measure == "deliverable":
                if part.done and not was.done:
                    found.append(f"{part.part.name}: opgeleverd op {dtz_content.dates.datum(part.done)}")
            elif part.value != was.value:
                found.append(f"{part.part.name}: {was.value} → {part.value} van {part.target}")
        return found


@dataclass(frozen=True)
class Report:
    """One quarter's report, which its page, PDF and e-mail show."""

    year: int
    slug: str  # 2019-k2
    title: str
    day: datetime.date  # what the report is as of: the quarter's last day, or the build's day while it runs
    final: bool  # the quarter is over: the report will not change any more
    themes: list  # [(number, name, [Row])]
    counts: dict  # {status: number of targets}, in the order of STATUS_WORDS
    due_next: list  # [(TargetProgress, PartProgress)] due in the next quarter and not met on ``day``

    @property
    def url(self):
        return f"voortgang/rapport/{self.slug}/"


def reports(catalog, as_of, year, themes):
    """A Report for every quarter of ``year`` begun on ``as_of``; none for a site without a plan (nothing to report)."""
    found, before = [], {}  # before: the targets at the end of the previous quarter, which the last round measured
    for quarter in range(1, 1 + (0 if as_of.year < year else 4 if as_of.year > year else (as_of.month - 1) // 3 + 1)):  # those begun
        end = dtz_content.plan.quarter_end(year, quarter)
        day = min(as_of, end)
        now = plan_progress(catalog, day, year)
        if not now:
            return []
        next_end = dtz_content.plan.quarter_end(year, quarter + 1) if quarter < 4 else end
        due = [(t, p) for t in now for p in t.parts if p.status != "met" and end < p.part.deadline <= next_end]
        grouped = [(n, name, [Row(t, before.get(t.number)) for t in now if t.theme == n]) for n, name in enumerate(themes, 1)]
        counts = {status: sum(row.now.status == status for _, _, rows in grouped for row in rows) for status in STATUS_WORDS}
        title = f"Kwartaalrapportage jaarplan {year}: {quarter}e kwartaal"
        found.append(Report(year, f"{year}-k{quarter}", title, day, day == end, grouped, counts, due))
        before = {t.number: t for t in now}  # a quarter before the current one has ended: day was its last day
    return found
