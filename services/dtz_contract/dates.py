"""Dates in Dutch sentences: '7 december 2026', never 2026-12-07. One formatter for the build's lines and
pages and for the services that do not load Pelican (delivery's refusals, say)."""

import datetime

from dtz_contract import AMSTERDAM

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
# the English site's dates (dtz_content.languages): '3 October 2019'
MONTHS_IN = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")}


def datum(value, lang=None):
    """'3 oktober 2019' of a date, a datetime (an aware one as in Amsterdam) or an ISO text; '' for nothing.
    In a language of MONTHS_IN ('en'): '3 October 2019'."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime) and value.tzinfo:
        value = value.astimezone(AMSTERDAM)
    return f"{value.day} {MONTHS_IN.get(lang, MONTHS)[value.month - 1]} {value.year}"
