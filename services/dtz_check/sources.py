"""Where an editor fixes a finding: the file a page was made from (the build record's ``pages``), and
the line there that holds what the finding is about.

A page made from one item (a pearl, an event, a register row) is that item's file. A finding on any
other page (an overview, the home page) is placed at a source only when exactly one source holds its
needle; otherwise it is about the site's own templates (the theme), not about an editor's file.
"""

import os
from urllib.parse import unquote, urlsplit

from dtz_contract import buildrecord


class Sources:
    def __init__(self, output):
        record = buildrecord.read(output) or {}
        self.pages = record.get("pages", {})
        self._lines = {}

    def lines(self, source):
        if source not in self._lines:
            try:
                with open(source, encoding="utf-8", errors="replace") as handle:
                    self._lines[source] = handle.read().splitlines()
            except OSError:
                self._lines[source] = []
        return self._lines[source]

    def line_of(self, source, needle):
        """The first line of ``source`` that holds ``needle`` (or its path, for a URL), or None."""
        if not needle:
            return None
        forms = [needle]
        path = unquote(urlsplit(needle).path)
        if path and path != needle:
            forms.append(path)
        for form in forms:
            for number, text in enumerate(self.lines(source), 1):
                if form in text:
                    return number
        return None

    def place(self, finding):
        """(source, line or None) of a finding, or None when it is the theme's."""
        source = self.pages.get(finding.page)
        if source:
            return source, self.line_of(source, finding.needle)
        holding = [(source, line) for source in sorted(set(self.pages.values())) if (line := self.line_of(source, finding.needle))]
        return holding[0] if len(holding) == 1 else None


def page_address(page):
    """parels/hal/index.html -> /parels/hal/ (what a reader types)."""
    return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)


def shown(path):
    """A path as an editor sees it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def editor_line(place, finding):
    """``content/parels/hal.md:9: link: … — pagina /parels/hal/``."""
    source, line = place
    at = f"{shown(source)}:{line}" if line else shown(source)
    return f"{at}: {finding.kind}: {finding.text} — pagina {page_address(finding.page)}"


def theme_line(finding):
    """A finding on the site's own templates: the page, not a source."""
    return f"{page_address(finding.page)}: {finding.kind}: {finding.text}" if finding.page else f"{finding.kind}: {finding.text}"
