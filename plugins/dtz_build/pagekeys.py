"""What a page is made from, as one hash: a rebuild renders a page again only when that hash changed.

A page's inputs are the build's environment (settings, the day, preview, every theme
template, static files, the plugins' code, library versions), where every item lives
(source path, URL, state: ``{filename}`` links resolve against it) and what the page
itself shows. An item page shows its own file; an overview shows the header values and
descriptions of the items it lists, not their bodies. So an edit to a pearl's text renders
that pearl's page again, and an edit to its title also every overview listing it.
"""

import datetime
import json
import os
import sys
from importlib.metadata import version

from .diskcache import digest, folder_digest

LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe")


def stable(value):
    """Text for ``value`` that is the same in every run: callables and objects by their type's name."""

    def fallback(thing):
        if isinstance(thing, (set, frozenset)):
            return sorted(map(str, thing))
        if isinstance(thing, (datetime.date, datetime.datetime, datetime.time)):
            return thing.isoformat()
        if callable(thing) or isinstance(thing, type):
            return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', type(thing).__qualname__)}"
        text = str(thing)
        if " at 0x" in text and hasattr(thing, "__dict__"):  # a plain object: by its attributes
            return [type(thing).__qualname__, {str(k): v for k, v in vars(thing).items()}]
        return text

    return json.dumps(value, sort_keys=True, default=fallback, ensure_ascii=False)


def _stats(folder):
    """(path, size, mtime) of every file below ``folder``: static files and plugin code, cheaply."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            stat = os.stat(os.path.join(root, name))
            found.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    return found


def environment(settings, catalog):
    """The inputs every page shares. Settings that hold the run's own state are left out."""
    try:  # settings are the upper-case keys (the catalog gets Pelican's context, which has both)
        shown = stable({k: v for k, v in settings.items() if k.isupper() and k not in ("OUTPUT_PATH", "CACHE_PATH")})
    except (TypeError, ValueError):  # settings JSON cannot order: never reuse a page
        shown = repr(os.urandom(16))
    theme = settings.get("THEME", "")
    # Every file of every DTZ plugin package, imported or not: modules imported only when needed
    # (WeasyPrint's fetcher) must not make one run's pages look different from the next's.
    packages = sorted(
        folder for name, module in list(sys.modules.items())
        if name.startswith("dtz_") and "." not in name for folder in getattr(module, "__path__", [])
    )
    plugin_code = [_stats(folder) for folder in packages]
    static = [
        _stats(os.path.join(settings["PATH"], folder))
        for folder in settings.get("STATIC_PATHS", [])
    ]
    return digest(
        shown, str(catalog.today), str(catalog.preview),
        folder_digest(os.path.join(theme, "templates")),
        stable(static), stable(plugin_code), stable([version(name) for name in LIBRARIES]),
    )


def locations(items):
    """Where every item lives: what ``{filename}`` links and menus resolve against."""
    return digest(*(f"{item.source_path}\0{item.url}\0{item.state}" for item in items))


def listed(item):
    """What an overview shows of an item: its header (the values come from it), description, address and state."""
    return digest(item.header_digest, str(item.description), item.url, item.state)


def whole(item):
    """Everything about one item: its source file, the HTML the reader made of it (Markdown's
    settings and extensions count that way), its address and state."""
    return digest(item.source_digest, item._content or "", item.url, item.state)
