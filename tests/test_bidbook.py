"""The bidbook: an edition for the region and every choice of 1, 2 or 3 municipalities, on the web and as PDF."""

import json
import re

import pytest
from browser import serve
from conftest import ROOT, site_in
from pdfs import count_renders, first_page_with, fonts, language, open_pdf, page_texts, toc_entries

THREE = ["Emmen", "Coevorden", "Hoogeveen"]
FIVE = ["Emmen", "Coevorden", "Hoogeveen", "Hardenberg", "De Wolden"]
NO_PDF = {"DTZ_PDF": False}


def chapter(title, order, municipalities, body="Tekst van het hoofdstuk."):
    return f"Title: {title}\nOrder: {order}\nMunicipalities: {municipalities}\n\n{body}\n"


CHAPTERS = {
    "content/bidbook/emmen.md": chapter("Vestigen in Emmen", 1, "Emmen"),
    "content/bidbook/regio.md": chapter(
        "De regio",
        2,
        "regio",
        body=(
            "Voor iedereen.\n\n"
            "::: gemeente Hoogeveen\n"
            "Alleen over **Hoogeveen**.\n"
            ":::\n\n"
            "::: gemeenten Emmen, coevorden\n"
            "## Oost\n\n"
            "Over Emmen of Coevorden.\n"
            ":::\n\n"
            "```\n::: gemeente Voorbeeld\n```\n"
        ),
    ),
    "content/bidbook/hoogeveen.md": chapter("Vestigen in Hoogeveen", 3, "Hoogeveen"),
    "content/bidbook/zuid.md": chapter("Coevorden en Hardenberg", 4, "Coevorden, Hardenberg"),
}


