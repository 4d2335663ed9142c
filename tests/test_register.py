"""The bedrijvenregister: a spreadsheet (.xlsx or .csv) becomes company profiles, linked both ways,
counted against the plan, with every mistake as one line by row."""

import datetime
import io
import json
import re

import openpyxl
import pytest
from PIL import Image
from conftest import COUNTERS, PNG, cop, event, pearl

from dtz_content.problems import ContentError

COLUMNS = ["Name", "KvK", "Municipality", "Sector", "Place", "Website", "Description", "Added"]
XLSX = "content/bedrijven/bedrijven.xlsx"
CSV = "content/bedrijven/bedrijven.csv"


def xlsx(rows, header=COLUMNS):
    """An Excel workbook as Excel users make them: numbers stay numbers, dates are dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def company(name="Hal Techniek B.V.", kvk="04123456", municipality="Emmen", sector="Chemie", place="Klazienaveen", added="2019-03-01", **more):
    return [name, kvk, municipality, sector, place, f"https://example.com/{name.split()[0].lower()}", f"{name} maakt hallen.", added, *more.values()]


def csv_text(rows, header=COLUMNS, sep=";"):
    def cell(value):
        text = str(value)
        return f'"{text}"' if sep in text or '"' in text else text

    return "\n".join(sep.join(cell(v) for v in row) for row in [header, *rows]) + "\n"


def jsonld(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_an_xlsx_register_gives_profiles_an_index_by_municipality_and_sector_and_term_pages(site):
    header = ["name", "KVK", "Municipality", "Sector", "Place", "Website", "Description", "Added", "Address", "Postcode", "Employees", "Internships"]
    rows = [
        # Excel keeps KvK as a number (the leading 0 lost), Added as a date, Internships as TRUE
        company(kvk=4123456, sector="Chemie, ICT", added=datetime.datetime(2019, 3, 1), a="Industrieweg 1", p="7891ab", e="10-49", i=True),
        company("Staal Noord B.V.", kvk="05345678", municipality="Hardenberg", sector=None, place="Gramsbergen"),
    ]
    built = site({XLSX: xlsx(rows, header)}).build()
    profile = built.read("bedrijven/hal-techniek-bv/index.html")
    assert "<h1>Hal Techniek B.V.</h1>" in profile and "<p>Hal Techniek B.V. maakt hallen.</p>" in profile
    assert '<dd>Klazienaveen, gemeente <a href="/gemeente/emmen/">Emmen</a></dd>' in profile
    assert "<dd>Industrieweg 1, 7891 AB Klazienaveen</dd>" in profile
    assert '<a href="/sector/chemie/">Chemie</a>, <a href="/sector/ict/">ICT</a>' in profile
    assert "<dd>04123456</dd>" in profile and "Neemt stagiairs en leerlingen aan" in profile and "<dd>10-49</dd>" in profile
    organization = next(d for d in jsonld(profile) if d["@type"] == "Organization")
    assert organization["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "NL",
        "addressLocality": "Klazienaveen",
        "postalCode": "7891 AB",
        "streetAddress": "Industrieweg 1",
    }
    assert organization["identifier"]["value"] == "04123456" and organization["url"] == "https://example.com/hal"
    assert "Buiten de speerpuntsectoren" in built.read("bedrijven/staal-noord-bv/index.html")

    index = built.read("bedrijven/index.html")
    assert '<h3 id="gemeente-emmen">Emmen (1)</h3>' in index and '<h3 id="gemeente-hardenberg">Hardenberg (1)</h3>' in index
    assert '<a href="/sector/ict/#bedrijven">ICT</a> (1)' in index and "Buiten de speerpuntsectoren (1)" in index
    assert "Coevorden (" not in index  # municipalities without companies are left out
    assert '<a href="/bedrijven/hal-techniek-bv/">Hal Techniek B.V.</a>' in built.read("gemeente/emmen/index.html")
    assert '<h2 id="bedrijven">Bedrijven (1)</h2>' in built.read("sector/ict/index.html")
    assert "bedrijven" not in built.read("gemeente/coevorden/index.html").split("<main")[1].split("</main>")[0].lower()
    sitemap = built.read("sitemap.xml")
    assert "/bedrijven/</loc>" in sitemap and "/bedrijven/hal-techniek-bv/</loc>" in sitemap


def test_a_csv_from_dutch_excel_with_semicolons_or_with_commas_reads_the_same(site):
    rows = [company(sector="Chemie, Kunststoffen"), company("Café Één B.V.", kvk="04999999", place="Nieuw-Amsterdam")]
    for sep in ";,":
        built = site({CSV: "\ufeff" + csv_text(rows, sep=sep)}).build()  # Excel's CSV UTF-8 starts with a BOM
        profile = built.read("bedrijven/hal-techniek-bv/index.html")
        assert '<a href="/sector/chemie/">Chemie</a>, <a href="/sector/kunststoffen/">Kunststoffen</a>' in profile
        assert "<h1>Café Één B.V.</h1>" in built.read("bedrijven/cafe-een-bv/index.html")


def test_every_mistake_in_an_xlsx_is_one_line_by_row_and_nothing_is_written(site):
    header = [*COLUMNS, "Postcode", "Employees", "Internships", "Logo", "Logo_alt", "Pearl_status", "Opmerking"]
    extra = {"p": None, "e": None, "i": None, "l": None, "a": None, "s": None, "o": "intern"}
    rows = [
        company(**extra),  # row 2: good
        company("Tweede B.V.", kvk=4123456, **extra),  # 3: the same KvK as row 2 (Excel dropped the 0)
        company("hal techniek b.v.", kvk="04000003", **extra),  # 4: the same name as row 2
        company("Vier B.V.", kvk="1234", municipality="Emen", sector="Chemi, ICT", **extra),  # 5
        company("Vijf B.V.", kvk="04000005", added="31-12-2019", **{**extra, "p": "12345", "e": "11-50", "i": "misschien"}),  # 6
        company("Zes B.V.", kvk="04000006", **{**extra, "l": "images/logo.png", "s": "kroonjuweel"}),  # 7
        [None] * len(header),  # 8: empty rows are skipped
        ["Negen B.V.", "04000009", "Emmen", None, None, None, None, None],  # 9: required cells empty
    ]
    built = site({XLSX: xlsx(rows, header), "content/images/logo.png": PNG})
    result = built.check()
    lines = [line for line in result.stderr.splitlines() if "bedrijven.xlsx" in line]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    path = XLSX
    assert lines == [
        f"waarschuwing: {path}:1: Opmerking: onbekende kolom, wordt niet gepubliceerd — bekende velden: Name, KvK, Municipality, Sector, Place, "
        "Website, Description, Added, Address, Postcode, Employees, Internships, Logo, Logo_alt, Pearl_status",
        f"{path}:3: KvK: '04123456' staat ook in rij 2 — een unieke KvK per bedrijf",
        f"{path}:4: Name: 'hal techniek b.v.' staat ook in rij 2 — een unieke Name per bedrijf",
        f"{path}:5: KvK: '1234' is geen KvK-nummer — een KvK-nummer van 8 cijfers, zoals 04123456",
        f"{path}:5: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)",
        f"{path}:5: Sector: 'Chemi' is niet bekend — een of meer, gescheiden door komma's; een van: Chemie, Kunststoffen, "
        "Metaal en maakindustrie, Energie, Logistiek, Agrofood, Zorgtechnologie, ICT (bedoelde u 'Chemie'?)",
        f"{path}:6: Added: '31-12-2019' is geen geldige datum — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM (bedoelde u '2019-12-31'?)",
        f"{path}:6: Employees: '11-50' is niet toegestaan — 1-9, 10-49, 50-249 of 250+",
        f"{path}:6: Internships: 'misschien' is niet toegestaan — ja of nee",
        f"{path}:6: Postcode: '12345' is geen postcode — een postcode als 1234 AB",
        f"{path}:7: Logo_alt: ontbreekt — verplicht zodra Logo is ingevuld",
        f"{path}:7: Pearl_status: 'kroonjuweel' is niet toegestaan — parel of kandidaat",
        f"{path}:9: Added: ontbreekt — verplicht veld: een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM",
        f"{path}:9: Description: ontbreekt — verplicht veld: tekst",
        f"{path}:9: Place: ontbreekt — verplicht veld: tekst",
        f"{path}:9: Website: ontbreekt — verplicht veld: een volledig webadres dat begint met https:// of http://",
    ]
    assert not built.output.exists()


def test_every_mistake_in_a_csv_is_one_line_by_row(site):
    rows = [company(), company("Hal Techniek BV", kvk="04000002"), company("Drie B.V.", kvk="04000003", added="2019-02-30")]
    built = site({CSV: csv_text(rows, header=["NAME", *COLUMNS[1:]])})
    result = built.check()
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("content/")] == [
        f"{CSV}:3: Name: 'Hal Techniek BV' (webadres /bedrijven/hal-techniek-bv/) staat ook in rij 2 — een unieke Name per bedrijf",
        f"{CSV}:4: Added: '2019-02-30' bestaat niet als datum of tijd — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM",
    ]


def test_a_company_named_before_its_added_day_says_when_and_an_unknown_one_gets_no_guess(site, capfd):
    rows = [company(added="2020-01-15"), company("Dalen Zorgtechniek B.V.", kvk="04000002")]
    site(
        {CSV: csv_text(rows), "content/parels/hal.md": pearl(title="Hal Techniek"), "content/parels/staal.md": pearl(title="Staal Techniek")}
    ).build()
    warnings = [line.split("content/", 1)[1] for line in capfd.readouterr().err.splitlines() if line.startswith("waarschuwing")]
    assert warnings == [
        "parels/hal.md:3: Company: 'Hal Techniek B.V.' staat in het register maar verschijnt pas op 15 januari 2020 "
        "(kolom Added) — vanaf die dag komt er een link naar het profiel",
        "parels/staal.md:3: Company: 'Staal Techniek B.V.' staat niet in het register (content/bedrijven/) — "
        "de naam van een bedrijf uit het register, zoals in de kolom Name (hoofdletters maken niet uit)",
    ]


def test_a_name_of_a_register_row_with_problems_is_said_once_at_the_row(site, capfd):
    built = site({CSV: csv_text([company(), company("Drie B.V.", kvk="123")]), "content/parels/drie.md": pearl(title="Drie")})
    assert problems_of(built, capfd) == ["bedrijven.csv:3: KvK: '123' is geen KvK-nummer — een KvK-nummer van 8 cijfers, zoals 04123456"]


def problems_of(built, capfd):
    try:
        built.build()
    except ContentError:
        pass
    else:
        raise AssertionError("the build did not stop")
    assert not built.output.exists()
    return [line.split("bedrijven/", 1)[1] for line in capfd.readouterr().err.splitlines() if "bedrijven/" in line]


def test_a_column_that_looks_like_personal_data_is_an_error_naming_it_beside_the_rows_problems(site, capfd):
    header = [*COLUMNS, "Contactpersoon", "Info", "Name"]
    rows = [company(c="Jan Jansen", i="jan.jansen@gmail.com", n="Hal"), company("Twee B.V.", kvk="04000002", municipality="Emen", c="", i="", n="")]
    built = site({XLSX: xlsx(rows, header)})
    expected = "haal de kolom uit het register: de website toont alleen algemene bedrijfsgegevens"
    assert problems_of(built, capfd) == [
        f"bedrijven.xlsx:1: Contactpersoon: kolom met persoonsgegevens (namen, e-mailadressen of telefoonnummers van mensen) — {expected}",
        f"bedrijven.xlsx:1: Info: kolom met persoonsgegevens (namen, e-mailadressen of telefoonnummers van mensen) — {expected}",
        "bedrijven.xlsx:1: Name: kolom staat er twee keer in — elke kolom één keer",
        "bedrijven.xlsx:3: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)",
    ]


def test_a_csv_that_is_not_utf8_asks_for_csv_utf8(site, capfd):
    built = site({CSV: csv_text([company(), company("Café B.V.", kvk="04000002")]).encode("cp1252")})
    assert problems_of(built, capfd) == [
        "bedrijven.csv:3: Bestand: is geen UTF-8-tekst (é en ë raken verminkt) — sla het in Excel op via Opslaan als > "
        '"CSV UTF-8 (door komma\'s gescheiden)"'
    ]


def test_both_an_xlsx_and_a_csv_is_an_error(site, capfd):
    built = site({XLSX: xlsx([company()]), CSV: csv_text([company()])})
    assert problems_of(built, capfd) == [
        "bedrijven.xlsx:1: Bestand: staat naast bedrijven.csv — één register: verwijder bedrijven.xlsx of bedrijven.csv"
    ]


def test_a_missing_required_column_is_said_once_not_for_every_row(site, capfd):
    header = [c for c in COLUMNS if c != "KvK"]
    rows = [[v for i, v in enumerate(company(kvk=None)) if i != 1], [v for i, v in enumerate(company("B B.V.")) if i != 1]]
    assert problems_of(site({XLSX: xlsx(rows, header)}), capfd) == [
        "bedrijven.xlsx:1: KvK: kolom ontbreekt — verplichte kolom: een KvK-nummer van 8 cijfers, zoals 04123456"
    ]


def test_a_column_outside_the_model_is_not_published(site):
    built = site({CSV: csv_text([[*company(), "geheime notitie"]], header=[*COLUMNS, "Notitie"])}).build()
    assert not any("geheime notitie" in path.read_text(errors="ignore") for path in built.output.rglob("*") if path.is_file())


def test_pearls_cops_and_events_link_their_companies_and_the_profile_lists_them(site, capfd):
    built = site(
        {
            CSV: csv_text([company(), company("Polymeer B.V.", kvk="04000002")]),
            "content/parels/hal.md": pearl(title="Hal Techniek").replace("Company: Hal Techniek B.V.", "Company: HAL TECHNIEK  b.v."),
            "content/parels/poly.md": pearl(title="Poly").replace("Company: Poly B.V.", "Company: Polymer B.V."),
            "content/cops/c.md": cop(extra="Members: Hal Techniek B.V., Gemeente Emmen"),
            "content/agenda/open.md": event(extra="Companies: Polymeer B.V."),
        }
    ).build()
    warnings = [line for line in capfd.readouterr().err.splitlines() if line.startswith("waarschuwing")]
    assert [w.split("content/", 1)[1] for w in warnings] == [
        "parels/poly.md:3: Company: 'Polymer B.V.' staat niet in het register (content/bedrijven/) — de naam van een bedrijf uit het register, "
        "zoals in de kolom Name (hoofdletters maken niet uit) (bedoelde u 'Polymeer B.V.'?)"
    ]
    assert '<dd><a href="/bedrijven/hal-techniek-bv/">HAL TECHNIEK  b.v.</a></dd>' in built.read("parels/hal/index.html")
    assert "<dd>Polymer B.V.</dd>" in built.read("parels/poly/index.html")  # not in the register: text
    members = built.read("cops/c/index.html")
    assert '<li><a href="/bedrijven/hal-techniek-bv/">Hal Techniek B.V.</a></li>' in members and "<li>Gemeente Emmen</li>" in members
    assert '<a href="/bedrijven/polymeer-bv/">Polymeer B.V.</a>' in built.read("agenda/open/index.html")
    profile = built.read("bedrijven/hal-techniek-bv/index.html")
    assert '<h2 id="parels">Parels</h2>\n  <ul><li><a href="/parels/hal/">Hal Techniek</a></li></ul>' in profile
    assert '<ul><li><a href="/cops/c/">Cluster chemie</a></li></ul>' in profile and "Evenementen" not in profile
    assert '<h2 id="evenementen">Evenementen</h2>\n  <ul><li><a href="/agenda/open/">Open dag</a></li></ul>' in built.read(
        "bedrijven/polymeer-bv/index.html"
    )


def test_without_a_register_pearls_get_no_warning_and_the_menu_s_register_page_says_it_is_empty(site, capfd):
    built = site({"content/parels/hal.md": pearl()}).build()
    assert "waarschuwing" not in capfd.readouterr().err
    assert '<a href="/bedrijven/">Bedrijven</a>' in built.read("index.html")
    assert "<p>Het register is nog leeg.</p>" in built.read("bedrijven/index.html")


def test_profiles_count_by_added_and_candidates_appear_only_on_voortgang(site):
    rows = [
        [*company("Oud B.V.", kvk="04000001", added="2018-06-01"), "kandidaat"],
        [*company("Nieuw B.V.", kvk="04000002", added="2019-02-01"), "parel"],
        [*company("Later B.V.", kvk="04000003", added="2019-05-01"), "kandidaat"],
        [*company("Straks B.V.", kvk="04000004", added="2019-09-01"), None],  # after the day of the build: not yet shown
    ]
    built = site({XLSX: xlsx(rows, [*COLUMNS, "Pearl_status"]), **COUNTERS}).build(DTZ_TODAY="2019-07-01")
    data = json.loads(built.read("voortgang/goals.json"))
    goal = next(g for g in data["targets"] if g["name"] == "bedrijven")
    assert (goal["type"], goal["target"], goal["count"]) == ("company", 250, 2)
    assert [(i["slug"], i["first_date"], i["pearl_status"]) for i in goal["items"]] == [
        ("nieuw-bv", "2019-02-01", "parel"),
        ("later-bv", "2019-05-01", "kandidaat"),
    ]
    assert goal["pearl_candidates"] == [{"slug": "later-bv", "title": "Later B.V."}, {"slug": "oud-bv", "title": "Oud B.V."}]
    progress = built.read("voortgang/bedrijven/index.html")
    assert "Bedrijfsprofielen 2019: 2 van 250 (1%)" in progress and '<li data-slug="oud-bv">' in progress
    assert not built.exists("bedrijven/straks-bv/index.html")
    public = [
        p for p in built.output.rglob("*") if p.is_file() and "voortgang" not in p.parts and p.suffix in (".html", ".xml", ".json", ".ics", ".txt")
    ]
    assert built.exists("bedrijven/oud-bv/index.html") and public
    assert [p.name for p in public if re.search("kandidaat|pearl_status", p.read_text(encoding="utf-8"), re.I)] == []


def test_a_company_logo_is_a_picture_with_its_real_size_and_the_original_is_not_published(site):
    logo = io.BytesIO()
    Image.new("RGBA", (600, 300), (10, 60, 120, 255)).save(logo, "PNG")
    header = [*COLUMNS, "Logo", "Logo_alt"]
    built = site({XLSX: xlsx([company(l="images/hal-logo.png", t="Logo van Hal Techniek")], header), "content/images/hal-logo.png": logo.getvalue()})
    profile = built.build().read("bedrijven/hal-techniek-bv/index.html")
    picture = re.search(r'<picture class="company-logo">.*?</picture>', profile, re.S).group(0)
    assert 'type="image/webp"' in picture and 'sizes="(min-width: 0px) 12rem, 12rem"' in picture
    assert re.search(r'<img src="[^"]+" alt="Logo van Hal Techniek" width="600" height="300" loading="lazy"', picture)
    assert "<img class=" not in profile


def test_an_unchanged_register_is_checked_once_and_again_when_a_logo_or_a_setting_changes(site, capfd, monkeypatch):
    from dtz_content import sheet

    checked = []
    real = sheet.check_rows
    monkeypatch.setattr(sheet, "check_rows", lambda *args: checked.append(1) or real(*args))
    header = [*COLUMNS, "Logo", "Logo_alt"]
    rows = [company(l="images/hal-logo.png", t="Logo van Hal Techniek"), company("Kunststof Noord B.V.", kvk="04123457", sector="Kunststoffen")]
    built = site({XLSX: xlsx(rows, header), "content/images/hal-logo.png": PNG})
    built.build().build()
    assert len(checked) == 1  # the rebuild took the checked rows from the cache
    assert "<h1>Kunststof Noord B.V.</h1>" in built.read("bedrijven/kunststof-noord-bv/index.html")

    (built.content / "images/hal-logo.png").unlink()  # a file a row names went away: checked again, at its row
    with pytest.raises(ContentError):
        built.build()
    assert "bedrijven.xlsx:2: Logo: 'images/hal-logo.png' bestaat niet" in capfd.readouterr().err
    assert len(checked) == 2

    built.write({"content/images/hal-logo.png": PNG})
    with pytest.raises(ContentError):  # the settings changed: checked again, and Kunststoffen is no sector any more
        built.build(DTZ_SECTORS=["Chemie", "Agrofood"])
    assert "bedrijven.xlsx:3: Sector: 'Kunststoffen'" in capfd.readouterr().err
    assert len(checked) == 3
