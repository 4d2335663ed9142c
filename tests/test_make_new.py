"""`make new TYPE=… TITLE=…`: a draft with every field of its type, in the right folder, that builds at once."""

import contextlib
import io
import os
import re
import subprocess
from types import SimpleNamespace

import dtz_new

import pytest

from conftest import ROOT, Site, chapter, cop, event, page, pearl
from dtz_content import TYPES
from preview_server import make_serve

TODAY = "2019-12-31"


def make_new(tree, kind, title, *extra):
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "-C", str(ROOT), "new", f"TYPE={kind}", f"TITLE={title}", f"INPUTDIR={tree.content}", *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "DTZ_TODAY": TODAY},
    )


def new(tree, kind, title="", *options):
    """make new TYPE=kind TITLE=title, in this process: the Makefile's lines are tested with make (the tests
    of a new pearl, NEWSLETTER_PATH, TAAL and a missing INPUTDIR), the others call what they run."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = dtz_new.main([kind, title, "--content", str(tree.content), *options])
    return subprocess.CompletedProcess("make new", code, out.getvalue(), err.getvalue())


@pytest.fixture
def tree(tmp_path, request, monkeypatch):
    monkeypatch.setenv("DTZ_TODAY", TODAY)  # as make_new() passes it
    return Site(tmp_path / "site", request)


def test_a_new_pearl_is_a_draft_with_every_field_and_its_help(tree):
    result = make_new(tree, "parel", "Groei > 10% & kosten")
    path = tree.content / "parels" / "groei-10-kosten.md"
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"make new: {path} is aangemaakt als concept (Status: draft); vul de velden in en bekijk het met make serve\n"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "# Title (verplicht): Titel van het stuk. Invullen: tekst.",
        "Title: Groei > 10% & kosten",
        "# Date (verplicht): Publicatiedatum (Europe/Amsterdam). Een datum na vandaag wordt automatisch op die dag gepubliceerd. "
        "Invullen: een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM.",
        "Date: 2019-12-31",
        "# Company (verplicht): Naam van het bedrijf; het profiel in het bedrijvenregister krijgt een link naar deze parel. "
        "Invullen: de naam van een bedrijf uit het register, zoals in de kolom Name (hoofdletters maken niet uit).",
        "Company:",
    ]
    assert "# Municipality (verplicht): Gemeente waar het bedrijf zit. Invullen: een van: Emmen, Coevorden, Hoogeveen, Hardenberg." in lines
    assert "# Website:" in lines and "Status: draft" in lines
    names = [found.group(1) for found in map(re.compile(r"^(?:# )?([A-Za-z_]+):").match, lines) if found]
    assert list(dict.fromkeys(names)) == [f.name for f in TYPES["pearl"].fields]


def test_a_new_nieuwsbrief_goes_to_newsletter_path_and_a_page_has_no_date(tree):
    assert make_new(tree, "nieuwsbrief", "December 2019", "NEWSLETTER_PATH=brieven").returncode == 0
    assert "Date: 2019-12-31" in (tree.root / "brieven" / "december-2019.md").read_text(encoding="utf-8")
    assert new(tree, "pagina", "Over ons").returncode == 0
    assert "\nDate:" not in (tree.content / "pages" / "over-ons.md").read_text(encoding="utf-8")


def test_make_new_refuses_to_overwrite(tree):
    assert new(tree, "evenement", "Open dag").returncode == 0
    path = tree.content / "agenda" / "open-dag.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Location:", "Location: Emmen"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = new(tree, "evenement", "Open  dag!")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"make new: {path} bestaat al — kies een andere titel of bewerk dat bestand; er is niets overschreven"
    assert path.read_text(encoding="utf-8") == before


def test_a_content_folder_that_is_not_there_is_one_line_and_writes_nothing(tmp_path):
    result = make_new(SimpleNamespace(content=tmp_path / "geen-map"), "parel", "Open dag")
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"make new: de bronmap {tmp_path / 'geen-map'} bestaat niet — geef met INPUTDIR een bestaande map, zoals INPUTDIR=content"
    )
    assert "Traceback" not in result.stderr and not (tmp_path / "geen-map").exists()


def test_an_unknown_type_lists_the_known_ones_and_a_company_points_at_the_register(tree):
    result = new(tree, "parels", "X")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "make new: onbekend type 'parels' — gebruik: make new TYPE=<type> TITLE=\"…\"; "
        "bekende typen: parel, cop, evenement, hoofdstuk, pagina, nieuwsbrief, techzine, doel"
    )
    result = new(tree, "bedrijf", "Hal Techniek")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "make new: een bedrijf is geen eigen bestand maar een regel in het bedrijvenregister — "
        f"maak {tree.content}/bedrijven/bedrijven.xlsx of bedrijven.csv en voeg het bedrijf daar toe"
    )
    assert not tree.content.exists() or not any(tree.content.rglob("*.md"))
    tree.write({"content/bedrijven/bedrijven.csv": "Name,Municipality\n"})
    result = new(tree, "bedrijf", "Hal Techniek")
    assert result.stderr.splitlines()[0] == (
        f"make new: een bedrijf is geen eigen bestand maar een regel in {tree.content}/bedrijven/bedrijven.csv — voeg het bedrijf daar toe"
    )


def test_every_new_type_builds_at_once_as_an_unpublished_draft(tree):
    for kind in ("parel", "cop", "evenement", "hoofdstuk", "pagina", "techzine", "nieuwsbrief", "doel"):
        assert new(tree, kind, f"Nieuw {kind}").returncode == 0
    result = tree.check()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        "waarschuwing: content/parels/nieuw-parel.md:6: Company: is leeg — verplicht veld: de naam van een bedrijf uit het register, zoals in de kolom Name (hoofdletters maken niet uit)"
        in result.stderr.splitlines()
    )
    assert not tree.exists("parels/nieuw-parel/index.html")
    assert "nieuw-parel" not in tree.read("parels/index.html")


ORIGINALS = {
    "parel": "content/parels/emmen/hal-techniek.md",
    "cop": "content/cops/chemie.md",
    "evenement": "content/agenda/open-dag.md",
    "hoofdstuk": "content/bidbook/regio.md",
    "pagina": "content/pages/over.md",
    "techzine": "content/techzine/nummer-1.md",
}


def translate(tree, kind, slug, lang="en"):
    return new(tree, kind, "", "--lang", lang, "--slug", slug)


def test_a_translation_starts_beside_its_original_with_its_fields_to_translate(site):
    tree = site(
        {
            ORIGINALS["parel"]: pearl(extra="Summary: Een hal vol techniek.\nStatus: published\n"),
            ORIGINALS["cop"]: cop(),
            ORIGINALS["evenement"]: event(),
            ORIGINALS["hoofdstuk"]: chapter(),
            ORIGINALS["pagina"]: page(),
            ORIGINALS["techzine"]: "Title: TechZine 1\nDate: 2019-05-01\nNumber: 1\nItems: hal-techniek\nStatus: draft\n\nVoorwoord.\n",
        }
    )
    for kind, original in ORIGINALS.items():
        slug = os.path.basename(original)[:-3]
        result = make_new(tree, kind, "", "TAAL=en", f"SLUG={slug}") if kind == "parel" else translate(tree, kind, slug)
        path = tree.root / original.replace(".md", ".en.md")
        assert result.returncode == 0, result.stderr
        assert (
            result.stdout
            == f"make new: {path} is aangemaakt als concept (Status: draft); vertaal wat de eerste regel noemt en bekijk het met make serve\n"
        )
    assert (tree.root / "content/parels/emmen/hal-techniek.en.md").read_text(encoding="utf-8") == (
        f"# Vertaling van {tree.content}/parels/emmen/hal-techniek.md in het Engels: vertaal Title, Summary en de tekst; laat de andere velden staan.\n"
        "Lang: en\nSlug: hal-techniek\nStatus: draft\n"
        "Title: Hal Techniek\nDate: 2019-03-01\nCompany: Hal Techniek B.V.\nMunicipality: Emmen\nSector: Chemie\nSummary: Een hal vol techniek.\n"
        "\nEen fictief bedrijf.\n"
    )
    result = tree.check()
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "content/" in line] == []  # each is a translation, of an item that exists


def test_a_translation_is_refused_in_one_line_without_original_language_or_when_it_exists(tree):
    tree.write({ORIGINALS["parel"]: pearl(), ORIGINALS["pagina"]: page()})
    assert translate(tree, "parel", "hal-techniek").returncode == 0
    refusals = {
        ("parel", "hal-tecniek", "en"): f"er is geen parel met slug 'hal-tecniek' in {tree.content}/parels — "
        "de slug van een bestaande parel (bedoelde u 'hal-techniek'?)",
        ("parel", "hal-techniek", "eng"): "TAAL=eng kan niet — TAAL=en (Engels) (bedoelde u 'en'?)",
        ("parel", "hal-techniek", "en"): f"{tree.content}/parels/emmen/hal-techniek.en.md is al de vertaling van 'hal-techniek' in het Engels — "
        "bewerk dat bestand; er is niets overschreven",
        ("pagina", "", "en"): "geef de slug van het origineel mee, zoals make new TYPE=pagina TAAL=en SLUG=over",
        ("doel", "x", "en"): "een doel heeft geen vertaling — een vertaling is er van TYPE=parel, cop, evenement, hoofdstuk, pagina of techzine",
    }
    for (kind, slug, lang), line in refusals.items():
        result = translate(tree, kind, slug, lang)
        assert (result.returncode, result.stderr) == (2, f"make new: {line}\n")
    assert sorted(p.name for p in tree.content.rglob("*.md")) == ["hal-techniek.en.md", "hal-techniek.md", "over.md"]


@pytest.mark.server
def test_a_new_draft_shows_in_make_serve_with_its_missing_fields_on_the_banner(tree):
    assert new(tree, "evenement", "Open dag").returncode == 0
    with make_serve(tree, TODAY) as running:
        status, body = running.get("/agenda/open-dag/")
    assert status == 200
    assert "<strong>CONCEPT</strong> — dit stuk heeft status draft" in body
    assert f"<li>{tree.content}/agenda/open-dag.md:6: Start: is leeg — verplicht veld: een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM</li>" in body
