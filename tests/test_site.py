"""The site a reader sees: every type at its URL, listings, taxonomy pages, drafts hidden."""

import pytest
from PIL import Image

from conftest import PNG, chapter, cop, event, page, pearl, site_in


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    """These tests read web pages; the bidbook's PDFs of the starter chapter would only cost time."""
    monkeypatch.setenv("DTZ_PDF", "0")


def starter(site):
    return site(
        {
            "content/parels/hal-techniek.md": pearl(extra="Image: images/hal.png\nImage_alt: De hal van buiten"),
            "content/parels/kunststof-noord.md": pearl("Kunststof Noord", "2019-05-01", "hoogeveen", "kunststoffen"),
            "content/cops/cluster-chemie.md": cop(extra="Municipalities: Emmen, Coevorden\nMembers: A B.V., B B.V."),
            "content/agenda/innofuture.md": event("Innofuture 2019", start="2020-10-03 13:00", end="2020-10-03 21:00", extra="Municipality: Emmen"),
            "content/agenda/beurs.md": event("Beurs München", start="2019-06-04", end="2019-06-07"),
            "content/pages/over-dtz.md": page(),
            "content/bidbook/regio.md": chapter(),
            "content/images/hal.png": PNG,
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """starter() built once: the tests that only read it share it."""
    return starter(site_in(tmp_path_factory.mktemp("starter"))).build()


def test_every_type_has_its_pretty_url(built):
    for path in ["parels/hal-techniek/index.html", "cops/cluster-chemie/index.html", "agenda/innofuture/index.html", "over-dtz/index.html"]:
        assert built.exists(path), path
    assert "Hal Techniek" in built.read("parels/hal-techniek/index.html")
    assert '<html lang="nl">' in built.read("index.html")


def test_bidbook_chapters_get_no_page_of_their_own(built):
    assert not built.exists("regio/index.html")
    outside_the_bidbook = [p for p in built.output.rglob("*.html") if "bidbook" not in p.relative_to(built.output).parts]
    assert not any("Hoofdstuk." in p.read_text() for p in outside_the_bidbook)
    assert "Hoofdstuk." in built.read("bidbook/regio/index.html")


def test_municipality_and_sector_use_the_configured_spelling(built):
    html = built.read("parels/kunststof-noord/index.html")
    assert ">Hoogeveen</a>" in html and ">Kunststoffen</a>" in html


def test_type_indexes_list_newest_first(built):
    html = built.read("parels/index.html")
    assert html.index("Kunststof Noord") < html.index("Hal Techniek")


def test_agenda_lists_upcoming_events_before_past_ones(built):
    html = built.read("agenda/index.html")
    upcoming, past = html.split('id="geweest"')
    assert "Innofuture 2019" in upcoming and "Beurs München" in past


def test_event_page_says_when_and_where(built):
    html = built.read("agenda/beurs/index.html")
    assert "4 – 7 juni 2019" in html
    assert 'datetime="2019-06-04"' in html


def test_municipality_and_sector_pages_list_everything_tagged(built):
    emmen = built.read("gemeente/emmen/index.html")
    assert "Hal Techniek" in emmen and "Cluster chemie" in emmen and "Innofuture 2019" in emmen
    assert "Kunststof Noord" not in emmen
    assert "Kunststof Noord" in built.read("sector/kunststoffen/index.html")
    assert built.exists("sector/metaal-en-maakindustrie/index.html")


def test_home_shows_latest_pearls_next_events_and_cops(built):
    html = built.read("index.html")
    assert "Kunststof Noord" in html and "Innofuture 2019" in html and "Cluster chemie" in html
    assert "Beurs München" not in html  # past


def test_404_robots_and_sitemap(built):
    assert "Pagina niet gevonden" in built.read("404.html")
    assert "Sitemap: https://www.dutchtechzone.nl/sitemap.xml" in built.read("robots.txt")
    sitemap = built.read("sitemap.xml")
    assert "<loc>https://www.dutchtechzone.nl/parels/hal-techniek/</loc>" in sitemap
    assert "<loc>https://www.dutchtechzone.nl/</loc>" in sitemap
    assert "404" not in sitemap


def test_images_are_published_at_their_own_url_and_shown_as_a_picture(site):
    built = starter(site).build()
    assert Image.open(built.output / "images/hal.png").size == (1, 1)  # the URL old e-mails and feeds hold
    html = built.read("parels/hal-techniek/index.html")
    assert '<picture class="lead-image">' in html and 'alt="De hal van buiten" width="1" height="1" fetchpriority="high"' in html


def drafts(site):
    return site(
        {
            "content/parels/concept.md": pearl("Concept Parel", extra="Status: draft"),
            "content/parels/later.md": pearl("Later Parel", date="2020-01-01"),
            "content/parels/vandaag.md": pearl("Vandaag Parel", date="2019-12-31 23:00"),
        }
    )


def test_drafts_and_scheduled_items_get_no_page_and_no_listing(site):
    built = drafts(site).build()
    assert not built.exists("parels/concept/index.html")
    assert not built.exists("parels/later/index.html")
    assert built.exists("parels/vandaag/index.html")  # dated today, at any hour: published
    everything = "".join(p.read_text() for p in built.output.rglob("*.html")) + built.read("sitemap.xml")
    assert "Concept Parel" not in everything and "Later Parel" not in everything


def test_scheduled_item_appears_once_its_day_has_come(site):
    built = drafts(site).build(DTZ_TODAY="2020-01-01")
    assert built.exists("parels/later/index.html")


def test_preview_shows_drafts_with_a_concept_banner_and_keeps_them_out_of_the_sitemap(site):
    built = drafts(site).build(DTZ_PREVIEW=True)
    html = built.read("parels/concept/index.html")
    assert "CONCEPT" in html and "status draft" in html
    assert "gepland voor 1 januari 2020" in built.read("parels/later/index.html")
    assert "concept" not in built.read("sitemap.xml")


def test_a_page_that_became_a_draft_disappears_from_output(site):
    built = site({"content/pages/oud.md": page("Oud")}).build()
    assert built.exists("oud/index.html")
    built.write({"content/pages/oud.md": page("Oud", extra="Status: draft")}).build()
    assert not built.exists("oud/index.html")
    assert not (built.output / "oud").exists()


def test_make_html_variables_build_another_tree(site, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    built = site({"content/pages/elders.md": page("Elders")})
    out = tmp_path / "elders-out"
    result = subprocess.run(
        [
            "make",
            "-s",
            "html",
            f"VENV={sys.prefix}",
            f"INPUTDIR={built.content}",
            f"OUTPUTDIR={out}",
            f"PELICANOPTS=--cache-path {tmp_path / 'cache'} -e DTZ_TODAY='\"2019-12-31\"' SITENAME='\"Elders\"'",
        ],  # not the project's cache/
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "<title>Elders — Elders</title>" in (out / "elders/index.html").read_text()
