"""Bad content gets one clear line per problem, a non-zero exit, and an untouched output/."""

import pytest
from conftest import PNG, ROOT, chapter, cop, event, page, pearl
import dtz_build
from dtz_serve import serve
from pelican import Pelican

from dtz_content.problems import ContentError


def errors_of(built, command=False):
    """The build's exit code and its problem lines: in this process (Site.check), or with the pelican
    command itself (``command=True``) where its exit code and the absence of a traceback are the point."""
    result = built.cli() if command else built.check()
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    return result, lines


def one_error(site, files):
    result, lines = errors_of(site(files))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_required_field(site):
    line = one_error(site, {"content/agenda/x.md": "Title: X\nDate: 2019-01-01\nLocation: Emmen\n\nTekst\n"})
    assert line == "content/agenda/x.md:3: Start: ontbreekt — verplicht veld: een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM"


def test_unknown_municipality_suggests_the_closest(site):
    from conftest import ROOT

    line = one_error(site, {"content/parels/hal.md": pearl(municipality="Emen")})
    assert line == (
        "content/parels/hal.md:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)"
    )
    guide = (ROOT / "docs/redactie.md").read_text(encoding="utf-8")
    assert f"\n{line}\n" in guide, "the editor guide's example error line must be the real one"


def test_unknown_sector(site):
    line = one_error(site, {"content/cops/x.md": cop(sector="Chemi")})
    assert line == (
        "content/cops/x.md:3: Sector: 'Chemi' is niet bekend — een van: Chemie, Kunststoffen, "
        "Metaal en maakindustrie, Energie, Logistiek, Agrofood, Zorgtechnologie, ICT (bedoelde u 'Chemie'?)"
    )


def test_malformed_date(site):
    line = one_error(site, {"content/parels/x.md": pearl(date="maart 2019")})
    assert line == ("content/parels/x.md:2: Date: 'maart 2019' is geen geldige datum — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM")


def test_impossible_date(site):
    line = one_error(site, {"content/parels/x.md": pearl(date="2019-02-30")})
    assert line == ("content/parels/x.md:2: Date: '2019-02-30' bestaat niet als datum of tijd — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM")


def test_end_before_start(site):
    line = one_error(site, {"content/agenda/x.md": event(start="2019-06-02 10:00", end="2019-06-01 12:00")})
    assert line == "content/agenda/x.md:4: End: ligt vóór Start — een moment op of na Start"


def test_relative_url(site):
    line = one_error(site, {"content/parels/x.md": pearl(extra="Website: www.hal.nl")})
    assert line == (
        "content/parels/x.md:6: Website: 'www.hal.nl' is geen volledig webadres — een volledig webadres dat begint met https:// of http://"
    )


def test_malformed_registration_url(site):
    line = one_error(site, {"content/agenda/x.md": event(extra="Registration: https//aanmelden.nl")})
    assert line == (
        "content/agenda/x.md:5: Registration: 'https//aanmelden.nl' is geen volledig webadres — "
        "een volledig webadres dat begint met https:// of http://"
    )


def test_an_address_urllib_cannot_split_gets_the_same_line(site):
    line = one_error(site, {"content/parels/x.md": pearl(extra="Website: http://[hal")})
    assert line == (
        "content/parels/x.md:6: Website: 'http://[hal' is geen volledig webadres — een volledig webadres dat begint met https:// of http://"
    )


def test_bad_email(site):
    line = one_error(site, {"content/cops/x.md": cop(extra="Contact: info-at-dtz.nl")})
    assert line == "content/cops/x.md:4: Contact: 'info-at-dtz.nl' is geen geldig e-mailadres — een e-mailadres als naam@voorbeeld.nl"


def test_non_numeric_order(site):
    line = one_error(site, {"content/bidbook/x.md": chapter(order="een")})
    assert line == "content/bidbook/x.md:2: Order: 'een' is geen heel getal — een heel getal, zoals 3"


def test_image_outside_content_is_refused(site):
    line = one_error(site, {"content/parels/x.md": pearl(extra="Image: ../geheim.png\nImage_alt: Hal"), "geheim.png": PNG})
    assert line == (
        "content/parels/x.md:6: Image: '../geheim.png' ligt buiten content/ — "
        "een pad binnen content/ naar een bestaande afbeelding, zoals images/hal.png"
    )


def test_missing_image(site):
    line = one_error(site, {"content/parels/x.md": pearl(extra="Image: images/weg.png\nImage_alt: Hal")})
    assert line == (
        "content/parels/x.md:6: Image: 'images/weg.png' bestaat niet — een pad binnen content/ naar een bestaande afbeelding, zoals images/hal.png"
    )


def test_image_without_alt(site):
    line = one_error(site, {"content/parels/x.md": pearl(extra="Image: images/hal.png"), "content/images/hal.png": PNG})
    assert line == "content/parels/x.md:6: Image_alt: ontbreekt — verplicht zodra Image is ingevuld"


