"""TechZine: issue files are checked, /techzine/ and each issue's page read well, and each issue
prints as an A4 PDF that is rendered again only when something in it changed."""

import logging

import dtz_print
import pytest
from pelican import Pelican
from conftest import PNG, Site, cop, event, page, pearl
from pdfs import count_renders, first_page_with, fonts, image_count, language, open_pdf, page_texts, structure, toc_entries
from test_validation import one_error


def issue(title="Samen sterk", number=1, items="hal, chemie, open-dag, over-dtz", date="2019-10-01", extra="", body="Ons **voorwoord**."):
    return f"Title: {title}\nDate: {date}\nNumber: {number}\nItems: {items}\n{extra}\n{body}\n"


ITEMS = {
    "content/parels/hal.md": pearl("Hal Techniek", extra="Image: images/hal.png\nImage_alt: De hal"),
    "content/cops/chemie.md": cop("Cluster chemie", extra="Municipalities: Emmen"),
    "content/agenda/open-dag.md": event("Open dag Emmen"),
    "content/pages/over-dtz.md": page("Over DTZ", extra="Summary: Wie we zijn.").replace("Tekst.", "## Doel\n\nTekst over ons."),
    "content/images/hal.png": PNG,
}
TITLES = ["Hal Techniek", "Cluster chemie", "Open dag Emmen", "Over DTZ"]


def two_issues(site):
    return site(
        {
            **ITEMS,
            "content/parels/staal.md": pearl("Staal Oost", date="2019-04-01"),
            "content/techzine/nummer-1.md": issue("Eerste", 1, "hal, chemie", date="2019-06-01"),
            "content/techzine/nummer-2.md": issue(
                "Tweede", 2, "chemie, staal", date="2019-09-01", extra="Cover: images/hal.png\nCover_alt: De hal als omslag"
            ),
        }
    )


@pytest.fixture
def renders(monkeypatch):
    """The issues Typst really renders (by page: 'nummer-1'), in order."""
    yield from count_renders(monkeypatch)


def build(built, **settings):
    """Build with the TechZine PDFs, without the bidbook: its PDFs cost seconds and are not what these tests look at."""
    plugins = [name for name in built.settings()["PLUGINS"] if name != "dtz_bidbook"]
    return built.build(PLUGINS=plugins, **{"DTZ_PDF": True, **settings})


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """One issue with a cover, built once: its PDF is read by several tests."""
    cover = "Cover: images/hal.png\nCover_alt: De hal als omslag"
    built = Site(tmp_path_factory.mktemp("techzine")).write({**ITEMS, "content/techzine/nummer-1.md": issue(extra=cover)})
    build(built)
    return built, open_pdf(built.output / "techzine/nummer-1/techzine-1.pdf")


# -- validation: one line per problem -----------------------------------------
def test_issue_without_number(site):
    text = "Title: X\nDate: 2019-10-01\nItems: hal\n\nVoorwoord.\n"
    line = one_error(site, {**ITEMS, "content/techzine/x.md": text})
    assert line == "content/techzine/x.md:3: Number: ontbreekt — verplicht veld: een heel getal, zoals 3"


def test_issue_listing_an_unknown_item_suggests_the_closest(site):
    line = one_error(site, {**ITEMS, "content/techzine/x.md": issue(items="hal, chemi")})
    assert line == (
        "content/techzine/x.md:4: Items: 'chemi' bestaat niet — slugs van gepubliceerde parels, "
        "communities of practice, evenementen, pagina's, gescheiden door komma's "
        "(bij twijfel met map: parels/slug) (bedoelde u 'chemie'?)"
    )


def test_issue_listing_a_draft(site):
    files = {**ITEMS, "content/parels/hal.md": pearl("Hal Techniek", extra="Status: draft")}
    line = one_error(site, {**files, "content/techzine/x.md": issue(items="hal")})
    assert line == ("content/techzine/x.md:4: Items: 'hal' is een concept — alleen gepubliceerde stukken (of maak dit nummer ook een concept)")


def test_issue_listing_an_item_dated_after_it(site):
    line = one_error(site, {**ITEMS, "content/techzine/x.md": issue(items="hal", date="2019-02-01")})
    assert line == ("content/techzine/x.md:4: Items: 'hal' verschijnt pas op 1 maart 2019, na dit nummer — stukken van uiterlijk 1 februari 2019")


