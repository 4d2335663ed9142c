"""make deploy / make rollback (services/dtz_deploy) against real targets: a folder on this machine
and a real OpenSSH server on 127.0.0.1 (tests/servers.py). The site is a real publish build of a
small tree; the tests read the target folder the way a web server would: through ``current``."""

import re
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PNG, PYTHONPATH, ROOT, Site, page, pearl
from servers import free_port, sshd

TREE = {
    "content/parels/hal-techniek.md": pearl(),
    "content/parels/staal-emmen.md": pearl(title="Staal Emmen", sector="Energie"),
    "content/pages/over-dtz.md": page(),
    "content/images/dtz-logo.png": PNG,
}
CHANGED = {"content/parels/hal-techniek.md": pearl(body="Een fictief bedrijf, nu met een nieuwe hal.")}

BULK = 1000  # files in the build whose upload is killed

pytestmark = pytest.mark.xdist_group("deploy")


def published(root, files=TREE, **overrides):
    """Published as readers get it, with the search index: a release holds it."""
    return Site(root).write(files).publish(**{"DTZ_SEARCH_INDEX": True, **overrides}).output


def run(action, target, output=None, ssh=None, keep=None):
    """python -m dtz_deploy, as make deploy and make rollback run it."""
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "DEPLOY_SSH": ssh or "ssh", "DEPLOY_KEEP": str(keep or "")}
    command = [sys.executable, "-m", "dtz_deploy", action, str(target)]
    return subprocess.run(command + (["--output", str(output)] if output else []), capture_output=True, text=True, env=env, cwd=ROOT)


def files(folder):
    """{relative path: bytes} of every file under ``folder`` (followed through the current link)."""
    folder = Path(os.path.realpath(folder))
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


RECORDS = {".dtz-build.json", "pagefind/.dtz-index.json"}  # what a build was made from: for the next build, not for readers


def deployable(output):
    """What a deploy must put online: the build minus its records and their precompressed copies."""
    return {path: data for path, data in files(output).items() if path.removesuffix(".gz").removesuffix(".br") not in RECORDS}


def releases(target):
    return sorted(p.name for p in (Path(target) / "releases").iterdir())


def live(target):
    return os.readlink(Path(target) / "current")


