"""`make serve`: rebuilt on saves in content/, newsletters/ and the theme, and the site's own 404 page."""

import shutil

import pytest

from conftest import PNG, ROOT, Site, pearl
from preview_server import make_serve, wait_for

pytestmark = pytest.mark.server

TODAY = "2019-12-31"
TREE = {
    "content/parels/hal-techniek.md": pearl(),
    "content/images/dtz-logo.png": PNG,
    "newsletters/maart.md": "Title: Maart\nDate: 2019-03-15\nItems: hal-techniek\n\nWelkom.\n",
}


@pytest.fixture
def tree(tmp_path):
    return Site(tmp_path / "site").write(TREE)


def test_a_missing_page_gets_the_sites_404_page_with_status_404(tree):
    with make_serve(tree, TODAY) as running:
        status, body = running.get("/bestaat-niet/")
        assert status == 404 and "Pagina niet gevonden" in body and "Hoofdmenu" in body
        assert running.get("/parels/hal-techniek/")[0] == 200


def test_saving_a_nieuwsbrief_or_a_content_file_rebuilds_the_preview(tree):
    with make_serve(tree, TODAY) as running:
        tree.write({"newsletters/maart.md": TREE["newsletters/maart.md"].replace("Welkom.", "Welkom terug.")})
        wait_for(lambda: "Welkom terug." in running.get("/nieuwsbrief/maart/")[1], running.process, seconds=60)
        tree.write({"content/parels/hal-techniek.md": pearl(body="Nu met nieuwe tekst.")})
        wait_for(lambda: "Nu met nieuwe tekst." in running.get("/parels/hal-techniek/")[1], running.process, seconds=60)


def test_saving_a_theme_template_rebuilds_the_preview(tree):
    theme = tree.root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with make_serve(tree, TODAY, f"-t {theme}") as running:
        template = theme / "templates" / "404.html"
        text = template.read_text(encoding="utf-8")
        edited = text.replace('<h1>{{ _("Pagina niet gevonden") }}</h1>', "<h1>Deze pagina is er niet</h1>")
        assert edited != text, "the test edits a line 404.html no longer has"
        template.write_text(edited, encoding="utf-8")
        wait_for(lambda: "Deze pagina is er niet" in running.get("/404.html")[1], running.process, seconds=60)


def test_an_editors_swap_and_temporary_files_are_no_save_and_the_server_options_no_english_warning(tree):
    folder = tree.content / "parels"
    with make_serve(tree, TODAY) as running:
        for name in (".hal-techniek.md.swp", "hal-techniek.md~", "#hal-techniek.md#", ".#hal-techniek.md", "4913", "sedqeIkfN"):
            (folder / name).write_text("tijdelijk", encoding="utf-8")
        (folder / "sedqeIkfN").unlink()
        (folder / "4913").unlink()
        tree.write({"content/parels/hal-techniek.md": pearl(body="Opgeslagen.")})
        wait_for(lambda: "Opgeslagen." in running.get("/parels/hal-techniek/")[1], running.process, seconds=60)
    said = running.said()
    saves = [line for line in said.splitlines() if line.startswith("Gewijzigd:")]
    assert saves and all(line.endswith("/content/parels/hal-techniek.md; opnieuw bouwen…") for line in saves), said
    assert "without --listen" not in said, said
    assert "gemaakt van 1 bron (" in said and "1 bronnen" not in said, said  # the image summary counts in Dutch
