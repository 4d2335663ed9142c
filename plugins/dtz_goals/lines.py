"""The Dutch lines the build ends with: one per count part (as the three counters always printed), and
one per target that is late or has a part due within the next 30 days."""

from dtz_content import dates

from .progress import SOON, STATUS_WORDS


def summary_line(p, year):
    """Parels in beeld 2019: 5 van 8 (63%), verwacht per 1 juli 2019: 3 — op schema"""
    return (
        f"{p.part.name} {year}: {p.value} van {p.target} ({p.percent}%), verwacht per {dates.datum(p.as_of)}: {p.expected} — {STATUS_WORDS[p.status]}"
    )


def attention_line(t):
    """'Doel 1.6 Stakeholderbijeenkomst: te laat — …' or '… binnen 30 dagen — …'; None when neither."""
    late = [p for p in t.parts if p.status == "late"]
    soon = [p for p in t.parts if p.due_soon]
    if not late and not soon:
        return None
    head = f"Doel {t.number} {t.target.title}: "
    if late:
        return head + "te laat — " + "; ".join(f"{p.part.name} ({state(p)}) moest af zijn op {dates.datum(p.part.deadline)}" for p in late)
    return head + f"binnen {SOON} dagen — " + "; ".join(f"{p.part.name} ({state(p)}) moet af zijn op {dates.datum(p.part.deadline)}" for p in soon)


def state(p):
    """'3 van 8', 'nog niet opgeleverd'."""
    if p.part.measure == "deliverable":
        return "opgeleverd" if p.done else "nog niet opgeleverd"
    return f"{p.value} van {p.target}"
