"""The counting rule: which items count towards a goal, on which day, and how far along it is.

An item counts for year Y when its first appearance (for an "all" goal: the
day it had appeared in every required channel) falls in Y and on or before the
as-of date. Only appearances in the goal's own channels are looked at.
"""

import datetime
from dataclasses import dataclass

import dtz_content

from .settings import CHANNELS

CANDIDATE_FIELD = "pearl_status"  # a company's Pearl_status: the plan's candidate pearls, shown on /voortgang/ only
CANDIDATE = "kandidaat"
STATUS_WORDS = {"met": "gehaald", "on_track": "op schema", "behind": "achter op schema"}


@dataclass(frozen=True)
class Counted:
    item: object
    first_date: datetime.date
    first_channel: str


@dataclass(frozen=True)
class Progress:
    goal: object
    as_of: datetime.date
    counted: tuple  # Counted, in the order they were reached
    by_channel: dict  # channel -> number of counted items shown there in the year, up to as_of
    expected: int
    status: str

    @property
    def count(self):
        return len(self.counted)

    @property
    def percent(self):
        """Whole percent, halves rounded up: 5 of 8 is 63%."""
        return (200 * self.count + self.goal.target) // (2 * self.goal.target)


def progress(goal, catalog, as_of):
    """How far ``goal`` is on ``as_of``, counted from the catalog's appearances."""
    counted, by_channel = [], dict.fromkeys(CHANNELS, 0)
    for item in catalog.published(goal.type):
        shown = [a for a in catalog.appearances(item) if a.date <= as_of]  # nothing after the as-of date yet
        reached = first_counting_day(goal, shown)
        if reached is None or reached[0].year != goal.year:
            continue
        counted.append(Counted(item, *reached))
        for channel in {a.channel for a in shown if a.date.year == goal.year}:
            by_channel[channel] += 1
    counted.sort(key=lambda c: (c.first_date, CHANNELS.index(c.first_channel), c.item.slug))
    expected = expected_by(goal, as_of)
    return Progress(goal, as_of, tuple(counted), by_channel, expected, status(len(counted), goal.target, expected))


def first_counting_day(goal, appearances):
    """(day, channel) on which the item counts for ``goal``, or None when it does not (yet)."""
    firsts = {}
    for appearance in appearances:
        if appearance.channel in goal.channels:
            day = firsts.get(appearance.channel)
            firsts[appearance.channel] = appearance.date if day is None else min(day, appearance.date)
    if not firsts or (goal.rule == "all" and len(firsts) < len(goal.channels)):
        return None
    pick = min if goal.rule == "any" else max
    day = pick(firsts.values())
    channel = next(c for c in goal.channels if firsts.get(c) == day)  # ties: the model's channel order
    return day, channel


def expected_by(goal, as_of):
    """The target pro rata for the days of the year elapsed up to and including ``as_of``, rounded down."""
    first, last = datetime.date(goal.year, 1, 1), datetime.date(goal.year, 12, 31)
    if as_of < first:
        return 0
    if as_of >= last:
        return goal.target
    days = (last - first).days + 1
    return goal.target * ((as_of - first).days + 1) // days


def status(count, target, expected):
    if count >= target:
        return "met"
    return "on_track" if count >= expected else "behind"


def summary_line(p):
    """Parels 2019: 5 van 8 (63%), verwacht per 1 juli 2019: 3 — op schema"""
    goal = p.goal
    return (
        f"{goal.label} {goal.year}: {p.count} van {goal.target} ({p.percent}%), "
        f"verwacht per {dtz_content.dates.datum(p.as_of)}: {p.expected} — {STATUS_WORDS[p.status]}"
    )


def candidates(catalog, type_key):
    """Published items of the type marked as the plan's candidate pearls, by title; None for a type without the mark."""
    if not dtz_content.TYPES[type_key].field(CANDIDATE_FIELD):
        return None
    return dtz_content.by_title(i for i in catalog.published(type_key) if getattr(i, CANDIDATE_FIELD) == CANDIDATE)


def item_entry(counted, marked):
    entry = {
        "slug": counted.item.slug,
        "title": counted.item.title,
        "first_date": counted.first_date.isoformat(),
        "first_channel": counted.first_channel,
    }
    if marked:
        entry[CANDIDATE_FIELD] = getattr(counted.item, CANDIDATE_FIELD)
    return entry


def as_json(progresses, as_of, marked=None):
    """goals.json as a dict, keys in a fixed order; ``marked``: goal name -> its type's candidates (or None)."""
    marked = marked or {}
    return {
        "as_of": as_of.isoformat(),
        "goals": [
            {
                "name": p.goal.name,
                "label": p.goal.label,
                "type": p.goal.type,
                "year": p.goal.year,
                "target": p.goal.target,
                "count": p.count,
                "items": [item_entry(c, marked.get(p.goal.name) is not None) for c in p.counted],
                "by_channel": dict(p.by_channel),
                "expected_by_as_of": p.expected,
                "status": p.status,
                **(
                    {"pearl_candidates": [{"slug": i.slug, "title": i.title} for i in marked[p.goal.name]]}
                    if marked.get(p.goal.name) is not None
                    else {}
                ),
            }
            for p in progresses
        ],
    }
