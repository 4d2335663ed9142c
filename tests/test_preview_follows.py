"""`make serve`'s pages follow the editor: an open page reloads itself after a save that changed it,
and a save with mistakes puts their lines at the top of every page until a save fixes them."""

import pytest

from conftest import Site, pearl
from preview_server import make_serve, wait_for

pytestmark = [pytest.mark.server, pytest.mark.browser, pytest.mark.xdist_group("browser")]

TODAY = "2019-12-31"
LONG = "\n\n".join(f"Alinea {n} over het bedrijf en wat het maakt in de regio." for n in range(80))
PAGE = "/parels/hal-techniek/"


@pytest.fixture
def tree(tmp_path):
    return Site(tmp_path / "site").write({"content/parels/hal-techniek.md": pearl(body=LONG)})


def save(tree, **changes):
    tree.write({"content/parels/hal-techniek.md": pearl(**{"body": LONG, **changes})})


def test_an_open_page_reloads_itself_after_a_save_and_keeps_its_scroll_position(tree, browser):
    with make_serve(tree, TODAY) as running:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{running.port}{PAGE}")
        page.evaluate("scrollTo(0, 900)")
        save(tree, body=LONG + "\n\nNu met nieuwe tekst.")
        page.wait_for_function("document.body.innerText.includes('Nu met nieuwe tekst.')", timeout=60_000)
        page.wait_for_load_state("load")
        assert abs(page.evaluate("scrollY") - 900) < 2
        page.close()


def test_a_mistake_shows_its_line_on_every_page_and_goes_with_the_fix(tree, browser):
    with make_serve(tree, TODAY) as running:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{running.port}{PAGE}")
        save(tree, municipality="Emmenn")
        page.wait_for_selector("#dtz-fouten", timeout=60_000)
        shown = page.inner_text("#dtz-fouten li")
        assert "hal-techniek.md:4: Municipality: " in shown and "Emmen" in shown.split("—", 1)[1]
        assert "Alinea 1 over" in page.inner_text("main")  # over the last good version of the page
        for path in ("/", PAGE, "/bestaat-niet/"):  # every page, without JavaScript: in the HTML itself
            assert shown in running.get(path)[1].replace("&#x27;", "'").replace("&quot;", '"')
        save(tree)
        page.wait_for_selector("#dtz-fouten", state="detached", timeout=60_000)
        wait_for(lambda: "dtz-fouten" not in running.get("/")[1], running.process)
        page.close()
    assert shown in running.said()  # the same line as the terminal
    for file in running.preview.rglob("*"):  # the preview's files never carry what the server adds
        if file.is_file():
            assert b"/_dtz/events" not in file.read_bytes() and b"dtz-fouten" not in file.read_bytes(), file
