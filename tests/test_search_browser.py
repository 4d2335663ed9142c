"""Searching on /zoeken/ in real Chromium: Dutch word forms, filters, the URL, drafts, keyboard, no JavaScript."""

import re

import pytest
from browser import serve
from conftest import Site, pearl
from dtz_check.browser import offline_context

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FILES = {
    "content/parels/hal-techniek.md": pearl(
        "Hal Techniek", date="2019-03-01", municipality="Emmen", body="Veel ondernemers uit de regio werken hier samen."
    ),
    "content/parels/bos-metaal.md": pearl(
        "Bos Metaal",
        date="2019-04-01",
        municipality="Coevorden",
        sector="Metaal en maakindustrie",
        body="Een ondernemer uit Coevorden bouwt machines.",
    ),
    "content/parels/geheim.md": pearl("Geheim Project", extra="Status: draft", body="Een zeldzaamwoord staat hier."),
    "content/parels/later.md": pearl("Later Bedrijf", date="2020-05-01", body="Een toekomstwoord staat hier."),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return Site(tmp_path_factory.mktemp("zoeken")).write(FILES).build(DTZ_SEARCH_INDEX=True)


@pytest.fixture
def tab(browser, built):
    with serve(built.output) as base:
        context = offline_context(browser, base)
        page = context.new_page()
        page.base = base
        yield page
        assert context.elsewhere == []
        context.close()


def status_after(page, pattern):
    """The announced result line, once it matches ``pattern`` (searches run as the reader types)."""
    page.wait_for_function("p => new RegExp(p).test(document.getElementById('zoekstatus').textContent)", arg=pattern, timeout=15000)
    return page.inner_text("#zoekstatus")


def titles(page):
    return page.locator("#zoekresultaten h2 a").all_inner_texts()


def test_typing_a_dutch_word_finds_its_inflections_and_announces_the_count(tab):
    tab.goto(tab.base + "zoeken/")
    assert tab.get_attribute("#zoekstatus", "aria-live") == "polite"
    tab.fill("#zoekterm", "ondernemer")
    assert status_after(tab, "resultaten voor") == "2 resultaten voor ‘ondernemer’."
    assert sorted(titles(tab)) == ["Bos Metaal", "Hal Techniek"]  # 'ondernemers' found by 'ondernemer'
    assert "Parel · 1 maart 2019" in tab.inner_text("#zoekresultaten")
    assert tab.locator("#zoekresultaten mark").count() >= 2  # the excerpt shows where the word is


def test_a_filter_narrows_the_results_and_the_url_keeps_query_and_filter(tab):
    tab.goto(tab.base + "zoeken/?q=ondernemer")
    status_after(tab, "^2 resultaten")
    tab.select_option("#filter-gemeente", "Emmen")
    assert status_after(tab, "gemeente Emmen") == "1 resultaat voor ‘ondernemer’, gemeente Emmen."
    assert titles(tab) == ["Hal Techniek"]
    assert tab.url.endswith("/zoeken/?q=ondernemer&gemeente=Emmen")


def test_a_linked_search_fills_the_form_and_shows_its_results(tab):
    tab.goto(tab.base + "zoeken/?q=machines&sector=Metaal+en+maakindustrie&type=Parel")
    assert status_after(tab, "resultaat") == "1 resultaat voor ‘machines’, soort Parel, sector Metaal en maakindustrie."
    assert titles(tab) == ["Bos Metaal"]
    assert tab.input_value("#zoekterm") == "machines"
    assert tab.input_value("#filter-sector") == "Metaal en maakindustrie"


def test_drafts_scheduled_items_the_frame_and_the_404_page_are_never_found(tab):
    for word in ("zeldzaamwoord", "toekomstwoord", "sterker", "bestaat"):  # draft, scheduled, footer, 404 page
        tab.goto(tab.base + f"zoeken/?q={word}")
        assert status_after(tab, word) == f"Geen resultaten voor ‘{word}’."


def test_the_preview_finds_a_draft_and_marks_it_as_concept(browser, built):
    preview = built.preview(DTZ_SEARCH_INDEX=True)
    with serve(preview.output) as base:
        context = offline_context(browser, base)
        page = context.new_page()
        page.goto(base + "zoeken/?q=zeldzaamwoord")
        assert status_after(page, "resultaat") == "1 resultaat voor ‘zeldzaamwoord’."
        assert "Parel · 1 maart 2019 · CONCEPT" in page.inner_text("#zoekresultaten")
        context.close()


def test_a_result_is_reached_and_opened_with_the_keyboard_alone(tab):
    tab.goto(tab.base + "zoeken/")
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.id") == "zoekterm":
            break
    assert tab.evaluate("document.activeElement.id") == "zoekterm"
    tab.keyboard.type("machines")
    tab.keyboard.press("Enter")
    status_after(tab, "^1 resultaat")
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('#zoekresultaten') !== null"):
            break
    assert tab.evaluate("document.activeElement.textContent") == "Bos Metaal"
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith("/parels/bos-metaal/")


def test_without_javascript_the_page_says_search_needs_it_and_links_the_overviews(browser, built):
    with serve(built.output) as base:
        context = offline_context(browser, base, java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "zoeken/")
        assert page.locator("text=Zoeken werkt met JavaScript").is_visible()
        links = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert {"/parels/", "/gemeente/emmen/", "/sector/chemie/"} <= set(links)
        context.close()
    html = built.read("zoeken/index.html")
    assert '<meta name="robots" content="noindex">' in html
    assert re.search(r'<label for="zoekterm">[^<]+</label>', html)