def test_two_issues_with_the_same_number(site):
    line = one_error(site, {**ITEMS, "content/techzine/a.md": issue("A", 3, "hal"), "content/techzine/b.md": issue("B", 3, "chemie")})
    assert line == (
        "content/techzine/b.md:3: Number: 3 wordt al gebruikt door content/techzine/a.md — een Number die geen ander techzine-nummer heeft"
    )


def test_cover_without_its_description(site):
    line = one_error(site, {**ITEMS, "content/techzine/x.md": issue(extra="Cover: images/hal.png")})
    assert line == "content/techzine/x.md:5: Cover_alt: ontbreekt — verplicht zodra Cover is ingevuld"


# -- the web pages ------------------------------------------------------------
@pytest.mark.pdf
def test_index_lists_issues_newest_first_with_cover_and_pdf(site):
    built = build(two_issues(site))
    html = built.read("techzine/index.html")
    assert html.index("TechZine 2: Tweede") < html.index("TechZine 1: Eerste")
    assert 'alt="De hal als omslag" width="1" height="1" fetchpriority="high"></picture>' in html  # the newest cover is the first image
    assert 'href="/techzine/nummer-2/techzine-2.pdf"' in html
    assert 'href="/techzine/"' in built.read("index.html")  # in the menu


@pytest.mark.pdf
def test_issue_page_has_cover_editorial_contents_and_every_item_in_full(printed):
    built, _ = printed
    html = built.read("techzine/nummer-1/index.html")
    assert 'alt="De hal als omslag"' in html
    assert "Ons <strong>voorwoord</strong>." in html
    toc = html.split('id="in-dit-nummer"')[1].split("</nav>")[0]
    assert [toc.index(t) for t in TITLES] == sorted(toc.index(t) for t in TITLES)
    body = html.split("</nav>", 2)[-1]
    positions = [body.index(f">{t}</h2>") for t in TITLES]
    assert positions == sorted(positions)
    for url in ["/parels/hal/", "/cops/chemie/", "/agenda/open-dag/", "/over-dtz/"]:
        assert f'href="{url}"' in body
    assert "Tekst over ons." in body and "Een CoP." in body and "Welkom." in body
    assert '<h3 id="page-over-dtz-doel">Doel</h3>' in body  # item headings sit below the item's h2
    assert 'href="/techzine/nummer-1/techzine-1.pdf"' in html


def test_without_pdfs_no_pdf_is_written_or_linked(site):
    built = site({**ITEMS, "content/techzine/nummer-1.md": issue()}).build(DTZ_PDF=False)
    assert built.exists("techzine/nummer-1/index.html")
    assert not built.exists("techzine/nummer-1/techzine-1.pdf")
    assert ".pdf" not in built.read("techzine/nummer-1/index.html") + built.read("techzine/index.html")


def test_draft_issue_only_in_preview_with_a_concept_banner(site):
    built = site({**ITEMS, "content/techzine/nummer-1.md": issue(extra="Status: draft")}).build(DTZ_PDF=False)
    assert not built.exists("techzine/nummer-1/index.html")
    assert "Samen sterk" not in built.read("techzine/index.html")
    assert "CONCEPT" in built.preview(DTZ_PDF=False).read("techzine/nummer-1/index.html")


# -- the PDF ------------------------------------------------------------------
@pytest.mark.pdf
def test_pdf_holds_cover_contents_and_every_item_in_order_with_right_page_numbers(printed):
    built, reader = printed
    texts = page_texts(reader)
    assert "TechZine 1" in texts[0] and "Samen sterk" in texts[0] and "1 oktober 2019" in texts[0]
    entries = toc_entries(texts[1])
    assert [title for title, _ in entries] == ["Voorwoord", *TITLES]
    for title, number in entries:
        assert first_page_with(texts, title, after=2) == number, title
    starts = [number for _, number in entries]
    assert starts == sorted(set(starts))  # every part on a page of its own
    assert f"pagina {len(texts)} van {len(texts)}" in texts[-1]
    assert image_count(reader) == 1  # cover and item image are the same file, embedded once


@pytest.mark.pdf
def test_pdf_metadata_and_embedded_fonts(printed):
    built, reader = printed
    assert reader.metadata.title == "TechZine 1: Samen sterk"
    assert reader.metadata.author == "Dutch TechZone"
    assert reader.metadata.subject == "Ons voorwoord."
    assert language(reader) == "nl"
    assert round(reader.pages[0].mediabox.height) == 842  # A4: 297 mm
    found = fonts(reader)
    assert found and all(found.values()), found


