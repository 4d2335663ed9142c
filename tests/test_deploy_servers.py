"""The server configs in deploy/ run for real: nginx (deploy/nginx.conf) on 127.0.0.1 serving a
deployed starter site, `caddy validate` on deploy/Caddyfile, `systemd-analyze verify` on the units,
and Lighthouse (tests/lighthouse/, Debian's Chromium) against that nginx.

The configs are used as shipped, with only the literal replacements their headers document
(tests/servers.py ``shipped_config``). The canonical host www.dutchtechzone.nl is sent as the Host
header, and Chromium maps that name to 127.0.0.1: nothing leaves this machine.
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time

import pytest

from browser import chromium_path
from conftest import PYTHONPATH, ROOT, STARTER_TODAY, Site
from dtz_check.browser import LAUNCH_ARGS
from images import give_pearls_photos
from requires import require
from servers import NAMES, free_port, nginx, self_signed, shipped_config

HOST = NAMES[0]
PEARL = "/parels/polymeer-precisie/"  # published on STARTER_TODAY
ALIAS = "/parels/oud-adres/"  # its former address, in the test's copy of the content

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("deploy")]


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The starter content with one former address and a 12-MP camera photo on every pearl, published
    and deployed with dtz_deploy to a folder: the web root."""
    root = tmp_path_factory.mktemp("online")
    site = Site(root / "site")
    shutil.copytree(ROOT / "content", site.content, dirs_exist_ok=True)
    moved = site.content / "parels/polymeer-precisie.md"
    moved.write_text(moved.read_text(encoding="utf-8").replace("\n\n", f"\nAliases: {ALIAS}\n\n", 1), encoding="utf-8")
    give_pearls_photos(site.content)
    site.publish(DTZ_TODAY=STARTER_TODAY, DTZ_SEARCH_INDEX=True)
    done = subprocess.run(
        [sys.executable, "-m", "dtz_deploy", "deploy", str(root / "srv"), "--output", str(site.output)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": PYTHONPATH},
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def web(deployed):
    certs = self_signed(deployed / "certs")
    ports = {"http": free_port(), "https": free_port()}
    conf = shipped_config(ROOT / "deploy/nginx.conf", root=deployed / "srv", certs=certs, ports=ports)
    with nginx(deployed / "nginx", conf, ports):
        yield Web(ports, certs / "fullchain.pem", deployed / "srv/current")


class Web:
    def __init__(self, ports, cafile, current):
        self.ports, self.current = ports, current
        self.context = ssl.create_default_context(cafile=str(cafile))
        self.context.check_hostname = False  # the request goes to 127.0.0.1; the certificate names www

    def get(self, path, host=HOST, https=True, **headers):
        if https:
            connection = http.client.HTTPSConnection("127.0.0.1", self.ports["https"], context=self.context, timeout=10)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.ports["http"], timeout=10)
        connection.request("GET", path, headers={"Host": host, **headers})
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response


# --- nginx --------------------------------------------------------------------------------------


def test_pages_carry_the_security_headers(web):
    headers = web.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy.replace("upgrade-insecure-requests", "")
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("encoding, suffix", [("br", ".br"), ("gzip", ".gz")])
def test_a_client_that_accepts_compression_gets_the_precompressed_file(web, encoding, suffix):
    response = web.get("/", **{"Accept-Encoding": encoding})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == encoding
    assert response.body == (web.current / f"index.html{suffix}").read_bytes()
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["Content-Type"].startswith("text/html")


def test_an_unknown_path_gets_status_404_and_the_site_404_page(web):
    response = web.get("/bestaat/niet/")
    assert response.status == 404
    assert response.body == (web.current / "404.html").read_bytes()
    english = web.get("/en/does/not/exist/")  # the English site's own (the starter content has translations)
    assert english.status == 404 and english.body == (web.current / "en/404.html").read_bytes()


def test_hashed_stylesheets_and_images_are_cached_for_a_year_and_pages_are_revalidated(web):
    hashed = json.loads((web.current / "theme/assets.json").read_text())["css/site.css"]
    stylesheet = web.get(f"/theme/{hashed}")
    assert stylesheet.status == 200
    assert stylesheet.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert web.get(PEARL).headers["Cache-Control"] == "no-cache"
    assert web.get("/images/parels/kunststof.png").headers["Cache-Control"] == "public, max-age=31536000"
    assert web.get("/feeds/parels.xml").headers["Cache-Control"] == "no-cache"


def test_a_former_url_redirects_permanently_to_the_new_one(web):
    response = web.get(ALIAS)
    assert response.status == 301
    assert response.headers["Location"].endswith(PEARL)


@pytest.mark.parametrize("path", ["/.dtz/redirects.nginx.conf", "/.dtz-build.json", "/.git/config"])
def test_dot_paths_are_never_served(web, path):
    assert web.get(path).status == 404


@pytest.mark.browser
def test_a_search_through_nginx_finds_pages_under_its_content_security_policy(web, browser):
    """Pagefind compiles WebAssembly: the shipped policy allows it ('wasm-unsafe-eval'); the index's dot-file is not served."""
    assert web.get("/pagefind/.dtz-index.json").status == 404
    rules = f"--host-resolver-rules=MAP {HOST} 127.0.0.1, MAP * ~NOTFOUND"  # only this machine
    mapped = browser.browser_type.launch(executable_path=chromium_path(), args=[*LAUNCH_ARGS, rules])
    try:
        page = mapped.new_context(ignore_https_errors=True).new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"https://{HOST}:{web.ports['https']}/zoeken/?q=ondernemer&type=Evenement")
        page.locator("#zoekstatus", has_text="resulta").wait_for(timeout=20000)  # no eval: the policy forbids it
        status = page.inner_text("#zoekstatus")
        assert re.fullmatch(r"\d+ resultaten? voor ‘ondernemer’, soort Evenement\.", status), status
        assert page.locator("#zoekresultaten a").first.get_attribute("href").startswith("/agenda/")
        assert errors == []
    finally:
        mapped.close()


