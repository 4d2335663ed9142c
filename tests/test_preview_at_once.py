"""make serve's page of a saved file, written at once from the last good build (``dtz_content.page_at_once``):
the page the editor looks at changes before the build catches up, and the build then writes the same bytes."""

import contextlib

import pytest
from pelican import Pelican, signals

import dtz_build
import dtz_content
from conftest import PNG, pearl

IMAGE = "Image: images/hal.png\nImage_alt: De hal\n"


def served(tree):
    """A preview built as make serve builds it (its session keeps the last good build's context)."""
    session = dtz_build.Session(at_once=True)
    settings = tree.settings(DTZ_PREVIEW=True)
    Pelican(settings).run(session)
    session.saved()  # as make serve's watcher says before the page is made
    return session, settings


def test_a_saved_item_gets_its_page_at_once_and_the_build_after_it_writes_the_same_bytes(site):
    tree = site({"content/parels/hal-techniek.md": pearl(extra=IMAGE), "content/images/hal.png": PNG})
    session, settings = served(tree)
    tree.write({"content/parels/hal-techniek.md": pearl(extra=IMAGE, body="Nu met nieuwe tekst.")})
    assert dtz_content.page_at_once(session.last, tree.content / "parels" / "hal-techniek.md") == []
    at_once = (tree.output / "parels/hal-techniek/index.html").read_bytes()
    assert b"Nu met nieuwe tekst." in at_once
    Pelican(settings).run(session)
    assert (tree.output / "parels/hal-techniek/index.html").read_bytes() == at_once


def test_a_new_item_gets_its_page_at_once(site):
    tree = site({"content/parels/hal-techniek.md": pearl()})
    session, _ = served(tree)
    tree.write({"content/parels/nieuwe-werf.md": pearl(title="Nieuwe Werf", municipality="Coevorden")})
    assert dtz_content.page_at_once(session.last, tree.content / "parels" / "nieuwe-werf.md") == []
    assert "<h1>Nieuwe Werf</h1>" in tree.read("parels/nieuwe-werf/index.html")
    assert "Nieuwe Werf" not in tree.read("parels/index.html")  # lists are the build's that catches up


NEWSLETTER = "Title: Maart\nDate: 2019-03-15\nItems: hal-techniek\n\nWelkom.\n"


@pytest.mark.parametrize(
    "saved, text, page",
    [
        ("content/parels/hal-techniek.md", pearl(municipality="Emen", body="Nu met een fout."), "parels/hal-techniek/index.html"),
        ("newsletters/maart.md", NEWSLETTER.replace("2019-03-15", "2019-03-45"), "nieuwsbrief/maart/index.html"),
    ],
)
def test_a_mistake_gives_the_files_lines_at_once_and_leaves_its_page_as_it_was(site, saved, text, page):
    tree = site({"content/parels/hal-techniek.md": pearl(), "newsletters/maart.md": NEWSLETTER, "content/images/dtz-logo.png": PNG})
    session, _ = served(tree)
    before = tree.read(page)
    tree.write({saved: text})
    with contextlib.chdir(tree.root):  # paths as the editor sees them, as in check()
        lines = dtz_content.page_at_once(session.last, saved)
    built = tree.check()
    assert lines and lines == [line for line in (built.stdout + built.stderr).splitlines() if line.startswith(saved + ":")]
    assert tree.read(page) == before


def test_a_build_a_newer_save_made_stale_stops_and_leaves_the_preview_as_it_was(site):
    tree = site({"content/parels/hal-techniek.md": pearl()})
    session, _ = served(tree)
    before = tree.snapshot()
    tree.write({"content/parels/hal-techniek.md": pearl(body="Nu met nieuwe tekst.")})

    def newer_save(generators):  # a save while the build renders, as make serve's watcher counts it
        session.saved()

    signals.all_generators_finalized.connect(newer_save)
    try:
        with pytest.raises(dtz_build.Superseded):
            Pelican(tree.settings(DTZ_PREVIEW=True)).run(session)
    finally:
        signals.all_generators_finalized.disconnect(newer_save)
    assert tree.snapshot() == before
