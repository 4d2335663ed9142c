"""``python -m dtz_check``: build the content as of today into its own folder and check it as a reader would."""

import argparse
import datetime
import os
import subprocess
import sys

from dtz_contract import AMSTERDAM

from . import browser, browser_checks, links, vnu
from .pages import web_pages
from .weight import too_heavy, too_heavy_images

SITE_URL = "https://www.dutchtechzone.nl"


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
    findings = check(output, chromium, java)
    for line in findings:
        print(line)
    pages = len(web_pages(output))
    if findings:
        print(f"make check: {len(findings)} {'bevinding' if len(findings) == 1 else 'bevindingen'} op {pages} pagina's")
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


def check(output, chromium, java):
    """Every finding as one Dutch line naming its page, by kind."""
    site = links.Site(output, SITE_URL)
    findings = [f"link: {line}" for line in site.broken_links()]
    findings += [f"HTML: {line}" for line in vnu.validate(output, web_pages(output), java)]
    findings += [f"gewicht: {line}" for line in too_heavy(site)]
    findings += [f"gewicht: {line}" for line in too_heavy_images(site)]
    pages = browser_checks.one_page_per_template(output)
    with browser.launched(chromium) as launched, browser.serve(output) as base:
        found = browser_checks.visit(launched, base, pages)
        findings += [f"toegankelijkheid: {line}" for line in found["axe"]]
        findings += [f"opmaak: {line}" for line in found["layout"]]
        findings += [f"privacy: {line}" for line in found["requests"]]
        findings += [f"zonder JavaScript: {line}" for line in browser_checks.without_javascript_problems(launched, base, pages)]
    return findings
