"""make send asks the live site first: a real nginx on 127.0.0.1 serves, over HTTPS with a certificate
this test makes (trusted through SSL_CERT_FILE), what dtz_deploy put online; the issue is built with
that address as DTZ_SITE_URL. Sent before its items are deployed, subscribers would get a broken photo
and a 404: make send refuses, naming the first address, and sends nothing."""

import os
import re
from pathlib import Path

import pytest

from conftest import PYTHONPATH, Site
from mailserver import make_send
from servers import free_port, nginx, self_signed
from test_deploy import run as dtz_deploy
from test_send import FAST, SECRET, SLUG, TREE, write_list

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("deploy")]

CHECKED = [option for option in FAST if option != "--skip-live-check"]
BEFORE = {path: text for path, text in TREE.items() if not path.startswith("newsletters/") and "parels/" not in path}
DEPLOY_FIRST = "staat nog niet online — zet de site eerst online met make deploy"


def site_conf(port, certs, root):
    return (
        f"server {{\n  listen 127.0.0.1:{port} ssl;\n  server_name _;\n"
        f"  ssl_certificate {certs}/fullchain.pem;\n  ssl_certificate_key {certs}/privkey.pem;\n"
        f"  root {root}/current;\n  location / {{ try_files $uri $uri/ =404; }}\n}}\n"
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The site at https://127.0.0.1:<port>: the build before the issue deployed, the issue's build beside it."""
    root = tmp_path_factory.mktemp("live")
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    settings = {"DTZ_SITE_URL": url, "NEWSLETTER_UNSUBSCRIBE": f"{url}/nieuwsbrief/afmelden/?t={{token}}"}
    before = Site(root / "before").write(BEFORE).publish(**settings)
    issue = Site(root / "issue").write(TREE).publish(**settings)
    assert dtz_deploy("deploy", root / "srv", before.output).returncode == 0
    certs = self_signed(root / "certs", names=("IP:127.0.0.1",))
    with nginx(root / "nginx", site_conf(port, certs, root / "srv"), {"https": port}):
        yield Live(root, url, port, certs / "fullchain.pem", before, issue)


class Live:
    def __init__(self, root, url, port, cafile, before, issue):
        self.root, self.url, self.port, self.cafile, self.before, self.issue = root, url, port, cafile, before, issue
        self.list = write_list(root / "abonnees.csv", ["a@voorbeeld.nl,A", "b@voorbeeld.nl,B"])

    def send(self, server, *options, trusted=True, logs=None):
        env = {key: value for key, value in os.environ.items() if key not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
        env.update(PYTHONPATH=PYTHONPATH, DTZ_UNSUBSCRIBE_SECRET=SECRET, **({"SSL_CERT_FILE": str(self.cafile)} if trusted else {}))
        return make_send(
            server,
            f"ISSUE={SLUG}",
            f"SUBSCRIBERS={self.list}",
            f"OUTPUTDIR={self.issue.output}",
            f"INPUTDIR={self.issue.content}",
            f"SENDLOGS={logs or self.root / 'sendlogs'}",
            options=(*CHECKED, *options),
            env=env,
        )

    def requests(self):
        return (self.root / "nginx/access.log").read_text(encoding="utf-8").splitlines()


def one_line(done):
    lines = done.stderr.replace("make: *** [Makefile", "\0").split("\0")[0].strip().splitlines()
    assert done.returncode != 0 and len(lines) == 1 and "Traceback" not in done.stderr, done.stdout + done.stderr
    return lines[0]


def test_an_issue_whose_items_are_not_deployed_is_refused_naming_the_first_address_and_nothing_is_sent(live, smtp):
    server = smtp()
    for options in ((), ("--yes",)):
        line = one_line(live.send(server, *options))
        found = re.fullmatch(rf"dtz_send: ({re.escape(live.url)}/\S+) {DEPLOY_FIRST}\. Er is niets \(meer\) verstuurd\.", line)
        assert found, line
        path = found[1].removeprefix(live.url).split("?")[0].lstrip("/")
        assert (live.issue.output / path).exists() or (live.issue.output / path / "index.html").exists(), "the issue has it"
        assert not (live.root / "srv/current" / path).exists() and not (live.root / "srv/current" / path / "index.html").exists()
    assert server.received == [] and not (live.root / "sendlogs").exists()


def test_once_deployed_the_dry_run_reports_every_address_answered_200_and_the_issue_is_sent(live, smtp):
    assert dtz_deploy("deploy", live.root / "srv", live.issue.output).returncode == 0
    server = smtp()
    asked_before = len(live.requests())
    dry = live.send(server)
    assert dry.returncode == 0, dry.stderr
    (report,) = [line for line in dry.stdout.splitlines() if line.startswith("Online:")]
    count = int(re.fullmatch(rf"Online: +alle (\d+) links en afbeeldingen op {re.escape(live.url)} antwoorden 200", report)[1])
    asked = live.requests()[asked_before:]
    assert len(asked) == count and all('"HEAD ' in line and '" 200 ' in line for line in asked), asked
    paths = [line.split('"HEAD ')[1].split()[0] for line in asked]
    assert any(p.startswith("/images/parels/") or p.startswith("/images/hal") for p in paths), paths  # the pearl's photo
    assert f"/nieuwsbrief/{SLUG}/" in [p.split("?")[0] for p in paths]  # the web version
    assert any(p.startswith("/parels/hal-techniek/") for p in paths)
    assert not [p for p in paths if "afmelden" in p or "aanmelden" in p or "token" in p.lower()], "no token is ever asked for"
    assert server.received == []

    sent = live.send(server, "--yes")
    assert sent.returncode == 0, sent.stderr
    assert sorted(server.addresses()) == ["a@voorbeeld.nl", "b@voorbeeld.nl"]


def test_skip_live_check_skips_it_and_the_dry_run_says_so(live, smtp):
    asked_before = len(live.requests())
    dry = live.send(smtp(), "--skip-live-check", trusted=False)
    assert dry.returncode == 0, dry.stderr
    assert "Online:       niet nagekeken (--skip-live-check)" in dry.stdout
    assert live.requests()[asked_before:] == []


def test_a_certificate_the_system_does_not_trust_is_refused(live, smtp, tmp_path):
    server = smtp()
    line = one_line(live.send(server, "--yes", trusted=False, logs=tmp_path / "sendlogs"))
    assert line.startswith(f"dtz_send: {live.url} is niet bereikbaar (certificaat niet vertrouwd: "), line
    assert server.received == []


def test_an_unreachable_site_is_its_own_line_and_nothing_is_sent(live, smtp, tmp_path):
    closed = free_port()
    moved = Site(tmp_path / "elders").write(TREE).publish(DTZ_SITE_URL=f"https://127.0.0.1:{closed}")
    server = smtp()
    live.issue, kept = moved, live.issue
    try:
        line = one_line(live.send(server, "--yes", logs=tmp_path / "sendlogs"))
    finally:
        live.issue = kept
    assert line == (
        f"dtz_send: https://127.0.0.1:{closed} is niet bereikbaar (verbinding geweigerd) — controleer DTZ_SITE_URL en de verbinding."
        " Er is niets (meer) verstuurd."
    )
    assert server.received == [] and Path(moved.output).is_dir()
