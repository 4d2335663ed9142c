"""Every check of `make check` on a built folder, as Findings in Dutch; what did not change since the last run
is not checked again (``Memo``): a second run on unchanged content starts neither the HTML checker nor Chromium."""

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dtz_contract import digest, read_json, write_atomic

from . import browser, links, vnu

# The browser checks' own code (and their Dutch) and the axe-core they inject: a change in either checks every page again.
BROWSER_CHECKS = digest(Path(browser.__file__).read_bytes(), Path(__file__).read_bytes(), browser.AXE.axe_script)
KINDS = {"axe": "toegankelijkheid", "layout": "opmaak", "requests": "privacy", "js": "zonder JavaScript"}

# Nu Html Checker messages (their pattern, with “…” for the quoted parts) and what they say in Dutch.
HTML = [
    (r"An “img” element must have an “alt” attribute.*", "een afbeelding zonder beschrijving (alt)"),
    (r"Duplicate ID “(.+?)”\.", "het id “{0}” staat meer dan eens op de pagina"),
    (r"Stray end tag “(.+?)”\.", "een losse sluittag </{0}>: HTML in de tekst is niet goed gesloten"),
    (r"End tag “(.+?)” seen, but there were open elements\.", "</{0}> sluit terwijl er nog andere elementen open zijn"),
    (r"Unclosed element “(.+?)”\.", "<{0}> wordt niet gesloten"),
    (r"Element “(.+?)” not allowed as child of element “(.+?)” in this context.*", "<{0}> mag hier niet binnen <{1}> staan"),
    (r"Attribute “(.+?)” not allowed on element “(.+?)” at this point\.", "het attribuut {0} hoort niet op <{1}>"),
    (r"Bad value “(.*?)” for attribute “(.+?)” on element “(.+?)”.*", "de waarde “{0}” van {1} op <{2}> is ongeldig"),
    (r"Element “(.+?)” is missing required attribute “(.+?)”\.", "<{0}> mist het verplichte attribuut {1}"),
]

# axe-core rules content can break, in Dutch (the id stays, so the rule can be looked up).
AXE = {
    "image-alt": "een afbeelding zonder beschrijving (alt)",
    "link-name": "een link zonder tekst die zegt waar hij heen gaat",
    "color-contrast": "tekst met te weinig contrast met de achtergrond",
    "heading-order": "koppen slaan een niveau over (bijvoorbeeld ### direct na #)",
    "empty-heading": "een lege kop",
    "duplicate-id": "een id staat meer dan eens op de pagina",
    "duplicate-id-aria": "een id waar hulpmiddelen naar verwijzen staat meer dan eens op de pagina",
    "frame-title": "een ingesloten frame (iframe) zonder titel",
    "list": "een lijst bevat iets anders dan lijstonderdelen",
    "listitem": "een lijstonderdeel staat buiten een lijst",
    "button-name": "een knop zonder tekst",
    "label": "een invoerveld zonder label",
    "table-duplicate-name": "een tabel waarvan bijschrift en samenvatting gelijk zijn",
    "td-headers-attr": "een tabelcel verwijst naar een kop die er niet is",
    "th-has-data-cells": "een tabelkop zonder cellen",
    "valid-lang": "een ongeldige taalcode (lang)",
    "video-caption": "een video zonder ondertitels",
    "object-alt": "een ingesloten object zonder beschrijving",
    "svg-img-alt": "een SVG-afbeelding zonder beschrijving",
}
AXE_LINE = re.compile(r"^(?P<where>bij \d+px): (?P<rule>[\w-]+) \((?P<impact>\w+)\): (?P<help>.*?)(?: — (?P<targets>.*))?$")


def html_text(message):
    """A Nu Html Checker message in Dutch."""
    for pattern, dutch in HTML:
        if match := re.fullmatch(pattern, message):
            return dutch.format(*match.groups())
    return f"ongeldige HTML (de checker zegt: “{message}”)"


def axe_text(line):
    """An axe line (``bij 375px: image-alt (critical): Images must … — img``) in Dutch."""
    if not (match := AXE_LINE.match(line)):
        return line
    what = AXE.get(match["rule"], f"de regel zegt: “{match['help']}”")
    return f"{match['where']}: {what} (axe-regel {match['rule']})" + (f" — {match['targets']}" if match["targets"] else "")


