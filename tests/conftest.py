"""Build small sites from a dict of {path: text} into temporary folders and read what was written."""

import contextlib
import copy
import datetime
import fcntl
import io
import os
import subprocess
import tempfile
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "services"))  # delivery and other services that are not Pelican plugins
sys.path.append(str(ROOT))  # publishconf.py imports pelicanconf
# subprocesses (python -m dtz_send, pelican) find the same packages
PYTHONPATH = os.pathsep.join(str(ROOT / folder) for folder in ("plugins", "services"))

from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

import dtz_build  # noqa: E402

from browser import browser  # noqa: E402,F401  the session's headless Chromium: see tests/browser.py
from mailserver import smtp  # noqa: E402,F401  a real SMTP server on 127.0.0.1: see tests/mailserver.py

TODAY = "2019-12-31"
# Small test sites have none of the pages the menu and footer point at: only tests of that check, and the
# starter site, turn it on (DTZ_MENU_CHECK, pelicanconf.py). Subprocesses inherit this.
os.environ.setdefault("DTZ_MENU_CHECK", "0")
# Tests run make as a user does from a shell: not as a sub-make of `make test`, which would add make[1]
# lines to the output the tests read.
for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
    os.environ.pop(name, None)

# Every test site shares one folder of compiled theme templates (Jinja checks each against its source):
# compiling the theme is most of a small site's build. Per user, kept between sessions like a build's cache.
COMPILED_TEMPLATES = Path(tempfile.gettempdir()) / f"dtz-tests-jinja-{os.getuid()}"

# A tiny valid image (1 x 1, transparent): content that references images/x.png can use it.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def png(width, height, color=(11, 58, 91), mode="RGB"):
    """PNG bytes of one colour, for tests that need an image of a given size."""
    from PIL import Image  # noqa: PLC0415

    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, "PNG")
    return out.getvalue()


class Site:
    """A content tree in a temporary folder, built with the project's own settings."""

    def __init__(self, root, request=None):
        self.root = Path(root)
        self.request = request  # the test's, for check()
        self.content = self.root / "content"
        self.output = self.root / "output"
        self.content.mkdir(parents=True, exist_ok=True)
        compiled = self.root / "cache" / "jinja"
        if not compiled.exists():
            COMPILED_TEMPLATES.mkdir(exist_ok=True)
            compiled.parent.mkdir(exist_ok=True)
            compiled.symlink_to(COMPILED_TEMPLATES)

    def write(self, files):
        for path, text in files.items():
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return self

    def settings(self, settings_file="pelicanconf.py", **overrides):
        values = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "DTZ_TODAY": TODAY,
            "DTZ_PREVIEW": False,
            "CACHE_PATH": str(self.root / "cache"),
            # the slow parts are off unless a test is about them: it passes DTZ_PDF=True (and is marked pdf)
            # or DTZ_SEARCH_INDEX=True (Pagefind)
            "DTZ_PDF": False,
            "DTZ_SEARCH_INDEX": False,
        }
        values.update(overrides)
        return read_settings(str(ROOT / settings_file), override=values)

    @contextlib.contextmanager
    def running(self, staging=None, **overrides):
        """Settings with a build Run made for them (``dtz_build.current`` finds it), for a test that
        drives a plugin by hand; its files go to ``staging`` (default: the output folder). One worker:
        every job runs in this process."""
        settings = self.settings(**overrides)
        with dtz_build.started(settings, str(staging or self.output), str(self.output), dtz_build.Session(at_once=True)):
            yield settings

    def build(self, settings_file="pelicanconf.py", **overrides):
        """Build in this process; raises ContentError when the content has errors. A one-off build does
        what it would leave running in the background (a preview's search index) before it returns."""
        settings = self.settings(settings_file, **overrides)
        Pelican(settings).run()
        return self

    def preview(self, **overrides):
        """Build the preview as make serve does: drafts shown, in a folder and cache of its own; a view of it."""
        view = copy.copy(self)
        view.output = self.root / "preview"
        return view.build(DTZ_PREVIEW=True, CACHE_PATH=str(self.root / "cache-preview"), **overrides)

    def publish(self, **overrides):
        """Build with publishconf.py, as `make publish` (and so `make deploy`) does."""
        return self.build("publishconf.py", **overrides)

    def cli(self, *args, env=None):
        """Build with the pelican command, as `make html` does."""
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                str(self.content),
                "-o",
                str(self.output),
                "-s",
                str(ROOT / "pelicanconf.py"),
                "-e",
                f'DTZ_TODAY="{TODAY}"',
                "--cache-path",
                str(self.root / "cache"),
                *args,
            ],  # never the project's own cache/
            capture_output=True,
            text=True,
            cwd=self.root,
            env={**os.environ, "DTZ_PDF": "0", **(env or {})},  # as settings(): PDFs off unless asked for
        )

    def check(self, **overrides):
        """The build `make html` runs, in this process, from the site's folder (so paths read as an editor
        sees them): what cli() returns (returncode 1 when the build stopped, stdout, stderr) without a
        Python start-up per build. For lines and exit codes cli() keeps checking the command itself."""
        capfd = self.request.getfixturevalue("capfd")
        capfd.readouterr()
        with contextlib.chdir(self.root):
            try:
                self.build(**overrides)
                returncode = 0
            except dtz_build.BuildStopped:
                returncode = 1
        out, err = capfd.readouterr()
        return subprocess.CompletedProcess(["pelican"], returncode, out, err)

    def read(self, path):
        return (self.output / path).read_text(encoding="utf-8")

    def exists(self, path):
        return (self.output / path).exists()

    def snapshot(self):
        """Every output file with its bytes, to prove a failed build changed nothing."""
        return {p.relative_to(self.output).as_posix(): p.read_bytes() for p in sorted(self.output.rglob("*")) if p.is_file()}


