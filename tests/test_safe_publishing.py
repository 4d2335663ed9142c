"""Safe publishing: the preview has a folder of its own, and make send refuses what must not go out.

Real parts: `make serve` and `make html`/`make send` as an editor runs them, a real SMTP server
(tests/mailserver.py) that must receive nothing when a send is refused.
"""

import json
import os
import pickle
import re
import subprocess
import urllib.request

import pytest

from conftest import PNG, ROOT, Site, pearl
from dtz_contract import buildrecord
from preview_server import make_serve

SECRET = "een-geheim-van-minstens-zestien-tekens"
TODAY = "2019-12-31"
TREE = {
    "content/parels/hal-techniek.md": pearl(),
    "content/parels/nog-geheim.md": pearl(title="Nog Geheim", extra="Status: draft"),
    "content/parels/later.md": pearl(title="Later", date="2020-02-01"),
    "content/images/dtz-logo.png": PNG,
    "newsletters/nieuwsbrief-maart.md": "Title: Maart\nDate: 2019-03-15\nItems: hal-techniek\n\nWelkom.\n",
    "newsletters/nieuwsbrief-concept.md": "Title: Concept\nDate: 2019-04-15\nItems: hal-techniek\nStatus: draft\n\nNog niet af.\n",
}


def make(*args, timeout=300, **env):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=timeout, env={**os.environ, **env}
    )


def pelicanopts(tree, today):
    """The day and a cache of the test's own; values are JSON, quoted for the shell (README)."""
    return f"PELICANOPTS=-e DTZ_TODAY='\"{today}\"' CACHE_PATH='\"{tree.root / 'cache'}\"'"


def make_html(tree, *extra, today=TODAY, **env):
    return make("html", f"INPUTDIR={tree.content}", f"OUTPUTDIR={tree.output}", pelicanopts(tree, today), *extra, **env)


def send(tree, slug, *options, output=None):
    subscribers = tree.root / "abonnees.csv"
    subscribers.write_text("email,name\na@voorbeeld.nl,A\nb@voorbeeld.nl,B\n", encoding="utf-8")
    opts = " ".join(("--skip-live-check", *options))  # no live site behind these builds (tests/test_send_live.py)
    return make(
        "send",
        f"ISSUE={slug}",
        f"SUBSCRIBERS={subscribers}",
        f"OUTPUTDIR={output or tree.output}",
        f"INPUTDIR={tree.content}",
        f"SENDOPTS={opts}",
        f"SENDLOGS={tree.root / 'sendlogs'}",
        DTZ_UNSUBSCRIBE_SECRET=SECRET,
    )


@pytest.fixture
def tree(tmp_path):
    return Site(tmp_path / "site").write(TREE)


@pytest.fixture
def serving(tree):
    with make_serve(tree, TODAY) as running:
        yield running.port, running.preview


def own_lines(stderr):
    """What the command itself said: make adds its own line ('make: *** … Error 2') after a failing recipe,
    'make[1]: *** …' when the tests themselves run under make (make test)."""
    return [line for line in stderr.splitlines() if not re.match(r"make(\[\d+\])?: ", line)]


@pytest.mark.server
def test_make_serve_builds_its_preview_apart_and_never_touches_the_output_folder(tree, serving):
    port, preview = serving
    assert not tree.output.exists()
    assert json.loads((preview / buildrecord.NAME).read_text())["kind"] == "preview"
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/parels/nog-geheim/", timeout=5) as response:
        assert "CONCEPT" in response.read().decode("utf-8")
    assert (preview / "nieuwsbrief" / "nieuwsbrief-concept" / "email.eml").exists()


def test_make_html_holds_no_draft_scheduled_item_or_banner_even_with_preview_in_the_environment(tree):
    result = make_html(tree, DTZ_PREVIEW="1")
    assert result.returncode == 0, result.stderr
    record = json.loads((tree.output / buildrecord.NAME).read_text())
    assert (record["kind"], record["settings"], record["today"]) == ("html", "pelicanconf.py", TODAY)
    assert tree.exists("parels/hal-techniek/index.html")
    assert not tree.exists("parels/nog-geheim/index.html") and not tree.exists("parels/later/index.html")
    assert not tree.exists("nieuwsbrief/nieuwsbrief-concept/email.eml")
    pages = [p.read_text(encoding="utf-8") for p in tree.output.rglob("*.html")]
    assert pages and not any("CONCEPT" in page for page in pages)


def test_the_reader_cache_pickles_nothing_of_the_run(site):
    """Pelican pickles what its readers return, tags with the settings in them: the build's Run is kept
    out of the settings, so unpickling the cache loads nothing of dtz_build."""
    built = site({"content/parels/hal.md": pearl(extra="Tags: robotica")}).build()
    loaded = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module, name):
            loaded.add(module)
            return super().find_class(module, name)

    cached = {}
    for path in (built.root / "cache").glob("*-Readers"):
        with path.open("rb") as handle:
            cached.update(Recording(handle).load())
    assert cached and "pelican.urlwrappers" in loaded and not any(module.startswith("dtz_build") for module in loaded)