@dataclass(frozen=True)
class Finding:
    kind: str  # link, HTML, gewicht, toegankelijkheid, opmaak, privacy, zonder JavaScript
    page: str  # the page in the output folder, such as parels/hal/index.html
    text: str  # what is wrong, in Dutch
    needle: str = ""  # what the page's source may hold (a URL), for the line


class Memo(dict):
    """Results by key in ``<folder>/dtz-check.json`` (CHECKCACHE); only those used or made are saved: it never grows."""

    def __init__(self, folder):
        super().__init__()
        self.path = os.path.join(folder, "dtz-check.json") if folder else None
        self.old = read_json(self.path, {}) if self.path else {}

    def kept(self, key):
        """The last run's result, or None; one that is used is kept for the next run."""
        if key in self.old:
            self[key] = self.old[key]
        return self.get(key)

    def save(self):
        if self.path:
            write_atomic(self.path, json.dumps(self, separators=(",", ":")).encode())


def files_digest(root, names, *more):
    """digest() of ``more`` and of each file by its name below ``root`` and its bytes (a missing file counts as missing)."""
    files = [(name, Path(root) / name) for name in sorted(names)]
    return digest(*more, *(part for name, path in files for part in (name, path.read_bytes() if path.is_file() else b"\0missing")))


def check(output, chromium, java, cache=None):
    """Every finding on the built site in ``output``; ``cache`` keeps results for the next run."""
    memo, site = Memo(cache), links.Site(output)
    found = [Finding("link", page, text, url) for page, url, text in site.broken()]
    found += html_findings(output, java, memo)
    found += [Finding("gewicht", *line.split(": ", 1)) for line in links.too_heavy(site) + links.too_heavy_images(site)]
    found += browser_findings(site, output, chromium, memo)
    memo.save()
    return found


def html_findings(output, java, memo):
    """The Nu Html Checker on every web page (keyed on its bytes), in one run over the pages that changed."""
    pages = [path.relative_to(output).as_posix() for path in links.web_pages(output)]
    keys = {page: files_digest(output, [page], str(vnu.VNU_JAR)) for page in pages}
    todo = [page for page in pages if memo.kept(keys[page]) is None]
    fresh = vnu.errors(output, [Path(output) / page for page in todo], java)
    if any(not shown for shown, *_ in fresh):  # the checker did not run: say so, keep nothing
        return [Finding("HTML", "", message) for _shown, _line, message, _extract in fresh]
    for page in todo:
        memo[keys[page]] = [[line, html_text(message), extract] for shown, line, message, extract in fresh if shown == page]
    return [
        Finding("HTML", page, f"regel {line} van de pagina: {text}" + (f" — {extract}" if extract else ""))
        for page in pages
        for line, text, extract in memo[keys[page]]
    ]


def browser_findings(site, output, chromium, memo):
    """axe, layout, other hosts and reading without JavaScript on one page of every template, in one Chromium;
    a page keeps its last results while it and every file it loads are unchanged (the menu: every page it links to)."""
    pages = browser.one_page_per_template(output)
    keys = {page: files_digest(output, site.loaded(page), BROWSER_CHECKS) for page in pages}
    menu = files_digest(output, site.loaded("index.html", linked=True) if "index.html" in site.pages else [], BROWSER_CHECKS, "menu")
    todo = [page for page in pages if memo.kept(keys[page]) is None]
    if memo.kept(menu) is None or todo:  # asked first, whatever the pages need: kept() carries the menu's result into this run
        with browser.launched(chromium) as launched, browser.serve(output) as base:
            seen = {}  # each page as loaded with JavaScript, for the check without it
            visited = browser.visit_each(launched, base, todo, seen=seen)
            without_js = browser.without_javascript_each(launched, base, todo, seen)
            if menu not in memo:
                memo[menu] = browser.menu_problems(launched, base)
        for page in todo:
            memo[keys[page]] = {**visited[page], "js": without_js[page]}
    found = [
        Finding(name, page, axe_text(text) if kind == "axe" else text, needle)
        for page in pages
        for kind, name in KINDS.items()
        for text, needle in memo[keys[page]][kind]
    ]
    return found + [Finding("zonder JavaScript", "index.html", text) for text in memo[menu]]
