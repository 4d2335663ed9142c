"""The English site: a translation (Lang: en, its original's Slug) at its original's path below /en/, with
the theme's interface in English, hreflang pairs both ways and a language switch (README "Translations and the English site")."""

from pathlib import Path

import pytest
from conftest import cop, event, page, pearl

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"

TRANSLATED = {
    "content/parels/hal.md": pearl("Hal Techniek", date="2019-12-07", sector="Metaal en maakindustrie", body="Een fictief bedrijf."),
    "content/parels/hal.en.md": pearl(
        "Hal Engineering", date="2019-12-07", sector="Metaal en maakindustrie", extra="Lang: en\nSlug: hal", body="A fictional company."
    ),
    "content/cops/chemie.md": cop("Cluster chemie"),
    "content/cops/chemie.en.md": cop("Chemicals cluster", extra="Lang: en\nSlug: chemie"),
    "content/agenda/open.md": event("Open dag", start="2019-06-01 10:00"),
    "content/agenda/open.en.md": event("Open day", start="2019-06-01 10:00", extra="Lang: en\nSlug: open"),
    "content/pages/over-dtz.md": page("Over DTZ"),
    "content/pages/over-dtz.en.md": page("About DTZ", extra="Lang: en\nSlug: over-dtz"),
    "content/parels/alleen.md": pearl("Alleen Nederlands", date="2019-11-01"),  # no translation
}


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    from conftest import site_in

    return site_in(tmp_path_factory.mktemp("english"))(TRANSLATED).build()


def test_a_translation_lives_at_its_originals_path_below_en(english):
    html = english.read("en/parels/hal/index.html")
    assert '<html lang="en">' in html
    assert "<h1>Hal Engineering</h1>" in html
    assert '<dt>Published</dt><dd><time datetime="2019-12-07T00:00+01:00">7 December 2019</time></dd>' in html
    assert '<a href="/sector/metaal-en-maakindustrie/" hreflang="nl">Metal and manufacturing</a>' in html
    dutch = english.read("parels/hal/index.html")
    assert '<html lang="nl">' in dutch and "7 december 2019" in dutch and "<h1>Hal Techniek</h1>" in dutch
    assert not english.exists("parels/hal-engineering/index.html")