def one_dutch_line(done):
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two publish builds: the second with one pearl changed."""
    root = tmp_path_factory.mktemp("builds")
    first = published(root / "first")
    second = published(root / "second", {**TREE, **CHANGED})
    return first, second


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with sshd(tmp_path_factory.mktemp("sshd")) as running:
        yield running


# --- over SSH ------------------------------------------------------------------------------------


@pytest.mark.server
def test_two_deploys_over_ssh_switch_current_and_hard_link_unchanged_files(builds, server, tmp_path):
    first, second = builds
    target = tmp_path / "srv"
    for output in (first, second):
        done = run("deploy", f"{server.login}:{target}", output, ssh=server.ssh)
        assert done.returncode == 0, done.stderr

    old, new = releases(target)
    assert live(target) == f"releases/{new}" and not os.path.isabs(live(target))
    assert files(target / "current") == deployable(second)
    assert ".dtz-build.json" not in files(target / "current")
    assert b"nieuwe hal" in files(target / "current")["parels/hal-techniek/index.html"]
    same = target / "releases" / old / "images/dtz-logo.png", target / "releases" / new / "images/dtz-logo.png"
    assert same[0].stat().st_ino == same[1].stat().st_ino, "an unchanged file is hard-linked, not copied"
    changed = [target / "releases" / r / "parels/hal-techniek/index.html" for r in (old, new)]
    assert changed[0].stat().st_ino != changed[1].stat().st_ino


@pytest.mark.server
def test_a_deploy_killed_during_the_upload_leaves_the_previous_release_live_and_whole(builds, server, tmp_path):
    first, second = builds
    target = tmp_path / "srv"
    assert run("deploy", f"{server.login}:{target}", first, ssh=server.ssh).returncode == 0
    before = live(target)

    big = published(tmp_path / "big")
    for number in range(BULK):  # enough files that the upload takes a while
        (big / "bulk" / f"{number % 20}").mkdir(parents=True, exist_ok=True)
        (big / "bulk" / f"{number % 20}" / f"{number}.bin").write_bytes(os.urandom(4096))
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "DEPLOY_SSH": server.ssh}
    deploy = subprocess.Popen(
        [sys.executable, "-m", "dtz_deploy", "deploy", f"{server.login}:{target}", "--output", str(big)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    partial = None
    deadline = time.monotonic() + 30
    while partial is None and time.monotonic() < deadline and deploy.poll() is None:
        found = [p for p in (target / "releases").iterdir() if p.name.startswith(".partial-")]
        partial = found[0] if found and any(found[0].rglob("*.bin")) else None
        time.sleep(0.005)
    os.killpg(deploy.pid, signal.SIGKILL)  # the whole job, as systemd or Ctrl-C would stop it
    deploy.wait()
    assert partial is not None, "the deploy finished before it could be killed mid-upload"

    assert len(list(partial.rglob("*.bin"))) < BULK, "killed midway: the upload is incomplete"
    assert live(target) == before
    assert files(target / "current") == deployable(first)

    done = run("deploy", f"{server.login}:{target}", second, ssh=server.ssh)  # the lock went with the killed run
    assert done.returncode == 0, done.stderr
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")], "leftovers are removed"
    assert files(target / "current") == deployable(second)


@pytest.mark.server
def test_make_rollback_over_ssh_points_current_at_the_release_before_the_live_one(builds, server, tmp_path):
    first, second = builds
    target = f"{server.login}:{tmp_path / 'srv'}"
    for output in (first, second):
        assert run("deploy", target, output, ssh=server.ssh).returncode == 0
    old, new = releases(tmp_path / "srv")

    done = subprocess.run(
        ["make", "--no-print-directory", "rollback", f"DEPLOY_TARGET={target}", f"DEPLOY_SSH={server.ssh}"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert live(tmp_path / "srv") == f"releases/{old}"
    assert files(tmp_path / "srv/current") == deployable(first)
    assert f"(was {new})" in done.stdout

    again = run("rollback", target, ssh=server.ssh)
    assert "geen release ouder dan" in one_dutch_line(again)
    assert live(tmp_path / "srv") == f"releases/{old}"


def test_an_unreachable_ssh_server_is_refused_with_one_dutch_line(builds, tmp_path):
    closed = free_port()  # nothing listens there
    done = run("deploy", f"root@127.0.0.1:{tmp_path / 'srv'}", builds[0], ssh=f"ssh -F /dev/null -p {closed} -o BatchMode=yes")
    line = one_dutch_line(done)
    assert "127.0.0.1 is niet bereikbaar via ssh" in line and line.endswith("er is niets omgezet.")


# --- a folder on this machine -------------------------------------------------------------------


def make_deploy(site, target, cache):
    """`make deploy` of a content tree into a folder on this machine, as of 2019-12-31."""
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "deploy",
            f"DEPLOY_TARGET={target}",
            f"INPUTDIR={site.content}",
            f"OUTPUTDIR={site.output}",
            f"PELICANOPTS=--cache-path {cache} -e DTZ_TODAY='\"2019-12-31\"'",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_make_deploy_publishes_the_content_tree_first_and_deploys_that(tmp_path):
    site = Site(tmp_path / "site").write(TREE)
    target = tmp_path / "srv"
    done = make_deploy(site, target, tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert json.loads((site.output / ".dtz-build.json").read_text())["kind"] == "publish"
    assert files(target / "current") == deployable(site.output)
    assert "hal-techniek" in files(target / "current")["parels/index.html"].decode()


def closing_line(done):
    """The last line a failed make command printed before make's own '*** … Error 2'."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    own = re.compile(r"make(\[\d+\])?: \*\*\*")  # make[1] when the tests themselves run under make
    return [line for line in done.stderr.splitlines() if line.strip() and not own.match(line)][-1]


def test_make_deploy_stops_when_the_publish_build_fails(tmp_path):
    site = Site(tmp_path / "site").write({**TREE, "content/parels/kapot.md": pearl(municipality="Atlantis")})
    target = tmp_path / "srv"
    done = make_deploy(site, target, tmp_path / "cache")
    assert "Municipality" in done.stdout + done.stderr
    assert closing_line(done) == "dtz_deploy: make publish is mislukt (de regels hierboven zeggen waarom); er is niets omgezet."
    assert not (target / "current").exists()


def test_a_publish_build_that_fails_for_another_cause_ends_in_dutch_without_a_traceback(tmp_path):
    site = Site(tmp_path / "site").write(TREE)
    site.output.parent.mkdir(parents=True, exist_ok=True)
    site.output.write_text("een bestand waar de site-map hoort")  # the build cannot put output/ there
    target = tmp_path / "srv"
    done = make_deploy(site, target, tmp_path / "cache")
    assert f"De build is gestopt: [Errno 17] File exists: '{site.output}'; {site.output} is ongewijzigd" in done.stderr
    assert closing_line(done).endswith("er is niets omgezet.")
    assert site.output.read_text() == "een bestand waar de site-map hoort"
    assert not (target / "current").exists()


