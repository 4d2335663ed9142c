"""Every problem of every file in one run: each stage of checking (header fields, files and images, the text,
across files) runs even when an earlier one found something, for every type; a draft's problems are the same
lines as warnings, on its CONCEPT banner in preview."""

import html

from conftest import PNG, pearl

STATUS = "Status: published"  # the same line count as 'Status: draft'
FILES = {
    "content/images/parels/IMG_4031.JPG": PNG,
    "content/images/hal.png": PNG,
    "content/parels/staal.md": pearl(title="Staal"),
    "content/parels/hal.md": f"""Title: Hal Techniek
Date: 2019-03-01
Company: Hal Technie B.V.
Municipality: Emen
Sector: Chemie
Image: images/parels/img_4031.jpg
{STATUS}

Een fictief bedrijf.

![](/images/hal.png)
""",
    "content/cops/chemie.md": f"""Title: Cluster chemie
Date: 2019-04-01
Sector: Chemi
Contact: info-at-dtz.nl
{STATUS}

Een CoP. ![](/images/hal.png)
""",
    "content/agenda/open.md": f"""Title: Open dag
Date: 2019-03-01
Start: 2019-06-01 12.00
Location: Emmen
Registration: www.open.nl
Companies: Hal Techniek
{STATUS}

Welkom. ![](/images/hal.png)
""",
    "content/pages/over.md": f"""Title: Over DTZ
Auteur: Jan
{STATUS}

Tekst. ![Het team](team.png)
""",
    "content/bidbook/regio.md": f"""Title: Regio
Order: x
Municipalities: regio
{STATUS}

::: gemeente Hogeveen
Tekst. ![](/images/hal.png)
:::
""",
    "content/techzine/een.md": f"""Title: TechZine 1
Date: 2019-04-01
Number: een
Items: stal
Cover: images/omslag.png
{STATUS}

Voorwoord. ![](/images/hal.png)
""",
    "newsletters/maart.md": f"""Title: Maart
Date: 2019-03-5
Items: stal
{STATUS}

Welkom. ![Foto](/images/hal.png) Zie [de site](http://example.com/).
""",
}
REGISTER = {
    "content/bedrijven/bedrijven.csv": "Name;KvK;Municipality;Sector;Place;Website;Description;Added;Contactpersoon\n"
    "Hal Techniek B.V.;04123456;Emmen;Chemie;Klazienaveen;https://hal.nl;Maakt hallen.;2019-01-01;\n"
    "Staal B.V.;04123457;Emmen;Metaal en maakindustrie;Emmen;https://staal.nl;Maakt staal.;2019-01-01;\n"
    "Drie B.V.;123;Emen;Chemie;Emmen;https://drie.nl;Maakt drie.;2019-01-01;Jan Jansen\n"
}
REGISTER_LINES = [
    "content/bedrijven/bedrijven.csv:1: Contactpersoon: kolom met persoonsgegevens (namen, e-mailadressen of telefoonnummers van mensen) — "
    "haal de kolom uit het register: de website toont alleen algemene bedrijfsgegevens",
    "content/bedrijven/bedrijven.csv:4: KvK: '123' is geen KvK-nummer — een KvK-nummer van 8 cijfers, zoals 04123456",
    "content/bedrijven/bedrijven.csv:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)",
]
NO_DESCRIPTION = "heeft geen beschrijving — beschrijf wat er te zien is: ![beschrijving](/images/naam.jpg)"
MUNICIPALITIES = "een van: Emmen, Coevorden, Hoogeveen, Hardenberg"
SECTORS = "een van: Chemie, Kunststoffen, Metaal en maakindustrie, Energie, Logistiek, Agrofood, Zorgtechnologie, ICT"
MOMENT = "een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM"
IMAGE = "een pad binnen content/ naar een bestaande afbeelding, zoals images/hal.png"
REFS = "gescheiden door komma's (bij twijfel met map: parels/slug)"
ITEM_LINES = [
    "content/agenda/open.md:3: Start: '2019-06-01 12.00' is geen geldige datum — " + MOMENT + " (bedoelde u '2019-06-01 12:00'?)",
    "content/agenda/open.md:5: Registration: 'www.open.nl' is geen volledig webadres — een volledig webadres dat begint met https:// of http://",
    "content/agenda/open.md:9: Image: '/images/hal.png' " + NO_DESCRIPTION,
    "content/bidbook/regio.md:2: Order: 'x' is geen heel getal — een heel getal, zoals 3",
    "content/bidbook/regio.md:6: Municipalities: 'Hogeveen' is niet bekend — een of meer, gescheiden door komma's; "
    + MUNICIPALITIES
    + " (bedoelde u 'Hoogeveen'?)",
    "content/bidbook/regio.md:7: Image: '/images/hal.png' " + NO_DESCRIPTION,
    "content/cops/chemie.md:3: Sector: 'Chemi' is niet bekend — " + SECTORS + " (bedoelde u 'Chemie'?)",
    "content/cops/chemie.md:4: Contact: 'info-at-dtz.nl' is geen geldig e-mailadres — een e-mailadres als naam@voorbeeld.nl",
    "content/cops/chemie.md:7: Image: '/images/hal.png' " + NO_DESCRIPTION,
    "content/pages/over.md:5: Image: 'team.png' is een relatief pad — een pad vanaf de hoofdmap, zoals ![beschrijving](/images/hal.jpg)",
    "content/parels/hal.md:4: Municipality: 'Emen' is niet bekend — " + MUNICIPALITIES + " (bedoelde u 'Emmen'?)",
    "content/parels/hal.md:6: Image: 'images/parels/img_4031.jpg' bestaat niet — " + IMAGE + " (bedoelde u 'images/parels/IMG_4031.JPG'?)",
    "content/parels/hal.md:6: Image_alt: ontbreekt — verplicht zodra Image is ingevuld",
    "content/parels/hal.md:11: Image: '/images/hal.png' " + NO_DESCRIPTION,
    "content/techzine/een.md:3: Number: 'een' is geen heel getal — een heel getal, zoals 3",
    "content/techzine/een.md:4: Items: 'stal' bestaat niet — slugs van gepubliceerde parels, communities of practice, evenementen, "
    "pagina's, " + REFS + " (bedoelde u 'staal'?)",
    "content/techzine/een.md:5: Cover: 'images/omslag.png' bestaat niet — " + IMAGE,
    "content/techzine/een.md:5: Cover_alt: ontbreekt — verplicht zodra Cover is ingevuld",
    "content/techzine/een.md:8: Image: '/images/hal.png' " + NO_DESCRIPTION,
    "newsletters/maart.md:2: Date: '2019-03-5' is geen geldige datum — " + MOMENT + " (bedoelde u '2019-03-05'?)",
    "newsletters/maart.md:3: Items: 'stal' bestaat niet — slugs van gepubliceerde parels, communities of practice, evenementen, "
    + REFS
    + " (bedoelde u 'staal'?)",
    "newsletters/maart.md:6: Tekst: bevat een afbeelding — alleen tekst in de inleiding; afbeeldingen komen uit de parels (Image)",
    "newsletters/maart.md:6: Tekst: link 'http://example.com/' werkt niet veilig in een e-mail — een volledig adres dat begint met "
    "https:// of mailto:, of een pad op de site zoals /parels/…/",
]
WARNINGS = [  # said whatever the status: an unknown field, a name not in the register
    "waarschuwing: content/agenda/open.md:6: Companies: 'Hal Techniek' staat niet in het register (content/bedrijven/) — namen, "
    "gescheiden door komma's; de naam van een bedrijf uit het register wordt een link (bedoelde u 'Hal Techniek B.V.'?)",
    "waarschuwing: content/pages/over.md:2: Auteur: onbekend veld, wordt genegeerd — bekende velden: Title, Slug, Summary, Status, Aliases, Lang",
    "waarschuwing: content/parels/hal.md:3: Company: 'Hal Technie B.V.' staat niet in het register (content/bedrijven/) — de naam van een "
    "bedrijf uit het register, zoals in de kolom Name (hoofdletters maken niet uit) (bedoelde u 'Hal Techniek B.V.'?)",
]


