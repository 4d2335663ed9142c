"""The counting rule: an item counts on its first appearance in a count part's channels (an "all" part: once in
every one; an event: on its Start, once it has appeared) in the plan's year, by the as-of date and the deadline."""

import datetime
from dataclasses import dataclass

import dtz_content

CANDIDATE_FIELD = "pearl_status"  # a company's Pearl_status: the plan's candidate pearls, shown on /voortgang/ only
CANDIDATE = "kandidaat"
COUNTS_ON = {"event": "start"}  # a type counted on a field's day instead of its first appearance
CHANNELS = tuple(dict.fromkeys(t.channel for t in dtz_content.TYPES.values() if t.channel))  # in the model's order


@dataclass(frozen=True)
class Counted:
    item: object
    first_date: datetime.date
    first_channel: str


def count(part, catalog, as_of, year):
    """(counted, by_channel): the items that count for ``part`` by ``as_of``, in the order they were reached,
    and per channel the number of them shown there in ``year`` up to ``as_of``."""
    counted, by_channel = [], dict.fromkeys(CHANNELS, 0)
    until = min(as_of, part.deadline)
    for item in catalog.published(part.type):
        if not matches(item, part.filters):
            continue
        shown = [a for a in catalog.appearances(item) if a.date <= as_of]  # nothing after the as-of date yet
        reached = first_counting_day(part, shown)
        if reached is None:
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
    for key, _, wanted in filters:
        have = {str(v).casefold() for v in dtz_content.as_list(getattr(item.fields, key, None))}
        wanted = wanted if isinstance(wanted, list) else [wanted]
        if not all(str(w).casefold() in have for w in wanted):
            return False
    return True


def first_counting_day(part, appearances):
    """(day, channel) on which the item counts for ``part``, or None when it does not (yet); ``appearances``
    oldest first, as the catalog gives them."""
    firsts = {a.channel: a.date for a in reversed(appearances) if a.channel in part.channels}  # each channel's first day
    if not firsts or (part.rule == "all" and len(firsts) < len(part.channels)):
        return None
    day = (min if part.rule == "any" else max)(firsts.values())
    channel = next(c for c in part.channels if firsts.get(c) == day)  # ties: the model's channel order
    return day, channel


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
