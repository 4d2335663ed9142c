"""Goals (voortgang): the annual plan's targets measured on the build's day (README "Goals (voortgang)"): summary
lines at every build; with GOALS_PUBLISH /voortgang/ (noindex), goals.json and the quarterly reports."""

import datetime
import json

from pelican import signals

import dtz_build
import dtz_content
import dtz_newsletter
import dtz_print

from .progress import CHANNELS, STATUS_WORDS, attention_line, candidates, item_entry, plan_progress, reports, rule_text, summary_line

URL = "voortgang/"
CHANNEL_NAMES = {"website": "Website", "nieuwsbrief": "Nieuwsbrief", "techzine": "TechZine"}
WIDTH, HEIGHT = 640, 260  # the progress chart (chart below)
LEFT, RIGHT, TOP, BOTTOM = 44, 96, 24, 36  # room for axis labels and the line labels on the right
FRAME = {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}  # the plot's edges


def summary(settings):
    """The lines for the end of the build: set by generate_output, printed on finalized; kept by the run."""
    return dtz_build.current(settings).keep_for("dtz_goals", list)


class GoalsGenerator(dtz_print.PrintingGenerator):
    """Writes /voortgang/; a printing generator for the quarterly reports' PDFs."""

    quarterly = ()  # this run's quarterly reports (none when GOALS_PUBLISH is off)

    def generate_context(self):
        dtz_content.catalog(self.context).problems.extend(settings_problems(self.settings))

    def print_documents(self, printer):
        return {
            r.slug: printer.document("rapport.typ", r.url + "rapport.pdf", url=r.url, title=r.title, report=r, status_words=STATUS_WORDS)
            for r in self.quarterly
        }

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        as_of, year, themes = (catalog.today, dtz_content.plan.plan_year(self.settings), list(self.settings.get("DTZ_PLAN_THEMES") or ()))
        targets = plan_progress(catalog, as_of, year)
        lines = [summary_line(p, year) for t in targets for p in t.parts if p.part.measure == "count"]
        summary(self.settings)[:] = lines + [line for line in map(attention_line, targets) if line]
        if not self.settings.get("GOALS_PUBLISH", True):  # the summary prints either way
            return
        marked = {key: candidates(catalog, key) for key in {p.part.type for t in targets for p in t.parts if p.part.measure == "count"}}
        entries = [target_entry(t, year, themes, marked) for t in targets]
        data = json.dumps({"as_of": as_of.isoformat(), "year": year, "targets": entries}, ensure_ascii=False, indent=2) + "\n"
        dtz_build.write_output(self.settings, self.output_path, URL + "goals.json", data.encode("utf-8"))
        shared = {"noindex": True, "as_of": as_of, "year": year, "status_words": STATUS_WORDS}
        pages = [page_values(t, year, marked) for t in targets]
        themed = [{"number": n, "name": name, "targets": [v for v in pages if v["t"].theme == n]} for n, name in enumerate(themes, 1)]
        due = [(t, p) for t in targets for p in t.parts if p.due_soon]
        dtz_content.write_page(self, writer, URL, "goals/voortgang", themes=themed, due=due, **shared)
        self.quarterly = reports(catalog, as_of, year, themes)
        self.write_reports(writer, shared)
        for values in pages:  # a page per target: its words, and every part in full (counted items, charts)
            named = {"channel_names": CHANNEL_NAMES, "theme_name": themes[values["t"].theme - 1]}
            dtz_content.write_page(self, writer, template="goals/doel", channels=CHANNELS, **named, **values, **shared)

    def write_reports(self, writer, shared):
        """Per quarter begun: a web page, rapport.pdf and the e-mail for the Program Board."""
        printed = self.printed()
        renderer = dtz_newsletter.Renderer(self.theme, self.settings, dtz_newsletter.Config.from_settings(self.settings))
        for report in self.quarterly:
            dtz_content.write_page(
                self, writer, report.url, "goals/rapport", report_url=report.url, report=report, pdf=printed.get(report.slug), **shared
            )
            context = {"report": report, "title": report.title, "status_words": STATUS_WORDS, **renderer.frame(report.url)}
            html, text = renderer.email("rapport", context)
            renderer.write(self.output_path, report.url, html, text, dtz_newsletter.eml(report.title, renderer.config.sender, report.day, html, text))


def settings_problems(settings):
    """A DTZ_PLAN_YEAR that is no year, and a GOALS setting left in pelicanconf.py (the targets are files now), stop the build."""
    found = []
    value = settings.get("DTZ_PLAN_YEAR", dtz_content.plan.DEFAULT_YEAR)
    if value != dtz_content.plan.plan_year({"DTZ_PLAN_YEAR": value}):
        found.append(dtz_content.setting_problem("DTZ_PLAN_YEAR", f"'{value}' is geen jaartal", "een jaartal als 2019", settings))
    if "GOALS" in settings:
        expected = f"één bestand per doel in content/{dtz_content.TYPES['target'].folder}/ (make new TYPE=doel); haal GOALS weg uit pelicanconf.py"
        found.append(dtz_content.setting_problem("GOALS", "de doelen staan niet meer in de instellingen", expected, settings))
    return found


