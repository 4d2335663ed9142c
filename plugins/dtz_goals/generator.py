"""Measures every target of the plan once every item is known, and writes /voortgang/."""

import json

import dtz_build
import dtz_content
import dtz_newsletter
import dtz_print

from . import settings as plan_settings
from .chart import chart
from .counting import candidates
from .data import as_json
from .lines import attention_line, summary_line
from .progress import STATUS_WORDS, plan_progress
from .report import reports
from .settings import CHANNEL_NAMES, CHANNELS, publish, rule_text

URL = "voortgang/"


def summary(settings):
    """The lines for the end of the build: set by generate_output, printed on finalized; kept by the run."""
    return dtz_build.current(settings).keep_for("dtz_goals", list)


class GoalsGenerator(dtz_print.PrintingGenerator):
    """Writes last (a printing generator): the quarterly reports' PDFs render while the rest of the site is written."""

    def generate_context(self):
        dtz_content.catalog(self.context).problems.extend(plan_settings.problems(self.settings))

    def reports(self):
        """The quarterly reports of this run (internal like /voortgang/: none when GOALS_PUBLISH is off)."""
        if not publish(self.settings):
            return []
        if not hasattr(self, "_reports"):
            catalog = dtz_content.catalog(self.context)
            self._reports = reports(catalog, catalog.today, plan_settings.year(self.settings), plan_settings.themes(self.settings))
        return self._reports

    def print_documents(self, printer):
        return {
            r.slug: printer.document(
                "rapport.typ", report_url(r) + "rapport.pdf", url=report_url(r), title=r.title, report=r, status_words=STATUS_WORDS
            )
            for r in self.reports()
        }

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        as_of, year, themes = catalog.today, plan_settings.year(self.settings), plan_settings.themes(self.settings)
        targets = plan_progress(catalog, as_of, year)
        lines = [summary_line(p, year) for t in targets for p in t.parts if p.part.measure == "count"]
        summary(self.settings)[:] = lines + [line for line in map(attention_line, targets) if line]
        if not publish(self.settings):
            return
        marked = {key: candidates(catalog, key) for key in {p.part.type for t in targets for p in t.parts if p.part.measure == "count"}}
        data = json.dumps(as_json(targets, as_of, year, themes, marked), ensure_ascii=False, indent=2) + "\n"
        dtz_build.write_output(self.settings, self.output_path, URL + "goals.json", data.encode("utf-8"))
        shared = {"noindex": True, "as_of": as_of, "year": year, "status_words": STATUS_WORDS, "relative_urls": self.settings["RELATIVE_URLS"]}
        pages = [page_values(t, year, marked) for t in targets]
        writer.write_file(
            URL + "index.html",
            self.get_template("goals/voortgang"),
            self.context,
            url=URL,
            themes=[{"number": n, "name": name, "targets": [v for v in pages if v["t"].theme == n]} for n, name in enumerate(themes, 1)],
            due=[(t, p) for t in targets for p in t.parts if p.due_soon],
            **shared,
        )
        self.write_reports(writer, shared)
        for values in pages:  # a page per target: its words, and every part in full (counted items, charts)
            t = values["t"]
            writer.write_file(
                values["url"] + "index.html",
                self.get_template("goals/doel"),
                self.context,
                channels=CHANNELS,
                channel_names=CHANNEL_NAMES,
                theme_name=themes[t.theme - 1],
                **values,
                **shared,
            )

    def write_reports(self, writer, shared):
        """Per quarter begun: a web page, rapport.pdf (printed meanwhile) and the e-mail for the Program Board."""
        printed = self.printed()
        renderer = dtz_newsletter.Renderer(self.theme, self.settings, dtz_newsletter.Config.from_settings(self.settings))
        for report in self.reports():
            url = report_url(report)
            pdf = printed.get(report.slug)
            writer.write_file(
                url + "index.html", self.get_template("goals/rapport"), self.context, url=url, report_url=url, report=report, pdf=pdf, **shared
            )
            context = {
                "report": report,
                "title": report.title,
                "status_words": STATUS_WORDS,
                "web_url": renderer.absolute(url),
                "logo": renderer.logo(),
                "site_url": renderer.absolute(""),
                "address": renderer.config.address,
                "SITENAME": self.settings.get("SITENAME", ""),
            }
            html, text = renderer.email("rapport", context)
            files = {
                "email.html": html.encode("utf-8"),
                "email.txt": text.encode("utf-8"),
                "email.eml": renderer.message(report.title, report.day, html, text),
            }
            for name, data in files.items():
                dtz_build.write_output(self.settings, self.output_path, url + name, data)


def report_url(report):
    return f"{URL}rapport/{report.slug}/"


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


def print_summary(pelican):
    """One line per count and per target that needs attention, at the very end of the build, on stdout."""
    for line in summary(pelican.settings):
        print(line, flush=True)
