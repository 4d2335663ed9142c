"""WeasyPrint's URL fetcher limited to the site's own files (see local_files.py).

A module of its own so that importing WeasyPrint (about a second) happens only when a
PDF is rendered, not in every build that finds its PDFs in the cache or has them off.
"""

import mimetypes

from weasyprint.urls import URLFetcher, URLFetcherResponse


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
