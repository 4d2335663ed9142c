"""Former addresses of an item keep working: every ``Aliases`` path redirects to the item's page.

Two ways, so a link in an old e-mail or search result never ends on the 404 page:
- a small page at each former path (``<meta http-equiv="refresh">``, canonical to the new address,
  noindex, a link for readers), which works on any web host;
- ``.dtz/redirects.nginx.conf`` (``location = /old/ { return 301 /new/; }``) and
  ``.dtz/redirects.caddy`` (``redir /old/ /new/ 301``), which deploy/'s server configs include, so a
  host that reads them answers with a real 301. Both files are written in every build (a comment
  when there are no aliases), as the configs include them unconditionally; dot-paths are never served.

An alias that is the address of a page, or that two items claim, is a content error at its line.
"""

from pelican import signals

from .generator import RedirectsGenerator


def get_generators(pelican):
    return RedirectsGenerator


def register():
    signals.get_generators.connect(get_generators)