def test_make_publish_records_that_it_is_the_publish_build(tree):
    result = make("publish", f"INPUTDIR={tree.content}", f"OUTPUTDIR={tree.output}", pelicanopts(tree, TODAY))
    assert result.returncode == 0, result.stderr
    record = json.loads((tree.output / buildrecord.NAME).read_text())
    assert (record["kind"], record["settings"]) == ("publish", "publishconf.py")
    assert not tree.exists("parels/nog-geheim/index.html")


def test_a_preview_never_replaces_a_build_for_readers(tree):
    tree.build()
    before = tree.snapshot()
    result = tree.cli("-e", "DTZ_PREVIEW=true", env={"DTZ_PREVIEW": "1"})
    assert result.returncode == 2
    assert "bevat een build van 'make html'; een voorbeeldweergave (make serve) komt in een eigen map" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree.snapshot() == before


def test_the_record_lists_each_issue_with_the_sources_it_was_made_from(tree):
    tree.build()
    issues = buildrecord.read(tree.output)["newsletters"]
    assert issues["nieuwsbrief-concept"]["status"] == "draft"
    made = issues["nieuwsbrief-maart"]
    assert (made["status"], made["date"]) == ("published", "2019-03-15")
    assert sorted(os.path.basename(path) for path in made["sources"]) == ["hal-techniek.md", "nieuwsbrief-maart.md"]


@pytest.mark.server
def test_a_preview_is_refused_by_make_send_and_nothing_reaches_the_server(tree, serving, smtp):
    server = smtp()
    _, preview = serving
    for options in ((), ("--yes",)):
        result = send(tree, "nieuwsbrief-maart", f"--smtp 127.0.0.1:{server.controller.port}", *options, output=preview)
        assert result.returncode == 2
        (line,) = own_lines(result.stderr)
        assert "is een voorbeeldweergave" in line
    assert server.received == []


@pytest.mark.server
def test_a_draft_issue_is_refused_in_the_dry_run_and_with_yes(tree, smtp):
    server = smtp()
    assert make_html(tree).returncode == 0
    for options in ((), ("--yes",)):
        result = send(tree, "nieuwsbrief-concept", f"--smtp 127.0.0.1:{server.controller.port}", *options)
        assert result.returncode == 2
        assert "nieuwsbrief 'nieuwsbrief-concept' is een concept (Status: draft)" in result.stderr
    assert server.received == []


@pytest.mark.server
def test_an_issue_whose_item_changed_after_the_build_is_refused_naming_the_file(tree, smtp):
    server = smtp()
    assert make_html(tree).returncode == 0
    item = tree.content / "parels" / "hal-techniek.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Een fictief bedrijf.", "Nieuwe tekst."), encoding="utf-8")
    result = send(tree, "nieuwsbrief-maart", f"--smtp 127.0.0.1:{server.controller.port}", "--yes")
    assert result.returncode == 2
    assert f"{item} is gewijzigd na de build van 'nieuwsbrief-maart'" in result.stderr
    assert server.received == []
    assert make_html(tree).returncode == 0  # built again: it goes
    assert send(tree, "nieuwsbrief-maart", f"--smtp 127.0.0.1:{server.controller.port}", "--yes").returncode == 0
    assert sorted(to for tos, _ in server.received for to in tos) == ["a@voorbeeld.nl", "b@voorbeeld.nl"]


@pytest.mark.server
def test_an_issue_dated_after_the_real_today_is_refused_even_when_the_build_day_allows_it(tree, smtp):
    server = smtp()
    tree.write({"newsletters/nieuwsbrief-toekomst.md": "Title: Toekomst\nDate: 2999-01-01\nItems: hal-techniek\n\nLater.\n"})
    assert make_html(tree, today="2999-12-31").returncode == 0
    result = send(tree, "nieuwsbrief-toekomst", f"--smtp 127.0.0.1:{server.controller.port}", "--yes")
    assert result.returncode == 2
    assert "is gedateerd 1 januari 2999, na vandaag" in result.stderr
    assert server.received == []


@pytest.mark.server
def test_an_output_folder_without_a_build_record_is_refused(tree, smtp):
    server = smtp()
    assert make_html(tree).returncode == 0
    (tree.output / buildrecord.NAME).unlink()
    result = send(tree, "nieuwsbrief-maart", f"--smtp 127.0.0.1:{server.controller.port}", "--yes")
    assert result.returncode == 2 and ".dtz-build.json ontbreekt" in result.stderr
    assert server.received == []