# What a test starts decides its marker (pytest.ini): `make test-fast` leaves out the tests marked browser,
# server or pdf, so a test that uses one of these fixtures, or renders a PDF, without its marker fails.
MARKER_OF_FIXTURE = {"browser": "browser", "smtp": "server", "postgres_cluster": "server", "starter_site": "pdf"}


@pytest.fixture(autouse=True)
def marked_for_what_it_starts(request):
    for fixture, marker in MARKER_OF_FIXTURE.items():
        if fixture in request.fixturenames and request.node.get_closest_marker(marker) is None:
            pytest.fail(f"{request.node.name} uses the {fixture} fixture: mark it @pytest.mark.{marker}", pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """A test not marked pdf fails when it, or a fixture it sets up (a module's too), renders a PDF."""
    from dtz_print import engine  # noqa: PLC0415

    compile_pdf = engine.compile_pdf
    if item.get_closest_marker("pdf") is None:

        def unmarked(source, target, fonts):
            raise RuntimeError(f"the test renders {target}: mark it @pytest.mark.pdf")

        engine.compile_pdf = unmarked
    try:
        yield
    finally:
        engine.compile_pdf = compile_pdf


# The longest modules first, by their time in `make test` (README "Tests"). A worker takes one module at a
# time (--dist loadfile) in this order (--no-loadscope-reorder; pytest-xdist's own order puts the modules with
# the most tests first), so no long module is started last to run on one worker while the other waits.
LONGEST_FIRST = (
    "test_subscribe.py",
    "test_build_equivalence.py",
    "test_user_paths.py",
    "test_make_check.py",
    "test_quality_browser.py",
    "test_plan.py",
    "test_send.py",
    "test_rebuild_renders.py",
    "test_deploy.py",
    "test_goals.py",
    "test_newsletter.py",
    "test_deploy_servers.py",
    "test_english.py",
    "test_safe_publishing.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the other modules keep their order


@pytest.fixture
def site(tmp_path, request):
    def make(files=None):
        return Site(tmp_path / "site", request).write(files or {})

    return make


def site_in(folder):
    """The site fixture's maker, in a folder of one's own: a module-scoped fixture builds a site once with
    it for the tests that only read that site (the site fixture's folder is per test)."""
    return lambda files=None: Site(folder).write(files or {})


def day_after_newest_item(*folders):
    """The day after the newest Date in the starter content: built as of then, every starter item is
    published and so checked, whatever an editor adds (events starting later stay upcoming)."""
    days = [
        line.split(":", 1)[1].strip()[:10]
        for folder in folders
        for path in Path(folder).rglob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("Date:")
    ]
    return (datetime.date.fromisoformat(max(days)) + datetime.timedelta(days=1)).isoformat()


STARTER_TODAY = day_after_newest_item(ROOT / "content", ROOT / "newsletters")


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory):
    """The repository's own content/ and newsletters/, built once per test run (quality checks). Under
    pytest-xdist the first worker that needs it builds it in the run's folder, under a lock, and the other
    reads that build: each worker would otherwise build it again."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = tmp_path_factory.getbasetemp().parent / "starter" if worker else tmp_path_factory.mktemp("starter")
    root.mkdir(exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site = Site(root)  # under the lock: it links cache/jinja if the folder has none yet
        if not (root / ".built").exists():
            site.build(PATH=str(ROOT / "content"), DTZ_TODAY=STARTER_TODAY, DTZ_MENU_CHECK=True, DTZ_PDF=True, DTZ_SEARCH_INDEX=True)
            (root / ".built").touch()
    return site


def pearl(title="Hal Techniek", date="2019-03-01", municipality="Emmen", sector="Chemie", extra="", body="Een fictief bedrijf."):
    return f"Title: {title}\nDate: {date}\nCompany: {title} B.V.\nMunicipality: {municipality}\nSector: {sector}\n{extra}\n{body}\n"


def event(title="Open dag", date="2019-03-01", start="2019-06-01 10:00", end=None, location="Emmen", extra=""):
    end_line = f"End: {end}\n" if end else ""
    return f"Title: {title}\nDate: {date}\nStart: {start}\n{end_line}Location: {location}\n{extra}\nWelkom.\n"


def cop(title="Cluster chemie", date="2019-04-01", sector="Chemie", extra=""):
    return f"Title: {title}\nDate: {date}\nSector: {sector}\n{extra}\nEen CoP.\n"


def page(title="Over DTZ", extra=""):
    return f"Title: {title}\n{extra}\nTekst.\n"


def chapter(title="Regio", order=1, municipalities="regio", extra=""):
    return f"Title: {title}\nOrder: {order}\nMunicipalities: {municipalities}\n{extra}\nHoofdstuk.\n"


def target(number="1.2", title="Acht parels in beeld", parts=(), reports=(), owner="Programmabureau", extra=""):
    """A target of the annual plan (content/jaarplan/): one Part line per part, one Report line per report."""
    lines = [f"Part: {p}" for p in parts] + [f"Report: {r}" for r in reports]
    return f"Title: {title}\nNumber: {number}\nOwner: {owner}\n" + "".join(line + "\n" for line in lines) + f"{extra}\nUit het jaarplan.\n"


# The three counters the plan has had from the start, as the starter writes them (content/jaarplan/).
COUNTERS = {
    "content/jaarplan/parels.md": target(parts=["Parels; Measure: count; Type: parel; Channels: website of nieuwsbrief of techzine; Target: 8"]),
    "content/jaarplan/cops.md": target("1.7", "Drie CoP's", ["CoP's; Measure: count; Type: cop; Channels: website en nieuwsbrief; Target: 3"]),
    "content/jaarplan/bedrijven.md": target(
        "1.4", "250 bedrijfsprofielen", ["Bedrijfsprofielen; Measure: count; Type: bedrijf; Channels: website; Target: 250"]
    ),
}
