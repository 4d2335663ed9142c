"""The web server in front of the subscription service: the service's lines of deploy/nginx.conf and
deploy/Caddyfile (between "# subscribe:begin" and "# subscribe:end"), in a minimal server on 127.0.0.1,
with a real nginx and a real Caddy proxying to the real service.

The lines are used as shipped, with one replacement: the service's address 127.0.0.1:8001 becomes the
test service's port. (tests/test_deploy_servers.py checks the rest of both files.)
"""

import os
import shutil
import signal
import subprocess

import pytest

from dtz_send import make_token
from dtz_subscribe import open_store
from mailserver import free_port
from requires import require
from subscriptions import SECRET, Running, start_service, wait_for

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("servers")]
DEPLOY = os.path.join(os.path.dirname(__file__), "..", "deploy")


def snippet(name, port):
    """The subscription lines of a shipped web server config, aimed at the test service."""
    with open(os.path.join(DEPLOY, name), encoding="utf-8") as handle:
        text = handle.read()
    lines = text[text.index("# subscribe:begin") : text.index("# subscribe:end")]
    assert "127.0.0.1:8001" in lines
    return lines.replace("127.0.0.1:8001", f"127.0.0.1:{port}")


def nginx_config(folder, static, listen, service_port):
    return f"""user root;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{listen};
        root {static};
{snippet("nginx.conf", service_port)}
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def caddy_config(folder, static, listen, service_port):
    return f"""{{
	admin off
	auto_https off
	storage file_system {folder}/caddy
}}
http://127.0.0.1:{listen} {{
	root * {static}
{snippet("Caddyfile", service_port)}
	file_server
}}
"""


@pytest.fixture(params=["nginx", "caddy"])
def proxied(request, tmp_path, smtp):
    """(front, service): the service behind a real web server; front is a Running aimed at the web server."""
    binary = require(
        shutil.which(request.param) or (f"/usr/sbin/{request.param}" if os.access(f"/usr/sbin/{request.param}", os.X_OK) else None),
        f"the proxy test needs {request.param} (Debian package {request.param})",
    )
    static = tmp_path / "site"
    (static / "nieuwsbrief").mkdir(parents=True)
    (static / "nieuwsbrief" / "index.html").write_text("<!doctype html><title>Nieuwsbrief</title>", encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'var' / 'abonnees.sqlite'}"
    listen = free_port()
    service = start_service(database, smtp(), SUBSCRIBE_IP_LIMIT="2", SUBSCRIBE_SITE_URL=f"http://127.0.0.1:{listen}")
    if request.param == "nginx":
        config = tmp_path / "nginx.conf"
        config.write_text(nginx_config(tmp_path, static, listen, service.port), encoding="utf-8")
        command = [binary, "-c", str(config), "-g", "daemon off;"]
    else:
        config = tmp_path / "Caddyfile"
        config.write_text(caddy_config(tmp_path, static, listen, service.port), encoding="utf-8")
        command = [binary, "run", "--config", str(config), "--adapter", "caddyfile"]
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)},
    )
    try:
        wait_for(listen, server)
        yield Running(server, listen, {}), service, database
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        server.stderr.close()
        service.kill(signal.SIGTERM)
        service.process.stderr.close()


def test_the_web_server_passes_the_three_paths_to_the_service_and_serves_the_rest(proxied):
    front, service, database = proxied
    assert b"<title>Nieuwsbrief</title>" in front.request("/nieuwsbrief/").body  # a file
    signed_up = front.signup("via-proxy@voorbeeld.nl", origin=f"http://127.0.0.1:{front.port}")
    assert signed_up.status == 200 and "kijk in uw mailbox" in signed_up.text
    assert front.request("/nieuwsbrief/bevestigen/?t=x").status == 400  # the service's own page
    token = make_token("via-proxy@voorbeeld.nl", SECRET)
    assert front.request(f"/nieuwsbrief/afmelden/?t={token}", b"List-Unsubscribe=One-Click").status == 200
    assert open_store(database).status("via-proxy@voorbeeld.nl") == "unsubscribed"
    assert front.request("/nieuwsbrief/aanmelden/", b"email=" + b"a" * 9000, {"Origin": front.base}).status == 413


def test_a_reader_cannot_choose_the_address_the_sign_up_limit_counts(proxied):
    front, service, database = proxied
    statuses = [front.signup(f"ip{n}@voorbeeld.nl", origin=front.base, ip=f"203.0.113.{n}").status for n in range(3)]
    assert statuses == [200, 200, 429]  # SUBSCRIBE_IP_LIMIT=2: a forged X-Forwarded-For does not help
