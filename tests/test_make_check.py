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
def test_clean_content_passes_as_of_today_with_pelicanopts_and_nothing_is_written_to_the_output_folder(tmp_path):
    today = datetime.date.today().isoformat()
    tree = Site(tmp_path / "site").write({**TREE, "content/parels/vandaag.md": pearl(title="Vandaag", date=today)})
    result = make_check(tree, "PELICANOPTS=-e SITENAME='\"Proefsite DTZ\"'")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make check: geen bevindingen op" in result.stdout
    assert (tree.root / "check" / "parels" / "vandaag" / "index.html").exists()  # built as of today
    assert "Proefsite DTZ" in (tree.root / "check" / "index.html").read_text(encoding="utf-8")  # PELICANOPTS reach the checked build
    assert not tree.output.exists()


@pytest.mark.browser
def dtz_check(tree, **env):
    """The command itself: make exits 2 for every failing recipe, whatever its status."""
    command = [sys.executable, "-m", "dtz_check", "--content", str(tree.content), "--output", str(tree.root / "check")]
    command += ["--settings", str(ROOT / "pelicanconf.py"), "--cache", str(tree.root / "cache-check")]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": PYTHONPATH, **env})


@pytest.mark.browser  # the first check runs in Chromium
def test_findings_name_the_markdown_file_its_line_and_the_page_in_dutch_and_a_rerun_reuses_them(tmp_path):
    body = 'Tekst.\n\nZie [de oude pagina](/bestaat-niet/).\n\n<p id="dubbel">Een</p>\n<p id="dubbel">Twee</p>\n'
    tree = Site(tmp_path / "site").write({**TREE, "content/parels/kapot.md": pearl(title="Kapot", body=body)})
    source = tree.content / "parels" / "kapot.md"
    line = source.read_text(encoding="utf-8").splitlines().index("Zie [de oude pagina](/bestaat-niet/).") + 1
    result = dtz_check(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    said = result.stdout.splitlines()
    assert (
        f'{source}:{line}: link: <a href="/bestaat-niet/"> verwijst naar een bestand dat niet bestaat (bestaat-niet/index.html) '
        "— pagina /parels/kapot/"
    ) in said
    html = [text for text in said if text.startswith(f"{source}: HTML: ")]
    assert html and all(text.endswith("— pagina /parels/kapot/") for text in html), said
    assert any("het id “dubbel” staat meer dan eens op de pagina" in text for text in html), said
    assert not any(text.startswith("thema:") for text in said), said
    assert said[-1].startswith("make check: ") and " bevindingen in uw bestanden (" in said[-1]
    # unchanged content: the same findings, without starting Chromium (it could not start now)
    again = dtz_check(tree, DTZ_CHROMIUM="/bin/true")
    assert again.returncode == 1 and again.stdout.splitlines()[1:] == said[1:], again.stdout + again.stderr


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


def test_a_finding_on_the_sites_own_templates_is_the_themes_not_an_editors(tmp_path, capsys):
    from dtz_check.cli import Finding, Sources, report

    pearl_md = tmp_path / "hal.md"
    pearl_md.write_text("Title: Hal\n\nZie [weg](/weg/).\n", encoding="utf-8")
    sources = Sources(tmp_path)
    sources.pages = {"parels/hal/index.html": str(pearl_md)}
    found = [
        Finding("link", "index.html", '<a href="/colofon/"> verwijst naar een bestand dat niet bestaat (colofon/index.html)', "/colofon/"),
        Finding("link", "parels/index.html", '<a href="/weg/"> verwijst naar een bestand dat niet bestaat (weg/index.html)', "/weg/"),
    ]
    assert report(found, sources, 3) == 1
    assert capsys.readouterr().out.splitlines() == [
        f'{pearl_md}:3: link: <a href="/weg/"> verwijst naar een bestand dat niet bestaat (weg/index.html) — pagina /parels/',
        "make check: 1 bevinding in uw bestanden (3 pagina's gecontroleerd)",
        'thema: /: link: <a href="/colofon/"> verwijst naar een bestand dat niet bestaat (colofon/index.html)',
        "make check: 1 bevinding in de opmaak van de site zelf (thema), niet in uw bestanden — geef ze door aan wie de site onderhoudt",
    ]