def test_duplicate_slug_within_a_type(site):
    line = one_error(site, {"content/parels/a.md": pearl("A", extra="Slug: hal"), "content/parels/b.md": pearl("B", extra="Slug: hal")})
    assert line == (
        "content/parels/b.md:6: Slug: 'hal' wordt al gebruikt door content/parels/a.md — een unieke slug per parel (pas Slug of de bestandsnaam aan)"
    )


UNIQUE_SLUG = "een unieke slug per parel (pas Slug of de bestandsnaam aan)"


def test_a_duplicate_slug_both_files_write_is_reported_at_the_newer_naming_the_other(site):
    both = {"content/parels/a.md": pearl("A", date="2019-05-01", extra="Slug: hal"), "content/parels/b.md": pearl("B", extra="Slug: hal")}
    assert one_error(site, both) == f"content/parels/a.md:6: Slug: 'hal' wordt al gebruikt door content/parels/b.md — {UNIQUE_SLUG}"


def test_a_duplicate_slug_from_two_file_names_is_reported_at_the_newer_naming_the_other(site):
    neither = {"content/parels/hal.md": pearl("A", date="2019-05-01"), "content/cops/hal.md": cop(), "content/pages/hal.md": page()}
    assert one_error(site, {**neither, "content/parels/sub/hal.md": pearl("B")}) == (
        f"content/parels/hal.md:1: Slug: 'hal' wordt al gebruikt door content/parels/sub/hal.md — {UNIQUE_SLUG}"
    )


def test_a_file_with_problems_of_its_own_says_its_slug_clash_in_the_same_run(site):
    result, lines = errors_of(
        site({"content/parels/hal.md": pearl(), "content/parels/nieuw.md": pearl("Nieuw", date="2019-05-01", municipality="Emen", extra="Slug: hal")})
    )
    assert result.returncode == 1
    assert lines == [
        "content/parels/nieuw.md:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)",
        f"content/parels/nieuw.md:6: Slug: 'hal' wordt al gebruikt door content/parels/hal.md — {UNIQUE_SLUG}",
    ]


def test_a_link_to_a_file_that_is_not_there_is_a_line_with_the_file_meant(site):
    body = (
        "Zie [Hal]({filename}/parels/hall.md), [de folder]({static}/downloads/Folder.PDF), [Staal]({filename}staal.md), "
        '<a href="{attach}/weg.zip">weg</a>.\n\n```\n[voorbeeld]({filename}/niet/echt.md)\n```'
    )
    result, lines = errors_of(
        site({"content/downloads/folder.pdf": b"%PDF-1.4", "content/parels/staal.md": pearl("Staal"), "content/parels/hal.md": pearl(body=body)})
    )
    expected = "een bestand binnen content/, zoals {filename}/parels/hal-techniek.md of {static}/downloads/folder.pdf"
    assert result.returncode == 1
    assert lines == [
        f"content/parels/hal.md:7: Link: '{{attach}}/weg.zip' bestaat niet — {expected}",
        f"content/parels/hal.md:7: Link: '{{filename}}/parels/hall.md' bestaat niet — {expected} (bedoelde u '{{filename}}/parels/hal.md'?)",
        f"content/parels/hal.md:7: Link: '{{static}}/downloads/Folder.PDF' bestaat niet — {expected} (bedoelde u '{{static}}/downloads/folder.pdf'?)",
    ]


def test_a_title_used_twice_in_a_type_is_a_warning_at_the_newer_naming_the_other(site):
    built = site(
        {
            "content/parels/hal.md": pearl("Hal Techniek", date="2019-03-01"),
            "content/parels/hal-2.md": pearl("Hal  techniek", date="2019-04-01"),
            "content/parels/hal.en.md": pearl("Hal Techniek", date="2019-05-01", extra="Lang: en\nSlug: hal", body="A company."),  # its translation
            "content/pages/over.md": page("Hal Techniek"),  # another type
            "content/agenda/open-2019.md": event("Open dag", date="2019-01-01"),  # events recur
            "content/agenda/open-2020.md": event("Open dag", date="2019-02-01", start="2020-06-01 10:00"),
        }
    )
    result = built.check()
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "content/" in line] == [
        "waarschuwing: content/parels/hal-2.md:1: Title: 'Hal  techniek' is ook de titel van content/parels/hal.md — een eigen titel per parel"
    ]
    assert "Een fictief bedrijf." in built.read("parels/hal/index.html")  # the Dutch page stays the original's
    assert "A company." not in built.read("parels/hal/index.html")