def page_values(t, year, marked):
    """What the pages show of one target: its parts, a count's summary line, chart, rule and candidates."""
    return {
        "t": t,
        "url": f"{URL}{t.target.slug}/",
        "words": t.target.content,  # the plan's words in full: the page key then follows the body (the item's own key is its header)
        "parts": [
            {"p": p, "summary": summary_line(p, year), "chart": chart(p, year), "rule": rule_text(p.part), "candidates": marked.get(p.part.type)}
            if p.part.measure == "count"
            else {"p": p}
            for p in t.parts
        ],
    }


def chart(p, year):
    """Everything the SVG of one count part's PartProgress ``p`` in the plan's ``year`` needs: cumulative count through the
    year against the straight line to the target at the deadline. Only numbers: the template draws the inline SVG."""
    target = p.target
    first = datetime.date(year, 1, 1)
    days = (datetime.date(year, 12, 31) - first).days + 1
    top = max(target, p.value)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day):
        """Left edge of the year at 0, end of 31 December at the full width."""
        return round(LEFT + plot_w * min(max((day - first).days, 0), days) / days, 1)

    def y(count):
        return round(TOP + plot_h * (1 - count / top), 1)

    end = min(p.as_of, datetime.date(year, 12, 31)) + datetime.timedelta(days=1)  # end of the as-of day
    markers = [{"x": x(c.first_date), "y": y(number), "number": number, "date": c.first_date} for number, c in enumerate(p.counted, 1)]
    points = [(x(first), y(0)), *((m["x"], at) for m in markers for at in (y(m["number"] - 1), m["y"]))]
    if p.as_of >= first:
        points.append((x(end), y(p.value)))
    step = max(1, -(-top // 8))  # at most about eight grid lines
    deadline = x(p.part.deadline + datetime.timedelta(days=1))  # the target line: up to the deadline's end, then level
    target_label = WIDTH - RIGHT + 6, y(target) + 4
    count_label = points[-1][0] + 6, points[-1][1] - 6
    if count_label[0] > WIDTH - RIGHT - 20 and abs(count_label[1] - target_label[1]) < 16:
        count_label = count_label[0], target_label[1] + 16  # both lines end together: keep the labels apart
    return {
        **FRAME,
        "count_path": "M" + " L".join(f"{a},{b}" for a, b in points) if p.as_of >= first else "",
        "count_label": {"x": count_label[0], "y": count_label[1]},
        "target_label": {"x": target_label[0], "y": target_label[1]},
        "markers": markers,
        "target_path": f"M{x(first)},{y(0)} L{deadline},{y(target)}" + (f" L{WIDTH - RIGHT},{y(target)}" if deadline < WIDTH - RIGHT else ""),
        "as_of_x": x(end) if first <= p.as_of <= datetime.date(year, 12, 31) else None,
        "as_of_anchor": "end" if x(end) > LEFT + plot_w / 2 else "start",  # label stays inside the plot
        "months": [{"x": x(datetime.date(year, month, 1)), "label": dtz_content.dates.MONTHS[month - 1][:3]} for month in range(1, 13)],
        "ticks": [{"y": y(value), "value": value} for value in range(0, top + 1, step)],
    }


def target_entry(t, year, themes, candidates):
    """A target in goals.json: its status, the keys a goal had (from its first count), and its parts; keys in a fixed
    order; ``candidates``: type key -> its candidates (or None)."""
    first = t.first
    marked = candidates.get(first.part.type) if first.part.measure == "count" else None
    entry = {
        "name": t.target.slug,
        "label": t.target.title,
        "type": first.part.type,
        "year": year,
        "target": first.target,
        "count": first.value,
        "items": [item_entry(c, marked is not None) for c in first.counted],
        "by_channel": dict(first.by_channel),
        "expected_by_as_of": first.expected,
        "status": t.status,
        "number": t.number,
        "theme": t.theme,
        "theme_name": themes[t.theme - 1] if t.theme <= len(themes) else "",
        "owner": t.target.owner,
        "parts": [part_entry(p, candidates) for p in t.parts],
    }
    if marked is not None:
        entry["pearl_candidates"] = [{"slug": i.slug, "title": i.title} for i in marked]
    return entry


def part_entry(p, candidates):
    part = p.part
    entry = {
        "name": part.name,
        "deadline": part.deadline.isoformat(),
        "due": part.due or None,
        "measure": {"kind": part.measure},
        "value": p.value,
        "target": p.target,
        "expected_by_as_of": p.expected,
        "status": p.status,
        "example": part.example,
    }
    if part.measure == "count":
        entry["measure"].update(type=part.type, channels={part.rule: list(part.channels)}, filters={name: value for _, name, value in part.filters})
        entry.update(items=[item_entry(c, candidates.get(part.type) is not None) for c in p.counted], by_channel=dict(p.by_channel))
    elif part.measure == "figure":
        entry["reports"] = [{"date": r.date.isoformat(), "value": r.value, "source": r.source, "example": r.example} for r in p.reports]
    else:
        entry.update(done=p.done.isoformat() if p.done else None, done_late=p.done_late, evidence=part.evidence)
    return entry


def print_summary(pelican):
    """One line per count and per target that needs attention, at the very end of the build, on stdout."""
    for line in summary(pelican.settings):
        print(line, flush=True)


def register():
    signals.get_generators.connect(dtz_build.adds_generator(GoalsGenerator))
    signals.finalized.connect(print_summary)
