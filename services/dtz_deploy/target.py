"""Where a release goes, and how commands run there: over ssh (``DEPLOY_SSH``) or, for a local folder,
the same POSIX shell scripts run by the local ``sh``, their values passed as arguments, never pasted in."""

import contextlib
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from dtz_contract import Refused

USAGE = "verwacht DEPLOY_TARGET=<map> of DEPLOY_TARGET=[gebruiker@]host:<map>"
REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<dir>.*)$")  # rsync's rule: a colon before any slash
LOCK_WAIT = 10  # seconds a deploy waits for another one on the same target before it gives up
# flock keeps <dir>/.deploy.lock while cat reads the caller's pipe; when the caller ends (even killed) the lock goes.
LOCK_SCRIPT = """mkdir -p "$1" || exit 1
exec flock -w "$2" -E 75 "$1/.deploy.lock" sh -c 'echo locked; exec cat >/dev/null'"""


@dataclass(frozen=True)
class Target:
    host: str | None  # [user@]host, or None for a folder on this machine
    dir: str
    ssh: str = "ssh"

    @classmethod
    def parse(cls, text, ssh):
        if not (text := text.strip()):
            raise Refused(f"DEPLOY_TARGET ontbreekt: {USAGE}")
        if found := REMOTE.match(text):
            if not found["dir"]:
                raise Refused(f"DEPLOY_TARGET {text!r} noemt geen map na de dubbele punt: {USAGE}")
            if not shlex.split(ssh):
                raise Refused('DEPLOY_SSH is leeg: verwacht een opdracht zoals ssh of "ssh -p 2222 -i sleutel"')
            return cls(found["host"], found["dir"].rstrip("/") or "/", ssh)
        return cls(None, str(Path(text).expanduser().absolute()))

    def __str__(self):
        return f"{self.host}:{self.dir}" if self.host else self.dir

    def command(self, script, *args):
        """The argv that runs ``script`` with ``args`` as $1, $2, … on the target."""
        argv = ["sh", "-c", script, "sh", *args]
        return [*shlex.split(self.ssh), self.host, shlex.join(argv)] if self.host else argv

    def run(self, script, *args, doing):
        """Run a script on the target and return its output; Refused saying what failed."""
        return self.call(self.command(script, *args), f"{doing} op {self}")

    def call(self, argv, doing):
        done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if done.returncode:
            raise self.failure(done.returncode, done.stderr, doing)
        return done.stdout

    def failure(self, code, stderr, doing):
        reason = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()), f"code {code}")  # its last line
        if self.host is not None and code == 255:  # ssh's own failure
            return Refused(f"{self.host} is niet bereikbaar via {self.ssh.split()[0]} ({reason})")
        return Refused(f"{doing} is mislukt ({reason})")

    @contextlib.contextmanager
    def lock(self):
        """flock on ``<dir>/.deploy.lock``, held by a target-side process for as long as its stdin is open."""
        command = self.command(LOCK_SCRIPT, self.dir, str(LOCK_WAIT))
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
            if process.stdout.readline().strip() != "locked":
                process.stdin.close()
                stderr, code = process.stderr.read(), process.wait()
                if code == 75:  # LOCK_SCRIPT: another deploy holds the lock
                    raise Refused(f"er loopt al een deploy of rollback naar {self} (na {LOCK_WAIT} s nog bezet)")
                raise self.failure(code, stderr, f"de map voorbereiden op {self}")
            try:
                yield
            finally:
                process.stdin.close()