@pytest.mark.parametrize("host, https", [(HOST, False), ("dutchtechzone.nl", False), ("dutchtechzone.nl", True)])
def test_http_and_the_apex_redirect_to_https_on_the_canonical_host(web, host, https):
    response = web.get("/agenda/?x=1", host=host, https=https)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/agenda/?x=1"


# --- Caddy and systemd ----------------------------------------------------------------------------


def test_the_caddyfile_is_valid(deployed, tmp_path):
    caddy = require(shutil.which("caddy"), "the Caddyfile test needs caddy (Debian package caddy; .ci/run installs it)")
    certs = self_signed(tmp_path / "certs")
    config = tmp_path / "Caddyfile"
    config.write_text(shipped_config(ROOT / "deploy/Caddyfile", root=deployed / "srv", certs=certs))
    done = subprocess.run(
        [caddy, "validate", "--config", config, "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert "Valid configuration" in done.stdout + done.stderr


def test_the_systemd_units_verify(tmp_path):
    analyze = require(shutil.which("systemd-analyze"), "the unit test needs systemd-analyze (Debian package systemd)")
    units = sorted(str(p) for p in (ROOT / "deploy").glob("*.service")) + sorted(str(p) for p in (ROOT / "deploy").glob("*.timer"))
    assert len(units) == 4  # deploy, its failure notice and timer, and the subscription service
    done = subprocess.run(
        [analyze, "verify", "--man=no", "--recursive-errors=no", *units],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "notice"},
    )
    assert done.returncode == 0, done.stderr
    assert "dtz-deploy" not in done.stderr and "dtz-subscribe" not in done.stderr, done.stderr  # none about ours


# --- Lighthouse ---------------------------------------------------------------------------------

LIGHTHOUSE = ROOT / "tests/lighthouse/node_modules/.bin/lighthouse"
LIGHTHOUSE_PAGES = ["/", PEARL, "/agenda/", "/bidbook/"]
PASSING_AUDITS = ("uses-text-compression", "uses-long-cache-ttl", "cumulative-layout-shift")
# Images (issue #17): sized for their slot, width and height given, the LCP image not lazy, WebP, compressed.
IMAGE_AUDITS = ("uses-responsive-images", "unsized-images", "lcp-lazy-loaded", "modern-image-formats", "uses-optimized-images", "image-aspect-ratio")


@contextlib.contextmanager
def debuggable_chromium(folder):
    """Debian's Chromium with its DevTools port open, for Lighthouse's --port. Started here rather than by
    Lighthouse, whose launcher gives up after a few seconds when the other test worker keeps both cores busy."""
    profile = folder / "profile"
    flags = [*LAUNCH_ARGS, "--headless=new", "--ignore-certificate-errors", f"--host-resolver-rules=MAP {HOST} 127.0.0.1, MAP * ~NOTFOUND"]
    process = subprocess.Popen(
        [chromium_path(), *flags, "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],  # only this machine
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        active, deadline = profile / "DevToolsActivePort", time.monotonic() + 120
        while not (active.exists() and active.read_text().strip()) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        assert active.exists(), "Chromium opened no DevTools port"
        yield int(active.read_text().split()[0])
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.browser
@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_100_for_accessibility_best_practices_and_seo(web, path, tmp_path):
    require(LIGHTHOUSE.exists(), "Lighthouse is installed by `make test` (tests/lighthouse/, npm ci)")
    report = tmp_path / "report.json"
    with debuggable_chromium(tmp_path) as port:
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                f"https://{HOST}:{web.ports['https']}{path}",
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--form-factor=mobile",
                f"--port={port}",
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "TMPDIR": str(tmp_path), "HOME": str(tmp_path)},
        )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(report.read_text())
    scores = {name: round(category["score"] * 100) for name, category in result["categories"].items()}
    print(f"Lighthouse {path}: performance {scores['performance']} (a timing: reported, not asserted)")
    failing = {
        name: [
            audit for audit in result["categories"][name]["auditRefs"] if audit["weight"] and result["audits"][audit["id"]]["score"] not in (1, None)
        ]
        for name in ("accessibility", "best-practices", "seo")
    }
    assert {name: scores[name] for name in failing} == {name: 100 for name in failing}, {
        name: [a["id"] for a in audits] for name, audits in failing.items()
    }
    for audit in PASSING_AUDITS:
        found = result["audits"][audit]
        assert found["score"] == 1, (audit, [item.get("url") for item in found.get("details", {}).get("items", [])])
    for audit in IMAGE_AUDITS:
        found = result["audits"][audit]
        items = found.get("details", {}).get("items", [])
        passed = found["score"] == 1 or found["scoreDisplayMode"] == "notApplicable" or (found["score"] is None and not items)  # no image on the page
        assert passed, (audit, found.get("displayValue"), items)
