"""The site's own files, found on disk by URL: what a printed document may load, and nothing else.

Print HTML links the way web pages do (``/images/x.png``). WeasyPrint resolves those against
``DTZ_SITE_URL``; this fetcher serves such URLs from the content folder, the theme's static
files and the staging output, and refuses every other host, so printing never makes a
third-party request. The cache key hashes the same files, so both agree on what a PDF contains.
The fetcher itself lives in fetcher.py, imported only when a PDF is really rendered.
"""

import os
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from dtz_content import inside


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
        relative = unquote(urlsplit(url[len(self.site_url) - 1 :]).path).lstrip("/")
        for prefix, folder in self.mounts:
            if not relative.startswith(prefix):
                continue
            candidate = os.path.abspath(os.path.join(folder, relative[len(prefix) :]))
            if inside(candidate, folder) and os.path.isfile(candidate):
                return candidate
        return None