@pytest.mark.parametrize("target, says", [("", "DEPLOY_TARGET ontbreekt"), ("www.example.nl:", "noemt geen map")])
def test_a_bad_target_is_refused_before_anything_is_built(target, says, tmp_path):
    done = subprocess.run(
        ["make", "--no-print-directory", "deploy", f"DEPLOY_TARGET={target}", f"OUTPUTDIR={tmp_path / 'out'}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert says in done.stderr and "er is niets omgezet" in done.stderr
    assert not (tmp_path / "out").exists(), "nothing was built"


@pytest.mark.parametrize("settings, says", [({"DTZ_PREVIEW": True}, "voorbeeldweergave"), ({"settings_file": "pelicanconf.py"}, "make html")])
def test_only_a_publish_build_is_deployed(settings, says, tmp_path):
    site = Site(tmp_path / "site").write(TREE)
    site.build(**settings)
    done = run("deploy", tmp_path / "srv", site.output)
    assert says in one_dutch_line(done)
    assert not (tmp_path / "srv/current").exists()


def test_the_previous_release_hashed_css_stays_reachable_but_not_the_one_before(builds, tmp_path):
    # three builds of one theme share their hashed names: each gets a stylesheet of its own here
    target = tmp_path / "srv"
    names = []
    for number, body in enumerate(("a{color:red}", "a{color:blue}", "a{color:green}")):
        output = Path(shutil.copytree(builds[0], tmp_path / f"build{number}"))  # three builds of one theme: the same files
        name = f"css/site.{number:010x}.css"
        names.append(f"theme/{name}")
        for suffix in ("", ".gz"):
            (output / "theme" / (name + suffix)).write_text(body)
        (output / "theme/assets.json").write_text(json.dumps({"css/site.css": name}))
        assert run("deploy", target, output).returncode == 0
        current = files(target / "current")
        assert names[-1] in current and names[-1] + ".gz" in current
        if number:
            assert current[names[-2]] == b"a{color:red}" if number == 1 else current[names[-2]] == b"a{color:blue}"
            assert names[-2] + ".gz" in current
        if number > 1:
            assert names[-3] not in current, "only the live release's own assets are carried over"


def test_no_build_record_or_search_index_record_is_ever_in_a_release_but_the_redirect_maps_are(builds, tmp_path):
    first = builds[0]
    assert (first / "pagefind/.dtz-index.json").is_file(), "the build indexes its pages"
    for twin in (".dtz-build.json.gz", ".dtz-build.json.br", "pagefind/.dtz-index.json.gz", "pagefind/.dtz-index.json.br"):
        (first / twin).write_bytes(b"precompressed record")
    try:
        assert run("deploy", tmp_path / "srv", first).returncode == 0
    finally:
        for twin in (".dtz-build.json.gz", ".dtz-build.json.br", "pagefind/.dtz-index.json.gz", "pagefind/.dtz-index.json.br"):
            (first / twin).unlink()
    online = files(tmp_path / "srv/current")
    assert not [path for path in online if ".dtz-build" in path or ".dtz-index" in path], sorted(online)
    assert [path for path in online if path.startswith(".dtz/")], "the redirect maps the server configs include are deployed"
    assert online == deployable(first)


def test_deploying_the_live_build_again_switches_nothing_and_says_so(builds, tmp_path):
    first, _ = builds
    target = tmp_path / "srv"
    assert run("deploy", target, first).returncode == 0
    before = releases(target), live(target)
    again = run("deploy", target, first)
    assert again.returncode == 0, again.stderr
    assert f"Deze build staat al live op {target} ({before[1]}): er is niets omgezet." in again.stdout
    assert (releases(target), live(target)) == before


def test_rollback_puts_back_the_newest_release_with_another_build_than_the_live_one(builds, tmp_path):
    first, second = builds
    target = tmp_path / "srv"
    for step in ("deploy first", "deploy second", "rollback", "deploy second", "rollback"):
        action, _, which = step.partition(" ")
        done = run(action, target, {"first": first, "second": second}.get(which))
        assert done.returncode == 0, (step, done.stderr)
    first_release, *_ = releases(target)
    assert live(target) == f"releases/{first_release}", "one rollback reaches the first build, not a second copy of the other"
    assert files(target / "current") == deployable(first)
    assert "met een andere build" in one_dutch_line(run("rollback", target))


def test_keeps_DEPLOY_KEEP_releases_and_never_the_live_one_or_the_one_before(builds, tmp_path):
    first, second = builds
    target = tmp_path / "srv"
    for output in (first, second, first, second):
        assert run("deploy", target, output, keep=3).returncode == 0
    assert len(releases(target)) == 3
    assert run("rollback", target).returncode == 0
    assert run("rollback", target).returncode == 0
    assert live(target) == f"releases/{releases(target)[0]}", "two rollbacks: the oldest kept release is live"

    before = releases(target)
    assert run("deploy", target, first, keep=1).returncode == 0
    new = releases(target)[-1]
    assert releases(target) == [before[-1], new], "DEPLOY_KEEP=1 still keeps the release before the live one"
    assert live(target) == f"releases/{new}"


def test_a_second_deploy_to_the_same_target_waits_for_the_first(builds, tmp_path):
    target = tmp_path / "srv"
    target.mkdir()
    env = {**os.environ, "PYTHONPATH": PYTHONPATH}
    with open(target / ".deploy.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another deploy holds the target
        waiting = subprocess.Popen(
            [sys.executable, "-m", "dtz_deploy", "deploy", str(target), "--output", str(builds[0])],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        assert waiting.poll() is None and not (target / "current").exists(), "it waits while the lock is held"
    assert waiting.wait(timeout=30) == 0, waiting.stderr.read()
    assert files(target / "current") == deployable(builds[0])


def test_a_bad_DEPLOY_KEEP_is_refused(builds, tmp_path):
    assert "DEPLOY_KEEP" in one_dutch_line(run("deploy", tmp_path / "srv", builds[0], keep="twee"))
