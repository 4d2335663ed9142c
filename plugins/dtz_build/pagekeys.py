"""What a page is made from, as one hash of the very values its template gets (:func:`value_key`), the template's
folders and what every page shares (settings, plugin code, library versions, what plugins ``share``): no caller
lists inputs, and nothing of other items is shared, so adding or publishing one item renders again only the pages
that show it (README "Build speed")."""

import dataclasses
import datetime
import functools
import json
import os
import sys
from importlib.metadata import version
from json.encoder import encode_basestring
from pathlib import Path

import jinja2
from markupsafe import Markup

from dtz_contract import digest  # the one framing of parts, shared with make check (dtz_check)

LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe")


class Unkeyed(TypeError):
    """A template value whose content no key can express."""


def value_key(value, listed=False, memo=None):
    """A stable text for ``value``, the same in every run exactly when the value shows the same: an object by its ``cache_key()``,
    inside a list by its ``listed_key()``, plain values by value, else :class:`Unkeyed` (the page is rendered every time).
    ``memo`` (id -> (tuple, key)) keeps the keys of tuples seen this run; holding a tuple keeps its id."""
    if type(value) is str:  # the commonest value first (a Markup, a str too, is told apart below)
        return "J" + encode_basestring(value)
    if memo is not None and type(value) is tuple and hashable(value):
        if id(value) not in memo:
            memo[id(value)] = (value, "[" + ",".join([value_key(v, True, memo) for v in value]) + "]")
        return memo[id(value)][1]
    if listed and hasattr(value, "listed_key"):
        return "L" + value.listed_key()
    if hasattr(value, "cache_key") and not isinstance(value, type):
        return "K" + value.cache_key()
    if value is None or isinstance(value, (bool, int, float, str)):
        return ("M" if isinstance(value, Markup) else "J") + json.dumps(value, ensure_ascii=False)
    if isinstance(value, (datetime.date, datetime.time)):
        return f"T{type(value).__name__}:{value.isoformat()}:{getattr(value, 'tzinfo', None)}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join([value_key(v, True, memo) for v in value]) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(value_key(v, True, memo) for v in value)) + "}"
    if isinstance(value, dict):
        pairs = sorted((value_key(k, True, memo), value_key(v, True, memo)) for k, v in value.items())
        return "(" + ",".join(f"{k}:{v}" for k, v in pairs) + ")"
    if dataclasses.is_dataclass(value):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return f"D{type(value).__qualname__}" + value_key(fields, listed, memo)
    if callable(value) or isinstance(value, type):
        return f"F{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    raise Unkeyed(f"{type(value).__module__}.{type(value).__qualname__} has no cache_key()")


def hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def files_below(folder):
    """Every file below ``folder`` (but ``__pycache__``), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        yield from (os.path.join(root, name) for name in sorted(files))


def folder_digest(folder):
    """digest() of every file below ``folder`` by its relative path and bytes: a theme part as one input."""
    return digest(*(part for path in files_below(folder) for part in (os.path.relpath(path, folder), Path(path).read_bytes())))


def search_path(loader):
    """The folders a Jinja loader reads (FileSystemLoader, and the loaders a ChoiceLoader or PrefixLoader combines)."""
    if isinstance(loader, jinja2.FileSystemLoader):
        return list(loader.searchpath)
    inner = getattr(loader, "loaders", None) or list(getattr(loader, "mapping", {}).values())
    return [folder for each in inner for folder in search_path(each)]


def stable(value):
    """Text for settings that is the same in every run: callables and objects by their type's name."""

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


class PageKeys:
    """The page keys of one run: the shared part computed once, then one digest per page."""

    def __init__(self, settings):
        self.settings = settings
        self.shared = {}  # name -> text: what the content core (or another plugin) shares with every page
        self.left_out = set()  # settings that reach pages as values only (leave_out)
        self._templates = {}  # a loader's folders -> the digest of their files; a template -> its key
        self._tuples = {}  # value_key's memo: id -> (tuple, key)

    def share(self, name, text):
        """Something every page depends on that no template value shows."""
        self.shared[name] = text
        self.__dict__.pop("base", None)

    def leave_out(self, name):
        """A setting every page that depends on it gets through its values: not shared (a change of it renders only those)."""
        if name not in self.left_out:
            self.left_out.add(name)
            self.__dict__.pop("environment", None)
            self.__dict__.pop("base", None)

    @functools.cached_property
    def environment(self):
        """What every result of the run depends on before any content is read: settings and code. Settings that
        hold the run's own state are left out, and those a plugin passes to the pages that depend on them (``left_out``)."""
        left_out = {"OUTPUT_PATH", "CACHE_PATH", *self.left_out}
        try:  # settings are the upper-case keys
            shown = stable({k: v for k, v in self.settings.items() if k.isupper() and k not in left_out})
        except (TypeError, ValueError):  # settings JSON cannot order: never reuse a page
            shown = repr(os.urandom(16))
        # Every file of every DTZ plugin package, imported or not: modules imported only when needed
        # (the print engine) must not make one run's pages look different from the next's.
        packages = sorted(
            folder
            for name, module in list(sys.modules.items())
            if name.startswith("dtz_") and "." not in name
            for folder in getattr(module, "__path__", [])
        )
        plugin_code = [[(path, os.stat(path).st_size, os.stat(path).st_mtime_ns) for path in files_below(folder)] for folder in packages]
        return digest(shown, stable(plugin_code), stable([version(name) for name in LIBRARIES]))

    @functools.cached_property
    def base(self):
        """What every page shares: the environment and what plugins ``share``."""
        return digest(self.environment, *(f"{k}={v}" for k, v in sorted(self.shared.items())))

    def template(self, template):
        """A template counts by its name and every file of the folders its loader reads: an edited
        template or partial renders every page again, as a changed theme does (finding what each
        template extends, includes or imports cost a run more than it ever spared)."""
        if template not in self._templates:
            folders = tuple(sorted(search_path(template.environment.loader)))
            if folders not in self._templates:
                self._templates[folders] = digest(*(folder_digest(folder) for folder in folders))
            self._templates[template] = digest(template.name, self._templates[folders])
        return self._templates[template]

    def key(self, template=None, **values):
        """The page's key: shared inputs, the template's files (if any) and every value; None when a value cannot be keyed."""
        try:
            shown = digest(*(f"{name}={value_key(values[name], memo=self._tuples)}" for name in sorted(values)))
        except Unkeyed:
            return None
        return digest(self.base, self.template(template) if template is not None else "", shown)
