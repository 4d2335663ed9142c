"""The GOALS setting: read once, checked, and turned into Goal objects.

A bad setting stops the build like a content error does: one line per
problem, ``pelicanconf.py:line: GOALS: what is wrong — what is expected``.
"""

import re
from dataclasses import dataclass

import dtz_content

DEFAULT_GOALS = [
    {"name": "parels", "label": "Parels", "type": "pearl", "year": 2019, "target": 8, "channels": {"any": ["website", "nieuwsbrief", "techzine"]}},
    {"name": "cops", "label": "CoP's", "type": "cop", "year": 2019, "target": 3, "channels": {"all": ["website", "nieuwsbrief"]}},
    {"name": "bedrijven", "label": "Bedrijfsprofielen", "type": "company", "year": 2019, "target": 250, "channels": {"any": ["website"]}},
]
KEYS = ("name", "label", "type", "year", "target", "channels")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Every channel an item can appear through, in the model's order: website, nieuwsbrief, techzine.
CHANNELS = tuple(dict.fromkeys(t.channel for t in dtz_content.TYPES.values() if t.channel))
# Types whose items can be counted: everything except the issues that are channels themselves.
COUNTABLE = tuple(key for key, t in dtz_content.TYPES.items() if t.channel in (None, "website"))
CHANNEL_NAMES = {"website": "Website", "nieuwsbrief": "Nieuwsbrief", "techzine": "TechZine"}
CHANNEL_PLACES = {"website": "op de website", "nieuwsbrief": "in de nieuwsbrief", "techzine": "in TechZine"}


@dataclass(frozen=True)
class Goal:
    name: str
    label: str
    type: str
    year: int
    target: int
    rule: str  # "any": the first appearance in one of the channels counts; "all": the day all were reached
    channels: tuple

    def rule_text(self):
        """How an item counts, in Dutch: 'vanaf de eerste verschijning op de website of in de nieuwsbrief'."""
        places = [CHANNEL_PLACES[c] for c in self.channels]
        joined = places[0] if len(places) == 1 else ", ".join(places[:-1]) + (" of " if self.rule == "any" else " én ") + places[-1]
        if self.rule == "any":
            return f"vanaf de eerste verschijning {joined}"
        return f"vanaf de dag waarop het {joined} was verschenen"


class BadGoal(Exception):
    """One thing wrong with one goal: ``what`` and ``expected`` become a Problem."""

    def __init__(self, what, expected):
        super().__init__(what)
        self.what, self.expected = what, expected


def read_goals(settings):
    """(goals, problems): the valid goals, and a Problem for every bad one."""
    raw = settings.get("GOALS", DEFAULT_GOALS)
    if not isinstance(raw, (list, tuple)):
        return [], [problem("is geen lijst", "een lijst van doelen, elk een dict met " + ", ".join(KEYS))]
    goals, problems, names = [], [], set()
    for number, entry in enumerate(raw, 1):
        where = f"doel {number}" + (f" ({entry['name']})" if isinstance(entry, dict) and isinstance(entry.get("name"), str) else "")
        try:
            goal = parse_goal(entry)
            if goal.name in names:
                raise BadGoal(f"name '{goal.name}' komt twee keer voor", "een unieke name per doel")
            names.add(goal.name)
            goals.append(goal)
        except BadGoal as bad:
            problems.append(problem(f"{where}: {bad.what}", bad.expected))
    return goals, problems


def parse_goal(entry):
    if not isinstance(entry, dict):
        raise BadGoal("is geen dict", "een dict met " + ", ".join(KEYS))
    missing = [key for key in KEYS if key not in entry]
    unknown = [str(key) for key in entry if key not in KEYS]
    if missing:
        raise BadGoal(f"{', '.join(missing)} ontbreekt", "elk doel heeft " + ", ".join(KEYS))
    if unknown:
        raise BadGoal(f"onbekende sleutel {', '.join(unknown)}", "alleen " + ", ".join(KEYS))
    name, label, ctype, year, target = (entry[key] for key in KEYS[:5])
    if not isinstance(name, str) or not NAME.match(name):
        raise BadGoal(f"name {name!r} is ongeldig", "kleine letters, cijfers en '-', zoals 'parels'")
    if not isinstance(label, str) or not label.strip():
        raise BadGoal("label is leeg", "een naam voor mensen, zoals 'Parels'")
    if ctype not in COUNTABLE:
        raise BadGoal(f"type {ctype!r} is onbekend", "een van: " + ", ".join(COUNTABLE))
    if not whole(year) or not 1900 <= year <= 9999:
        raise BadGoal(f"year {year!r} is geen jaartal", "een jaartal als 2019")
    if not whole(target) or target < 1:
        raise BadGoal(f"target {target!r} is geen positief geheel getal", "een geheel getal van 1 of meer")
    rule, channels = parse_channels(entry["channels"])
    return Goal(name, label.strip(), ctype, year, target, rule, channels)


def parse_channels(value):
    expected = "{'any': [...]} of {'all': [...]} met kanalen uit: " + ", ".join(CHANNELS)
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in ("any", "all"):
        raise BadGoal(f"channels {value!r} is ongeldig", expected)
    rule, channels = next(iter(value.items()))
    if not isinstance(channels, (list, tuple)) or not channels:
        raise BadGoal(f"channels.{rule} is geen lijst met kanalen", expected)
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        raise BadGoal(f"kanaal {unknown[0]!r} is onbekend", expected)
    if len(set(channels)) != len(channels):
        raise BadGoal(f"channels.{rule} noemt een kanaal twee keer", expected)
    return rule, tuple(c for c in CHANNELS if c in channels)


def whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def problem(what, expected):
    return dtz_content.setting_problem("GOALS", what, expected)


def publish(settings):
    """GOALS_PUBLISH: write /voortgang/ (default True); the summary prints either way."""
    return bool(settings.get("GOALS_PUBLISH", True))