def test_a_translation_needs_its_original_and_is_the_only_one_in_its_language(site):
    built = site(
        {
            "content/parels/hal-techniek.md": pearl(),
            "content/parels/hal.en.md": pearl(extra="Lang: en\nSlug: hal-tecniek"),  # a slip in the slug
            "content/parels/staal.en.md": pearl("Staal", extra="Lang: en"),  # no Slug: its file name's, no such pearl
            "content/parels/hal-techniek.en.md": pearl(extra="Lang: en\nSlug: hal-techniek"),
            "content/parels/nog-een.en.md": pearl(date="2019-04-01", extra="Lang: en\nSlug: hal-techniek"),  # the newer of two
            "content/pages/over.md": page(extra="Lang: de"),
            "content/cops/x.md": cop(extra="Lang: enn"),
        }
    )
    result, lines = errors_of(built)
    assert result.returncode == 1
    assert lines == [
        "content/cops/x.md:4: Lang: 'enn' is niet toegestaan — nl of en (bedoelde u 'en'?)",
        "content/pages/over.md:2: Lang: 'de' is niet toegestaan — nl of en",
        "content/parels/hal.en.md:7: Slug: er is geen parel in het Nederlands met slug 'hal-tecniek' om te vertalen — "
        "een vertaling heeft de Slug van haar origineel (bedoelde u 'hal-techniek'?)",
        "content/parels/nog-een.en.md:6: Lang: 'hal-techniek' is al in het Engels vertaald in content/parels/hal-techniek.en.md — één vertaling per taal",
        "content/parels/staal.en.md:1: Slug: de bestandsnaam 'staal.en' is geen geldige slug — "
        "kleine letters, cijfers en streepjes, zoals mijn-bedrijf (hernoem het bestand of vul Slug in)",
    ]
    guide = (ROOT / "docs/redactie.md").read_text(encoding="utf-8")
    assert all(f"\n{line}\n" in guide for line in lines[2:4]), "the editor guide's example lines must be the real ones"


def test_file_name_that_is_no_valid_slug(site):
    line = one_error(site, {"content/parels/Mijn Bedrijf.md": pearl()})
    assert line == (
        "content/parels/Mijn Bedrijf.md:1: Slug: de bestandsnaam 'Mijn Bedrijf' is geen geldige slug — "
        "kleine letters, cijfers en streepjes, zoals mijn-bedrijf (hernoem het bestand of vul Slug in)"
    )


def test_file_name_is_not_checked_when_slug_is_given(site):
    built = site({"content/parels/Mijn Bedrijf.md": pearl(extra="Slug: mijn-bedrijf")})
    assert built.check().returncode == 0
    assert built.exists("parels/mijn-bedrijf/index.html")


def test_same_slug_in_two_types_is_fine(site):
    result = site({"content/parels/hal.md": pearl(), "content/agenda/hal.md": event()}).check()
    assert result.returncode == 0, result.stderr


def test_file_that_is_not_utf8(site):
    line = one_error(site, {"content/pages/x.md": "Title: Caf\xe9\n\nTekst\n".encode("latin-1")})
    assert line == "content/pages/x.md:1: Bestand: is geen UTF-8-tekst — sla het bestand op als UTF-8"


def test_file_without_metadata_header(site):
    line = one_error(site, {"content/pages/x.md": "# Gewoon tekst\n\nZonder kop.\n"})
    assert line == ("content/pages/x.md:1: Bestand: heeft geen metadata-kop — bovenaan regels als 'Title: …', dan een lege regel en de tekst")


def test_unknown_key_is_a_warning_that_lists_the_known_keys(site):
    result = site({"content/pages/x.md": page(extra="Auteur: Piet")}).check()
    assert result.returncode == 0
    assert (
        "waarschuwing: content/pages/x.md:2: Auteur: onbekend veld, wordt genegeerd — bekende velden: Title, Slug, Summary, Status"
    ) in result.stderr


def test_bad_status(site):
    line = one_error(site, {"content/pages/x.md": page(extra="Status: verborgen")})
    assert line == "content/pages/x.md:2: Status: 'verborgen' is niet toegestaan — published of draft"


def ten_mistakes():
    """Ten different kinds of mistake, one per file (j.md is fine: k.md takes its slug)."""
    return {
        "content/parels/a.md": pearl(municipality="Emen"),  # not in the configured list
        "content/parels/b.md": pearl(date="2019-13-01"),  # malformed date
        "content/agenda/c.md": event(start="2019-06-02", end="2019-06-01"),  # End before Start
        "content/agenda/d.md": "Title: D\nDate: 2019-01-01\nStart: 2019-01-02\n\nGeen locatie\n",  # missing field
        "content/cops/e.md": cop(extra="Contact: nee"),  # bad e-mail address
        "content/bidbook/f.md": chapter(order="x"),  # non-numeric Order
        "content/pages/g.md": "Geen kop\n",  # no metadata header
        "content/parels/h.md": pearl(extra="Website: hal.nl"),  # relative URL
        "content/pages/i.md": "Title: Caf\xe9\n\nTekst\n".encode("latin-1"),  # not UTF-8
        "content/pages/j.md": page("J", extra="Slug: dubbel"),
        "content/pages/k.md": page("K", extra="Slug: dubbel"),  # the slug of j.md: a duplicate
    }


