"""``python -m dtz_check``: build the content as of today into its own folder, check it as a reader would (every
check's results as Findings in Dutch; what did not change since the last run is not checked again, ``Memo``), and say
each finding at the file and line an editor fixes (the build record's ``pages``)."""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from collections import namedtuple
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dtz_contract import AMSTERDAM, buildrecord, digest, display_path, read_json, write_atomic

from . import browser, offline
from .offline import address, web_pages

# The checks' own code (and their Dutch) and the axe-core they inject: a change in either checks every page again.
CHECKS = digest(*(Path(module.__file__).read_bytes() for module in (browser, offline)), Path(__file__).read_bytes(), browser.AXE.axe_script)
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make check", description="Controleer de eigen inhoud zoals lezers haar krijgen.")
    parser.add_argument("--content", required=True, help="de bronmap (INPUTDIR)")
    parser.add_argument("--output", required=True, help="een eigen map voor deze controle (CHECKDIR)")
    parser.add_argument("--settings", default="pelicanconf.py", help="het instellingenbestand")
    parser.add_argument("--cache", type=lambda path: os.path.abspath(path) if path else None, help="cachemap van deze controle")
    parser.add_argument("--today", help="de dag waarop gecontroleerd wordt (standaard vandaag)")
    parser.add_argument("--forbidden", action="append", default=[], help="mappen waarin niet gebouwd mag worden")
    parser.add_argument("pelican", nargs=argparse.REMAINDER, help="na --: Pelicans eigen opties (PELICANOPTS)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    output = os.path.abspath(args.output)
    same = [f"CHECKDIR is gelijk aan {folder} — de controle bouwt in een eigen map" for folder in args.forbidden if os.path.abspath(folder) == output]
    chromium, java = browser.chromium_path(), offline.java()
    needed = ((chromium, browser.CHROMIUM_MISSING), (java, offline.JAVA_MISSING), (offline.vnu_jar(), offline.VNU_MISSING))
    if refused := same[:1] or [line for found, line in needed if not found]:  # the folder first: what is missing does not matter then
        print(*(f"make check: {line}" for line in refused), sep="\n", file=sys.stderr)
        return 2
    today = args.today or datetime.datetime.now(AMSTERDAM).date().isoformat()
    print(f"make check: de inhoud van {args.content} wordt gebouwd zoals op {today}, in {output}", flush=True)
    # the content as it would be published today; no PDFs (the checks do not read them)
    options = [f'DTZ_TODAY="{today}"', "DTZ_PDF=false", "DTZ_PREVIEW=false"] + ([f'CACHE_PATH="{args.cache}"'] if args.cache else [])
    command = [sys.executable, "-m", "pelican", args.content, "-o", output, "-s", args.settings, *with_settings(args.pelican, options)]
    built = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "DTZ_PREVIEW": "0"})
    if built.returncode != 0:
        print(f"{built.stderr}make check: de inhoud heeft fouten (hierboven); herstel ze en controleer opnieuw")
        return 1
    return report(check(output, chromium, java, args.cache), Sources(output), len(web_pages(output)))


