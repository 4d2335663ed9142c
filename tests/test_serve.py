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
        template.write_text(
            template.read_text(encoding="utf-8").replace("Pagina niet gevonden</h1>", "Deze pagina is er niet</h1>"), encoding="utf-8"
        )
        wait_for(lambda: "Deze pagina is er niet" in running.get("/404.html")[1], running.process, seconds=60)
