"""The upload: rsync of the build into a release folder on the target.

Files are compared by content (``--checksum``) and times are not copied, so a rebuilt but
unchanged file is hard-linked to the live release's copy (``--link-dest``) and keeps its date.
"""

import re
import subprocess

from .build import NEVER_DEPLOYED
from .errors import DeployError
from .target import last_line

RSYNC = [
    "rsync",
    "--recursive",
    "--links",
    "--perms",
    "--checksum",
    "--stats",
    "--chmod=D755,F644",
    *(f"--exclude={name}" for name in NEVER_DEPLOYED),
]
STATS = re.compile(r"Number of regular files transferred: ([\d.,]+)")
FILES = re.compile(r"Number of files: [\d.,]+ \(reg: ([\d.,]+)")


def upload(target, output, folder, link_to):
    """Copy ``output`` to ``<dir>/<folder>``; returns one line saying how much was sent."""
    command = [*RSYNC, *target.rsync_shell()]
    if link_to:
        command.append(f"--link-dest=../{link_to}")  # relative to the release folder being written
    command += [f"{output}/", target.rsync_path(folder)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise DeployError("rsync ontbreekt op deze computer (Debian-pakket rsync)") from None
    if done.returncode:
        reason = last_line(done.stderr) or f"code {done.returncode}"
        if target.host and done.returncode == 255:
            raise DeployError(f"{target.host} is niet bereikbaar via {target.ssh.split()[0]} ({reason})")
        raise DeployError(f"rsync naar {target} is mislukt ({reason})")
    sent, total = (_number(pattern, done.stdout) for pattern in (STATS, FILES))
    linked = ", de rest gekoppeld aan de vorige release" if link_to else ""
    return f"{sent} van {total} bestanden verstuurd{linked}"


def _number(pattern, text):
    found = pattern.search(text)
    return int(re.sub(r"\D", "", found[1])) if found else "?"
