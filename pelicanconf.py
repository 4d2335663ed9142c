"""Settings for building the DTZ site (development and default). See README.md."""

import logging
import os
import sys

# services/dtz_contract: the rules the build shares with delivery, deploy and subscriptions
if (services := os.path.join(os.path.dirname(os.path.abspath(__file__)), "services")) not in sys.path:
    sys.path.append(services)

AUTHOR = "Dutch TechZone"
SITENAME = "Dutch TechZone"
SITESUBTITLE = "Samen techniek sterker maken in Emmen, Coevorden, Hoogeveen en Hardenberg"
SITEURL = ""  # links are root-relative: /parels/…/
DTZ_SITE_URL = "https://www.dutchtechzone.nl"  # absolute URLs in feeds, e-mail, sitemap and metadata

PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
# Pelican's English lines about what the content core and dtz_images report in Dutch at the line itself
LOG_FILTER = [
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    (logging.WARNING, "Unable to find '%s', skipping url replacement."),
    (logging.WARNING, "Cannot get modification stamp for %s\n\t%s"),
]

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "dtz_build",  # first: it wraps every run
    "dtz_content",
    "dtz_images",
    "dtz_print",  # before its users dtz_techzine and dtz_bidbook
    "dtz_site",
    "dtz_sitemap",
    "dtz_feeds",
    "dtz_agenda",
    "dtz_bidbook",
    "dtz_newsletter",  # before dtz_goals, whose quarterly report is an e-mail too
    "dtz_goals",
    "dtz_techzine",
    "dtz_register",
    "dtz_metadata",
    "dtz_assets",
    "dtz_redirects",
    "dtz_search",
]

# Site-wide settings are DTZ_*, a plugin's own carry its name. Order matters: the site's and the bidbook slugs'.
DTZ_MUNICIPALITIES = ["Emmen", "Coevorden", "Hoogeveen", "Hardenberg"]
DTZ_SECTORS = ["Chemie", "Kunststoffen", "Metaal en maakindustrie", "Energie", "Logistiek", "Agrofood", "Zorgtechnologie", "ICT"]
DTZ_TODAY = os.environ.get("DTZ_TODAY") or None  # ISO date; None: today in Europe/Amsterdam
DTZ_PREVIEW = os.environ.get("DTZ_PREVIEW") == "1"  # make serve: drafts and scheduled items, with a banner
DTZ_BUILD = "html"  # what this file builds, for the build record (README "Safe publishing")
DTZ_SETTINGS_FILE = os.path.basename(__file__)
DTZ_MENU = [
    ("Parels", "parels/"),
    ("Bedrijven", "bedrijven/"),
    ("CoPs", "cops/"),
    ("Agenda", "agenda/"),
    ("TechZine", "techzine/"),
    ("Nieuwsbrief", "nieuwsbrief/"),
    ("Bidbook", "bidbook/"),
    ("Over DTZ", "over-dtz/"),
    ("Zoeken", "zoeken/"),
]
DTZ_FOOTER_LINKS = [("Contact", "contact/"), ("Privacy", "privacy/"), ("Toegankelijkheid", "toegankelijkheid/")]
# Every DTZ_MENU and DTZ_FOOTER_LINKS address must be a page the build writes; the tests' small sites lack them.
DTZ_MENU_CHECK = os.environ.get("DTZ_MENU_CHECK", "1") != "0"
# What each language's site below /<lang>/ sees instead (README "Translations and the English site").
DTZ_LANGUAGES = {
    "en": {
        "SITESUBTITLE": "Making technology stronger together in Emmen, Coevorden, Hoogeveen and Hardenberg",
        "DTZ_LOCALE": "en_GB",
        "DTZ_MENU": [
            ("Pearls", "parels/"),
            ("CoPs", "cops/"),
            ("Events", "agenda/"),
            ("Bidbook", "bidbook/"),
            ("About DTZ", "over-dtz/"),
            ("Search", "zoeken/"),
        ],
        "DTZ_FOOTER_LINKS": [("Contact", "contact/"), ("Privacy", "privacy/"), ("Accessibility", "toegankelijkheid/")],
        # where the language's name differs from DTZ_MUNICIPALITIES and DTZ_SECTORS
        "DTZ_NAMES": {
            "Chemie": "Chemicals",
            "Kunststoffen": "Plastics",
            "Metaal en maakindustrie": "Metal and manufacturing",
            "Energie": "Energy",
            "Logistiek": "Logistics",
            "Agrofood": "Agrifood",
            "Zorgtechnologie": "Healthcare technology",
        },
    }
}
DTZ_LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}  # the language switch: each in its own language
DTZ_LOCALE = "nl_NL"  # og:locale
DTZ_HOME_PEARLS = 4
DTZ_HOME_EVENTS = 3

