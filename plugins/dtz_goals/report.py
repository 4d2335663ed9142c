"""The Program Board's quarterly report: every target's status at the end of a quarter (or today, while it
runs), what changed since the quarter before, and what is due in the next; its page, PDF and e-mail show one Report."""

import datetime
from dataclasses import dataclass

import dtz_content

from .progress import STATUS_WORDS, plan_progress


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
    year: int
    quarter: int
    day: datetime.date  # what the report is as of: the quarter's last day, or the build's day while it runs
    themes: list  # [(number, name, [Row])]
    due_next: list  # [(TargetProgress, PartProgress)] due in the next quarter and not met on ``day``

    @property
    def slug(self):
        return f"{self.year}-k{self.quarter}"

    @property
    def url(self):
        return f"voortgang/rapport/{self.slug}/"

    @property
    def title(self):
        return f"Kwartaalrapportage jaarplan {self.year}: {self.quarter}e kwartaal"

    @property
    def final(self):
        """The quarter is over: the report will not change any more."""
        return self.day == dtz_content.plan.quarter_end(self.year, self.quarter)

    @property
    def counts(self):
        """{status: number of targets}, in the order of STATUS_WORDS."""
        rows = [row for _, _, rows in self.themes for row in rows]
        return {status: sum(row.now.status == status for row in rows) for status in STATUS_WORDS}


def reports(catalog, as_of, year, themes):
    """A Report for every quarter of ``year`` begun on ``as_of``; none for a site without a plan (nothing to report)."""
    found, before = [], {}  # before: the targets at the end of the previous quarter, which the last round measured
    for quarter in range(1, 1 + (0 if as_of.year < year else 4 if as_of.year > year else (as_of.month - 1) // 3 + 1)):  # those begun
        end = dtz_content.plan.quarter_end(year, quarter)
        day = min(as_of, end)
        now = plan_progress(catalog, day, year)
        if not now:
            return []
        rows = [Row(t, before.get(t.number)) for t in now]
        next_end = dtz_content.plan.quarter_end(year, quarter + 1) if quarter < 4 else end
        due = [(t, p) for t in now for p in t.parts if p.status != "met" and end < p.part.deadline <= next_end]
        grouped = [(n, name, [row for row in rows if row.now.theme == n]) for n, name in enumerate(themes, 1)]
        found.append(Report(year, quarter, day, grouped, due))
        before = {t.number: t for t in now}  # a quarter before the current one has ended: day was its last day
    return found
