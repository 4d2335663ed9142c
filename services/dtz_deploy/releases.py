"""A deploy and a rollback, step by step, under the target's lock: each target-side step a POSIX shell script
(``Target.run``: ``set -e`` in the deploy folder) run over ssh (``DEPLOY_SSH``) or by the local ``sh``, its values passed
as arguments, never pasted in; until ``current`` is renamed readers see the old release, after it the new one."""

import calendar
import contextlib
import fnmatch
import functools
import hashlib
import json
import os
import re
import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from dtz_contract import Refused, buildrecord

USAGE = "verwacht DEPLOY_TARGET=<map> of DEPLOY_TARGET=[gebruiker@]host:<map>"
REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<dir>.*)$")  # rsync's rule: a colon before any slash
LOCK_WAIT = 10  # seconds a deploy waits for another one on the same target before it gives up
# flock keeps <dir>/.deploy.lock while cat reads the caller's pipe; when the caller ends (even killed) the lock goes.
LOCK_SCRIPT = """mkdir -p "$1" || exit 1
exec flock -w "$2" -E 75 "$1/.deploy.lock" sh -c 'echo locked; exec cat >/dev/null'"""
RELEASE_ID = re.compile(r"^(\d{8}T\d{6}Z)-[0-9a-f]{6}$")
HASHED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")  # the build's content-hashed asset names
STAMP = "%Y%m%dT%H%M%SZ"
# The build's records (what a build or an index was made from) are for the next build, never for readers.
NEVER_DEPLOYED = tuple(f".dtz-*.json{suffix}" for suffix in ("", ".gz", ".br"))
# Compared by content and without times, so a rebuilt but unchanged file is hard-linked to the live release's copy.
RSYNC = ["rsync", "--recursive", "--links", "--perms", "--checksum", "--stats", "--chmod=D755,F644", *(f"--exclude={n}" for n in NEVER_DEPLOYED)]
STATS = re.compile(r"Number of regular files transferred: ([\d.,]+)")
FILES = re.compile(r"Number of files: [\d.,]+ \(reg: ([\d.,]+)")
say = functools.partial(print, flush=True)

# Remove what killed runs left, then list the releases, where current points and its theme/assets.json.
STATE_SCRIPT = """mkdir -p releases
rm -rf releases/.partial-* current.tmp-*
if [ -e current ] && [ ! -L current ]; then echo "not-a-link"; exit 0; fi
ls -1 releases
echo "--"
readlink current || true
echo "--"
cat current/theme/assets.json 2>/dev/null || true"""

# Hard-link files of the live release ($2) into the upload ($1) where the upload lacks them.
CARRY_SCRIPT = """cd releases
new="$1"; live="$2"; shift 2
for f do
  [ -f "$live/$f" ] && [ ! -e "$new/$f" ] || continue
  mkdir -p "$new/$(dirname "$f")"
  ln "$live/$f" "$new/$f"
done"""

# Rename a finished upload ($2, if given) to its release id ($1), then point current at it with one rename: always whole.
SWITCH_SCRIPT = """[ -z "$2" ] || mv -T "releases/$2" "releases/$1"
ln -s "releases/$1" "current.tmp-$1"
mv -T "current.tmp-$1" current"""

# Remove the releases named in $1, $2, ...
PRUNE_SCRIPT = """cd releases
for r do rm -rf -- "$r"; done"""


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
        """Run a script in the deploy folder with ``set -e`` and return its output; Refused saying what failed."""
        return self.call(self.command(f'set -e\ncd "$1"\nshift\n{script}', self.dir, *args), f"{doing} op {self}")

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
        """flock on ``<dir>/.deploy.lock``, held by a target-side process for as long as its stdin is open (Popen's exit
        closes it, however the block ends)."""
        command = self.command(LOCK_SCRIPT, self.dir, str(LOCK_WAIT))
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
            if process.stdout.readline().strip() != "locked":
                stderr = process.communicate()[1]
                if process.returncode == 75:  # LOCK_SCRIPT: another deploy holds the lock
                    raise Refused(f"er loopt al een deploy of rollback naar {self} (na {LOCK_WAIT} s nog bezet)")
                raise self.failure(process.returncode, stderr, f"de map voorbereiden op {self}")
            yield


def check_output(output):
    """The output folder, or Refused when it is missing or not a publish build."""
    output = Path(output).absolute()  # handed to rsync and named in every message: one meaning wherever it runs
    if not output.is_dir():
        raise Refused(f"{output} bestaat niet: bouw eerst met make publish (make deploy doet dat zelf)")
    if (record := buildrecord.read(output)) is None:
        raise Refused(f"{output / buildrecord.NAME} ontbreekt of is onleesbaar: bouw de site opnieuw met make publish")
    if record["kind"] == "preview":
        raise Refused(f"{output} is een voorbeeldweergave (make serve, met concepten): deploy alleen wat make publish bouwde")
    if record["kind"] != "publish":
        raise Refused(f"{output} is gebouwd met make {record['kind']}, niet met make publish: make deploy bouwt zelf met make publish")
    return output