# The annual plan (README "Goals (voortgang)"): a deadline without a year is in DTZ_PLAN_YEAR.
DTZ_PLAN_YEAR = 2019
DTZ_PLAN_THEMES = ["Clustervorming en ondernemerschap", "Onderwijs en arbeidsmarkt", "Naamsbekendheid en regiobranding"]
GOALS_PUBLISH = True  # write /voortgang/ (noindex, not in the sitemap); publishconf.py turns it off

# The combined feeds' newest items, of these types (README "Feeds and agenda").
DTZ_FEED_LIMIT = 50
DTZ_FEED_TYPES = ["pearl", "cop", "event", "newsletter", "techzine"]

# The nieuwsbrief (README "Nieuwsbrief"). {token} stays in the output; delivery fills it in.
NEWSLETTER_PATH = "newsletters"
NEWSLETTER_FROM = "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"
NEWSLETTER_UNSUBSCRIBE = "https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t={token}"
DTZ_SUBSCRIBE_URL = os.environ.get("DTZ_SUBSCRIBE_URL", "")  # where the sign-up form posts; unset: a mailto: instead
NEWSLETTER_ADDRESS = "Programmabureau Dutch TechZone, Postbus 2000, 7800 CA Emmen"  # example address, as on content/pages/contact.md
DTZ_NEWSLETTER_LOGO = "images/dtz-logo.png"  # within content/
DTZ_NEWSLETTER_EVENTS = 3  # upcoming events listed in each issue

DTZ_IMAGE_AVIF = False  # over the 0.5 CPU-s per photo budget (README "Images"): WebP with a JPEG/PNG fallback
DTZ_IMAGE_PATHS = ["images"]  # folders below content/ whose images keep their URL

DTZ_PDF = os.environ.get("DTZ_PDF", "1") != "0"  # make serve turns PDFs off unless PDF=1

DTZ_SEARCH_INDEX = True  # off, /zoeken/ finds nothing: make bench measures the build without the index

# dtz_content's types replace Pelican's articles and pages.
ARTICLE_PATHS = []
PAGE_PATHS = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
STATIC_PATHS = ["images"]  # {static} links resolve; dtz_images publishes the images, never the originals
DIRECT_TEMPLATES = []
SLUGIFY_SOURCE = "basename"
FILENAME_METADATA = r"(?P<slug>[^/]+)$"

# Pelican's own feeds are off; dtz_feeds writes every feed.
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# Build speed (README "Build speed"): a rebuild renders only edited Markdown files.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
GZIP_CACHE = False  # compressing the cache costs more time than the disk space is worth

# Header fields are plain text wherever they appear; what is HTML is marked safe where it is made.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}
MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}, "markdown.extensions.toc": {}},
    "output_format": "html5",
}

# Who investors contact, at the end of every bidbook edition.
DTZ_BIDBOOK_CONTACT = {
    "name": "Programmabureau Dutch TechZone",
    "address": ["Postbus 2000", "7800 CA Emmen"],  # example address, as on content/pages/contact.md
    "email": "info@dutchtechzone.nl",
    "web": "https://www.dutchtechzone.nl",
}
DTZ_LANGUAGES["en"]["DTZ_BIDBOOK_CONTACT"] = {**DTZ_BIDBOOK_CONTACT, "name": "Dutch TechZone Programme Office"}
