"""Keywords (Tags): a page per keyword, linked from the items; spellings and addresses that clash."""

import re

from conftest import pearl


def test_every_keyword_gets_a_page_listing_its_items_newest_first_and_items_link_there(site):
    built = site(
        {
            "content/parels/oud.md": pearl(title="Oud Bedrijf", date="2019-01-05", extra="Tags: lassen, robots"),
            "content/parels/nieuw.md": pearl(title="Nieuw Bedrijf", date="2019-06-01", extra="Tags: lassen"),
        }
    ).build()
    page = built.read("trefwoord/lassen/index.html")
    assert '<h1><span class="kicker">Trefwoord</span> lassen</h1>' in page
    assert page.index("Nieuw Bedrijf") < page.index("Oud Bedrijf")
    assert "Nieuw Bedrijf" not in built.read("trefwoord/robots/index.html")
    item = built.read("parels/oud/index.html")
    assert ('Trefwoorden: <a href="/trefwoord/lassen/">lassen</a>, <a href="/trefwoord/robots/">robots</a>') in item
    sitemap = built.read("sitemap.xml")
    assert "https://www.dutchtechzone.nl/trefwoord/lassen/" in sitemap
    assert "/zoeken/" not in sitemap


def test_spellings_that_differ_in_case_or_accents_are_one_keyword_in_the_most_used_spelling(site):
    built = site(
        {
            "content/parels/a.md": pearl(title="A", extra="Tags: Café"),
            "content/parels/b.md": pearl(title="B", extra="Tags: cafe"),
            "content/parels/c.md": pearl(title="C", extra="Tags: Cafe"),
            "content/parels/d.md": pearl(title="D", extra="Tags: cafe"),
        }
    )
    result = built.check()
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (built.output / "trefwoord").iterdir()) == ["cafe"]
    page = built.read("trefwoord/cafe/index.html")
    assert "</span> cafe</h1>" in page and all(f">{title}</a>" in page for title in "ABCD")
    assert (
        "waarschuwing: content/parels/a.md:6: Tags: 'Café' staat in content/parels/d.md als 'cafe': één trefwoord, getoond als 'cafe'"
        " — schrijf het overal als 'cafe'"
    ) in result.stderr
    assert "content/parels/c.md:6: Tags: 'Cafe' staat in content/parels/d.md als 'cafe'" in result.stderr


def test_a_keyword_spelled_another_way_is_reported_at_the_newer_file_naming_the_older(site):
    result = site(
        {
            "content/parels/nieuw.md": pearl(title="Nieuw", date="2019-06-01", extra="Tags: Waterstof"),
            "content/parels/oud.md": pearl(title="Oud", date="2019-02-01", extra="Tags: waterstof"),
            "content/parels/ouder.md": pearl(title="Ouder", date="2019-01-01", extra="Tags: waterstof"),
        }
    ).check()
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "content/" in line] == [
        "waarschuwing: content/parels/nieuw.md:6: Tags: 'Waterstof' staat in content/parels/oud.md als 'waterstof': één trefwoord, "
        "getoond als 'waterstof' — schrijf het overal als 'waterstof'"
    ]


def test_two_keywords_with_the_same_address_are_an_error_naming_both(site):
    result = site({"content/parels/a.md": pearl(title="A", extra="Tags: C"), "content/parels/b.md": pearl(title="B", extra="Tags: C++")}).check()
    assert result.returncode == 1
    assert re.search(
        r"content/parels/b\.md:6: Tags: 'C\+\+' en 'C' \(content/parels/a\.md\) krijgen hetzelfde webadres "
        r"/trefwoord/c/ — .+",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_a_keyword_only_a_draft_has_gets_a_page_in_the_preview_only(site):
    built = site(
        {
            "content/parels/a.md": pearl(title="A", extra="Tags: lassen"),
            "content/parels/geheim.md": pearl(title="Geheim", extra="Tags: geheimwoord\nStatus: draft"),
            "content/parels/later.md": pearl(title="Later", date="2020-05-01", extra="Tags: lassen"),
        }
    ).build()
    assert not built.exists("trefwoord/geheimwoord/index.html")
    assert "Later" not in built.read("trefwoord/lassen/index.html")
    preview = built.preview()
    assert preview.exists("trefwoord/geheimwoord/index.html")
    assert "Later" in preview.read("trefwoord/lassen/index.html")
