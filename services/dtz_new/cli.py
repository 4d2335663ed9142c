"""``python -m dtz_new TYPE TITLE --content DIR``: write a new draft, or say in one Dutch line why not (exit 2)."""

import argparse
import os
import re
import sys

from pelican.settings import read_settings

from dtz_content import TYPES, display_path, term_slug, today, type_folder

from .draft import TYPE_NAMES, Refused, draft_text
from .translation import translation

USAGE = 'gebruik: make new TYPE=<type> TITLE="…"; bekende typen: ' + ", ".join(TYPE_NAMES)
# A company is no file of its own but a row of the register's sheet (see docs/redactie.md).
COMPANY = TYPES["company"]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make new", description="Begin een nieuw stuk als concept.")
    parser.add_argument("type", nargs="?", default="", help="soort stuk: " + ", ".join(TYPE_NAMES))
    parser.add_argument("title", nargs="?", default="", help="titel; de bestandsnaam (slug) wordt ervan gemaakt")
    parser.add_argument("--content", required=True, help="de bronmap (INPUTDIR)")
    parser.add_argument("--settings", default="pelicanconf.py", help="het instellingenbestand")
    parser.add_argument("--newsletter-path", default="", help="map van de nieuwsbrieven (NEWSLETTER_PATH)")
    parser.add_argument("--lang", default="", help="taal van een vertaling (TAAL=en); het origineel komt uit --slug")
    parser.add_argument("--slug", default="", help="slug van het origineel dat vertaald wordt (SLUG=…)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        path = create(args)
    except Refused as refused:
        print(f"make new: {refused}", file=sys.stderr)
        return 2
    todo = "vertaal wat de eerste regel noemt" if args.lang else "vul de velden in"
    print(f"make new: {display_path(path)} is aangemaakt als concept (Status: draft); {todo} en bekijk het met make serve")
    return 0


def create(args):
    """Write the new file and return its path."""
    ctype = content_type(args.type.strip().lower(), args.content)
    title = " ".join(args.title.split())
    if not title and not args.lang:
        raise Refused(f'geef een titel mee, zoals make new TYPE={args.type.strip().lower()} TITLE="Open dag Emmen"')
    overrides = {"PATH": os.path.abspath(args.content)}
    if args.newsletter_path:
        overrides["NEWSLETTER_PATH"] = args.newsletter_path
    settings = read_settings(args.settings, override=overrides)
    folder = type_folder(ctype, settings["PATH"], settings)
    if args.lang:
        path, text = translation(ctype, folder, args.lang.strip().lower(), args.slug.strip())
    else:
        slug = file_slug(title, settings)
        taken = same_name(folder, slug)
        if taken:
            raise Refused(f"{display_path(taken)} bestaat al — kies een andere titel of bewerk dat bestand; er is niets overschreven")
        path, text = os.path.join(folder, slug + ".md"), draft_text(ctype, title, today(settings), settings)
    os.makedirs(folder, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": never over a file made meanwhile
            handle.write(text)
    except FileExistsError:
        raise Refused(f"{display_path(path)} bestaat al — bewerk dat bestand; er is niets overschreven") from None
    return path


def content_type(name, content):
    if name == COMPANY.label.lower():
        sheets = [os.path.join(content, COMPANY.folder, COMPANY.sheet + extension) for extension in (".xlsx", ".csv")]
        found = [display_path(sheet) for sheet in sheets if os.path.isfile(sheet)]
        if found:
            raise Refused(f"een bedrijf is geen eigen bestand maar een regel in {' en '.join(found)} — voeg het bedrijf daar toe")
        raise Refused(
            f"een bedrijf is geen eigen bestand maar een regel in het bedrijvenregister — maak {display_path(sheets[0])} of {COMPANY.sheet}.csv en voeg het bedrijf daar toe"
        )
    if name not in TYPE_NAMES:
        given = f"onbekend type '{name}'" if name else "geen TYPE gegeven"
        raise Refused(f"{given} — {USAGE}")
    return TYPES[TYPE_NAMES[name]]


def file_slug(title, settings):
    """The slug the build gives the file (its name is the slug): the build's slugify of the title,
    reduced to what a Slug may hold (lower-case letters, digits, hyphens)."""
    slug = re.sub(r"[^a-z0-9]+", "-", term_slug(title, settings)).strip("-")
    if not slug:
        raise Refused(f"van de titel '{title}' is geen bestandsnaam te maken — gebruik letters of cijfers in TITLE")
    return slug


def same_name(folder, slug):
    """A Markdown file named ``slug`` anywhere in the type's folder (it would have the same address), or None."""
    for root, _, names in os.walk(folder):
        for name in names:
            if os.path.splitext(name)[0] == slug and name.endswith((".md", ".markdown")):
                return os.path.join(root, name)
    return None
