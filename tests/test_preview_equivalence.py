"""`make serve` after a series of saves, additions and deletions, once it says it is idle: its preview
folder is what a fresh preview build of the same content writes, byte for byte (the search index by its inputs)."""

import time

import pytest

from conftest import PNG, Site, cop, event, pearl
from preview_server import make_serve, wait_for
from test_build_equivalence import files

pytestmark = pytest.mark.server

TODAY = "2019-12-31"
NEWSLETTER = "Title: Maart\nDate: 2019-03-15\nItems: hal-techniek\n\nWelkom.\n"


def test_once_idle_the_preview_equals_a_fresh_preview_build_of_the_same_content(tmp_path):
    tree = Site(tmp_path / "site").write(
        {
            "content/parels/hal-techniek.md": pearl(),
            "content/parels/oude-smederij.md": pearl(title="Oude Smederij", municipality="Coevorden"),
            "content/agenda/open-dag.md": event(),
            "newsletters/maart.md": NEWSLETTER,
            "content/images/dtz-logo.png": PNG,
        }
    )
    with make_serve(tree, TODAY) as running:
        saves = [
            {"content/parels/hal-techniek.md": pearl(body="Nu met nieuwe tekst.")},
            {"content/parels/nieuwe-werf.md": pearl(title="Nieuwe Werf", municipality="Emmen")},
            {"content/cops/cluster-chemie.md": cop()},
            {"newsletters/maart.md": NEWSLETTER.replace("Welkom.", "Welkom terug.")},
            {"content/parels/nieuwe-werf.md": pearl(title="Nieuwe Werf", municipality="Emmen", extra="Status: draft\n")},
        ]
        for save in saves:  # a save every half second: most arrive while a build catches up
            tree.write(save)
            time.sleep(0.5)
        # then saves, an addition and deletions without any wait: each page made at once, each build superseded
        tree.write({"content/parels/hal-techniek.md": pearl(body="Weer anders.")})
        tree.write({"content/agenda/tweede-dag.md": event(title="Tweede dag", start="2019-07-01 10:00")})
        (tree.content / "parels" / "oude-smederij.md").unlink()
        tree.write({"content/parels/nieuwe-werf.md": pearl(title="Nieuwe Werf", municipality="Emmen", body="Gepubliceerd.")})
        (tree.content / "cops" / "cluster-chemie.md").unlink()
        tree.write({"content/parels/laatste.md": pearl(title="Laatste", municipality="Coevorden")})
        wait_for(lambda: running.idle_after("laatste.md"), running.process, seconds=120)
        built = files(running.preview)
    assert "parels/laatste/index.html" in built and "agenda/tweede-dag/index.html" in built
    assert "parels/oude-smederij/index.html" not in built and "cops/cluster-chemie/index.html" not in built
    assert b"Weer anders." in built["parels/hal-techniek/index.html"]
    with make_serve(tree, TODAY, name="fresh") as fresh:
        assert built == files(fresh.preview)
