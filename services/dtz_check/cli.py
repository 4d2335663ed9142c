"""``python -m dtz_check``: build the content as of today into its own folder, check it as a reader would,
and say each finding at the file and line an editor fixes (the build record's ``pages``)."""

import argparse
import datetime
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dtz_contract import AMSTERDAM, buildrecord, display_path

from . import browser, findings, vnu
from .links import address, web_pages


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make check", description="Controleer de eigen inhoud zoals lezers haar krijgen.")
    parser.add_argument("--content", required=True, help="de bronmap (INPUTDIR)")
    parser.add_argument("--output", required=True, help="een eigen map voor deze controle (CHECKDIR)")
    parser.add_argument("--settings", default="pelicanconf.py", help="het instellingenbestand")
    parser.add_argument("--cache", help="cachemap van deze controle")
    parser.add_argument("--today", help="de dag waarop gecontroleerd wordt (standaard vandaag)")
    parser.add_argument("--forbidden", action="append", default=[], help="mappen waarin niet gebouwd mag worden")
    parser.add_argument("pelican", nargs=argparse.REMAINDER, help="na --: Pelicans eigen opties (PELICANOPTS)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    output = os.path.abspath(args.output)
    same = [f"CHECKDIR is gelijk aan {folder} — de controle bouwt in een eigen map" for folder in args.forbidden if os.path.abspath(folder) == output]
    chromium, java = browser.chromium_path(), vnu.java()
    needed = ((chromium, browser.CHROMIUM_MISSING), (java, vnu.JAVA_MISSING), (vnu.vnu_jar(), vnu.VNU_MISSING))
    if refused := same[:1] or [line for found, line in needed if not found]:  # the folder first: what is missing does not matter then
        print(*(f"make check: {line}" for line in refused), sep="\n", file=sys.stderr)
        return 2
    today = args.today or datetime.datetime.now(AMSTERDAM).date().isoformat()
    print(f"make check: de inhoud van {args.content} wordt gebouwd zoals op {today}, in {output}", flush=True)
    # the content as it would be published today; no PDFs (the checks do not read them)
    options = [f'DTZ_TODAY="{today}"', "DTZ_PDF=false", "DTZ_PREVIEW=false"] + ([f'CACHE_PATH="{os.path.abspath(args.cache)}"'] if args.cache else [])
    command = [sys.executable, "-m", "pelican", args.content, "-o", output, "-s", args.settings, *with_settings(args.pelican, options)]
    built = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "DTZ_PREVIEW": "0"})
    if built.returncode != 0:
        print(f"{built.stderr}make check: de inhoud heeft fouten (hierboven); herstel ze en controleer opnieuw")
        return 1
    found = findings.check(output, chromium, java, os.path.abspath(args.cache) if args.cache else None)
    return report(found, Sources(output), len(web_pages(output)))


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
    if mine:
        print(*sorted(mine), f"make check: {count(mine)} in uw bestanden ({pages} pagina's gecontroleerd)", sep="\n")
    if theirs:
        what = "in de opmaak van de site zelf (thema), niet in uw bestanden — geef ze door aan wie de site onderhoudt"
        print(*theirs, f"make check: {count(theirs)} {what}", sep="\n")
    if mine or theirs:
        return 1
    print(f"make check: geen bevindingen op {pages} pagina's (links, HTML, toegankelijkheid, gewicht)")
    return 0


def count(lines):
    return f"{len(lines)} {'bevinding' if len(lines) == 1 else 'bevindingen'}"
