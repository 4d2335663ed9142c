"""The search index as a build writes it: which pages go in, when it is made again, a failing index."""

import json
import os

from conftest import PNG, pearl

SEARCH = {"DTZ_SEARCH_INDEX": True}  # off in the site fixture unless a test is about search


def marked(output):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html") if b"data-pagefind-body" in p.read_bytes())


def test_items_and_overviews_are_indexed_and_404_progress_search_redirects_and_e_mails_are_not(site):
    built = site(
        {
            "content/parels/hal.md": pearl(extra="Aliases: /parels/oude-hal/\nTags: lassen"),
            "content/pages/over-dtz.md": "Title: Over DTZ\n\nTekst.\n",
            "content/images/dtz-logo.png": PNG,
            "newsletters/maart.md": "Title: Maart\nDate: 2019-03-02\nItems: hal\n\nIntro.\n",
        }
    ).build(**SEARCH)
    pages = marked(built.output)
    for indexed in (
        "parels/hal/index.html",
        "parels/index.html",
        "gemeente/emmen/index.html",
        "sector/chemie/index.html",
        "trefwoord/lassen/index.html",
        "over-dtz/index.html",
        "nieuwsbrief/maart/index.html",
    ):
        assert indexed in pages
    for left_out in (
        "404.html",
        "voortgang/index.html",
        "zoeken/index.html",
        "parels/oude-hal/index.html",
        "index.html",
        "nieuwsbrief/maart/email.html",
    ):
        assert built.exists(left_out) and left_out not in pages
    entry = json.loads(built.read("pagefind/pagefind-entry.json"))
    assert entry["languages"]["nl"]["page_count"] == len(pages)  # Dutch (lang="nl"), nothing else
    assert not built.exists("pagefind/pagefind-ui.js")  # only Pagefind's JS API is shipped


def test_an_unchanged_site_is_not_indexed_again_and_a_changed_page_is(site):
    built = site({"content/parels/hal.md": pearl(), "content/parels/bos.md": pearl(title="Bos")}).build(**SEARCH)
    record = built.output / "pagefind" / ".dtz-index.json"
    first = json.loads(record.read_text())
    stamps = {name: os.stat(built.output / "pagefind" / name).st_mtime_ns for name in first["files"]}
    built.build(**SEARCH)
    assert {name: os.stat(built.output / "pagefind" / name).st_mtime_ns for name in first["files"]} == stamps
    built.write({"content/parels/bos.md": pearl(title="Bos", body="Nu met lasrobots.")}).build(**SEARCH)
    second = json.loads(record.read_text())
    assert second["inputs"] != first["inputs"]
    assert all((built.output / "pagefind" / name).is_file() for name in second["files"])


def test_a_failing_index_leaves_the_site_as_it_was_and_says_so_in_one_dutch_line(site, tmp_path):
    built = site({"content/parels/hal.md": pearl()}).build(**SEARCH)
    before = built.snapshot()
    broken = tmp_path / "pagefind-kapot"
    broken.write_text("#!/bin/sh\necho 'panicked' >&2\nexit 3\n")
    broken.chmod(0o755)
    built.write({"content/parels/bos.md": pearl(title="Bos")})
    result = built.cli(env={"PAGEFIND_BINARY_PATH": str(broken)})
    assert result.returncode == 1
    assert (
        "pagefind/: zoekindex: Pagefind kon de site niet indexeren — het programma ontbrak of stopte; er is niets gepubliceerd\n"
    ) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "panicked" not in result.stderr + result.stdout
    assert built.snapshot() == before


def test_the_preview_shows_a_saved_page_first_and_keeps_its_old_index_when_indexing_fails(site, tmp_path, monkeypatch, capfd):
    built = site({"content/parels/hal.md": pearl()})
    preview = built.preview(**SEARCH)
    index = {p.name: p.read_bytes() for p in (preview.output / "pagefind").rglob("*") if p.is_file()}
    broken = tmp_path / "pagefind-kapot"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    capfd.readouterr()
    built.write({"content/parels/bos.md": pearl(title="Bos")}).preview(**SEARCH)
    assert "pagefind/: zoekindex: Pagefind kon de voorbeeldweergave niet indexeren" in capfd.readouterr().err
    assert (preview.output / "parels" / "bos" / "index.html").is_file()  # the page is there, search is not yet
    assert {p.name: p.read_bytes() for p in (preview.output / "pagefind").rglob("*") if p.is_file()} == index
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    built.preview(**SEARCH)
    entry = json.loads((preview.output / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["nl"]["page_count"] == len(marked(preview.output))
    assert not list(tmp_path.glob("site/.preview.search"))


def test_with_the_index_off_no_pagefind_runs_and_the_search_page_is_still_written(site, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/niet/aanwezig/pagefind")  # would stop the build if it ran
    built = site({"content/parels/hal.md": pearl()}).build(DTZ_SEARCH_INDEX=False)
    assert not built.exists("pagefind") and built.exists("zoeken/index.html")
