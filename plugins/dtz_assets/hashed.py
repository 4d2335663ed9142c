"""Hashing the theme's CSS and JavaScript, the template global ``asset`` and the generator writing the copies."""

import hashlib
import json
import os
import re

from jinja2 import pass_context
from pelican.generators import Generator

import dtz_build
import dtz_content

from .scripts import translated

HASHED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")
KINDS = (".css", ".js")
MANIFEST = "assets.json"


class ThemeAssets:
    """The theme's static CSS and JS files (THEME_STATIC_PATHS), each with its hashed name, and the
    copies of its scripts in each other language whose catalogue translates them (``scripts``)."""

    def __init__(self, settings, theme):
        self.output_dir = settings.get("THEME_STATIC_DIR", "theme")
        self.names = {}  # "css/site.css" -> "css/site.<hash>.css"
        self.sources = {}  # "css/site.css" -> the file in the theme
        self.copies = {}  # ("en", "js/search.js") -> ("js/search.en.<hash>.js", its bytes)
        languages = dtz_content.languages
        for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
            root = os.path.join(theme, folder)
            for directory, _, files in os.walk(root):
                for name in sorted(files):
                    if name.endswith(KINDS):
                        path = os.path.join(directory, name)
                        relative = os.path.relpath(path, root).replace(os.sep, "/")
                        self.sources[relative] = path
                        source = read(path)
                        self.names[relative] = hashed_name(relative, source)
                        for lang in languages.others(settings) if name.endswith(".js") else ():
                            words = languages.script_words(settings, lang, f"{folder}/{relative}")
                            if words:
                                data = translated(source.decode("utf-8"), words).encode("utf-8")
                                stem, extension = os.path.splitext(relative)
                                self.copies[lang, relative] = (hashed_name(f"{stem}.{lang}{extension}", data), data)

    def url(self, relative, lang=None):
        """The URL path (no leading /) of a theme asset under its hashed name: asset('css/site.css'),
        on a page in another language its copy in that language when there is one."""
        if relative not in self.names:
            raise KeyError(f"asset('{relative}'): geen CSS- of JS-bestand in de static-map van het thema")
        name = self.copies[lang, relative][0] if (lang, relative) in self.copies else self.names[relative]
        return f"{self.output_dir}/{name}"


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def hashed_name(relative, data):
    stem, extension = os.path.splitext(relative)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{extension}"


def theme_assets(settings, theme):
    """The run's ThemeAssets, made once: every generator's templates and the assets generator ask for them."""
    return dtz_build.current(settings).keep_for("dtz_assets", lambda: ThemeAssets(settings, theme))


def add_asset_global(generator):
    assets = theme_assets(generator.settings, generator.theme)
    generator.env.globals["asset"] = pass_context(lambda context, relative: assets.url(relative, context.get("page_lang")))


class AssetsGenerator(Generator):
    """Writes the hashed copies and the manifest; Pelican's static generator still copies the plain files.
    A script's copy in another language is written (and in the manifest) only when that language has a site."""

    def generate_context(self):
        """A page names an asset by its hashed name, which no template value shows: every page depends on the
        names, so an edited script or stylesheet renders again the pages that link it."""
        assets = theme_assets(self.settings, self.theme)
        names = {**assets.names, **{f"{lang}:{relative}": name for (lang, relative), (name, _) in assets.copies.items()}}
        dtz_build.share_input(self.settings, "dtz_assets", json.dumps(names, sort_keys=True))

    def generate_output(self, writer):
        assets = theme_assets(self.settings, self.theme)
        for relative, source in assets.sources.items():
            dtz_build.write_output(self.settings, self.output_path, assets.url(relative), read(source))
        names = dict(assets.names)
        catalog = dtz_content.catalog(self.context)
        for (lang, relative), (name, data) in assets.copies.items():
            if catalog.pages_in(lang):
                dtz_build.write_output(self.settings, self.output_path, f"{assets.output_dir}/{name}", data)
                stem, extension = os.path.splitext(relative)
                names[f"{stem}.{lang}{extension}"] = name  # deploy keeps the live release's copies too
        manifest = json.dumps(names, indent=1, sort_keys=True) + "\n"
        dtz_build.write_output(self.settings, self.output_path, f"{assets.output_dir}/{MANIFEST}", manifest.encode("utf-8"))
