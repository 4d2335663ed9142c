"""Filters every template can use, whichever plugin's generator renders it."""

from urllib.parse import urljoin

from . import dates
from .catalog import term_slug


def absolute(url, settings):
    """An absolute https URL on the public site, for feeds, e-mail and metadata."""
    base = settings.get("DTZ_SITE_URL", "").rstrip("/") + "/"
    return urljoin(base, url.lstrip("/"))


def add_filters(generator):
    settings = generator.settings
    generator.env.filters.update({
        "datum": dates.datum,
        "tijd": dates.tijd,
        "iso": dates.iso,
        "absolute": lambda url: absolute(url, settings),
        "term_slug": lambda name: term_slug(name, settings),
    })
    generator.env.globals.update({"when": dates.when})