def build_hash(output):
    """Six hex digits of every deployed file's path and bytes: the same for a rebuild, so release ids tell equal builds."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(output):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not any(fnmatch.fnmatchcase(name, pattern) for pattern in NEVER_DEPLOYED):
                with open(path, "rb") as handle:  # a file that cannot be read stops the deploy here, in one line
                    digest.update(f"{os.path.relpath(path, output)}\0{hashlib.file_digest(handle, 'sha256').hexdigest()}\n".encode())
    return digest.hexdigest()[:6]


def before(releases, release):
    """The release a rollback from ``release`` puts back: the newest older one with another build (a release id's last
    six digits, ``build_hash``: two releases with the same ones hold the same build)."""
    return max((r for r in releases if r < release and r[-6:] != release[-6:]), default=None)


def read_state(target):
    """The release ids (oldest first), the live one and the hashed CSS/JS (with .gz/.br) its theme/assets.json names,
    after removing what killed runs left."""
    text = target.run(STATE_SCRIPT, doing="de releases lezen")
    if text.strip() == "not-a-link":
        raise Refused(f"{target.dir}/current is geen symbolische koppeling: verplaats die map eerst")
    listing, link, assets = text.split("--\n", 2)  # STATE_SCRIPT's three parts
    releases = sorted(name for name in listing.split() if RELEASE_ID.match(name))
    live = link.strip().removeprefix("releases/")
    try:
        names = json.loads(assets).values()
    except (ValueError, AttributeError):  # no assets.json, or not an object
        names = []
    found = [f"theme/{name}" for name in names if isinstance(name, str) and HASHED.search(name) and ".." not in name]
    return releases, live if live in releases else None, [path + suffix for path in found for suffix in ("", ".gz", ".br")]


def new_id(build, releases):
    """UTC time plus the build's short hash; always later than every release already there."""
    now = max([int(time.time())] + [calendar.timegm(time.strptime(RELEASE_ID.match(newest)[1], STAMP)) + 1 for newest in releases[-1:]])
    return f"{time.strftime(STAMP, time.gmtime(now))}-{build}"


def upload(target, output, folder, live):
    """rsync ``output`` into ``<dir>/<folder>``, unchanged files hard-linked to the live release; says how much was sent."""
    link = [f"--link-dest=../{live}"] if live else []  # relative to the release folder being written
    command = [*RSYNC, *(["-e", target.ssh] if target.host else []), *link, f"{output}/", f"{target}/{folder}"]
    try:
        stdout = target.call(command, f"rsync naar {target}")
    except FileNotFoundError:
        raise Refused("rsync ontbreekt op deze computer (Debian-pakket rsync)") from None
    sent, total = (int(re.sub(r"\D", "", found[1])) if found else "?" for found in (STATS.search(stdout), FILES.search(stdout)))
    return f"{sent} van {total} bestanden verstuurd" + (", de rest gekoppeld aan de vorige release" if live else "")


def deploy(target, output, keep):
    """Upload ``output`` as a new release and make it live; a build already live is not uploaded again (nor rolled back to)."""
    output = check_output(output)
    build = build_hash(output)
    with target.lock():
        releases, live, assets = read_state(target)
        if live and live.endswith(f"-{build}"):
            return say(f"Deze build staat al live op {target} (releases/{live}): er is niets omgezet.")
        release = new_id(build, releases)
        partial = f".partial-{release}"
        say(f"Release {release} uploaden naar {target}" + (f" (ongewijzigd gekoppeld aan {live})" if live else ""))
        say(upload(target, output, f"releases/{partial}/", live))
        if live:  # pages readers still have open keep their styles
            target.run(CARRY_SCRIPT, partial, live, *assets, doing="CSS en JavaScript van de vorige release bewaren")
        target.run(SWITCH_SCRIPT, release, partial, doing="current omzetten")
        say(f"Live: {target}/current -> releases/{release}")
        releases.append(release)
        kept = set(releases[-keep:]) | {release, before(releases, release)}  # and the one a rollback puts back
        if gone := [r for r in releases if r not in kept]:
            target.run(PRUNE_SCRIPT, *gone, doing="oude releases opruimen")
            say(f"Opgeruimd: {', '.join(gone)}")


def rollback(target):
    """Point ``current`` at the newest release older than the live one with another build."""
    with target.lock():
        releases, live, _ = read_state(target)
        if live is None:
            raise Refused(f"op {target} staat nog geen release live: er is niets terug te zetten")
        if (older := before(releases, live)) is None:
            raise Refused(f"op {target} is geen release ouder dan {live} met een andere build: er is niets om naar terug te gaan")
        target.run(SWITCH_SCRIPT, older, "", doing="current omzetten")
        say(f"Teruggezet: {target}/current -> releases/{older} (was {live})")
