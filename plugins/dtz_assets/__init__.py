"""Theme CSS and JavaScript under content-hashed names, so a web host may cache them for a year.

For templates: ``{{ SITEURL }}/{{ asset('css/site.css') }}`` gives ``/theme/css/site.<10 hex>.css``:
the name changes exactly when the file's bytes do, so a page never gets an old stylesheet and a
browser never asks again for one it has. Every build writes each hashed copy beside Pelican's plain
copy, and ``theme/assets.json`` ({"css/site.css": "css/site.<hash>.css", …}) for what is not built
by Pelican (the subscription service's pages). ``HASHED`` matches a hashed name (the server configs
in deploy/ give those ``immutable``).

A page in another language (``page_lang``) gets its language's copy of a script instead
(``js/search.en.<hash>.js``, also in the manifest): the script with its Dutch string literals replaced by
the catalogue's translations (``scripts``), written only when that language has a site, so the Dutch
files and pages stay as they are.
"""

from pelican import signals

from .hashed import HASHED, AssetsGenerator, add_asset_global

__all__ = ["HASHED"]


def get_generators(pelican):
    return AssetsGenerator


def register():
    signals.generator_init.connect(add_asset_global)
    signals.get_generators.connect(get_generators)
