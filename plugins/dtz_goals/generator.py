"""Checks GOALS while content is read; counts and writes /voortgang/ once every item is known."""

import json

from pelican.generators import Generator

import dtz_build
import dtz_content

from .chart import chart
from .counting import as_json, candidates, progress, summary_line
from .settings import CHANNEL_NAMES, CHANNELS, publish, read_goals

URL = "voortgang/"


def summary(settings):
    """The lines for the end of the build: set by generate_output, printed on finalized; kept by the run."""
    return dtz_build.current(settings).keep_for("dtz_goals", list)


class GoalsGenerator(Generator):
    def generate_context(self):
        self.goals, problems = read_goals(self.settings)
        dtz_content.catalog(self.context).problems.extend(problems)

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        as_of = catalog.today
        progresses = [progress(goal, catalog, as_of) for goal in self.goals]
        summary(self.settings)[:] = [summary_line(p) for p in progresses]
        if not publish(self.settings):
            return
        marked = {goal.name: candidates(catalog, goal.type) for goal in self.goals}
        data = json.dumps(as_json(progresses, as_of, marked), ensure_ascii=False, indent=2) + "\n"
        dtz_build.write_output(self.settings, self.output_path, URL + "goals.json", data.encode("utf-8"))
        writer.write_file(
            URL + "index.html",
            self.get_template("goals/voortgang"),
            self.context,
            url=URL,
            noindex=True,
            as_of=as_of,
            channels=CHANNELS,
            channel_names=CHANNEL_NAMES,
            goals=[
                {"p": p, "summary": summary_line(p), "chart": chart(p), "rule": p.goal.rule_text(), "candidates": marked[p.goal.name]}
                for p in progresses
            ],
            relative_urls=self.settings["RELATIVE_URLS"],
        )


def print_summary(pelican):
    """One line per goal at the very end of the build, on stdout."""
    for line in summary(pelican.settings):
        print(line, flush=True)