def in_report_order(lines):
    """As the report prints them: by file, then line number."""

    def key(line):
        path, number, rest = line.removeprefix("waarschuwing: ").split(":", 2)
        return path, int(number), rest

    return sorted(lines, key=key)


def lines_of(result):
    return [line for line in result.stderr.splitlines() if "content/" in line or "newsletters/" in line]


def test_one_run_reports_every_problem_of_every_file_of_every_type(site):
    built = site({**FILES, **REGISTER})
    result = built.cli()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert lines_of(result) == WARNINGS + in_report_order(REGISTER_LINES + ITEM_LINES)
    assert result.stderr.splitlines()[-1] == f"{len(REGISTER_LINES + ITEM_LINES)} fouten in de inhoud; er is niets geschreven"
    assert "WARNING" not in result.stdout + result.stderr  # no English line from Pelican beside the Dutch ones
    assert not built.output.exists()


def test_in_drafts_every_problem_is_the_same_line_as_a_warning_and_on_the_concept_banner(site):
    drafts = {path: text.replace(STATUS, "Status: draft") if isinstance(text, str) else text for path, text in FILES.items()}
    built = site({**drafts, **REGISTER}).write(
        {"content/bedrijven/bedrijven.csv": REGISTER["content/bedrijven/bedrijven.csv"].split("Drie")[0].replace(";Contactpersoon", "")}
    )
    result = built.check()
    assert result.returncode == 0, result.stderr
    assert lines_of(result) == in_report_order(WARNINGS + ["waarschuwing: " + line for line in ITEM_LINES])
    preview = built.preview()
    pages = {
        "content/agenda/open.md": "agenda/open/",
        "content/bidbook/regio.md": "bidbook/concept/regio/",
        "content/cops/chemie.md": "cops/chemie/",
        "content/pages/over.md": "over/",
        "content/parels/hal.md": "parels/hal/",
        "content/techzine/een.md": "techzine/een/",
        "newsletters/maart.md": "nieuwsbrief/maart/",
    }
    for source, url in pages.items():
        page = html.unescape(preview.read(url + "index.html"))
        assert "<strong>CONCEPT</strong>" in page, url
        for line in (line for line in ITEM_LINES if line.startswith(source)):
            assert line.split(source, 1)[1] in page, (url, line)
    assert '<a href="/bidbook/concept/regio/">Regio</a>' in preview.read("bidbook/index.html")
    assert "concept/regio" not in built.read("bidbook/index.html")  # never on the published site
