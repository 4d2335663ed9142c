"""Theme CSS and JavaScript under content-hashed names (``asset('css/site.css')``: ``theme/css/site.<10 hex>.css``),
which a web host may cache for a year; theme/assets.json maps them for pages Pelican does not build. A page in
another language gets that language's copy of a script, its Dutch string literals translated by the catalogue."""

import hashlib
import json
import os
import pathlib
import re

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content

MANIFEST = "assets.json"
# A script's string literals (and comments, skipped), and a template literal's ${…} parts; regular expression
# literals holding quotes are not understood.
LITERALS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`', re.S)
EXPRESSIONS = re.compile(r"\$\{([^{}]*)\}")


class ThemeAssets:
    """The theme's static CSS and JS files (THEME_STATIC_PATHS), each with its hashed name, and the copies of
    its scripts in each other language whose catalogue translates them."""

    def __init__(self, settings, theme):
        self.output_dir = settings.get("THEME_STATIC_DIR", "theme")
        # (None, "css/site.css") -> ("css/site.<hash>.css", its bytes); ("en", "js/search.js") -> ("js/search.en.<hash>.js", …)
        self.files = {}
        for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
            root = pathlib.Path(theme, folder)
            for path in sorted(p for p in root.rglob("*") if p.suffix in (".css", ".js") and p.is_file()):
                relative, source = path.relative_to(root).as_posix(), path.read_bytes()
                self.files[None, relative] = (hashed_name(relative, source), source)
                for lang in dtz_content.languages.others(settings) if path.suffix == ".js" else ():
                    if words := dtz_content.languages.script_words(settings, lang, f"{folder}/{relative}"):
                        data = translated(source.decode("utf-8"), words).encode("utf-8")
                        self.files[lang, relative] = (hashed_name(infix(relative, lang), data), data)

    def url(self, relative, lang=None):
        """The URL path (no leading /) of a theme asset under its hashed name: asset('css/site.css'),
        on a page in another language its copy in that language when there is one."""
        if (None, relative) not in self.files:
            raise KeyError(f"asset('{relative}'): geen CSS- of JS-bestand in de static-map van het thema")
        return f"{self.output_dir}/{self.files.get((lang, relative), self.files[None, relative])[0]}"


def hashed_name(relative, data):
    return infix(relative, hashlib.sha256(data).hexdigest()[:10])


def infix(relative, middle):
    """js/search.js -> js/search.<middle>.js: a language's copy (js/search.en.js), a hashed name."""
    stem, extension = os.path.splitext(relative)
    return f"{stem}.{middle}{extension}"


def translated(script, words):
    """``script`` (text) with every string literal that ``words`` ({literal: translation}) has replaced: a literal
    counts whole, as the script writes it (``${…}`` included); else a template literal's ``${…}`` parts in turn."""

    def one(match):
        token = match.group(0)
        quote, inner = token[0], token[1:-1]
        if quote in "\"'`" and inner in words:
            return quote + words[inner] + quote
        if quote == "`":
            return quote + EXPRESSIONS.sub(lambda part: "${" + translated(part.group(1), words) + "}", inner) + quote
        return token  # a comment, or a literal without translation

    return LITERALS.sub(one, script)


def theme_assets(settings, theme):
    """The run's ThemeAssets, made once: every generator's templates and the assets generator ask for them."""
    return dtz_build.current(settings).keep_for("dtz_assets", lambda: ThemeAssets(settings, theme))


def add_asset_global(generator):
    assets = theme_assets(generator.settings, generator.theme)
    generator.env.globals["asset"] = pass_context(lambda context, relative: assets.url(relative, context.get("page_lang")))


class AssetsGenerator(Generator):
    """Writes the hashed copies and the manifest; Pelican's static generator still copies the plain files."""

    def generate_context(self):
        """Every page depends on the hashed names, which no template value shows: an edited script or stylesheet
        renders again the pages that link it."""
        assets = theme_assets(self.settings, self.theme)
        names = {f"{lang}:{relative}" if lang else relative: name for (lang, relative), (name, _) in assets.files.items()}
        dtz_build.share_input(self.settings, "dtz_assets", json.dumps(names, sort_keys=True))

    def generate_output(self, writer):
        catalog, names = dtz_content.catalog(self.context), {}
        assets = theme_assets(self.settings, self.theme)
        for (lang, relative), (name, data) in assets.files.items():
            if lang is None or catalog.pages_in(lang):
                dtz_build.write_output(self.settings, self.output_path, f"{assets.output_dir}/{name}", data)
                names[infix(relative, lang) if lang else relative] = name  # deploy keeps the live release's copies too
        manifest = json.dumps(names, indent=1, sort_keys=True) + "\n"
        dtz_build.write_output(self.settings, self.output_path, f"{assets.output_dir}/{MANIFEST}", manifest.encode("utf-8"))


def register():
    signals.generator_init.connect(add_asset_global)
    signals.get_generators.connect(dtz_build.adds_generator(AssetsGenerator))
