"""A throw-away PostgreSQL cluster for tests: Debian's binaries (/usr/lib/postgresql/*/bin, installed by .ci/run),
a data folder in /tmp, TCP on 127.0.0.1 at a free port, stopped at the end of the session.

Root may not run postgres, so as root the server runs as the ``postgres`` user (runuser). Without the binaries,
or when the cluster does not start, the test skips with one line; under CI=true it fails (see requires.py).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import uuid

import pytest

from mailserver import free_port
from requires import require


def _binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else None


def _as_postgres():
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class Cluster:
    def __init__(self, bin_dir):
        self.bin, self.port = bin_dir, free_port()
        self.data = tempfile.mkdtemp(prefix="dtz-pg-")  # not under pytest's 0700 root folder: postgres must reach it
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")

    def run(self, tool, *args):
        return subprocess.run([*_as_postgres(), os.path.join(self.bin, tool), *args], capture_output=True, text=True, timeout=60)

    def start(self):
        """None when it runs, else the reason it does not."""
        made = self.run("initdb", "-D", f"{self.data}/db", "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        if made.returncode:
            return f"initdb: {made.stderr.strip().splitlines()[-1] if made.stderr.strip() else made.returncode}"
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off"
        started = self.run("pg_ctl", "-D", f"{self.data}/db", "-o", options, "-l", f"{self.data}/log", "-w", "start")
        return None if started.returncode == 0 else f"pg_ctl start: {started.stderr.strip() or started.stdout.strip()}"

    def database(self):
        """The URL of a new, empty database."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self):
        self.run("pg_ctl", "-D", f"{self.data}/db", "-m", "immediate", "stop")
        shutil.rmtree(self.data, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_cluster():
    bin_dir = require(_binaries(), "PostgreSQL-tests need Debian's postgresql (/usr/lib/postgresql/*/bin; .ci/run installs it)")
    cluster = Cluster(bin_dir)
    problem = cluster.start()
    if problem:
        cluster.stop()
        require(None, f"PostgreSQL did not start: {problem}")
    yield cluster
    cluster.stop()
