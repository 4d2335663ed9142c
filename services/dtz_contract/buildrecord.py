"""The build record ``.dtz-build.json`` in a build's output folder: what the build is, for the services that
take it further (delivery and deploy refuse a preview, a draft or later nieuwsbrief, an issue whose sources
changed; make check places a finding at the source in ``pages``). It holds no clock time, so an unchanged
build writes it byte for byte again; its fields: README "Safe publishing"."""

import hashlib
import json
import os

from . import read_json

NAME = ".dtz-build.json"
KINDS = ("preview", "html", "publish")


def kind_of(settings):
    """preview in make serve (DTZ_PREVIEW), otherwise what the settings file says it builds (DTZ_BUILD)."""
    return "preview" if settings.get("DTZ_PREVIEW") else settings.get("DTZ_BUILD", "html")


def for_readers(settings):
    """Whether this build is meant for readers (precompressed, deployable): every kind but the preview."""
    return kind_of(settings) != "preview"


def refusal(settings, folder):
    """Why this build must not replace the build in ``folder``, or None: a preview (drafts, banners)
    never replaces a build meant for readers; it has a folder of its own."""
    found = read(folder)
    if not for_readers(settings) and found and found["kind"] != "preview":
        return (
            f"{folder} bevat een build van 'make {found['kind']}'; een voorbeeldweergave (make serve) komt in "
            "een eigen map (PREVIEWDIR, standaard preview/) — er is niets geschreven"
        )


def new_record(settings, entries):
    """The record of a build made with ``settings``, with the ``entries`` its plugins added."""
    return {**entries, "kind": kind_of(settings), "settings": settings.get("DTZ_SETTINGS_FILE", "")}


def page_source(values):
    """The source file of a page written with these template values, or None (an overview, the theme's)."""
    for name in ("page", "article", "item"):
        source = getattr(values.get(name), "source_path", None)
        if source:
            return os.path.abspath(source)
    return None


def issue_entry(state, day, paths):
    """What the record keeps of one nieuwsbrief issue: its state, its day and its sources' hashes."""
    return {"status": state, "date": day.isoformat(), "sources": {path: file_hash(path) for path in sorted(set(paths))}}


def encode(record):
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def read(output):
    """The record of the build in ``output``, or None when there is none (or it cannot be read)."""
    record = read_json(os.path.join(output, NAME))
    return record if isinstance(record, dict) and record.get("kind") in KINDS else None


def changed_sources(entry):
    """The sources of an issue entry whose bytes differ from when it was built (or that are gone)."""
    return [path for path, digest in entry.get("sources", {}).items() if file_hash(path) != digest]


def file_hash(path):
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
