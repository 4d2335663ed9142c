"""The starter site in headless Chromium: accessible, no sideways scrolling, readable without JavaScript.

One page of every template is visited (see dtz_check.browser.one_page_per_template), found from the
built output, so the templates other plugins add are covered as soon as they are built.
Screenshots go to test-artifacts/screenshots/ (not in git).
"""

import shutil

import pytest

from dtz_check import browser as checks

from browser import serve
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.pdf, pytest.mark.xdist_group("browser")]  # one worker, one Chromium (see pytest.ini)
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def visited(starter_site):
    pages = checks.one_page_per_template(starter_site.output)
    with serve(starter_site.output) as base:
        yield base, pages


def test_one_page_of_every_template_is_visited(visited, starter_site):
    _, pages = visited
    output = starter_site.output
    print("visited: " + ", ".join(pages))
    for expected in ["index.html", "404.html", "parels/index.html", "agenda/index.html", "cops/index.html"]:
        assert expected in pages
    below = [p.relative_to(output).parts for p in output.rglob("*.html")]
    sections = {parts[0] for parts in below if len(parts) >= 3}
    assert {"parels", "bedrijven", "agenda", "cops", "gemeente", "sector"} <= sections
    for section in sections:  # nieuwsbrief/, techzine/, bidbook/ ... as soon as they are built
        assert any(p.startswith(section + "/") and p.count("/") >= 2 for p in pages), f"no page below {section}/"
        if (output / section / "index.html").exists():
            assert f"{section}/index.html" in pages
    assert any(
        p.count("/") == 1 and p.split("/")[0] in {"over-dtz", "contact", "privacy", "toegankelijkheid", "bedrijvenregeling", "jaarplan-2019"}
        for p in pages
    )


@pytest.fixture(scope="module")
def found(browser, visited):
    """Each sampled page loaded once at 375 and at 1280 px: axe, layout, screenshots, requests."""
    base, pages = visited
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return checks.visit(browser, base, pages, screenshots=SCREENSHOTS)


def test_axe_finds_no_wcag_21_aa_violations(found):
    assert not found["axe"], f"{len(found['axe'])} accessibility problems:\n" + "\n".join(found["axe"])


def test_no_sideways_scrolling_at_375_and_1280_px(found):
    assert not found["layout"], "\n".join(found["layout"])


def test_a_screenshot_of_every_visited_page_at_both_widths_is_saved(found, visited):
    _, pages = visited
    for page in pages:
        for width in checks.WIDTHS:
            assert (SCREENSHOTS / checks.screenshot_name(page, width)).stat().st_size > 1000, (page, width)


def test_pages_request_nothing_from_other_hosts(found):
    """No fonts, scripts or trackers from elsewhere; axe-core itself is injected, not fetched."""
    assert not found["requests"], "\n".join(found["requests"])


def test_content_and_menu_work_without_javascript(browser, visited):
    base, pages = visited
    problems = checks.without_javascript_problems(browser, base, pages)
    assert not problems, "\n".join(problems)