@pytest.mark.pdf
def test_pdf_is_tagged_with_headings_and_image_descriptions_and_links_to_the_public_site(printed):
    built, reader = printed
    tags = structure(reader)
    headings = [tag for tag, _ in tags if tag.startswith("/H")]
    assert headings[0] == "/H1" and headings.count("/H1") == 1 and headings.count("/H2") == 2 + len(TITLES)  # contents, editorial
    assert "/H3" in headings  # an item's own heading sits below its title
    assert ("/Figure", "De hal als omslag") in tags and ("/Figure", "De hal") in tags
    site = built.settings()["DTZ_SITE_URL"].rstrip("/")
    uris = {str(a.get_object().get("/A", {}).get("/URI")) for page in reader.pages for a in page.get("/Annots", [])}
    assert {f"{site}/parels/hal/", f"{site}/cops/chemie/", f"{site}/over-dtz/"} <= uris


@pytest.mark.pdf
def test_second_build_without_changes_renders_no_pdf(site, renders, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="dtz_print")
    built = build(two_issues(site))
    assert sorted(renders) == ["nummer-1", "nummer-2"]
    assert sorted(r.getMessage() for r in caplog.records if r.getMessage().startswith("PDF gemaakt: ")) == [
        "PDF gemaakt: techzine/nummer-1/techzine-1.pdf",
        "PDF gemaakt: techzine/nummer-2/techzine-2.pdf",
    ]  # and each render is logged
    before = built.snapshot()
    renders.clear()
    documents = []  # print source rendered: not needed either, the page inputs are unchanged
    source = dtz_print.PrintPipeline.source
    monkeypatch.setattr(
        dtz_print.PrintPipeline, "source", lambda self, template, **values: documents.append(template) or source(self, template, **values)
    )
    build(built)
    assert renders == [] and documents == []
    assert built.snapshot() == before


@pytest.mark.pdf
def test_a_changed_item_renders_exactly_the_issues_that_contain_it(site, renders):
    built = build(two_issues(site))
    renders.clear()
    built.write({"content/parels/hal.md": pearl("Hal Techniek", extra="Image: images/hal.png\nImage_alt: De hal", body="Nieuw.")})
    build(built)
    assert renders == ["nummer-1"]
    renders.clear()
    built.write({"content/cops/chemie.md": cop("Cluster chemie", extra="Municipalities: Coevorden")})
    build(built)
    assert sorted(renders) == ["nummer-1", "nummer-2"]
    renders.clear()
    built.write({"content/images/hal.png": PNG + b"\0"})  # the image: in issue 1 (item) and 2 (cover)
    build(built)
    assert sorted(renders) == ["nummer-1", "nummer-2"]


@pytest.mark.pdf
def test_an_issue_with_images_prints_with_pelicans_relative_default_cache_path(site, monkeypatch):
    """pelicanconf.py sets no CACHE_PATH: Pelican's default 'cache' is relative to where make runs,
    and Typst (its root at /) must still find the print copies of the images kept there."""
    built = site({**ITEMS, "content/techzine/nummer-1.md": issue(extra="Cover: images/hal.png\nCover_alt: De hal als omslag")})
    settings = built.settings(PLUGINS=[name for name in built.settings()["PLUGINS"] if name != "dtz_bidbook"], DTZ_PDF=True)
    settings["CACHE_PATH"] = "cache"  # as Pelican leaves its default: read_settings makes only a set value absolute
    monkeypatch.chdir(built.root)
    Pelican(settings).run()
    assert image_count(open_pdf(built.output / "techzine/nummer-1/techzine-1.pdf")) == 1  # the cover and the item share one image
    assert list((built.root / "cache/pdf").iterdir()), "the PDF is kept in ./cache/pdf/"


@pytest.mark.pdf
def test_starter_issue_reads_well_and_prints_every_item(starter_site):
    texts = page_texts(open_pdf(starter_site.output / "techzine/techzine-1/techzine-1.pdf"))
    entries = toc_entries(texts[1])
    assert entries[0] == ("Voorwoord", 3) and len(entries) == 7
    for title, number in entries:
        assert first_page_with(texts, title, after=2) == number, title
    html = starter_site.read("techzine/techzine-1/index.html")
    assert html.count("Naar de eigen pagina van") == 6


def test_editor_guide_has_a_techzine_section_with_its_fields():
    from conftest import ROOT

    text = (ROOT / "docs/redactie.md").read_text(encoding="utf-8")
    section = text.split("## TechZine\n", 1)[1].split("\n## ", 1)[0]
    assert "<!-- velden: techzine -->" in section and "`Cover_alt`" in section
