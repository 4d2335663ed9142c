"""A draft may be unfinished: its problems are warnings on the build and on its CONCEPT banner, until
something publishes it. One cause, one line: what lists an item with errors of its own says nothing more."""

from conftest import PNG, pearl

NEWSLETTER = "Title: Maart\nDate: 2019-03-15\nItems: hal{status}\n\nWelkom.\n"


def lines_of(result):
    return [line for line in result.stderr.splitlines() if "content/" in line or "newsletters/" in line]


def test_a_problem_in_a_draft_is_a_warning_and_the_build_goes_on(site):
    built = site({"content/parels/hal.md": pearl(municipality="Emen", extra="Status: draft")})
    result = built.check()
    assert result.returncode == 0, result.stderr
    assert lines_of(result) == [
        "waarschuwing: content/parels/hal.md:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg "
        "(bedoelde u 'Emmen'?)"
    ]
    assert not built.exists("parels/hal/index.html")


def test_the_same_problem_is_an_error_once_the_item_is_published_or_scheduled(site):
    for extra in ("", "Status: published"):
        result = site({"content/parels/hal.md": pearl(municipality="Emen", extra=extra)}).check()
        assert result.returncode == 1
        assert lines_of(result) == [
            "content/parels/hal.md:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)"
        ]
    result = site({"content/parels/hal.md": pearl(date="2020-03-01", municipality="Emen")}).check()  # scheduled
    assert result.returncode == 1 and lines_of(result)[0].startswith("content/parels/hal.md:4: Municipality:")


def test_a_draft_listed_by_a_published_nieuwsbrief_has_errors_and_the_nieuwsbrief_names_the_draft_once(site):
    result = site(
        {
            "content/parels/hal.md": pearl(sector="", extra="Status: draft"),
            "newsletters/maart.md": NEWSLETTER.format(status=""),
            "content/images/dtz-logo.png": PNG,
        }
    ).check()
    assert result.returncode == 1
    assert lines_of(result) == [
        "content/parels/hal.md:5: Sector: is leeg — verplicht veld: een van: Chemie, Kunststoffen, "
        "Metaal en maakindustrie, Energie, Logistiek, Agrofood, Zorgtechnologie, ICT"
    ]


def test_a_draft_listed_by_a_draft_nieuwsbrief_stays_a_warning(site):
    result = site(
        {
            "content/parels/hal.md": pearl(municipality="Emen", extra="Status: draft"),
            "newsletters/maart.md": NEWSLETTER.format(status="\nStatus: draft"),
            "content/images/dtz-logo.png": PNG,
        }
    ).check()
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in lines_of(result)] == ["waarschuwing"]


def test_an_item_with_its_own_errors_is_not_reported_again_by_the_nieuwsbrief_that_lists_it(site):
    result = site(
        {
            "content/parels/hal.md": pearl(municipality="Emen"),
            "newsletters/maart.md": NEWSLETTER.format(status=""),
            "content/images/dtz-logo.png": PNG,
        }
    ).check()
    assert result.returncode == 1
    assert lines_of(result) == [
        "content/parels/hal.md:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)"
    ]


def test_the_preview_shows_a_drafts_problems_on_its_concept_banner(site):
    built = site({"content/parels/hal.md": pearl(municipality="Emen", extra="Status: draft")}).preview()
    page = built.read("parels/hal/index.html")
    assert "<strong>CONCEPT</strong> — dit stuk heeft status draft" in page
    assert (
        "/content/parels/hal.md:4: Municipality: &#39;Emen&#39; is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg "
        "(bedoelde u &#39;Emmen&#39;?)</li>"
    ) in page
    assert "parels/hal/" not in built.read("parels/index.html")  # its values are unfinished: in no list


def test_bedoelde_u_only_for_a_real_near_miss(site):
    result = site({"content/parels/a.md": pearl(sector="Chip"), "content/parels/b.md": pearl(title="B", sector="Agro")}).check()
    assert lines_of(result) == [
        "content/parels/a.md:5: Sector: 'Chip' is niet bekend — een van: Chemie, Kunststoffen, Metaal en maakindustrie, Energie, "
        "Logistiek, Agrofood, Zorgtechnologie, ICT",
        "content/parels/b.md:5: Sector: 'Agro' is niet bekend — een van: Chemie, Kunststoffen, Metaal en maakindustrie, Energie, "
        "Logistiek, Agrofood, Zorgtechnologie, ICT (bedoelde u 'Agrofood'?)",
    ]


def test_header_notes_are_passed_over_by_the_build(site):
    text = "# Titel van het stuk\nTitle: Hal\n# nog invullen\nDate: 2019-03-01\nCompany: Hal\nMunicipality: Emmen\nSector: Chemie\n\nTekst.\n"
    built = site({"content/parels/hal.md": text, "content/pages/kop.md": "# Een kop\n\nTekst.\n"})
    result = built.check()
    assert lines_of(result) == [
        "content/pages/kop.md:1: Bestand: heeft geen metadata-kop — bovenaan regels als 'Title: …', dan een lege regel en de tekst"
    ]
    built.write({"content/pages/kop.md": "Title: Kop\n\n# Een kop\n\nTekst.\n"})
    assert built.check().returncode == 0
    assert "nog invullen" not in built.read("parels/hal/index.html") and ">Een kop</h1>" in built.read("kop/index.html")


def test_what_a_draft_nieuwsbrief_lists_wrongly_is_a_warning_on_its_banner(site):
    built = site(
        {
            "content/parels/hal.md": pearl(),
            "newsletters/maart.md": "Title: Maart\nDate: 2019-03-15\nItems: hal, hall-techniek\nStatus: draft\n\nWelkom.\n",
            "content/images/dtz-logo.png": PNG,
        }
    )
    result = built.check()
    assert result.returncode == 0, result.stderr
    assert lines_of(result) == [
        "waarschuwing: newsletters/maart.md:3: Items: 'hall-techniek' bestaat niet — slugs van gepubliceerde parels, communities of practice, "
        "evenementen, gescheiden door komma's (bij twijfel met map: parels/slug)"
    ]
    page = built.preview().read("nieuwsbrief/maart/index.html")
    assert "/newsletters/maart.md:3: Items: &#39;hall-techniek&#39; bestaat niet" in page
    assert "<strong>CONCEPT</strong>" in page


def test_what_a_draft_would_clash_on_once_published_is_a_warning(site):
    built = site(
        {
            "content/parels/hal.md": pearl(extra="Tags: C"),
            "content/parels/nieuw.md": pearl(title="Nieuw", date="2019-05-01", extra="Tags: C++\nAliases: /parels/hal/\nStatus: draft"),
        }
    )
    result = built.check()
    assert result.returncode == 0, result.stderr
    assert lines_of(result) == [
        "waarschuwing: content/parels/nieuw.md:6: Tags: 'C++' en 'C' (content/parels/hal.md) krijgen hetzelfde webadres /trefwoord/c/ — "
        "een trefwoord met letters of cijfers dat in een eigen webadres verschilt van de andere",
        "waarschuwing: content/parels/nieuw.md:7: Aliases: '/parels/hal/' is het adres van content/parels/hal.md — "
        "een vroeger adres waar nu geen pagina staat",
    ]
