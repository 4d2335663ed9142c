"""The search index: Pagefind's binary over the run's pages (README "Search"), hard-linked from staging and output/
into one tree (its Python API costs 0.1 s a page); kept when made from the same inputs (``RECORD``). A preview is
indexed after the sync, in the background, where the next save cancels an index it would make stale."""

import functools
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import dtz_build
import dtz_content
from dtz_contract import buildrecord, read_json

BUNDLE = "pagefind"  # the index folder in the output
RECORD = ".dtz-index.json"  # in BUNDLE: what the index was made from (a dot-file: never deployed)
MARKER = b"data-pagefind-body"
# Pagefind writes its own interfaces too; /zoeken/ uses only its JS API (pagefind.js and what it loads).
UNUSED = ("pagefind-highlight.js", *(f"pagefind-{ui}ui.{ext}" for ui in ("", "modular-", "component-") for ext in ("js", "css")))
# Pagefind's default root, named so that the cache key changes with it (data-pagefind-body narrows it).
OPTIONS = ("--root-selector", "html")


class IndexFailed(dtz_content.ContentError):
    """Pagefind could not index the site: one Dutch line, nothing of the run is published."""


def index_run(run):
    """A step before the run's sync: index its pages into staging/pagefind/, so output/ gets the pages and their index
    at once; in a preview, keep output/'s index through the sync and index the synced pages after it, in the background."""
    pages = site_pages(run)
    if keep_published(run, inputs_of(pages)):
        return
    if not buildrecord.for_readers(run.settings):
        keep_published(run, None)
        published = [(relative, run.published(relative), digest) for relative, _, digest in pages]  # where the sync puts them
        run.in_background.append(lambda cancelled: index_after_sync(run, published, cancelled))
        return
    files = index_pages(pages, os.path.join(run.staging, BUNDLE))
    if files is None:
        say("Pagefind kon de site niet indexeren — het programma ontbrak of stopte; er is niets gepubliceerd")
        raise IndexFailed("zoekindex mislukt; er is niets gepubliceerd")
    for name in files + [RECORD]:
        run.keep(os.path.join(BUNDLE, name))


def index_after_sync(run, pages, cancelled):
    """Index output/'s pages beside it, then put the new index in the old one's place, unless ``cancelled``
    was set meanwhile (then its working folder is left to the next one: the cancelling build waits for it)."""
    aside = os.path.join(os.path.dirname(run.final), "." + os.path.basename(run.final) + ".search")
    shutil.rmtree(aside, ignore_errors=True)
    files = index_pages(pages, os.path.join(aside, BUNDLE), cancelled)
    if cancelled.is_set():
        return
    if files is None:
        say("Pagefind kon de voorbeeldweergave niet indexeren — het programma ontbrak of stopte; zoeken toont de vorige versie")
    else:
        published = run.published(BUNDLE)
        if os.path.isdir(published):
            os.replace(published, os.path.join(aside, "vorige"))
        os.replace(os.path.join(aside, BUNDLE), published)
    shutil.rmtree(aside, ignore_errors=True)


def inputs_of(pages):
    return dtz_build.digest(version("pagefind"), " ".join(OPTIONS), *(f"{url}\0{digest}" for url, _, digest in pages))


def site_pages(run):
    """(relative path, path, digest) of every page the run ends with that asks to be indexed."""
    staged = {relative: os.path.join(run.staging, relative) for relative in run.wanted}
    return marked_pages({relative: path if os.path.isfile(path) else run.published(relative) for relative, path in staged.items()})


def folder_pages(folder):
    """The same for a built folder (make bench measures the index on its own)."""
    return marked_pages(
        {os.path.relpath(os.path.join(root, name), folder): os.path.join(root, name) for root, _, names in os.walk(folder) for name in sorted(names)}
    )


def marked_pages(where):
    html = [(r, p) for r, p in sorted(where.items()) if r.endswith(".html") and not r.startswith((BUNDLE + os.sep, "."))]
    return [(relative, path, dtz_build.digest(data)) for relative, path in html if MARKER in (data := Path(path).read_bytes())]


def keep_published(run, inputs):
    """True when output/'s index was made from exactly these inputs (any, for None): the run keeps all of it."""
    folder = run.published(BUNDLE)
    record = read_json(os.path.join(folder, RECORD))
    same = record is not None and not run.fresh and inputs in (None, record.get("inputs"))
    if not same or not all(os.path.isfile(os.path.join(folder, f)) for f in record["files"]):
        return False
    for name in record["files"] + [RECORD]:
        run.keep(os.path.join(BUNDLE, name))
    return True


def say(problem):
    """One line, as content problems are printed."""
    print(f"{BUNDLE}/: zoekindex: {problem}", file=sys.__stderr__, flush=True)


def index_pages(pages, target, cancelled=None):
    """Write the index of ``pages`` into ``target`` (emptied first), with its RECORD: the files it holds, relative;
    None when Pagefind's binary is missing, fails, or was stopped because ``cancelled`` was set."""
    shutil.rmtree(target, ignore_errors=True)
    tree = os.path.join(os.path.dirname(os.path.abspath(target)), ".dtz-search-pages")
    try:
        linked = link_tree(pages, tree, cancelled)
        status = run_pagefind(tree, os.path.abspath(target), cancelled) if linked else None
    finally:
        if cancelled is None or not cancelled.is_set():  # else the caller leaves it to the next index
            shutil.rmtree(tree, ignore_errors=True)
    if status != 0 or not os.path.isfile(os.path.join(target, "pagefind.js")):
        return None
    for name in UNUSED:
        Path(target, name).unlink(missing_ok=True)
    files = sorted(os.path.relpath(os.path.join(root, name), target) for root, _, names in os.walk(target) for name in names)
    Path(target, RECORD).write_text(json.dumps({"inputs": inputs_of(pages), "files": files}), encoding="utf-8")
    return files


def run_pagefind(tree, target, cancelled=None):
    """pagefind-bin's binary over ``tree``, quiet: its exit status, None without a binary or when ``cancelled``
    was set first (it is stopped). In the background (``cancelled`` given) at a lower priority than the build."""
    from pagefind.service import get_executable

    if (binary := get_executable()) is None:
        return None
    command = [str(binary), "--site", tree, "--output-path", target, "--quiet", *OPTIONS]
    if cancelled is not None and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    try:
        process = subprocess.Popen(command, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    with process:
        if cancelled is None:
            return process.wait()
        while process.poll() is None:
            if cancelled.wait(0.05):
                process.kill()
                return None
        return process.returncode


def link_tree(pages, tree, cancelled=None):
    """The pages at their place in the site, as hard links (else copies); False when ``cancelled`` was set
    first. Beside a build each call waits for the interpreter's lock: checked per page, each folder made once."""
    shutil.rmtree(tree, ignore_errors=True)
    makedirs = functools.cache(functools.partial(os.makedirs, exist_ok=True))
    for relative, path, _ in pages:
        if cancelled is not None and cancelled.is_set():
            return False
        linked = os.path.join(tree, relative)
        makedirs(os.path.dirname(linked))
        try:
            os.link(path, linked)
        except OSError:
            shutil.copyfile(path, linked)
    return True