def test_ten_mistakes_give_ten_lines_and_leave_output_untouched(site):
    built = site({"content/pages/goed.md": page("Goed")}).build()
    before = built.snapshot()
    built.write(ten_mistakes())
    result, lines = errors_of(built, command=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len(lines) == 10, "\n".join(lines)
    assert lines == sorted(lines)
    assert built.snapshot() == before


def test_in_process_build_raises_content_error_and_writes_nothing(site):
    built = site(ten_mistakes())
    with pytest.raises(ContentError, match="10 fouten"):
        built.build()
    assert not built.output.exists()


def test_editor_guide_field_tables_match_the_model():
    from conftest import ROOT

    from dtz_content.guide import fill
    from dtz_content.model import TYPES

    text = (ROOT / "docs/redactie.md").read_text(encoding="utf-8")
    assert fill(text) == text, "docs/redactie.md is out of date: run `make guide`"
    for key in ("pearl", "cop", "event", "chapter", "page"):
        assert f"<!-- velden: {key} -->" in text
    assert all(f"`{f.name}`" in text for f in TYPES["pearl"].fields)


def test_preview_reports_errors_but_keeps_serving_the_previous_output(site, capfd):
    built = site({"content/pages/goed.md": page("Goed")}).build(DTZ_PREVIEW=True)
    before = built.snapshot()
    built.write({"content/pages/fout.md": page(extra="Status: weg")})
    serve.build(lambda: Pelican(built.settings(DTZ_PREVIEW=True)), dtz_build.Session())  # make serve's loop must not die or spin
    said = capfd.readouterr().err
    assert "content/pages/fout.md:2: Status:" in said and "de vorige versie blijft staan" in said
    assert built.snapshot() == before


def test_a_bad_dtz_today_is_one_line_not_a_traceback(site):
    from conftest import ROOT

    built = site({"content/pages/goed.md": page("Goed")})
    line = next(n for n, text in enumerate((ROOT / "pelicanconf.py").read_text().splitlines(), 1) if text.startswith("DTZ_TODAY ="))
    result = built.cli("-e", 'DTZ_TODAY="gisteren"')
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert f"pelicanconf.py:{line}: DTZ_TODAY: 'gisteren' is geen datum — een datum als JJJJ-MM-DD, zoals 2019-12-31" in result.stderr.splitlines()
    assert not built.output.exists()


@pytest.mark.parametrize(
    "written, meant",
    [
        ("31-12-2019", "2019-12-31"),
        ("31/12/2019", "2019-12-31"),
        ("31 december 2019", "2019-12-31"),
        ("1-3-2019 14:30", "2019-03-01 14:30"),
        ("2019-03-01 12.00", "2019-03-01 12:00"),
        ("2019-03-01 12u", "2019-03-01 12:00"),
        ("2019-03-01 12:00 uur", "2019-03-01 12:00"),
    ],
)
def test_a_date_in_another_common_form_gets_the_answer(site, written, meant):
    line = one_error(site, {"content/parels/x.md": pearl(date=written)})
    assert line == (
        f"content/parels/x.md:2: Date: '{written}' is geen geldige datum — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM (bedoelde u '{meant}'?)"
    )


def test_a_date_that_is_no_day_gets_no_guess(site):
    line = one_error(site, {"content/parels/x.md": pearl(date="31-02-2019")})
    assert line.endswith("'31-02-2019' is geen geldige datum — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM")


def test_a_missing_image_close_to_an_existing_file_names_it(site):
    line = one_error(
        site,
        {
            "content/images/parels/hal-techniek.png": PNG,
            "content/parels/x.md": pearl(extra="Image: images/parels/hal-technik.png\nImage_alt: De hal"),
        },
    )
    assert line.endswith(
        "Image: 'images/parels/hal-technik.png' bestaat niet — een pad binnen content/ naar een "
        "bestaande afbeelding, zoals images/hal.png (bedoelde u 'images/parels/hal-techniek.png'?)"
    )


def test_a_duplicate_slug_is_reported_at_the_file_whose_slug_line_makes_it(site):
    line = one_error(site, {"content/parels/a-nieuw.md": pearl("Nieuw", extra="Slug: hal"), "content/parels/hal.md": pearl("Hal")})
    assert line == (
        "content/parels/a-nieuw.md:6: Slug: 'hal' wordt al gebruikt door content/parels/hal.md — "
        "een unieke slug per parel (pas Slug of de bestandsnaam aan)"
    )
