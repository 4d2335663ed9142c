"""What an editor sees at the end of a build: one Dutch closing line, no English or Rich lines, and
settings that point at pages (DTZ_MENU, DTZ_FOOTER_LINKS) checked against what the build wrote."""

import re

import pytest
from conftest import PNG, ROOT, STARTER_TODAY, Site, day_after_newest_item, pearl

from dtz_content.problems import setting_line

CHECKED = {"DTZ_MENU_CHECK": "1"}
CLOSING = re.compile(r"^Klaar in \d+,\d seconden: gepubliceerd (.*); achtergehouden (.*); (.*)\.$")


def test_a_build_ends_with_one_dutch_summary_and_no_pelican_done_line(site):
    built = site(
        {
            "content/parels/hal.md": pearl(),
            "content/parels/later.md": pearl(title="Later", date="2020-02-01"),
            "content/parels/concept.md": pearl(title="Concept", municipality="Emen", extra="Status: draft"),
            "content/pages/over.md": "Title: Over\n\nTekst.\n",
        }
    )
    result = built.cli()
    assert result.returncode == 0, result.stderr
    assert "Done" not in result.stdout + result.stderr and "Processed" not in result.stdout
    last = result.stdout.splitlines()[-1]
    assert CLOSING.match(last).groups() == ("1 parel, 1 pagina", "1 concept, 1 gepland", "1 waarschuwing")


def test_a_content_error_ends_in_dutch_without_critical_or_traceback_lines(site):
    result = site({"content/parels/hal.md": pearl(municipality="Emen")}).cli()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/parels/hal.md:4: Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)",
        "1 fout in de inhoud; er is niets geschreven",
    ]
    assert "CRITICAL" not in result.stdout and "__init__.py" not in result.stdout


def test_a_menu_or_footer_entry_without_a_page_is_an_error_at_its_line_and_nothing_is_published(tmp_path, request):
    built = Site(tmp_path / "site", request).write({"content/parels/hal.md": pearl(), "content/pages/contact.md": "Title: Contact\n\nTekst.\n"})
    result = built.cli(env=CHECKED)
    assert result.returncode == 1
    menu = setting_line(ROOT / "pelicanconf.py", "DTZ_MENU", '"over-dtz/"')
    assert menu > setting_line(ROOT / "pelicanconf.py", "DTZ_MENU", None)
    footer = setting_line(ROOT / "pelicanconf.py", "DTZ_FOOTER_LINKS", None)
    expected = "het adres van een pagina die de build schrijft, zoals over-dtz/ (of maak die pagina, bijvoorbeeld met make new TYPE=pagina)"
    assert result.stderr.splitlines() == [
        f"pelicanconf.py:{menu}: DTZ_MENU: 'over-dtz/' (Over DTZ) bestaat niet op de site — {expected}",
        f"pelicanconf.py:{footer}: DTZ_FOOTER_LINKS: 'privacy/' (Privacy) bestaat niet op de site — {expected}",
        f"pelicanconf.py:{footer}: DTZ_FOOTER_LINKS: 'toegankelijkheid/' (Toegankelijkheid) bestaat niet op de site — {expected}",
        "3 fouten in de instellingen; er is niets gepubliceerd",
    ]
    assert not built.output.exists() or not any(built.output.iterdir())
    menu = [["Parels", "parels/"], ["Contact", "contact/"], ["Elders", "https://example.org/"]]
    fixed = built.check(DTZ_MENU=menu, DTZ_FOOTER_LINKS=[["Contact", "contact/"]], DTZ_MENU_CHECK=True)
    assert fixed.returncode == 0, fixed.stderr
    assert built.exists("parels/hal/index.html")


@pytest.mark.pdf
def test_the_site_and_the_emails_address_the_reader_as_u(starter_site):
    informal = re.compile(r"\b(je|jou|jouw|jij|jezelf)\b", re.I)
    found = [
        f"{path.relative_to(starter_site.output)}: {match.group(0)}"
        for path in sorted(starter_site.output.rglob("*"))
        if path.suffix in (".html", ".txt", ".xml", ".ics", ".eml")
        for match in informal.finditer(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8", errors="replace")))
    ]
    assert found == []


def test_make_test_builds_the_starter_site_as_of_the_day_after_its_newest_item(tmp_path):
    tree = Site(tmp_path / "site").write(
        {"content/parels/a.md": pearl(date="2019-03-01"), "newsletters/b.md": "Title: B\nDate: 2020-01-05 10:00\nItems: a\n\nTekst.\n"}
    )
    assert day_after_newest_item(tree.content, tree.root / "newsletters") == "2020-01-06"
    assert STARTER_TODAY == day_after_newest_item(ROOT / "content", ROOT / "newsletters")


def test_an_image_without_description_is_one_dutch_line_without_pelicans_english_warning(site):
    result = site({"content/parels/hal.md": pearl(body="Tekst.\n\n![](/images/foto.png)\n"), "content/images/foto.png": PNG}).cli()
    assert result.returncode == 1
    assert "Empty alt" not in result.stdout + result.stderr and "alt attributes" not in result.stdout
    assert result.stderr.splitlines()[0].startswith("content/parels/hal.md:9: Image: '/images/foto.png' heeft geen beschrijving — ")


def test_a_missing_newsletter_logo_is_an_error_at_its_setting(site):
    result = site({"content/parels/hal.md": pearl(), "newsletters/maart.md": "Title: Maart\nDate: 2019-03-15\nItems: hal\n\nWelkom.\n"}).cli()
    assert result.returncode == 1
    line = setting_line(ROOT / "pelicanconf.py", "DTZ_NEWSLETTER_LOGO", None)
    assert (
        f"pelicanconf.py:{line}: DTZ_NEWSLETTER_LOGO: 'images/dtz-logo.png' bestaat niet in content/ — "
        "het pad van het logo binnen de inhoudsmap, zoals images/dtz-logo.png: elke nieuwsbrief toont het"
    ) in result.stderr.splitlines()