def with_settings(pelican_options, settings):
    """PELICANOPTS with ``settings`` added to its -e values: Pelican keeps only the last -e flag."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-e", "--extra-settings", nargs="*", action="extend", default=[])
    given, rest = parser.parse_known_args([option for option in pelican_options if option != "--"])
    return [*rest, "-e", *given.extra_settings, *settings]


class Sources:
    """Where an editor fixes a finding: the file its page was made from, at the line that holds its needle; on a page
    of no one file (an overview), the one source that holds it, else none (it is the theme's)."""

    def __init__(self, output):
        self.pages = (buildrecord.read(output) or {}).get("pages", {})
        self.lines = {}

    def line_of(self, source, needle):
        """The first line of ``source`` that holds ``needle`` (or its path, for a URL), or None."""
        if source not in self.lines:
            self.lines[source] = Path(source).read_text(encoding="utf-8", errors="replace").splitlines() if os.path.isfile(source) else []
        forms = [needle, unquote(urlsplit(needle).path)] if needle else []
        return next((number for form in forms if form for number, text in enumerate(self.lines[source], 1) if form in text), None)

    def place(self, finding):
        """(source, line or None) of a finding, or None when it is the theme's."""
        if source := self.pages.get(finding.page):
            return source, self.line_of(source, finding.needle)
        holding = [(source, line) for source in sorted(set(self.pages.values())) if (line := self.line_of(source, finding.needle))]
        return holding[0] if len(holding) == 1 else None


def report(found, sources, pages):
    """Print the findings an editor can fix at their files, then the theme's at their page; the exit status."""
    mine, theirs = [], []
    for finding in found:
        what = f"{finding.kind}: {finding.text}"
        if place := sources.place(finding):
            mine.append(f"{display_path(place[0])}{f':{place[1]}' if place[1] else ''}: {what} — pagina {address(finding.page)}")
        else:
            theirs.append(f"thema: {address(finding.page)}: {what}" if finding.page else f"thema: {what}")
    theme = "in de opmaak van de site zelf (thema), niet in uw bestanden — geef ze door aan wie de site onderhoudt"
    for lines, where in ((sorted(mine), f"in uw bestanden ({pages} pagina's gecontroleerd)"), (theirs, theme)):
        if lines:
            print(*lines, f"make check: {len(lines)} {'bevinding' if len(lines) == 1 else 'bevindingen'} {where}", sep="\n")
    if not (mine or theirs):
        print(f"make check: geen bevindingen op {pages} pagina's (links, HTML, toegankelijkheid, gewicht)")
    return 1 if mine or theirs else 0


def html_text(line, message, extract):
    """A Nu Html Checker error on ``line`` of a page, in Dutch (the first pattern of HTML that matches its message)."""
    found = (dutch.format(*match.groups()) for pattern, dutch in HTML if (match := re.fullmatch(pattern, message)))
    text = next(found, f"ongeldige HTML (de checker zegt: “{message}”)")
    return f"regel {line} van de pagina: {text}" + (f" — {extract}" if extract else "")


def axe_text(line):
    """An axe line (``bij 375px: image-alt (critical): Images must … — img``) in Dutch."""
    if not (match := AXE_LINE.match(line)):
        return line
    what = AXE.get(match["rule"], f"de regel zegt: “{match['help']}”")
    return f"{match['where']}: {what} (axe-regel {match['rule']})" + (f" — {match['targets']}" if match["targets"] else "")


# A finding's kind (link, HTML, gewicht, toegankelijkheid, opmaak, privacy, zonder JavaScript), its page in the output folder
# (parels/hal/index.html), what is wrong in Dutch, and what the page's source may hold (a URL), for the line.
Finding = namedtuple("Finding", "kind page text needle", defaults=[""])


class Memo(dict):
    """Results by key in ``<folder>/dtz-check.json`` (CHECKCACHE); only those used or made are saved: it never grows."""

    def __init__(self, folder):
        self.path = os.path.join(folder, "dtz-check.json") if folder else None
        self.old = read_json(self.path, {}) if self.path else {}

    def kept(self, key):
        """The last run's result, or None; one that is used is kept for the next run."""
        return self.setdefault(key, self.old[key]) if key in self.old else self.get(key)

    def save(self):
        if self.path:
            write_atomic(self.path, json.dumps(self, separators=(",", ":")).encode())


def files_digest(root, names, *more):
    """digest() of ``more`` and of each file by its name below ``root`` and its bytes (a missing file counts as missing)."""
    files = [(name, Path(root) / name) for name in sorted(names)]
    return digest(*more, *(part for name, path in files for part in (name, path.read_bytes() if path.is_file() else b"\0missing")))


def check(output, chromium, java, cache=None):
    """Every finding on the built site in ``output``; ``cache`` keeps results for the next run."""
    memo, site = Memo(cache), offline.Site(output)
    found = [Finding("link", page, text, url) for page, url, text in site.broken()]
    found += html_findings(output, java, memo)
    found += [Finding("gewicht", *line.split(": ", 1)) for line in offline.too_heavy(site) + offline.too_heavy_images(site)]
    found += browser_findings(site, output, chromium, memo)
    memo.save()
    return found


def html_findings(output, java, memo):
    """The Nu Html Checker on every web page (keyed on its bytes and the checks' code), in one run over the pages that changed."""
    pages = [path.relative_to(output).as_posix() for path in offline.web_pages(output)]
    keys = {page: files_digest(output, [page], str(offline.VNU_JAR), CHECKS) for page in pages}
    todo = [page for page in pages if memo.kept(keys[page]) is None]
    fresh = offline.html_errors(output, [Path(output) / page for page in todo], java)
    if any(not shown for shown, *_ in fresh):  # the checker did not run: say so, keep nothing
        return [Finding("HTML", "", message) for _shown, _line, message, _extract in fresh]
    memo.update({keys[page]: [html_text(line, message, extract) for shown, line, message, extract in fresh if shown == page] for page in todo})
    return [Finding("HTML", page, text) for page in pages for text in memo[keys[page]]]


def browser_findings(site, output, chromium, memo):
    """axe, layout, other hosts and reading without JavaScript on one page of every template, in one Chromium;
    a page keeps its last results while it and every file it loads are unchanged (the menu: every page it links to)."""
    pages = browser.one_page_per_template(output)
    keys = {page: files_digest(output, site.loaded(page), CHECKS) for page in pages}
    menu = files_digest(output, site.loaded("index.html", linked=True) if "index.html" in site.pages else [], CHECKS, "menu")
    todo = [page for page in pages if memo.kept(keys[page]) is None]
    if memo.kept(menu) is None or todo:  # asked first, whatever the pages need: kept() carries the menu's result into this run
        with browser.launched(chromium) as launched, browser.serve(output) as base:
            seen = {}  # each page as loaded with JavaScript, for the check without it
            visited = browser.visit_each(launched, base, todo, seen=seen)
            without_js = browser.without_javascript_each(launched, base, todo, seen)
            if menu not in memo:
                memo[menu] = browser.menu_problems(launched, base)
        memo.update({keys[page]: {**visited[page], "js": without_js[page]} for page in todo})
    found = [
        Finding(name, page, axe_text(text) if kind == "axe" else text, needle)
        for page in pages
        for kind, name in KINDS.items()
        for text, needle in memo[keys[page]][kind]
    ]
    return found + [Finding("zonder JavaScript", "index.html", text) for text in memo[menu]]
