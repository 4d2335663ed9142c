"""Checks the aliases once every item is read, then writes the redirect pages and the server maps."""

from pelican.generators import Generator

import dtz_build
import dtz_content
from dtz_content import Problem

NGINX = ".dtz/redirects.nginx.conf"
CADDY = ".dtz/redirects.caddy"
HEADER = "# Written by the DTZ build (dtz_redirects): former addresses (Aliases) and where they went.\n"


class RedirectsGenerator(Generator):
    def generate_context(self):
        self.langs = [None, *dtz_content.languages.others(self.settings)]  # the site's items and their translations
        dtz_content.catalog(self.context).add_check(lambda catalog: check_aliases(catalog, self.langs))

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        moves = redirects(catalog, self.langs)
        for path, item in moves:
            dtz_content.write_page(self, writer, path.lstrip("/"), "redirect", target=item, moved_to=item.save_as, noindex=True)
        site = self.settings.get("SITEURL", "")
        nginx = "".join(f"location = {path} {{ return 301 {site}/{item.url}; }}\n" for path, item in moves)
        caddy = "".join(f"redir {path} {site}/{item.url} 301\n" for path, item in moves)
        dtz_build.write_output(self.settings, self.output_path, NGINX, (HEADER + nginx).encode("utf-8"))
        dtz_build.write_output(self.settings, self.output_path, CADDY, (HEADER + caddy).encode("utf-8"))


def visible(catalog, type_key, langs):
    """The visible items of a type in each of ``langs`` (None: the site's own; another: its translations)."""
    return [item for lang in langs for item in catalog.visible(type_key, lang)]


def redirects(catalog, langs):
    """(former path, item) for every alias of every visible item with a page of its own (in ``langs``), by path."""
    found = {}
    for ctype in dtz_content.TYPES.values():
        if ctype.url and ctype.field("aliases"):
            for item in visible(catalog, ctype.key, langs):
                for path in item.aliases or ():
                    found.setdefault(path, item)
    return sorted(found.items())


def check_aliases(catalog, langs):
    """An alias may not be a live address, nor be claimed twice: the redirect would hide a page. Drafts'
    aliases are checked too (a warning on their banner): what they would claim once published."""
    pages, claimed = {}, {}
    for ctype in dtz_content.TYPES.values():
        if ctype.index_url:
            pages["/" + ctype.index_url] = f"het overzicht {ctype.plural.lower()}"
        if ctype.url:
            for item in visible(catalog, ctype.key, langs):
                pages["/" + item.url] = item.display_path
    for ctype in dtz_content.TYPES.values():
        if not ctype.url or not ctype.field("aliases"):
            continue
        shown = sorted(visible(catalog, ctype.key, langs), key=lambda i: i.display_path)  # the first file keeps it
        listed = {id(item) for item in shown}
        others = sorted((i for i in catalog.read(ctype.key) if id(i) not in listed), key=lambda i: i.display_path)
        for item in shown + others:
            line = item.header_lines.get("aliases", 1)
            for path in item.aliases or ():
                if path in pages:
                    what = f"'{path}' is het adres van {pages[path]}"
                    catalog.against(item, Problem(item.display_path, line, "Aliases", what, "een vroeger adres waar nu geen pagina staat"))
                elif path in claimed:
                    what = f"'{path}' staat ook bij {claimed[path]}"
                    catalog.against(item, Problem(item.display_path, line, "Aliases", what, "elk vroeger adres bij één stuk"))
                else:
                    claimed[path] = item.display_path
    return []
