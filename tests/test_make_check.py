"""`make check`: the reader checks on the editor's own content, built as of today in a folder of its own."""

import datetime
import os
import shutil
import subprocess
import sys

import pytest

from conftest import PNG, PYTHONPATH, ROOT, Site, pearl

pytestmark = pytest.mark.xdist_group("browser")
TREE = {
    "content/parels/hal-techniek.md": pearl(),
    **{f"content/pages/{slug}.md": f"Title: {slug.title()}\n\nTekst.\n" for slug in ("contact", "over-dtz", "privacy", "toegankelijkheid")},
    "content/images/dtz-logo.png": PNG,
}


def make_check(tree, *variables, **env):
    return subprocess.run(
        [
            shutil.which("make"),
            "--no-print-directory",
            "-C",
            str(ROOT),
            "check",
            f"INPUTDIR={tree.content}",
            f"CHECKDIR={tree.root / 'check'}",
            f"CHECKCACHE={tree.root / 'cache-check'}",
            f"OUTPUTDIR={tree.output}",
            *variables,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )


@pytest.mark.browser
def test_clean_content_passes_as_of_today_and_nothing_is_written_to_the_output_folder(tmp_path):
    today = datetime.date.today().isoformat()
    tree = Site(tmp_path / "site").write({**TREE, "content/parels/vandaag.md": pearl(title="Vandaag", date=today)})
    result = make_check(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make check: geen bevindingen op" in result.stdout
    assert (tree.root / "check" / "parels" / "vandaag" / "index.html").exists()  # built as of today
    assert not tree.output.exists()


@pytest.mark.browser
def test_a_broken_link_is_one_dutch_line_naming_the_page_and_exits_1(tmp_path):
    tree = Site(tmp_path / "site").write({**TREE, "content/parels/kapot.md": pearl(title="Kapot", body="Zie [de oude pagina](/bestaat-niet/).")})
    result = subprocess.run(  # the command itself: make exits 2 for every failing recipe, whatever its status
        [
            sys.executable,
            "-m",
            "dtz_check",
            "--content",
            str(tree.content),
            "--output",
            str(tree.root / "check"),
            "--settings",
            str(ROOT / "pelicanconf.py"),
            "--cache",
            str(tree.root / "cache-check"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": PYTHONPATH},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        'link: parels/kapot/index.html: <a href="/bestaat-niet/"> verwijst naar een bestand dat niet bestaat (bestaat-niet/index.html)'
    ) in result.stdout
    assert "make check: 1 bevinding op" in result.stdout


def test_a_check_into_the_output_folder_is_refused(tmp_path):
    tree = Site(tmp_path / "site").write(TREE)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "check", f"INPUTDIR={tree.content}", f"CHECKDIR={tree.output}", f"OUTPUTDIR={tree.output}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "make check: CHECKDIR is gelijk aan" in result.stderr


def test_missing_chromium_and_java_are_one_line_each_naming_the_debian_package(tmp_path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    tree = Site(tmp_path / "site").write(TREE)
    result = subprocess.run(
        [sys.executable, "-m", "dtz_check", "--content", str(tree.content), "--output", str(tree.root / "check")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": str(empty), "PYTHONPATH": PYTHONPATH, "DTZ_CHROMIUM": "/bestaat/niet"},
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "make check: de controles in de browser hebben Chromium nodig: installeer het Debian-pakket 'chromium'",
        "make check: de HTML-controle heeft Java nodig: installeer het Debian-pakket 'default-jre-headless'",
    ]
    assert not (tree.root / "check").exists()


def test_pelicanopts_reach_the_checked_build(tmp_path):
    tree = Site(tmp_path / "site").write(TREE)
    result = make_check(tree, "PELICANOPTS=-e SITENAME='\"Proefsite DTZ\"'")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Proefsite DTZ" in (tree.root / "check" / "index.html").read_text(encoding="utf-8")


def test_without_npm_make_check_stops_with_one_line_naming_the_debian_package(tmp_path):
    vnu = tmp_path / "vnu"
    vnu.mkdir()
    shutil.copy(ROOT / "tools" / "vnu" / "package-lock.json", vnu)  # not installed yet: make must install it
    tree = Site(tmp_path / "site").write(TREE)
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = make_check(tree, f"VNU={vnu}", PATH=str(empty))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "make check: de HTML-controle wordt met npm geïnstalleerd: installeer het Debian-pakket 'npm'"
    assert not (tree.root / "check").exists()
