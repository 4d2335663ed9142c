"""`make serve` indexes for search in the background: a save's page is served, and the next save is
built, while the previous save's index is still being made; the index catches up once saves stop.

Pagefind is made slow at will, not by timing: a stand-in on ``PAGEFIND_BINARY_PATH`` notes each run
and waits until the test opens a gate, then hands over to the real binary."""

import json
import os

import pytest

from conftest import Site, pearl
from preview_server import make_serve, wait_for

from dtz_search.index import RECORD, folder_pages, inputs_of
from dtz_serve.serve import IDLE

pytestmark = pytest.mark.server

TODAY = "2019-12-31"


def gated_pagefind(folder):
    """(the stand-in binary, its gate, its log of runs): Pagefind runs only while the gate exists."""
    from pagefind.service import get_executable

    real = get_executable()
    assert real is not None and "PAGEFIND_BINARY_PATH" not in os.environ
    gate, runs = folder / "gate", folder / "runs"
    stand_in = folder / "pagefind"
    stand_in.write_text(f'#!/bin/sh\necho run >> "{runs}"\nwhile [ ! -e "{gate}" ]; do sleep 0.05; done\nexec "{real}" "$@"\n')
    stand_in.chmod(0o755)
    gate.touch()
    return stand_in, gate, runs


def index_inputs(preview):
    return json.loads((preview / "pagefind" / RECORD).read_text())["inputs"]


def test_saves_are_served_while_the_search_index_of_the_save_before_is_still_being_made(tmp_path):
    tree = Site(tmp_path / "site").write({"content/parels/hal-techniek.md": pearl()})
    stand_in, gate, runs = gated_pagefind(tmp_path)
    with make_serve(tree, TODAY, env={"PAGEFIND_BINARY_PATH": str(stand_in)}) as running:
        first_index = index_inputs(running.preview)
        gate.unlink()  # from now on every index waits

        tree.write({"content/parels/hal-techniek.md": pearl(body="Nu met nieuwe tekst.")})
        wait_for(lambda: "Nu met nieuwe tekst." in running.get("/parels/hal-techniek/")[1], running.process)
        wait_for(lambda: runs.read_text().count("run") == 2, running.process)  # its index has started, and waits

        tree.write({"content/parels/nieuwe-werf.md": pearl(title="Nieuwe Werf", municipality="Coevorden")})
        wait_for(lambda: running.get("/parels/nieuwe-werf/")[0] == 200, running.process)  # built beside that index
        wait_for(lambda: runs.read_text().count("run") == 3, running.process)
        said = running.said()
        assert IDLE not in said[said.rfind("hal-techniek.md") :]  # not idle while search lags behind
        assert index_inputs(running.preview) == first_index  # search still has the first version

        gate.touch()
        wait_for(lambda: running.idle_after("nieuwe-werf.md"), running.process)
        assert index_inputs(running.preview) == inputs_of(folder_pages(running.preview))  # the last save's pages
        assert runs.read_text().count("run") == 3  # the cut-off index was not made again
        assert not list(tmp_path.glob("site/.preview.search"))
