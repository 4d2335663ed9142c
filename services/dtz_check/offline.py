"""Offline checks of a built site, nothing fetched: broken links, anchors and images, page weight (a URL of this site,
relative or on DTZ_SITE_URL, is read as a web server would), and HTML (the Nu Html Checker, npm ``vnu-jar`` in tools/vnu/)."""

import json
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from dtz_contract.signup import SERVICE_PATHS

# (tag, attribute) pairs whose value is a URL the page links to or loads.
URL_ATTRIBUTES = {
    tuple(pair.split("."))
    for pair in "a.href area.href link.href img.src script.src source.src video.src video.poster audio.src iframe.src "
    "form.action object.data embed.src track.src".split()
}
DESKTOP_SLOT = 992  # px: the widest an image is shown (the page's 64rem less its padding)
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")
MAX_PAGE_BYTES = 60 * 1024  # the budget of every page, content images left out
MAX_IMAGE_BYTES = 500 * 1024  # the images of one page, as a desktop browser picks them
VNU_JAR = Path(__file__).resolve().parents[2] / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_MISSING = "de HTML-controle (vnu-jar) is niet geïnstalleerd: `make check` installeert haar met npm (Debian-pakket 'npm')"
JAVA_MISSING = "de HTML-controle heeft Java nodig: installeer het Debian-pakket 'default-jre-headless'"
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss8m")  # C1 only: half the CPU of one run (README Quality checks); >1.5 MB stack


def web_pages(output):
    """The built HTML files that are web pages: not the e-mail bodies (every email.html), held to the e-mail gates."""
    return sorted(path for path in Path(output).rglob("*.html") if path.name != "email.html")


def address(page):
    """Where a reader finds a built file: parels/hal/index.html is /parels/hal/."""
    return "/" + page.removesuffix("index.html")


