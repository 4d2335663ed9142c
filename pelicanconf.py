"""Settings for building the DTZ site (development and default). See README.md."""

import logging
import os
import sys

# services/dtz_contract holds the rules the build shares with delivery, deploy and subscriptions
if (services := os.path.join(os.path.dirname(os.path.abspath(__file__)), "services")) not in sys.path:
    sys.path.append(services)

AUTHOR = "Dutch TechZone"
SITENAME = "Dutch TechZone"
SITESUBTITLE = "Samen techniek sterker maken in Emmen, Coevorden, Hoogeveen en Hardenberg"
SITEURL = ""  # links are root-relative: /parels/…/
DTZ_SITE_URL = "https://www.dutchtechzone.nl"  # absolute URLs in feeds, e-mail, sitemap and metadata

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
# Pelican's English lines about what the content core and dtz_images report in Dutch at the line itself:
# an image without description, a {filename}/{static} link to a file that is not there
LOG_FILTER = [
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    (logging.WARNING, "Unable to find '%s', skipping url replacement."),
    (logging.WARNING, "Cannot get modification stamp for %s\n\t%s"),
]

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "dtz_build",  # build engine: staging, the DTZ writer, caches (first: it wraps every run)
    "dtz_content",  # content model, validation, catalog: the others' only shared API
    "dtz_images",  # every image resized, converted and stripped once, for web, e-mail, feeds and print
    "dtz_print",  # print pipeline (PDF): load before its users dtz_techzine and dtz_bidbook
    "dtz_site",
    "dtz_sitemap",
    "dtz_feeds",
    "dtz_agenda",
    "dtz_bidbook",
    "dtz_newsletter",  # the MJML e-mail pipeline: load before dtz_goals, whose quarterly report is an e-mail too
    "dtz_goals",
    "dtz_techzine",
    "dtz_register",  # the bedrijvenregister: /bedrijven/ and a profile per company (content/bedrijven/bedrijven.xlsx or .csv)
    "dtz_metadata",  # canonical URL, description, Open Graph and JSON-LD in every page's <head>
    "dtz_assets",  # theme CSS and JS under content-hashed names: asset('css/site.css') in templates
    "dtz_redirects",  # former addresses (Aliases) redirect: small pages and maps for nginx and Caddy
    "dtz_search",  # /zoeken/ with a Pagefind index of every page, and a page per keyword (/trefwoord/<slug>/)
]

# Site-wide settings (DTZ_ prefix; a plugin's own settings carry its name: GOALS_*, NEWSLETTER_*).
# Order matters: it is the order on the site and in bidbook slugs.
DTZ_MUNICIPALITIES = ["Emmen", "Coevorden", "Hoogeveen", "Hardenberg"]
DTZ_SECTORS = ["Chemie", "Kunststoffen", "Metaal en maakindustrie", "Energie", "Logistiek", "Agrofood", "Zorgtechnologie", "ICT"]
DTZ_TODAY = os.environ.get("DTZ_TODAY") or None  # ISO date; None: today in Europe/Amsterdam
DTZ_PREVIEW = os.environ.get("DTZ_PREVIEW") == "1"  # make serve: drafts and scheduled items, with a banner
# What this settings file builds, for the build record OUTPUT_PATH/.dtz-build.json (README "Safe publishing").
DTZ_BUILD = "html"
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
# Every DTZ_MENU and DTZ_FOOTER_LINKS address must be a page the build writes (dtz_site.menus); the tests'
# small sites, which lack those pages, switch the check off (DTZ_MENU_CHECK=0; the starter site keeps it on).
DTZ_MENU_CHECK = os.environ.get("DTZ_MENU_CHECK", "1") != "0"
# Translations (README "Translations and the English site"): an item with Lang: en and its original's Slug is
# its English version, at the same path below /en/. Each language here has a site below /<lang>/ as soon as
# one translation is visible; its pages see these settings instead of the Dutch ones (as Pelican's
# i18n_subsites does with I18N_SUBSITES), menu and footer kept to the pages that language has. Interface
# strings: theme/translations/<lang>/LC_MESSAGES/messages.po.
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
        # municipality and sector names where the language's differs from DTZ_MUNICIPALITIES and DTZ_SECTORS
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

# The annual plan (README "Goals (voortgang)"): its targets are files in content/jaarplan/ (make new TYPE=doel),
# numbered <theme>.<n>; a deadline without a year part is the end of DTZ_PLAN_YEAR. dtz_goals measures them.
DTZ_PLAN_YEAR = 2019
DTZ_PLAN_THEMES = ["Clustervorming en ondernemerschap", "Onderwijs en arbeidsmarkt", "Naamsbekendheid en regiobranding"]
GOALS_PUBLISH = True  # write /voortgang/ (noindex, not in the sitemap); publishconf.py turns it off

