"""The site's own files, found on disk by URL: what a printed document may load, and nothing else.

Print HTML links the way web pages do (``/images/x.png``). WeasyPrint resolves those against
``DTZ_SITE_URL``; this fetcher serves such URLs from the content folder, the theme's static
files and the staging output, and refuses every other host, so printing never makes a
third-party request. The cache key hashes the same files, so both agree on what a PDF contains.
"""

import mimetypes
import os
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class LocalFiles:
    """Maps URLs below ``site_url`` onto folders: ``mounts`` is a list of (URL prefix, folder)."""

    def __init__(self, site_url, mounts, file_folders=()):
        self.site_url = site_url.rstrip("/") + "/"
        self.mounts = [(prefix, os.path.abspath(folder)) for prefix, folder in mounts]
        self.file_folders = [os.path.abspath(f) for f in file_folders]  # file:// URLs allowed here

    def path(self, url):
        """The local file behind ``url``, or None when it is not one of the site's own files."""
        if url.startswith("file:"):
            path = os.path.abspath(url2pathname(urlsplit(url).path))
            return path if os.path.isfile(path) and any(inside(path, f) for f in self.file_folders) else None
        if not url.startswith(self.site_url):
            return None
        relative = unquote(urlsplit(url[len(self.site_url) - 1:]).path).lstrip("/")
        for prefix, folder in self.mounts:
            if not relative.startswith(prefix):
                continue
            candidate = os.path.abspath(os.path.join(folder, relative[len(prefix):]))
            if inside(candidate, folder) and os.path.isfile(candidate):
                return candidate
        return None


class LocalFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to :class:`LocalFiles` and data: URLs."""

    def __init__(self, files):
        super().__init__()
        self.files = files

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.files.path(url)
        if path is None:
            raise ValueError(f"{url} is geen bestand van deze site; printen haalt niets van buiten")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def inside(path, folder):
    return os.path.commonpath([path, folder]) == folder
