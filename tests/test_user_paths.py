"""The README's commands as a user runs them on a fresh clone, with the defaults.

The other tests pass what a user never does (an absolute CACHE_PATH, DTZ_MENU_CHECK=0, content trees of
their own). Here the tracked files are copied as `git clone` checks them out, into a folder of their own,
and make runs there on the starter content, step by step in the order of the README: make html, an edit to
an item in the TechZine issue and make html again, make publish, make deploy twice with an edit between,
make rollback, make serve until its first page and one save, make check, make new and make send to a
real SMTP server. Nothing else is passed but what the README tells a user to pass; the one exception is
VENV, the checkout's own .venv, so that nothing is installed. The environment loses what the test
session set (conftest's DTZ_MENU_CHECK=0) and every other DTZ_ variable a user has not set.
"""

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from mailserver import plain_header
from pdfs import open_pdf, page_texts
from servers import free_port
from dtz_contract import buildrecord
from dtz_send import make_token

pytestmark = [pytest.mark.server, pytest.mark.browser, pytest.mark.pdf, pytest.mark.xdist_group("user_paths")]

VENV = ROOT / ".venv"
PDF = "techzine/techzine-1/techzine-1.pdf"
IN_THE_ISSUE = "content/parels/staalwerk-vechtdal.md"  # listed in content/techzine/techzine-1.md
SECRET = "een-geheim-van-minstens-zestien-tekens"  # DTZ_UNSUBSCRIBE_SECRET, as README "Sending the nieuwsbrief" asks
SEND_OPTIONS = ("--skip-live-check", "--yes")  # make send's SENDOPTS besides the SMTP server: the test site is not online


class Clone:
    """The tracked files in a fresh folder, and make run there as a user runs it."""

    def __init__(self, root):
        self.root = Path(root)
        self.target, self.releases = None, ()  # the web host's folder and the releases deployed to it
        listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
        for name in filter(None, listed.decode("utf-8").split("\0")):
            if (ROOT / name).is_file():  # a tracked file deleted in the working tree is not checked out
                (self.root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / name, self.root / name)  # new times, as a checkout has

    def make(self, *args, env=None, timeout=900, here=False):
        """make ``args`` from another folder with ``make -C <clone>``, or from within the clone (``here``),
        as the README has it; it must succeed."""
        where = [] if here else ["-C", str(self.root)]
        command = ["make", "--no-print-directory", *where, *args, f"VENV={VENV}"]
        folder = self.root if here else self.root.parent
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=timeout, env=environment(env))
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        return done

    def add_line(self, path, line):
        with open(self.root / path, "a", encoding="utf-8") as handle:
            handle.write(f"\n{line}\n")

    def record(self):
        return buildrecord.read(self.root / "output")


