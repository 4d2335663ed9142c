"""Former addresses (``Aliases``) redirect to the item's page: a small page at each, which works on any host, and
the nginx and Caddy maps deploy/'s configs include (so written in every build) for a real 301."""

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content
from dtz_content import Problem

MAPS = {".dtz/redirects.nginx.conf": "location = {path} {{ return 301 {url}; }}\n", ".dtz/redirects.caddy": "redir {path} {url} 301\n"}
HEADER = "# Written by the DTZ build (dtz_redirects): former addresses (Aliases) and where they went.\n"
ALIASED = [ctype for ctype in dtz_content.TYPES.values() if ctype.url and ctype.field("aliases")]


class RedirectsGenerator(Generator):
    def generate_context(self):
        self.langs = [None, *dtz_content.languages.others(self.settings)]  # the site's items and their translations
        dtz_content.catalog(self.context).add_check(self.check_aliases)

    def visible(self, catalog, ctype):
        return [item for lang in self.langs for item in catalog.visible(ctype.key, lang)]

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        found = {}
        for ctype in ALIASED:
            for item in self.visible(catalog, ctype):
                for path in item.aliases or ():
                    found.setdefault(path, item)
        moves = sorted(found.items())
        for path, item in moves:
            dtz_content.write_page(self, writer, path.lstrip("/"), "redirect", target=item, moved_to=item.save_as, noindex=True)
        site = self.settings.get("SITEURL", "")
        for name, line in MAPS.items():
            text = HEADER + "".join(line.format(path=path, url=f"{site}/{item.url}") for path, item in moves)
            dtz_build.write_output(self.settings, self.output_path, name, text.encode("utf-8"))

    def check_aliases(self, catalog):
        """An alias may not be a live address, nor be claimed twice: the redirect would hide a page. Drafts'
        aliases are checked too (a warning on their banner): what they would claim once published."""
        pages, claimed = {}, {}
        for ctype in dtz_content.TYPES.values():
            if ctype.index_url:
                pages["/" + ctype.index_url] = f"het overzicht {ctype.plural.lower()}"
            pages.update({"/" + item.url: item.display_path for item in self.visible(catalog, ctype)} if ctype.url else {})
        for ctype in ALIASED:
            shown = sorted(self.visible(catalog, ctype), key=lambda i: i.display_path)  # the first file keeps it
            listed = {id(item) for item in shown}
            others = sorted((i for i in catalog.read(ctype.key) if id(i) not in listed), key=lambda i: i.display_path)
            for item in shown + others:
                for path in item.aliases or ():
                    if path in pages:
                        what, expected = f"'{path}' is het adres van {pages[path]}", "een vroeger adres waar nu geen pagina staat"
                    elif path in claimed:
                        what, expected = f"'{path}' staat ook bij {claimed[path]}", "elk vroeger adres bij één stuk"
                    else:
                        claimed[path] = item.display_path
                        continue
                    catalog.against(item, Problem(item.display_path, item.header_lines.get("aliases", 1), "Aliases", what, expected))
        return []


def register():
    signals.get_generators.connect(dtz_build.adds_generator(RedirectsGenerator))