# dtz_feeds: /feeds/rss.xml and /feeds/atom.xml hold the newest DTZ_FEED_LIMIT items of these types;
# every type also gets /feeds/<section>.xml with all its published items (README "Feeds and agenda").
DTZ_FEED_LIMIT = 50
DTZ_FEED_TYPES = ["pearl", "cop", "event", "newsletter", "techzine"]

# dtz_newsletter: issues in NEWSLETTER_PATH (relative to the project) become e-mails in /nieuwsbrief/<slug>/
# (README "Nieuwsbrief"). {token} in NEWSLETTER_UNSUBSCRIBE stays in the output; delivery fills it in.
NEWSLETTER_PATH = "newsletters"
NEWSLETTER_FROM = "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"
# One-click unsubscribe, answered by the subscription service (services/dtz_subscribe, README "Subscriptions").
NEWSLETTER_UNSUBSCRIBE = "https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t={token}"
# Where the sign-up form on /nieuwsbrief/ posts; unset: the page offers a mailto: instead (publishconf sets it).
DTZ_SUBSCRIBE_URL = os.environ.get("DTZ_SUBSCRIBE_URL", "")
NEWSLETTER_ADDRESS = "Programmabureau Dutch TechZone, Postbus 2000, 7800 CA Emmen"  # example address, as on content/pages/contact.md
DTZ_NEWSLETTER_LOGO = "images/dtz-logo.png"  # within content/
DTZ_NEWSLETTER_EVENTS = 3  # upcoming events listed in each issue

# dtz_images: every image the content uses is resized, converted to sRGB and stripped of its metadata
# (README "Images"); /images/<name> stays a stripped web-size copy. AVIF costs more than the 0.5 CPU-s
# per photo budget (README "Images": measured), so pages offer WebP with a JPEG/PNG fallback.
DTZ_IMAGE_AVIF = False
DTZ_IMAGE_PATHS = ["images"]  # folders below content/ whose images keep their URL

# dtz_print and dtz_techzine: PDFs (TechZine, bidbook) are rendered through one pipeline and cached in
# <CACHE_PATH>/pdf/ (README "TechZine and print pipeline"). make serve turns them off unless PDF=1.
DTZ_PDF = os.environ.get("DTZ_PDF", "1") != "0"

# dtz_search: off, no Pagefind index is made (/zoeken/ then finds nothing): make bench's rows (a) and (b)
# measure the build without it and row (e) the index on its own.
DTZ_SEARCH_INDEX = True

# Pelican's own article and page machinery is replaced by dtz_content's types.
ARTICLE_PATHS = []
PAGE_PATHS = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
STATIC_PATHS = ["images"]  # {static} links resolve; dtz_images publishes the images (never the originals)
DIRECT_TEMPLATES = []
SLUGIFY_SOURCE = "basename"
FILENAME_METADATA = r"(?P<slug>[^/]+)$"
TAG_SAVE_AS = CATEGORY_SAVE_AS = AUTHOR_SAVE_AS = ""
TAGS_SAVE_AS = CATEGORIES_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""

# Pelican's own feeds are off; dtz_feeds writes every feed.
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = False  # dtz_content builds into a staging folder instead

# Build speed (README "Build speed"): Pelican's reader cache keeps every file's rendered Markdown in
# CACHE_PATH, so a rebuild renders only edited files (dtz_content drops the cache when the Markdown
# settings or extensions change).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
GZIP_CACHE = False  # compressing the cache costs more time than the disk space is worth

RELATIVE_URLS = False
# Every value a template writes is escaped: header fields are plain text wherever they appear. What is
# HTML (an item's body and summary, rendered passages, charts) is marked safe where it is made.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}
MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}, "markdown.extensions.toc": {}},
    "output_format": "html5",
}

# dtz_bidbook: who investors contact, shown at the end of every edition (web and PDF).
DTZ_BIDBOOK_CONTACT = {
    "name": "Programmabureau Dutch TechZone",
    "address": ["Postbus 2000", "7800 CA Emmen"],  # example address, as on content/pages/contact.md
    "email": "info@dutchtechzone.nl",
    "web": "https://www.dutchtechzone.nl",
}
DTZ_LANGUAGES["en"]["DTZ_BIDBOOK_CONTACT"] = {**DTZ_BIDBOOK_CONTACT, "name": "Dutch TechZone Programme Office"}  # the English editions' panel
