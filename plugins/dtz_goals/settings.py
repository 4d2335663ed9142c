"""dtz_goals' settings, read once: the plan's year and themes, GOALS_PUBLISH, and the old GOALS refused.

The targets themselves are content (``content/jaarplan/``, type ``target`` in the content model).
"""

import dtz_content

# Every channel an item can appear through, in the model's order: website, nieuwsbrief, techzine.
CHANNELS = tuple(dict.fromkeys(t.channel for t in dtz_content.TYPES.values() if t.channel))
CHANNEL_NAMES = {"website": "Website", "nieuwsbrief": "Nieuwsbrief", "techzine": "TechZine"}
CHANNEL_PLACES = {"website": "op de website", "nieuwsbrief": "in de nieuwsbrief", "techzine": "in TechZine"}
FOLDER = "content/" + dtz_content.TYPES["target"].folder + "/"


def problems(settings):
    """A DTZ_PLAN_YEAR that is no year, and a GOALS setting left in pelicanconf.py (the targets are files now), stop the build."""
    found = []
    value = settings.get("DTZ_PLAN_YEAR", dtz_content.plan.DEFAULT_YEAR)
    if value != dtz_content.plan.plan_year({"DTZ_PLAN_YEAR": value}):
        found.append(dtz_content.setting_problem("DTZ_PLAN_YEAR", f"'{value}' is geen jaartal", "een jaartal als 2019", settings))
    if "GOALS" not in settings:
        return found
    return found + [
        dtz_content.setting_problem(
            "GOALS",
            "de doelen staan niet meer in de instellingen",
            f"één bestand per doel in {FOLDER} (make new TYPE=doel); haal GOALS weg uit pelicanconf.py",
            settings,
        )
    ]


def themes(settings):
    """DTZ_PLAN_THEMES: the plan's themes in order; a target numbered 2.3 belongs to the second."""
    return list(settings.get("DTZ_PLAN_THEMES") or ())


def year(settings):
    return dtz_content.plan.plan_year(settings)


def publish(settings):
    """GOALS_PUBLISH: write /voortgang/ (default True); the summary prints either way."""
    return bool(settings.get("GOALS_PUBLISH", True))


def rule_text(part):
    """How an item counts, in Dutch: 'vanaf de eerste verschijning op de website of in de nieuwsbrief'."""
    places = [CHANNEL_PLACES[c] for c in part.channels]
    joined = places[0] if len(places) == 1 else ", ".join(places[:-1]) + (" of " if part.rule == "any" else " én ") + places[-1]
    if part.type == "event":
        return f"op de dag dat het begint, zodra het {joined} is verschenen"
    if part.rule == "any":
        return f"vanaf de eerste verschijning {joined}"
    return f"vanaf de dag waarop het {joined} was verschenen"