TRANSLATED = {  # two of the four chapters in English: Vestigen in Hoogeveen and Coevorden en Hardenberg have no translation
    "content/bidbook/emmen.en.md": "Title: Settling in Emmen\nLang: en\nSlug: emmen\nOrder: 1\nMunicipalities: Emmen\n\nText of the chapter.\n",
    "content/bidbook/regio.en.md": (
        "Title: The region\nLang: en\nSlug: regio\nOrder: 2\nMunicipalities: regio\n\n"
        "For everyone.\n\n::: gemeente Hoogeveen\nOnly about **Hoogeveen**.\n:::\n"
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """CHAPTERS (and two in English) built once: the tests that only read it share it."""
    return site_in(tmp_path_factory.mktemp("bidbook"))({**CHAPTERS, **TRANSLATED}).build(**NO_PDF)


def edition_links(built):
    return re.findall(r'data-edition="([^"]+)"', built.read("bidbook/index.html"))


def chapter_titles(html):
    return re.findall(r'<section class="bidbook-chapter[^>]*>\s*<h2[^>]*>([^<]+)', html)


def text_of(html):
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("names, count", [(THREE, 7), (FIVE[:4], 15), (FIVE, 26)])
def test_an_edition_for_the_region_and_every_choice_of_up_to_three(site, names, count):
    built = site(CHAPTERS if len(names) >= 4 else {"content/bidbook/regio.md": chapter("De regio", 1, "regio")})
    built.build(DTZ_MUNICIPALITIES=names, **NO_PDF)
    slugs = edition_links(built)
    assert len(slugs) == len(set(slugs)) == count
    assert slugs[0] == "regio"
    assert all(built.exists(f"bidbook/{slug}/index.html") for slug in slugs)


def test_slugs_are_municipality_slugs_in_configured_order(site):
    built = site({"content/bidbook/regio.md": chapter("De regio", 1, "regio")})
    built.build(DTZ_MUNICIPALITIES=["Hoogeveen", "De Wolden", "Emmen"], **NO_PDF)
    assert edition_links(built) == ["regio", "hoogeveen", "de-wolden", "emmen", "hoogeveen-de-wolden", "hoogeveen-emmen", "de-wolden-emmen"]
    assert not built.exists("bidbook/hoogeveen-de-wolden-emmen/index.html")  # all three: that is the region


def test_the_index_groups_editions_by_size_and_works_without_javascript(built):
    html = built.read("bidbook/index.html")
    headings = re.findall(r"<h3>([^<]+)</h3>", html)
    assert headings == ["Regio", "1 gemeente", "2 gemeenten", "3 gemeenten"]
    assert '<a href="/bidbook/emmen-hoogeveen/" data-edition="emmen-hoogeveen">Emmen en Hoogeveen</a>' in html
    # the checkboxes are a form that is shown only where scripting is on; every box has a label
    assert re.search(r"<form[^>]*data-bidbook-chooser[^>]*>", html)
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)" name="gemeente" value="([^"]+)"', html)
    assert [value for _, value in boxes] == ["emmen", "coevorden", "hoogeveen", "hardenberg"]
    assert all(f'<label for="{box}">' in html for box, _ in boxes)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert len(scripts) == 1 and re.fullmatch(r"/theme/js/bidbook\.[0-9a-f]{10}\.js", scripts[0])  # self-hosted, hashed name
    assert "@media (scripting: enabled) { .bidbook-chooser { display: block; } }" in built.read("theme/css/bidbook.css")
    assert '<a href="/bidbook/"' in built.read("index.html")  # in the menu


# The page's layout shifts so far (Lighthouse's cumulative layout shift, without the session windows).
LAYOUT_SHIFT = """() => new Promise(done => {
  new PerformanceObserver(list => done(list.getEntries().reduce((sum, shift) => sum + shift.value, 0)))
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(0), 500);
})"""


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_checkboxes_lead_straight_to_the_chosen_edition_in_either_language(built, browser):
    with serve(built.output) as base:
        page = browser.new_page(java_script_enabled=False)
        page.goto(base + "bidbook/")
        assert not page.get_by_role("checkbox").first.is_visible()  # without JavaScript: only the list
        page.close()
        page = browser.new_page()
        page.goto(base + "bidbook/")
        assert page.evaluate(LAYOUT_SHIFT) == 0, "the chooser is there from the first paint: nothing moves"
        for where, show, empty in (
            ("", "Toon het bidbook", "Kies ten minste één gemeente."),
            ("en/", "Show the bidbook", "Choose at least one municipality."),
        ):
            page.goto(base + where + "bidbook/")
            page.get_by_role("button", name=show).click()
            assert page.get_by_role("status").inner_text() == empty
            page.get_by_label("Hoogeveen").check()
            page.get_by_label("Emmen").check()
            page.get_by_role("button", name=show).click()
            page.wait_for_url(f"**/{where}bidbook/emmen-hoogeveen/")
        page.goto(base + "bidbook/")
        for name in ("Emmen", "Coevorden", "Hoogeveen", "Hardenberg"):
            page.get_by_label(name).check()
        page.get_by_role("button", name="Toon het bidbook").click()
        page.wait_for_url("**/bidbook/regio/")
        page.close()


def test_an_edition_has_its_chapters_in_order(built):
    assert chapter_titles(built.read("bidbook/emmen/index.html")) == ["Vestigen in Emmen", "De regio"]
    assert chapter_titles(built.read("bidbook/hoogeveen/index.html")) == ["De regio", "Vestigen in Hoogeveen"]
    assert chapter_titles(built.read("bidbook/hardenberg/index.html")) == ["De regio", "Coevorden en Hardenberg"]
    assert chapter_titles(built.read("bidbook/emmen-hardenberg/index.html")) == ["Vestigen in Emmen", "De regio", "Coevorden en Hardenberg"]
    assert chapter_titles(built.read("bidbook/regio/index.html")) == [
        "Vestigen in Emmen",
        "De regio",
        "Vestigen in Hoogeveen",
        "Coevorden en Hardenberg",
    ]


def test_an_edition_page_has_a_cover_contents_and_contact(site):
    contact = {"name": "Bureau Test", "email": "test@voorbeeld.nl", "phone": "0591 123 456"}
    built = site(CHAPTERS).build(DTZ_BIDBOOK_CONTACT=contact, **NO_PDF)
    html = built.read("bidbook/emmen-hoogeveen/index.html")
    assert "<h1>Bidbook Emmen en Hoogeveen</h1>" in html
    assert "Voor de gemeenten Emmen en Hoogeveen" in html
    toc = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', html.split('class="bidbook-toc"')[1].split("</nav>")[0])
    assert [title for _, title in toc] == ["Vestigen in Emmen", "De regio", "Vestigen in Hoogeveen", "Contact"]
    assert all(f'id="{anchor}"' in html for anchor, _ in toc)
    assert "Bureau Test" in html and 'href="mailto:test@voorbeeld.nl"' in html and 'href="tel:0591123456"' in html
    assert "Voor de hele regio: Emmen, Coevorden, Hoogeveen en Hardenberg" in built.read("bidbook/regio/index.html")


def test_a_passage_shows_only_in_editions_with_one_of_its_municipalities(built):
    hoogeveen = text_of(built.read("bidbook/hoogeveen/index.html"))
    emmen = text_of(built.read("bidbook/emmen/index.html"))
    south = text_of(built.read("bidbook/coevorden-hardenberg/index.html"))
    region = text_of(built.read("bidbook/regio/index.html"))
    assert "Alleen over Hoogeveen" in hoogeveen and "Over Emmen of Coevorden" not in hoogeveen
    assert "Alleen over Hoogeveen" not in emmen and "Over Emmen of Coevorden" in emmen
    assert "Alleen over Hoogeveen" not in south and "Over Emmen of Coevorden" in south
    assert "Alleen over Hoogeveen" in region and "Over Emmen of Coevorden" in region
    assert all("Voor iedereen." in text for text in (hoogeveen, emmen, south, region))
    # the passage's heading sits below the chapter title; markers in code blocks stay text
    assert '<h3 id="hoofdstuk-regio-oost">Oost</h3>' in built.read("bidbook/emmen/index.html")
    assert "::: gemeente Voorbeeld" in hoogeveen
    assert "dtz-gemeente" not in built.read("bidbook/regio/index.html")


def test_the_english_bidbook_has_every_edition_of_the_translated_chapters_and_warns_once_per_edition(site):
    built = site({**CHAPTERS, **TRANSLATED})
    result = built.check(**NO_PDF)
    assert result.returncode == 0, result.stderr
    assert re.findall(r'data-edition="([^"]+)"', built.read("en/bidbook/index.html")) == edition_links(built)
    html = built.read("en/bidbook/emmen-hoogeveen/index.html")
    assert chapter_titles(html) == ["Settling in Emmen", "The region"]
    assert "<h1>Bidbook Emmen and Hoogeveen</h1>" in html and "For the municipalities of Emmen and Hoogeveen" in html
    assert "Only about <strong>Hoogeveen</strong>" in html and 'href="/en/bidbook/"' in html
    assert chapter_titles(built.read("bidbook/emmen-hoogeveen/index.html")) == ["Vestigen in Emmen", "De regio", "Vestigen in Hoogeveen"]
    warnings = [line for line in result.stderr.splitlines() if ": Vertaling: " in line]
    assert len(warnings) == 14  # one per edition that leaves a chapter out: all but Emmen's alone
    region = next(line for line in warnings if "/en/bidbook/regio/" in line)
    assert region == (
        "waarschuwing: content/bidbook/hoogeveen.md:1: Vertaling: de editie /en/bidbook/regio/ laat 2 hoofdstukken zonder vertaling weg: "
        "content/bidbook/hoogeveen.md, content/bidbook/zuid.md — een vertaling van elk, te beginnen met make new TYPE=hoofdstuk TAAL=en SLUG=hoogeveen"
    )
    assert f"\n{region}\n" in (ROOT / "docs/redactie.md").read_text(encoding="utf-8")


def marker_errors(site, body):
    result = site({"content/bidbook/x.md": chapter("X", 1, "regio", body=body)}).check()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return [line for line in result.stderr.splitlines() if line.startswith("content/")]


def test_an_unknown_municipality_in_a_marker_is_a_one_line_error(site):
    lines = marker_errors(site, "Intro.\n\n::: gemeente Emen, Hoogeveen\nTekst.\n:::\n")
    assert lines == [
        "content/bidbook/x.md:7: Municipalities: 'Emen' is niet bekend — een of meer, gescheiden door komma's; "
        "een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)"
    ]


def test_unclosed_stray_and_unknown_markers_are_errors(site):
    lines = marker_errors(site, "::: gemeent Emmen\n:::\n\n::: gemeente Emmen\nTekst zonder einde.\n")
    assert lines == [
        "content/bidbook/x.md:5: Passage: '::: gemeent Emmen' is geen bekende markering — "
        "'::: gemeente Naam, Naam' op een eigen regel, en ':::' op een eigen regel na de passage",
        "content/bidbook/x.md:6: Passage: ':::' sluit een passage die niet geopend is — "
        "'::: gemeente Naam, Naam' op een eigen regel, en ':::' op een eigen regel na de passage",
        "content/bidbook/x.md:8: Passage: wordt niet afgesloten — een regel met alleen ':::' na de passage",
    ]


@pytest.mark.parametrize(
    "names, what",
    [
        ("[]", "is leeg — een lijst met ten minste één gemeente"),
        ('"Emmen"', "is geen lijst van namen — een lijst met ten minste één gemeente"),
        ('["Emmen", "Regio"]', "geeft editie-adressen die samenvallen: regio — gemeenten met elk een eigen naam"),
        ('["Emmen", "emmen"]', "geeft editie-adressen die samenvallen: emmen — gemeenten met elk een eigen naam"),
        ('["A", "B", "A B"]', "geeft editie-adressen die samenvallen: a-b — gemeenten met elk een eigen naam"),
    ],
)
def test_municipalities_that_cannot_name_editions_are_a_one_line_error(site, names, what):
    built = site({"content/bidbook/r.md": chapter("De regio", 1, "regio")})
    result = built.check(DTZ_MUNICIPALITIES=json.loads(names))
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("pelicanconf.py:")]
    assert len(lines) == 1 and re.fullmatch(r"pelicanconf\.py:\d+: DTZ_MUNICIPALITIES: " + re.escape(what) + ".*", lines[0]), lines
    assert not built.exists("bidbook/index.html")


# -- PDFs: three municipalities keep the work small (7 editions) ----------------------


@pytest.fixture
def renders(monkeypatch):
    """The editions Typst really renders (read from each document's target), in order."""
    yield from count_renders(monkeypatch)


def pdf_site(site):
    chapters = {path: text for path, text in CHAPTERS.items() if "Hardenberg" not in text}
    return site(chapters).build(DTZ_MUNICIPALITIES=THREE, DTZ_PDF=True)


@pytest.mark.pdf
def test_every_edition_has_an_a4_pdf_with_its_own_chapters(site):
    built = pdf_site(site)
    for slug in edition_links(built):
        assert built.exists(f"bidbook/{slug}/bidbook-{slug}.pdf")
    assert 'href="/bidbook/hoogeveen/bidbook-hoogeveen.pdf"' in built.read("bidbook/hoogeveen/index.html")

    reader = open_pdf(built.output / "bidbook/hoogeveen/bidbook-hoogeveen.pdf")
    texts = page_texts(reader)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    assert "Bidbook Hoogeveen" in texts[0] and "Voor de gemeente Hoogeveen" in texts[0]
    entries = toc_entries(texts[1])
    assert [title for title, _ in entries] == ["De regio", "Vestigen in Hoogeveen", "Contact"]
    for title, page in entries:
        assert first_page_with(texts, title, after=2) == page, (title, texts)
    text = "\n".join(texts)
    assert "Alleen over Hoogeveen" in text and "Over Emmen of Coevorden" not in text
    assert "Vestigen in Emmen" not in text
    assert "pagina 3 van" in texts[2]
    assert reader.metadata.title == "Bidbook Dutch TechZone: Hoogeveen"
    assert language(reader) == "nl"
    assert all(fonts(reader).values())

    region = "\n".join(page_texts(open_pdf(built.output / "bidbook/regio/bidbook-regio.pdf")))
    assert all(t in region for t in ("Vestigen in Emmen", "Vestigen in Hoogeveen", "Alleen over Hoogeveen", "Over Emmen of Coevorden"))


@pytest.mark.pdf
def test_an_english_edition_pdf_is_in_english_and_made_of_the_translated_chapters(site):
    chapters = {path: text for path, text in {**CHAPTERS, **TRANSLATED}.items() if "Hardenberg" not in text}
    built = site(chapters).build(DTZ_MUNICIPALITIES=THREE, DTZ_PDF=True)
    reader = open_pdf(built.output / "en/bidbook/emmen-hoogeveen/bidbook-emmen-hoogeveen.pdf")
    texts = page_texts(reader)
    cover = " ".join(texts[0].split())
    assert "Bidbook Emmen and Hoogeveen For the municipalities of Emmen and Hoogeveen" in cover and "Programme Office" in cover
    assert [title for title, _ in toc_entries(texts[1])] == ["Settling in Emmen", "The region", "Contact"]
    text = " ".join("\n".join(texts).split())
    assert "Only about Hoogeveen" in text and "Please contact" in text and "page 3 of" in texts[2]
    assert not [word for word in ("Vestigen", "Hoofdstuk", "Inhoud", "pagina", "Wilt u") if word in text]
    assert reader.metadata.title == "Bidbook Dutch TechZone: Emmen and Hoogeveen"
    assert language(reader) == "en"


@pytest.mark.pdf
def test_a_change_for_hoogeveen_renders_only_the_editions_with_hoogeveen(site, renders):
    built = pdf_site(site)
    assert sorted(renders) == sorted(edition_links(built)) and len(renders) == 7

    renders.clear()
    built.build(DTZ_MUNICIPALITIES=THREE, DTZ_PDF=True)
    assert renders == []

    built.write({"content/bidbook/hoogeveen.md": chapter("Vestigen in Hoogeveen", 3, "Hoogeveen", body="Nieuw: een haven.")})
    built.build(DTZ_MUNICIPALITIES=THREE, DTZ_PDF=True)
    assert sorted(renders) == ["coevorden-hoogeveen", "emmen-hoogeveen", "hoogeveen", "regio"]
    assert all(built.exists(f"bidbook/{slug}/bidbook-{slug}.pdf") for slug in edition_links(built))
    assert "Nieuw: een haven." in "\n".join(page_texts(open_pdf(built.output / "bidbook/hoogeveen/bidbook-hoogeveen.pdf")))


@pytest.mark.pdf
def test_an_edition_without_chapters_has_no_pdf(site):
    built = site({"content/bidbook/h.md": chapter("Vestigen in Hoogeveen", 1, "Hoogeveen")})
    built.build(DTZ_MUNICIPALITIES=["Emmen", "Hoogeveen"], DTZ_PDF=True)
    assert built.exists("bidbook/hoogeveen/bidbook-hoogeveen.pdf") and built.exists("bidbook/regio/bidbook-regio.pdf")
    assert not built.exists("bidbook/emmen/bidbook-emmen.pdf")
    html = built.read("bidbook/emmen/index.html")
    assert "Deze editie heeft nog geen hoofdstukken." in html and ".pdf" not in html