def environment(extra=None):
    """This process's environment less what the test session or another test set for its own builds."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith("DTZ_") and name != "PYTHONPATH"}
    return {**kept, **(extra or {})}


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    return Clone(tmp_path_factory.mktemp("clone") / "dtz")


def test_make_html_builds_the_starter_site_with_pelicans_relative_cache(clone):
    clone.make("html")
    assert clone.record()["kind"] == "html"
    assert (clone.root / "output/index.html").is_file() and (clone.root / "output" / PDF).is_file()
    assert (clone.root / "output/pagefind/pagefind.js").is_file()
    assert list((clone.root / "cache/pdf").iterdir()) and list((clone.root / "cache/images").iterdir())


def test_an_edit_to_an_item_in_the_techzine_issue_prints_the_issue_again(clone):
    before = (clone.root / "output" / PDF).read_bytes()
    clone.add_line(IN_THE_ISSUE, "Deze zin is na de eerste build toegevoegd.")
    clone.make("html", here=True)
    assert (clone.root / "output" / PDF).read_bytes() != before
    assert any("Deze zin is na de eerste build toegevoegd." in text for text in page_texts(open_pdf(clone.root / "output" / PDF)))


def test_make_publish_builds_for_publication(clone):
    clone.make("publish")
    assert clone.record()["kind"] == "publish"
    assert not (clone.root / "output/voortgang").exists(), "publishconf.py leaves /voortgang/ out"


def test_make_deploy_twice_with_an_edit_between_puts_each_build_live(clone, tmp_path_factory):
    clone.target = tmp_path_factory.mktemp("webhost")
    clone.make("deploy", f"DEPLOY_TARGET={clone.target}")
    first = os.readlink(clone.target / "current")
    clone.add_line("content/pages/over-dtz.md", "Nieuw op de pagina over DTZ.")
    clone.make("deploy", f"DEPLOY_TARGET={clone.target}")
    assert os.readlink(clone.target / "current") != first
    assert "Nieuw op de pagina over DTZ." in (clone.target / "current/over-dtz/index.html").read_text(encoding="utf-8")
    clone.releases = (first, os.readlink(clone.target / "current"))


def test_make_rollback_puts_the_release_before_back(clone):
    first, _ = clone.releases
    done = clone.make("rollback", f"DEPLOY_TARGET={clone.target}")
    assert os.readlink(clone.target / "current") == first and "Teruggezet" in done.stdout
    assert "Nieuw op de pagina over DTZ." not in (clone.target / "current/over-dtz/index.html").read_text(encoding="utf-8")


def page(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:  # not up yet, or an error page (urllib's HTTPError is an OSError)
        return None


def wait_for(ready, process, log, seconds=300):
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, f"make serve stopped: {log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"make serve kwam er niet: {log.read_text()[-3000:]}"
        time.sleep(0.3)


def test_make_serve_shows_the_preview_and_rebuilds_on_a_save(clone, tmp_path):
    port, log = free_port(), tmp_path / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}", f"VENV={VENV}"],
            cwd=clone.root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment(),
            start_new_session=True,
        )
    try:
        wait_for(lambda: page(port, "/") is not None, process, log)
        assert "Staalwerk" in (page(port, "/parels/") or "")
        clone.add_line("content/pages/over-dtz.md", "Bewaard tijdens make serve.")
        wait_for(lambda: "Bewaard tijdens make serve." in (page(port, "/over-dtz/") or ""), process, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def test_make_check_finds_nothing_in_the_starter_content(clone):
    done = clone.make("check")
    assert "make check: geen bevindingen" in done.stdout


def test_make_new_starts_a_draft(clone):
    done = clone.make("new", "TYPE=parel", "TITLE=Hal Techniek Emmen")
    draft = clone.root / "content/parels/hal-techniek-emmen.md"
    assert "is aangemaakt als concept" in done.stdout
    assert "Status: draft" in draft.read_text(encoding="utf-8")


def test_make_send_delivers_the_nieuwsbrief_to_a_real_smtp_server(clone, smtp, tmp_path):
    subscribers = tmp_path / "abonnees.csv"  # outside the project, as README "Sending the nieuwsbrief" asks
    subscribers.write_text("email,name\nlezer@voorbeeld.nl,Lezer Een\n", encoding="utf-8")
    issue = sorted(entry.name for entry in (clone.root / "output/nieuwsbrief").iterdir() if (entry / "email.eml").is_file())[0]
    server = smtp()
    sendopts = " ".join((f"--smtp 127.0.0.1:{server.controller.port}", *SEND_OPTIONS))
    clone.make("send", f"ISSUE={issue}", f"SUBSCRIBERS={subscribers}", f"SENDOPTS={sendopts}", env={"DTZ_UNSUBSCRIBE_SECRET": SECRET})
    (data,) = server.raw()
    target = f"https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t={make_token('lezer@voorbeeld.nl', SECRET)}"
    assert server.addresses() == ["lezer@voorbeeld.nl"]
    assert plain_header(data, "List-Unsubscribe") == f"<{target}>"
    assert plain_header(data, "To") == "Lezer Een <lezer@voorbeeld.nl>"
