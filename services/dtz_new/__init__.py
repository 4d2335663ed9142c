"""``make new TYPE=<type> TITLE="…"`` starts an item from its type's table in the content model, as a draft; with
``TAAL=en SLUG=<slug>``, its translation. A command, not a Pelican plugin: exit 0 written, 2 refused (one Dutch line)."""

import argparse
import os
import re
import sys
from pathlib import Path

from pelican.settings import read_settings

from dtz_contract import Refused
from dtz_content import LANGUAGES, TYPES, display_path, hints, read_header, term_slug, today, type_folder

# The names editors type after TYPE=, in the model's order; a company is a row of the register's sheet, no file.
TYPE_NAMES = {t.name: t.key for t in TYPES.values() if not t.sheet}
COMPANY = TYPES["company"]
ORIGINAL = next(iter(LANGUAGES))  # the site's own language: what an original is written in
USAGE = 'gebruik: make new TYPE=<type> TITLE="…"; bekende typen: ' + ", ".join(TYPE_NAMES)
BODY = "Schrijf hier de tekst, in Markdown. Vul eerst de lege velden hierboven in; de build noemt wat nog ontbreekt."


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make new", description="Begin een nieuw stuk als concept.")
    parser.add_argument("type", nargs="?", default="", help="soort stuk: " + ", ".join(TYPE_NAMES))
    parser.add_argument("title", nargs="?", default="", help="titel; de bestandsnaam (slug) wordt ervan gemaakt")
    parser.add_argument("--content", required=True, help="de bronmap (INPUTDIR)")
    parser.add_argument("--settings", default="pelicanconf.py", help="het instellingenbestand")
    parser.add_argument("--newsletter-path", default="", help="map van de nieuwsbrieven (NEWSLETTER_PATH)")
    parser.add_argument("--lang", default="", help="taal van een vertaling (TAAL=en); het origineel komt uit --slug")
    parser.add_argument("--slug", default="", help="slug van het origineel dat vertaald wordt (SLUG=…)")
    args = parser.parse_args(argv)
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
    if not os.path.isdir(args.content):  # Pelican would stop with a traceback on a PATH that is not there
        raise Refused(f"de bronmap {args.content} bestaat niet — geef met INPUTDIR een bestaande map, zoals INPUTDIR=content")
    overrides = {"PATH": os.path.abspath(args.content), "NEWSLETTER_PATH": args.newsletter_path}
    settings = read_settings(args.settings, override={key: value for key, value in overrides.items() if value})
    folder = type_folder(ctype, settings["PATH"], settings)
    if args.lang:
        path, text = translation(ctype, folder, args.lang.strip().lower(), args.slug.strip())
    else:
        slug = re.sub(r"[^a-z0-9]+", "-", term_slug(title, settings)).strip("-")  # the build's slug, as a Slug may hold it
        if not slug:
            raise Refused(f"van de titel '{title}' is geen bestandsnaam te maken — gebruik letters of cijfers in TITLE")
        if taken := next((path for path, name in markdown_files(folder) if name == slug), None):  # it would have the same address
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
        todo = "voeg" if found else f"maak {display_path(sheets[0])} of {COMPANY.sheet}.csv en voeg"
        raise Refused(
            f"een bedrijf is geen eigen bestand maar een regel in {' en '.join(found) or 'het bedrijvenregister'} — {todo} het bedrijf daar toe"
        )
    if name not in TYPE_NAMES:
        raise Refused((f"onbekend type '{name}'" if name else "geen TYPE gegeven") + f" — {USAGE}")
    return TYPES[TYPE_NAMES[name]]


def markdown_files(folder):
    """(path, name without its extension) of every Markdown file below ``folder``."""
    return [(str(path), path.stem) for path in sorted(Path(folder).rglob("*")) if path.suffix in (".md", ".markdown") and path.is_file()]


def draft_text(ctype, title, day, settings):
    """Every field of ``ctype`` in order below a note with its help; Title, Date, Status filled in, optional ones notes to uncomment."""
    given = {"title": title, "date": day.isoformat(), "status": "draft"}
    lines = []
    for field in ctype.fields:
        lines.append(f"# {field.name} ({'' if field.required else 'niet '}verplicht): {field.help} Invullen: {field.kind.describe(settings)}.")
        lines += [f"# Voorbeeld: {field.name}: {example}" for example in getattr(field.kind, "examples", ())]
        lines.append(f"{field.name}: {given.get(field.key, '')}".rstrip() if field.key in given or field.required else f"# {field.name}:")
    return "\n".join(lines) + "\n\n" + BODY + "\n"


def translation(ctype, folder, lang, slug):
    """(path, text) of the translation into ``lang`` of the ``ctype`` item ``slug``: beside the original, its text to translate."""
    others = {code: name for code, name in LANGUAGES.items() if code != ORIGINAL}
    if lang not in others:
        hint = hints.did_you_mean(lang, others)
        raise Refused(f"TAAL={lang} kan niet — " + " of ".join(f"TAAL={code} ({name})" for code, name in others.items()) + hint)
    label = ctype.label.lower()
    if ctype.field("lang") is None:
        kinds = [name for name, key in TYPE_NAMES.items() if TYPES[key].field("lang")]
        raise Refused(f"een {label} heeft geen vertaling — een vertaling is er van TYPE={', '.join(kinds[:-1])} of {kinds[-1]}")
    files = {}  # (slug, lang) -> path: its Slug (else its name) and its Lang
    for path, name in markdown_files(folder):
        values = read_header(Path(path).read_text(encoding="utf-8-sig", errors="replace")).values
        files[values.get("slug") or name, (values.get("lang") or ORIGINAL).strip().lower()] = path
    originals = {key: path for (key, code), path in files.items() if code == ORIGINAL}
    if not slug:
        example = next(iter(originals), "hal-techniek")
        raise Refused(f"geef de slug van het origineel mee, zoals make new TYPE={ctype.name} TAAL={lang} SLUG={example}")
    if slug not in originals:
        where = display_path(folder)
        raise Refused(f"er is geen {label} met slug '{slug}' in {where} — de slug van een bestaande {label}" + hints.did_you_mean(slug, originals))
    if done := files.get((slug, lang)):
        raise Refused(f"{display_path(done)} is al de vertaling van '{slug}' in het {others[lang]} — bewerk dat bestand; er is niets overschreven")
    original = originals[slug]
    text = Path(original).read_text(encoding="utf-8-sig")
    header, lines = read_header(text), text.splitlines()
    top = min(header.lines.values(), default=1) - 1
    fields = [f.name for f in ctype.fields if f.key in header.values and (f.markup or f.kind.describe() == "tekst")]
    note = f"# Vertaling van {display_path(original)} in het {LANGUAGES[lang]}: vertaal {', '.join(fields)} en de tekst; laat de andere velden staan."
    new = [note, f"Lang: {lang}", f"Slug: {slug}", "Status: draft"]
    replaced = {header.lines[key] - 1 for key in ("lang", "slug", "status") if key in header.lines}  # replaced by those on top
    kept = [line for index, line in enumerate(lines) if index not in replaced]
    return os.path.splitext(original)[0] + f".{lang}.md", "\n".join(kept[:top] + new + kept[top:]) + "\n"
