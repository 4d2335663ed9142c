"""`make serve` running on a test's content tree, as an editor runs it; stopped when the block ends."""

import contextlib
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from dtz_contract import buildrecord
from dtz_serve.serve import IDLE
from servers import free_port


@dataclass
class Running:
    port: int
    preview: Path
    process: subprocess.Popen

    def said(self):
        """Everything make serve printed so far (stdout and stderr)."""
        return "".join(self.process.said)

    def idle_after(self, saved):
        """Whether make serve has built a save of ``saved`` (a file name) and said it is idle since."""
        said = self.said()
        at = said.rfind(saved)
        return at >= 0 and IDLE in said[at:]

    def get(self, path):
        """(status, body) of a page of the preview."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path.lstrip('/')}", timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")


@contextlib.contextmanager
def make_serve(tree, today, *options, name="preview", env=None):
    """Start `make serve` on ``tree`` (a conftest.Site), its preview in ``tree.root / name``, with ``env``
    added to the environment, and wait until it is built, served and idle."""
    port, preview = free_port(), tree.root / name
    opts = " ".join([f"-e DTZ_TODAY='\"{today}\"'", *options])
    process = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "serve",
            f"INPUTDIR={tree.content}",
            f"OUTPUTDIR={tree.output}",
            f"PREVIEWDIR={preview}",
            f"PREVIEWCACHE={tree.root / f'cache-{name}'}",
            f"PORT={port}",
            f"PELICANOPTS={opts}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    process.said = []
    reader = threading.Thread(target=listen, args=(process,), daemon=True)
    reader.start()
    running = Running(port, preview, process)
    try:
        wait_for(lambda: (preview / buildrecord.NAME).exists() and answers(running) and IDLE in running.said(), process)
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        reader.join(timeout=10)


def listen(process):
    """Keep what make serve prints, line by line, as it prints it."""
    for line in process.stdout:
        process.said.append(line)


def answers(running):
    try:
        return running.get("/")[0] == 200
    except OSError:
        return False


def wait_for(ready, process, seconds=120):
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None:
            pytest.fail(f"make serve stopped: {''.join(process.said)}")
        if time.monotonic() > deadline:
            pytest.fail(f"make serve did not get there in time: {''.join(process.said)}")
        time.sleep(0.2)
