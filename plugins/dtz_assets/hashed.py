"""Hashing the theme's CSS and JavaScript, the template global ``asset`` and the generator writing the copies."""

import hashlib
import json
import os
import re

from pelican.generators import Generator

import dtz_build

HASHED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")
KINDS = (".css", ".js")
MANIFEST = "assets.json"


class ThemeAssets:
    """The theme's static CSS and JS files (THEME_STATIC_PATHS), each with its hashed name."""

    def __init__(self, settings, theme):
        self.output_dir = settings.get("THEME_STATIC_DIR", "theme")
        self.names = {}  # "css/site.css" -> "css/site.<hash>.css"
        self.sources = {}  # "css/site.css" -> the file in the theme
        for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
            root = os.path.join(theme, folder)
            for directory, _, files in os.walk(root):
                for name in sorted(files):
                    if name.endswith(KINDS):
                        path = os.path.join(directory, name)
                        relative = os.path.relpath(path, root).replace(os.sep, "/")
                        self.sources[relative] = path
                        self.names[relative] = hashed_name(relative, path)

    def url(self, relative):
        """The URL path (no leading /) of a theme asset under its hashed name: asset('css/site.css')."""
        if relative not in self.names:
            raise KeyError(f"asset('{relative}'): geen CSS- of JS-bestand in de static-map van het thema")
        return f"{self.output_dir}/{self.names[relative]}"


def hashed_name(relative, path):
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:10]
    stem, extension = os.path.splitext(relative)
    return f"{stem}.{digest}{extension}"


def add_asset_global(generator):
    generator.env.globals["asset"] = ThemeAssets(generator.settings, generator.theme).url


class AssetsGenerator(Generator):
    """Writes the hashed copies and the manifest; Pelican's static generator still copies the plain files."""

    def generate_output(self, writer):
        assets = ThemeAssets(self.settings, self.theme)
        for relative, source in assets.sources.items():
            with open(source, "rb") as handle:
                dtz_build.write_output(self.settings, self.output_path, assets.url(relative), handle.read())
        manifest = json.dumps(assets.names, indent=1, sort_keys=True) + "\n"
        dtz_build.write_output(self.settings, self.output_path, f"{assets.output_dir}/{MANIFEST}", manifest.encode("utf-8"))
