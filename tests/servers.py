"""Real servers for tests, on 127.0.0.1 and free ports, started and stopped by the test.

- ``free_port()``: a port nothing listens on right now.
- ``sshd(folder)``: an OpenSSH server with its own config, host key and user key in ``folder``;
  yields ``SshServer`` (``.ssh``: the client command for DEPLOY_SSH, ``.login``: user@127.0.0.1).
- ``nginx(folder, site_conf)``: nginx with its own main config and prefix in ``folder``, serving
  one server-block file (deploy/nginx.conf after ``shipped_config``); yields ``{"http":, "https":}``.
- ``self_signed(folder, names=NAMES)``: a certificate for the canonical names (or others; an IP address
  as ``IP:127.0.0.1``): fullchain.pem, privkey.pem.
- ``shipped_config(path, root=, certs=, ports=)``: a config from deploy/ with the literal
  replacements its header names (deploy folder, certificate folder, ports on 127.0.0.1).
"""

import contextlib
import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from requires import require

NAMES = ("www.dutchtechzone.nl", "dutchtechzone.nl")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds=10):
    """Until something accepts on 127.0.0.1:port; fails with the server's output if it died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@contextlib.contextmanager
def running(command, port, **options):
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **options)
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def self_signed(folder, names=NAMES):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            folder / "privkey.pem",
            "-out",
            folder / "fullchain.pem",
            "-subj",
            f"/CN={names[0].removeprefix('IP:')}",
            "-addext",
            "subjectAltName=" + ",".join(name if name.startswith("IP:") else f"DNS:{name}" for name in names),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def shipped_config(path, root, certs, ports=None):
    """The file from deploy/ with the replacements its header documents, nothing else."""
    text = Path(path).read_text(encoding="utf-8")
    text = text.replace("/srv/dtz", str(root)).replace("/etc/ssl/dtz/", f"{certs}/")
    if ports:
        text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line) + "\n"
        text = text.replace("listen 443", f"listen 127.0.0.1:{ports['https']}").replace("listen 80", f"listen 127.0.0.1:{ports['http']}")
    return text


# --- OpenSSH -----------------------------------------------------------------------------------


@dataclass
class SshServer:
    port: int
    login: str  # user@127.0.0.1
    ssh: str  # the client command, for DEPLOY_SSH


@contextlib.contextmanager
def sshd(folder):
    daemon = require(
        shutil.which("sshd") or (os.access("/usr/sbin/sshd", os.X_OK) and "/usr/sbin/sshd"),
        "SSH tests need sshd (Debian package openssh-server; .ci/run installs it)",
    )
    require(os.geteuid() == 0, "SSH tests start sshd as root (as CI does)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for key in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder / key], check=True)
    (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
    port, user = free_port(), getpass.getuser()
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {(folder / 'host_key.pub').read_text()}")
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder}/host_key\nPidFile {folder}/sshd.pid\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nAllowUsers {user}\nPermitRootLogin prohibit-password\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
        "StrictModes no\nUsePAM no\nLogLevel ERROR\n"
    )
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation folder
    with running([daemon, "-D", "-e", "-f", folder / "sshd_config"], port):
        yield SshServer(port, f"{user}@127.0.0.1", client_command(folder, port))


def client_command(folder, port):
    return (
        f"ssh -F /dev/null -p {port} -i {folder}/user_key -o IdentitiesOnly=yes -o BatchMode=yes"
        f" -o StrictHostKeyChecking=yes -o UserKnownHostsFile={folder}/known_hosts"
    )


# --- nginx -------------------------------------------------------------------------------------

BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


@contextlib.contextmanager
def nginx(folder, site_conf, ports):
    """nginx in the foreground with everything it writes in ``folder``."""
    daemon = require(
        shutil.which("nginx") or (os.access("/usr/sbin/nginx", os.X_OK) and "/usr/sbin/nginx"),
        "nginx tests need nginx (Debian package nginx; .ci/run installs it)",
    )
    require(os.path.exists(BROTLI_MODULE), "nginx tests need libnginx-mod-http-brotli-static (.ci/run installs it)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dtz.conf").write_text(site_conf)
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (folder / "nginx.conf").write_text(
        f"load_module {BROTLI_MODULE};\n"
        + ("user root;\n" if os.geteuid() == 0 else "")  # workers read the site in a private tmp folder
        + f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {folder}/access.log;\n"
        + "".join(
            f"  {name}_temp_path {path};\n"
            for name, path in (
                ("client_body", temp["body"]),
                ("proxy", temp["proxy"]),
                ("fastcgi", temp["fastcgi"]),
                ("uwsgi", temp["uwsgi"]),
                ("scgi", temp["scgi"]),
            )
        )
        + f"  include {folder}/dtz.conf;\n}}\n"
    )
    check = subprocess.run([daemon, "-t", "-p", folder, "-c", folder / "nginx.conf"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    with running([daemon, "-p", folder, "-c", folder / "nginx.conf", "-g", "daemon off;"], ports["https"]):
        yield ports
