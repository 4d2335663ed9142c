"""The site's own files, found on disk by URL: what a printed document may load, and nothing else.

An item's HTML links the way web pages do (``/images/x.png``). Print resolves those against
``DTZ_SITE_URL`` and finds such URLs in the content folder, the theme's static files and the
staging output; every other host is refused, so printing never makes a third-party request.
"""

import os
from urllib.parse import unquote, urlsplit

from dtz_contract import inside


class LocalFiles:
    """Maps URLs below ``site_url`` onto folders: ``mounts`` is a list of (URL prefix, folder)."""

    def __init__(self, site_url, mounts):
        self.site_url = site_url.rstrip("/") + "/"
        self.mounts = [(prefix, os.path.abspath(folder)) for prefix, folder in mounts]

    def path(self, url):
        """The local file behind ``url``, or None when it is not one of the site's own files."""
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
