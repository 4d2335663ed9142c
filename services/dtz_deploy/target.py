"""Where a release goes, and how commands run there: over ssh (``DEPLOY_SSH``) or, for a local
folder, the same shell scripts run by the local ``sh``. Every target-side step is a small POSIX
shell script with its values passed as arguments, never pasted into the script text."""

import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import DeployError
from .scripts import LOCK_SCRIPT

USAGE = "verwacht DEPLOY_TARGET=<map> of DEPLOY_TARGET=[gebruiker@]host:<map>"
REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<dir>.*)$")  # rsync's rule: a colon before any slash
SSH_FAILED = 255
LOCK_BUSY = 75  # LOCK_SCRIPT's exit status when another deploy holds the lock
LOCK_WAIT = 10  # seconds a deploy waits for another one on the same target before it gives up


@dataclass(frozen=True)
class Target:
    host: str | None  # [user@]host, or None for a folder on this machine
    dir: str
    ssh: str = "ssh"

    @classmethod
    def parse(cls, text, ssh="ssh"):
        text = (text or "").strip()
        if not text:
            raise DeployError(f"DEPLOY_TARGET ontbreekt: {USAGE}")
        found = REMOTE.match(text)
        if found:
            if not found["dir"]:
                raise DeployError(f"DEPLOY_TARGET {text!r} noemt geen map na de dubbele punt: {USAGE}")
            if not shlex.split(ssh or ""):
                raise DeployError('DEPLOY_SSH is leeg: verwacht een opdracht zoals ssh of "ssh -p 2222 -i sleutel"')
            return cls(found["host"], found["dir"].rstrip("/") or "/", ssh)
        return cls(None, str(Path(text).expanduser().absolute()))

    def __str__(self):
        return f"{self.host}:{self.dir}" if self.host else self.dir

    def command(self, script, *args):
        """The argv that runs ``script`` with ``args`` as $1, $2, … on the target."""
        if self.host is None:
            return ["sh", "-c", script, "sh", *args]
        remote = " ".join(shlex.quote(part) for part in ("sh", "-c", script, "sh", *args))
        return [*shlex.split(self.ssh), self.host, remote]

    def run(self, script, *args, doing):
        """Run a script on the target and return its output; DeployError saying what failed."""
        done = subprocess.run(self.command(script, *args), capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if done.returncode:
            raise self.failure(done.returncode, done.stderr, doing)
        return done.stdout

    def failure(self, code, stderr, doing):
        reason = last_line(stderr)
        if self.host is not None and code == SSH_FAILED:
            return DeployError(f"{self.host} is niet bereikbaar via {self.ssh.split()[0]} ({reason})")
        return DeployError(f"{doing} op {self} is mislukt" + (f" ({reason})" if reason else f" (code {code})"))

    def rsync_path(self, relative):
        path = f"{self.dir.rstrip('/')}/{relative}"
        return f"{self.host}:{path}" if self.host else path

    def rsync_shell(self):
        return ["-e", self.ssh] if self.host else []

    def lock(self):
        return Lock(self)


class Lock:
    """flock on ``<dir>/.deploy.lock``, held by a target-side process for as long as its stdin is
    open: when this process ends, even by SIGKILL, the pipe closes and the lock goes with it."""

    def __init__(self, target):
        self.target = target
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.target.command(LOCK_SCRIPT, self.target.dir, str(LOCK_WAIT)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() == "locked":
            return self
        self.process.stdin.close()
        stderr = self.process.stderr.read()
        code = self.process.wait()
        if code == LOCK_BUSY:
            raise DeployError(f"er loopt al een deploy of rollback naar {self.target} (na {LOCK_WAIT} s nog bezet)")
        raise self.target.failure(code, stderr, "de map voorbereiden")

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


def last_line(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""
