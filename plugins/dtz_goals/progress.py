"""How far each target of the plan is on a day: every part measured, a status per part and per target.

A part is ``met`` once its value reaches its target (a deliverable: once done), ``late`` when its
deadline has passed without that, ``behind`` when a count or figure is below the straight line from
zero at the start of the plan's year to the target at the deadline, else ``on_track``. A deliverable is
on track until its deadline. Counts and figures are taken up to the deadline: what comes after it is
too late for this target. A target has the worst status of its parts.
"""

import datetime
from dataclasses import dataclass, field

import dtz_content

from .counting import count

STATUSES = ("met", "on_track", "behind", "late")  # best first: a target has the worst of its parts
STATUS_WORDS = {"met": "gehaald", "on_track": "op schema", "behind": "achter op schema", "late": "te laat"}
SOON = 30  # days: what is due this soon is named on the page and at the end of the build


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
        part = self.part
        return part.done if part.measure == "deliverable" and part.done and part.done <= self.as_of else None

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

    @property
    def number(self):
        return self.target.number

    @property
    def theme(self):
        return int(self.target.number.split(".")[0])

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
        value, target = int(part.done is not None and part.done <= as_of), 1
        expected = int(as_of > part.deadline)
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
    if value >= target:
        status = "met"
    elif as_of > part.deadline:
        status = "late"
    elif value >= expected or part.measure == "deliverable":
        status = "on_track"
    else:
        status = "behind"
    return PartProgress(part, as_of, value, target, expected, status, counted, by_channel, reports if part.measure == "figure" else ())


def target_progress(item, catalog, as_of, year):
    parts = [part for _, part in item.part]
    reports = [report for _, report in item.report or ()]
    measured = tuple(
        part_progress(part, catalog, as_of, year, [r for r in reports if dtz_content.plan.report_part(r, parts) is part]) for part in parts
    )
    return TargetProgress(item, measured, max((p.status for p in measured), key=STATUSES.index))


def plan_progress(catalog, as_of, year):
    """Every published target, by number (1.2 before 1.10)."""
    items = sorted(catalog.published("target"), key=lambda i: tuple(int(n) for n in i.number.split(".")))
    return [target_progress(item, catalog, as_of, year) for item in items]
