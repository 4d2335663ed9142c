"""Every check of `make check` on a built folder, as Findings; what did not change since the last run is not checked again.

A Finding names the page (a path in the output), what is wrong in Dutch, and a needle: text the page's
source may hold (a link's URL), so the report can give the source's line.
"""

from dataclasses import dataclass
from pathlib import Path

from . import browser, browser_checks, links, vnu
from .dutch import axe_text, html_text
from dtz_contract import digest

from .memo import Memo, files_digest
from .pages import web_pages
from .weight import too_heavy, too_heavy_images

SITE_URL = "https://www.dutchtechzone.nl"
HERE = Path(__file__).parent
# The browser checks' own code and the axe-core they inject: a change in either checks every page again.
BROWSER_CHECKS = digest((HERE / "browser_checks.py").read_bytes(), (HERE / "dutch.py").read_bytes(), browser_checks.AXE.axe_script)


@dataclass(frozen=True)
class Finding:
    kind: str  # link, HTML, gewicht, toegankelijkheid, opmaak, privacy, zonder JavaScript
    page: str  # the page in the output folder, such as parels/hal/index.html
    text: str  # what is wrong, in Dutch
    needle: str = ""  # what the page's source may hold (a URL), for the line


def check(output, chromium, java, cache=None):
    """Every finding on the built site in ``output``; ``cache`` keeps results for the next run."""
    memo = Memo(cache)
    site = links.Site(output, SITE_URL)
    found = [Finding("link", page, text, url) for page, url, text in site.broken()]
    found += html_findings(output, java, memo)
    for line in too_heavy(site) + too_heavy_images(site):
        page, text = line.split(": ", 1)
        found.append(Finding("gewicht", page, text))
    found += browser_findings(site, output, chromium, memo)
    memo.save()
    return found


def html_findings(output, java, memo):
    """The Nu Html Checker on every web page, in one run over the pages whose bytes changed."""
    pages = [path.relative_to(output).as_posix() for path in web_pages(output)]
    keys = {page: files_digest(output, [page], str(vnu.VNU_JAR)) for page in pages}
    results = {page: memo.get("vnu", keys[page]) for page in pages}
    todo = [page for page in pages if results[page] is None]
    fresh = vnu.errors(output, [Path(output) / page for page in todo], java)
    if any(not shown for shown, *_ in fresh):  # the checker did not run: say so, keep nothing
        return [Finding("HTML", "", message) for _shown, _line, message, _extract in fresh]
    for page in todo:
        results[page] = [[line, html_text(message), extract] for shown, line, message, extract in fresh if shown == page]
        memo.put("vnu", keys[page], results[page])
    return [
        Finding("HTML", page, f"regel {line} van de pagina: {text}" + (f" — {extract}" if extract else ""))
        for page in pages
        for line, text, extract in results[page]
    ]


def browser_findings(site, output, chromium, memo):
    """axe, layout, other hosts and reading without JavaScript on one page of every template, in one
    Chromium; a page whose files did not change keeps its last results."""
    pages = browser_checks.one_page_per_template(output)
    keys = {page: files_digest(output, site.loaded(page), BROWSER_CHECKS) for page in pages}
    menu_key = files_digest(output, page_targets(site, "index.html"), BROWSER_CHECKS, "menu")
    results = {page: memo.get("pages", keys[page]) for page in pages}
    menu = memo.get("menu", menu_key)
    todo = [page for page in pages if results[page] is None]
    if todo or menu is None:
        with browser.launched(chromium) as launched, browser.serve(output) as base:
            seen = {}  # each page as loaded with JavaScript, for the check without it
            visited = browser_checks.visit_each(launched, base, todo, seen=seen)
            without_js = browser_checks.without_javascript_each(launched, base, todo, seen)
            if menu is None:
                menu = browser_checks.menu_problems(launched, base)
        for page in todo:
            results[page] = {**visited[page], "js": without_js[page]}
            memo.put("pages", keys[page], results[page])
        memo.put("menu", menu_key, menu)
    kinds = {"axe": "toegankelijkheid", "layout": "opmaak", "requests": "privacy", "js": "zonder JavaScript"}
    found = []
    for page in pages:
        for kind, name in kinds.items():
            found += [Finding(name, page, axe_text(text) if kind == "axe" else text, needle) for text, needle in results[page][kind]]
    found += [Finding("zonder JavaScript", "index.html", text) for text in menu]
    return found


def page_targets(site, page):
    """``page`` with every file it loads and every page it links to (the menu's pages among them)."""
    targets = {site.resolve(page, url) for _tag, _attribute, url in site.pages[page].links if url} if page in site.pages else set()
    return sorted(set(site.loaded(page) if page in site.pages else []) | {found[0] for found in targets if found})
