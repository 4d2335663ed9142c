"""``python -m dtz_check``: build the content as of today into its own folder and check it as a reader would."""

import argparse
import datetime
import os
import subprocess
import sys

from dtz_contract import AMSTERDAM

from . import browser, findings, vnu
from .pages import web_pages
from .sources import Sources, editor_line, theme_line


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make check", description="Controleer de eigen inhoud zoals lezers haar krijgen.")
    parser.add_argument("--content", required=True, help="de bronmap (INPUTDIR)")
    parser.add_argument("--output", required=True, help="een eigen map voor deze controle (CHECKDIR)")
    parser.add_argument("--settings", default="pelicanconf.py", help="het instellingenbestand")
    parser.add_argument("--cache", help="cachemap van deze controle")
    parser.add_argument("--today", help="de dag waarop gecontroleerd wordt (standaard vandaag)")
    parser.add_argument("--forbidden", action="append", default=[], help="mappen waarin niet gebouwd mag worden")
    parser.add_argument("pelican", nargs=argparse.REMAINDER, help="na --: Pelicans eigen opties (PELICANOPTS)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    output = os.path.abspath(args.output)
    for folder in args.forbidden:
        if os.path.abspath(folder) == output:
            return stop(f"CHECKDIR is gelijk aan {folder} — de controle bouwt in een eigen map")
    chromium, java = browser.chromium_path(), vnu.java()
    needed = ((chromium, browser.CHROMIUM_MISSING), (java, vnu.JAVA_MISSING), (vnu.vnu_jar(), vnu.VNU_MISSING))
    missing = [line for found, line in needed if not found]
    if missing:
        return stop(*missing)
    today = args.today or datetime.datetime.now(AMSTERDAM).date().isoformat()
    print(f"make check: de inhoud van {args.content} wordt gebouwd zoals op {today}, in {output}", flush=True)
    built = build(args, output, today)
    if built.returncode != 0:
        sys.stdout.write(built.stderr)
        print("make check: de inhoud heeft fouten (hierboven); herstel ze en controleer opnieuw")
        return 1
    found = findings.check(output, chromium, java, os.path.abspath(args.cache) if args.cache else None)
    return report(found, Sources(output), len(web_pages(output)))


def report(found, sources, pages):
    """Print the findings an editor can fix at their files, then the theme's; the exit status."""
    placed = [(sources.place(finding), finding) for finding in found]
    mine = sorted(editor_line(place, finding) for place, finding in placed if place)
    theirs = [theme_line(finding) for place, finding in placed if not place]
    for line in mine:
        print(line)
    if mine:
        print(f"make check: {len(mine)} {'bevinding' if len(mine) == 1 else 'bevindingen'} in uw bestanden ({pages} pagina's gecontroleerd)")
    if theirs:
        for line in theirs:
            print(f"thema: {line}")
        print(
            f"make check: {len(theirs)} {'bevinding' if len(theirs) == 1 else 'bevindingen'} in de opmaak van de site zelf "
            "(thema), niet in uw bestanden — geef ze door aan wie de site onderhoudt"
        )
    if mine or theirs:
        return 1
    print(f"make check: geen bevindingen op {pages} pagina's (links, HTML, toegankelijkheid, gewicht)")
    return 0


def stop(*lines):
    for line in lines:
        print(f"make check: {line}", file=sys.stderr)
    return 2


def build(args, output, today):
    """The content as it would be published today; no PDFs (the checks do not read them)."""
    options = [f'DTZ_TODAY="{today}"', "DTZ_PDF=false", "DTZ_PREVIEW=false"]
    if args.cache:
        options.append(f'CACHE_PATH="{os.path.abspath(args.cache)}"')
    command = [sys.executable, "-m", "pelican", args.content, "-o", output, "-s", args.settings, *with_settings(args.pelican, options)]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, "DTZ_PREVIEW": "0"})


def with_settings(pelican_options, settings):
    """PELICANOPTS with ``settings`` added to its -e values: Pelican keeps only the last -e flag."""
    options = [option for option in pelican_options if option != "--"]
    rest, extra, in_extra = [], [], False
    for option in options:
        if option in ("-e", "--extra-settings"):
            in_extra = True
        elif in_extra and not option.startswith("-"):
            extra.append(option)
        else:
            in_extra = False
            rest.append(option)
    return [*rest, "-e", *extra, *settings]
