"""Checks of built pages in Debian's headless Chromium (driven by Playwright, which never downloads one here):
axe-core, layout width, other hosts, reading without JavaScript; each problem one line, naming the page."""

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from axe_playwright_python.sync_playwright import Axe

from .offline import address, web_pages

CHROMIUM = os.environ.get("DTZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_MISSING = "de controles in de browser hebben Chromium nodig: installeer het Debian-pakket 'chromium'"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = (375, 1280)
KINDS = ("axe", "layout", "requests")
AXE = Axe()  # the axe-core bundled with axe-playwright-python, injected as a string: nothing is fetched

# The visible text of <main>, its visible headings and the links anyone can follow.
VISIBLE_CONTENT = """() => {
  const main = document.querySelector("main");
  if (!main) return ["", [], []];
  const shown = (e) => e.checkVisibility();
  const headings = [...main.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(shown).map((e) => e.innerText.trim());
  const links = [...document.querySelectorAll("a[href]")].filter(shown).map((e) => e.href);
  return [main.innerText, headings, [...new Set(links)]];
}"""


def chromium_path():
    """Debian's Chromium, or None."""
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the output readable
        pass

    def handle(self):
        """A browser that stops reading (a page left before its last image came) is no finding: no traceback."""
        with contextlib.suppress(OSError):
            super().handle()


@contextlib.contextmanager
def serve(folder):
    """Serve ``folder`` on 127.0.0.1 (a free port) for as long as the block runs; yields the base URL."""
    with ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder))) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


@contextlib.contextmanager
def launched(path):
    """A headless Chromium at ``path`` for as long as the block runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS) as browser:
        yield browser


def one_page_per_template(output):
    """A sample of the built pages that covers every template, from the output alone: the first page of each group by
    where it lives (404.html, agenda/, agenda/<one>/, a top-level page) and the shape of its <main>, new ones included."""
    output, chosen = Path(output), {}
    for path in sorted(web_pages(output), key=lambda p: (len(p.parts), p.as_posix())):
        parts = path.relative_to(output).parts
        alone = len(parts) == 2 and all(below.parent == path.parent for below in path.parent.rglob("*.html"))  # a top-level page
        where = "top-level page/" + parts[1] if alone else "/".join([*parts[:1], *["*"] * (len(parts) - 2), *parts[1:][-1:]])
        tree = lxml.html.fromstring(path.read_bytes())
        main = (tree.findall(".//main") or tree.findall(".//body") or [[]])[0]
        chosen.setdefault((where, tuple((child.tag, child.get("class", "")) for child in main if isinstance(child.tag, str))), "/".join(parts))
    return sorted(chosen.values())


def offline_context(browser, base, **options):
    """A browser context that may reach only the local server; other requests are blocked and listed."""
    context = browser.new_context(**options)
    context.elsewhere = []

    def elsewhere(route):
        context.elsewhere.append(route.request.url)
        route.abort()

    context.route(lambda url: urlsplit(url).netloc != urlsplit(base).netloc, elsewhere)
    return context


def screenshot_name(page, width):
    """agenda/x/index.html at 375 px -> agenda_x-375.png; index.html -> home-375.png"""
    return f"{page.removesuffix('index.html').removesuffix('.html').strip('/').replace('/', '_') or 'home'}-{width}.png"


def axe_problems(tab, name):
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page open in ``tab``, one line each, starting with ``name``."""
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
    return [
        f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in AXE.run(tab, options=options).response["violations"]
    ]


def visit(browser, base, pages, screenshots=None, widths=WIDTHS):
    """Load every page once per width: by kind (axe-core, sideways scrolling, requests to other hosts) one
    line per problem, naming the page; with ``screenshots`` (a folder) a full-page PNG of each there."""
    each = visit_each(browser, base, pages, screenshots, widths)
    return {kind: [f"{page} {text}" for page in pages for text, _needle in each[page][kind]] for kind in KINDS}


def visit_each(browser, base, pages, screenshots=None, widths=WIDTHS, seen=None):
    """The problems of ``visit`` per page: {page: {kind: [(text, needle)]}}, the needle (a URL or "") what the
    page's source may hold; ``seen`` (a dict) gets each page's visible content at the widest width."""
    found = {page: {kind: [] for kind in KINDS} for page in pages}
    for width in widths:
        with offline_context(browser, base, viewport={"width": width, "height": 800}) as context:
            tab = context.new_page()
            for page in pages:
                before = len(context.elsewhere)
                tab.goto(base + address(page)[1:])
                scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    found[page]["layout"].append((f"bij {width}px: schuift zijwaarts ({scroll}px breed)", ""))
                if screenshots:
                    tab.screenshot(path=str(Path(screenshots) / screenshot_name(page, width)), full_page=True)
                found[page]["axe"] += [(text, "") for text in axe_problems(tab, f"bij {width}px")]
                if seen is not None and width == max(widths):
                    seen[page] = tab.evaluate(VISIBLE_CONTENT)
                for url in dict.fromkeys(context.elsewhere[before:]):
                    found[page]["requests"].append((f"bij {width}px: verzoek aan een andere website: {url}", url))
    return found


def without_javascript_problems(browser, base, pages):
    """With JavaScript off every page shows its text, headings and links (scripts may only add to them)."""
    each = without_javascript_each(browser, base, pages)
    return [f"{page}: {text}" for page in pages for text, _needle in each[page]] + menu_problems(browser, base)


def without_javascript_each(browser, base, pages, seen=None):
    """The problems of ``without_javascript_problems`` per page but the menu's: {page: [(text, needle)]};
    ``seen``: what ``visit_each`` saw of the pages with JavaScript on (loaded here when missing)."""
    found, seen = {}, dict(seen or {})
    with offline_context(browser, base) as on, offline_context(browser, base, java_script_enabled=False) as off:
        with_js, without_js = on.new_page(), off.new_page()
        for page in pages:
            if page not in seen:
                with_js.goto(base + address(page)[1:])
                seen[page] = with_js.evaluate(VISIBLE_CONTENT)
            without_js.goto(base + address(page)[1:])
            (_, headings, links), (text, headings_off, links_off) = seen[page], without_js.evaluate(VISIBLE_CONTENT)
            found[page] = problems = [] if text.strip() else [("zonder JavaScript geen inhoud in <main>", "")]
            problems += [(f"kop {h!r} alleen met JavaScript", "") for h in headings if h not in headings_off]
            problems += [(f"link naar {h} alleen met JavaScript", h) for h in links if h not in links_off]
            if not without_js.locator("header nav a").first.is_visible():  # also when there is none
                problems.append(("zonder JavaScript geen zichtbare menulinks", ""))
    return found


def menu_problems(browser, base):
    """Every menu link of the home page leads to a page with one <h1>, with JavaScript off."""
    problems = []
    with offline_context(browser, base, java_script_enabled=False) as context:
        without_js = context.new_page()
        without_js.goto(base)
        for index, label in enumerate(without_js.locator("header nav a").all_inner_texts()):
            without_js.goto(base)
            with without_js.expect_navigation():  # under load the click's page may not have loaded yet
                without_js.locator("header nav a").nth(index).click()
            if without_js.url.rstrip("/") == base.rstrip("/") or without_js.locator("h1").count() != 1:
                problems.append(f"menulink {label!r} leidt zonder JavaScript nergens heen ({without_js.url})")
    return problems
