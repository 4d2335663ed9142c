"""Offline checks of a built site: broken links, anchors and images, and page weight.

Nothing is fetched: every URL is resolved to a file in the output folder the way a web
server would (dir/ -> dir/index.html). Links to other sites are not checked; absolute
links to our own site (DTZ_SITE_URL: canonical, og:url, og:image) are, except the paths the
subscription service answers (``dtz_contract.signup.SERVICE_PATHS``: the unsubscribe link in
every nieuwsbrief, the sign-up form's action).
"""

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from dtz_contract.signup import SERVICE_PATHS

# (tag, attribute) pairs whose value is a URL the page links to or loads.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("form", "action"),
    ("object", "data"),
    ("embed", "src"),
    ("track", "src"),
}
SRCSET_TAGS = {"img", "source"}
META_URLS = {"og:url", "og:image", "twitter:image"}
DESKTOP_SLOT = 992  # px: the widest an image is shown (the page's 64rem less its padding)
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")


class Page(HTMLParser):
    """What one HTML file links to, loads and offers as anchors."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (tag, attribute, url)
        self.ids = set()
        self.stylesheets, self.scripts = [], []
        self.images = []  # per image shown: [(url, width descriptor or 0)] its first <source> (or the <img>) offers
        self._picture = None  # the candidates of the <picture> being read
        self.base = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        if tag == "base" and "href" in attrs:
            self.base = attrs["href"]
        for name, value in attrs.items():
            if (tag, name) in URL_ATTRIBUTES:
                self.links.append((tag, name, value.strip()))
        if tag in SRCSET_TAGS and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.links.append((tag, "srcset", candidate.split()[0]))
        self.note_image(tag, attrs)
        if tag == "meta" and attrs.get("property", attrs.get("name")) in META_URLS:
            self.links.append((tag, attrs.get("property", attrs.get("name")), attrs.get("content", "")))
        rel = attrs.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])

    def note_image(self, tag, attrs):
        """What each image offers the browser: a <picture>'s first <source> (the format a browser takes
        first), or the <img>'s srcset and src."""
        if tag == "picture":
            self._picture = []
        elif tag == "source" and self._picture == [] and attrs.get("srcset"):
            self._picture = candidates(attrs["srcset"])
        elif tag == "img":
            offered = self._picture or candidates(attrs.get("srcset", "")) or [(attrs.get("src", ""), 0)]
            self.images.append(offered)
            self._picture = None

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture = None


def candidates(srcset):
    """[(url, width)] of a srcset (width 0 for a candidate without a w descriptor)."""
    found = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            width = parts[1][:-1] if len(parts) > 1 and parts[1].endswith("w") else "0"
            found.append((parts[0], int(width) if width.isdigit() else 0))
    return found


class Site:
    """A built output folder, read once; ``site_url`` is the public base (DTZ_SITE_URL)."""

    def __init__(self, output, site_url="https://www.dutchtechzone.nl"):
        self.output = Path(output)
        self.site_url = site_url.rstrip("/") + "/"
        self.pages = {}
        for path in sorted(self.output.rglob("*.html")):
            parser = Page()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            self.pages[path.relative_to(self.output).as_posix()] = parser

    def page_url(self, page):
        """Where a reader finds a file: parels/x/index.html is served as /parels/x/."""
        return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)

    def resolve(self, page, url):
        """(file in output, fragment) for a link on ``page``; None for links to elsewhere."""
        if url.startswith(self.site_url):
            url = "/" + url[len(self.site_url) :]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None  # another site, mailto:, tel:, data: ...
        if parts.path in SERVICE_PATHS:
            return None  # answered by the subscription service, not by a file
        base = self.pages[page].base or self.page_url(page)
        path = unquote(urlsplit(urljoin(base, parts.path)).path) if parts.path else self.page_url(page)
        target = posixpath.normpath(path).lstrip("/")
        if path.endswith("/") or target in ("", "."):
            target = posixpath.join("" if target == "." else target, "index.html")
        elif (self.output / target).is_dir():
            target = posixpath.join(target, "index.html")
        return target, unquote(parts.fragment)

    def broken_links(self):
        """One Dutch line per broken internal link, anchor or image, naming the page it is on."""
        return [f"{page}: {text}" for page, _url, text in self.broken()]

    def broken(self):
        """(page, url, Dutch text) per broken internal link, anchor or image."""
        found = []
        for page, parsed in self.pages.items():
            for tag, attribute, url in parsed.links:
                if not url and attribute == "href" and tag == "a":
                    continue  # <a href=""> is the page itself
                resolved = self.resolve(page, url) if url else ("", "")
                if resolved is None:
                    continue
                target, fragment = resolved
                where = f'<{tag} {attribute}="{url}">'
                if not target or not (self.output / target).is_file():
                    found.append((page, url, f"{where} verwijst naar een bestand dat niet bestaat ({target or 'leeg adres'})"))
                elif fragment and tag == "a" and target.endswith(".html") and fragment not in self.pages[target].ids:
                    found.append((page, url, f'{where}: {target} heeft geen element met id="{fragment}"'))
        return found

    def weight(self, page):
        """Bytes a reader downloads to read ``page``: HTML, stylesheets (with imports and fonts), scripts.

        Content images are left out; each file counts once.
        """
        return sum((self.output / name).stat().st_size for name in self.page_files(page) if (self.output / name).is_file())

    def loaded(self, page):
        """Every file of the site that ``page`` loads: itself, its stylesheets, fonts and scripts, every image it offers."""
        images = {self.resolve(page, url) for offered in self.pages[page].images for url, _width in offered if url}
        return sorted(self.page_files(page) | {found[0] for found in images if found})

    def page_files(self, page):
        """``page`` with its stylesheets (and their imports and fonts) and scripts."""
        files = {page}
        parsed = self.pages[page]
        pending = [self.resolve(page, url) for url in parsed.stylesheets]
        for url in parsed.scripts:
            resolved = self.resolve(page, url)
            if resolved:
                files.add(resolved[0])
        while pending:
            resolved = pending.pop()
            if not resolved or resolved[0] in files or not (self.output / resolved[0]).is_file():
                continue
            css = resolved[0]
            files.add(css)
            text = (self.output / css).read_text(encoding="utf-8", errors="replace")
            css_page = "/" + css
            for url in CSS_IMPORT.findall(text):
                pending.append((posixpath.normpath(urljoin(css_page, url)).lstrip("/"), ""))
            for url in CSS_URL.findall(text):
                if urlsplit(url).path.lower().endswith(FONT_EXTENSIONS) and not urlsplit(url).scheme:
                    files.add(posixpath.normpath(urljoin(css_page, urlsplit(url).path)).lstrip("/"))
        return files

    def weights(self):
        return {page: self.weight(page) for page in self.pages}

    def image_weight(self, page, slot=DESKTOP_SLOT):
        """Bytes of the images ``page`` shows, as a desktop browser picks them: of each image the
        smallest candidate at least ``slot`` px wide (else the largest); each file counts once."""
        files = set()
        for offered in self.pages[page].images:
            wide = sorted((width, url) for url, width in offered)
            url = next((url for width, url in wide if width >= slot), wide[-1][1])
            resolved = self.resolve(page, url) if url else None
            if resolved:
                files.add(resolved[0])
        return sum((self.output / name).stat().st_size for name in files if (self.output / name).is_file())

    def image_weights(self):
        return {page: self.image_weight(page) for page in self.pages}