class Page(HTMLParser):
    """What one HTML file links to, loads and offers as anchors."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.stylesheets = [], set(), []  # links: (tag, attribute, url)
        self.images = []  # per image shown: [(url, width descriptor or 0)] its first <source> (or the <img>) offers
        self.base = self._picture = None  # _picture: the candidates of the <picture> being read

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.ids.update(value for name, value in attrs.items() if name == "id" or (tag, name) == ("a", "name"))
        if tag == "base" and "href" in attrs:
            self.base = attrs["href"]
        self.links += [(tag, name, value.strip()) for name, value in attrs.items() if (tag, name) in URL_ATTRIBUTES]
        if tag in ("img", "source"):
            self.links += [(tag, "srcset", url) for url, _width in candidates(attrs.get("srcset", ""))]
        if tag == "picture":
            self._picture = []
        elif tag == "source" and self._picture == [] and attrs.get("srcset"):
            self._picture = candidates(attrs["srcset"])  # the first <source>: the format a browser takes first
        elif tag == "img":
            self.images.append(self._picture or candidates(attrs.get("srcset", "")) or [(attrs.get("src", ""), 0)])
            self._picture = None
        if tag == "meta" and attrs.get("property", attrs.get("name")) in ("og:url", "og:image", "twitter:image"):
            self.links.append((tag, attrs.get("property", attrs.get("name")), attrs.get("content", "")))
        if tag == "link" and "stylesheet" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture = None


def candidates(srcset):
    """[(url, width)] of a srcset (width 0 for a candidate without a w descriptor)."""
    found = [candidate.split() + ["0"] for candidate in srcset.split(",") if candidate.strip()]
    return [(url, int(width[:-1]) if re.fullmatch(r"\d+w", width) else 0) for url, width, *_ in found]


class Site:
    """A built output folder, read once; ``site_url`` is the public base (DTZ_SITE_URL)."""

    def __init__(self, output, site_url="https://www.dutchtechzone.nl"):
        self.output, self.site_url, self.pages = Path(output), site_url.rstrip("/") + "/", {}
        for path in sorted(self.output.rglob("*.html")):
            self.pages[path.relative_to(self.output).as_posix()] = parsed = Page()
            parsed.feed(path.read_text(encoding="utf-8", errors="replace"))

    def resolve(self, page, url):
        """(file in output, fragment) for a link on ``page``; None for other sites and the subscription service."""
        url = "/" + url.removeprefix(self.site_url) if url.startswith(self.site_url) else url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or parts.path in SERVICE_PATHS:
            return None
        path = unquote(urlsplit(urljoin(self.pages[page].base or address(page), parts.path)).path) if parts.path else address(page)
        target = posixpath.normpath(path).lstrip("/")
        if path.endswith("/") or (self.output / target).is_dir():
            target = posixpath.join("" if target == "." else target, "index.html")
        return target, unquote(parts.fragment)

    def targets(self, page, urls):
        """The files of this site that ``urls`` on ``page`` are."""
        return {found[0] for url in urls if url and (found := self.resolve(page, url))}

    def broken_links(self):
        """One Dutch line per broken internal link, anchor or image, naming the page it is on."""
        return [f"{page}: {text}" for page, _url, text in self.broken()]

    def broken(self):
        """(page, url, Dutch text) per broken internal link, anchor or image."""
        found = []
        for page, parsed in self.pages.items():
            for tag, attribute, url in parsed.links:
                resolved = self.resolve(page, url) if url else ("", "")
                if resolved is None or (not url and (tag, attribute) == ("a", "href")):  # <a href=""> is the page itself
                    continue
                target, fragment = resolved
                where = f'<{tag} {attribute}="{url}">'
                if not target or not (self.output / target).is_file():
                    found.append((page, url, f"{where} verwijst naar een bestand dat niet bestaat ({target or 'leeg adres'})"))
                elif fragment and tag == "a" and target.endswith(".html") and fragment not in self.pages[target].ids:
                    found.append((page, url, f'{where}: {target} heeft geen element met id="{fragment}"'))
        return found

    def page_files(self, page):
        """``page`` with its scripts and its stylesheets, with their imports and fonts."""
        files = {page} | self.targets(page, [url for tag, _attribute, url in self.pages[page].links if tag == "script"])
        pending = list(self.targets(page, self.pages[page].stylesheets))
        while pending:
            css = pending.pop()
            if css in files or not (self.output / css).is_file():
                continue
            files.add(css)
            text = (self.output / css).read_text(encoding="utf-8", errors="replace")
            pending += [posixpath.normpath(urljoin("/" + css, url)).lstrip("/") for url in CSS_IMPORT.findall(text)]
            for url in map(urlsplit, CSS_URL.findall(text)):
                if url.path.lower().endswith(FONT_EXTENSIONS) and not url.scheme:
                    files.add(posixpath.normpath(urljoin("/" + css, url.path)).lstrip("/"))
        return files

    def loaded(self, page, linked=False):
        """Every file of the site ``page`` loads (itself, stylesheets, fonts, scripts, images), and ``linked`` links to."""
        urls = [url for offered in self.pages[page].images for url, _width in offered]
        return sorted(self.page_files(page) | self.targets(page, urls + ([url for *_, url in self.pages[page].links] if linked else [])))

    def size(self, files):
        return sum((self.output / name).stat().st_size for name in files if (self.output / name).is_file())

    def weights(self):
        """Bytes a reader downloads to read each page: HTML, stylesheets (with imports and fonts), scripts; each file once."""
        return {page: self.size(self.page_files(page)) for page in self.pages}

    def image_weights(self, slot=DESKTOP_SLOT):
        """Bytes of the images each page shows as a desktop browser picks them: of each image the smallest
        candidate at least ``slot`` px wide (else the largest); each file once."""
        weights = {}
        for page, parsed in self.pages.items():
            wide = [sorted((width, url) for url, width in offered) for offered in parsed.images]
            weights[page] = self.size(self.targets(page, [next((url for width, url in each if width >= slot), each[-1][1]) for each in wide]))
        return weights


def too_heavy(site, limit=MAX_PAGE_BYTES):
    """One Dutch line per page of a Site over ``limit`` bytes."""
    return over(site.weights(), limit, "{:.1f} KB, meer dan {} KB (HTML, CSS, lettertypen, scripts)")


def too_heavy_images(site, limit=MAX_IMAGE_BYTES):
    """One Dutch line per page of a Site whose images weigh more than ``limit`` bytes."""
    return over(site.image_weights(), limit, "{:.1f} KB aan afbeeldingen, meer dan {} KB")


def over(weights, limit, text):
    return [f"{page}: " + text.format(size / 1024, limit // 1024) for page, size in sorted(weights.items()) if size > limit]


def java():
    """The java command, or None."""
    return shutil.which("java")


def vnu_jar():
    """The installed vnu.jar, or None."""
    return VNU_JAR if VNU_JAR.is_file() else None


def validate(root, files, java_command=None):
    """vnu errors for ``files`` (HTML, CSS or SVG below ``root``): one line each, the file and line first."""
    return [
        (f"{shown}:{line}: " if shown else "") + message + (f" — {extract}" if extract else "")
        for shown, line, message, extract in html_errors(root, files, java_command)
    ]


def html_errors(root, files, java_command=None):
    """(file below ``root``, line, the checker's message, the HTML it is about) per error in ``files``;
    a checker that did not run is one error with the file "" (never a pass)."""
    root, files = Path(root).resolve(), [str(Path(f).resolve()) for f in files]
    if not files:
        return []
    command = [java_command or java() or "java", *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except ValueError:
        return [("", 0, f"de HTML-controle (vnu) liep niet: {result.stderr.strip() or result.stdout.strip()}", "")]
    if result.returncode != 0 and not messages:  # a crash that printed nothing must not look like a pass
        return [("", 0, f"de HTML-controle (vnu) liep niet: afsluitcode {result.returncode}, geen meldingen", "")]
    found = []
    for message in (message for message in messages if message.get("type") in ("error", "non-document-error")):
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        line = message.get("lastLine", message.get("firstLine", "?"))
        found.append((shown, line, message.get("message", ""), " ".join(message.get("extract", "").split())))
    return found
