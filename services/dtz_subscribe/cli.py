"""``python -m dtz_subscribe serve|export|purge|erase|upgrade``: the service and the commands around its data,
each on the database ``DTZ_SUBSCRIBE_DB`` brought to the newest migration first; a problem is one Dutch line."""

import argparse
import csv
import logging
import os
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from dtz_contract import inside
from dtz_mail.tokens import is_address

from . import PROJECT, Settings, database_url
from .store import open_store

# No access log: its lines would hold tokens, and so addresses. The proxy on 127.0.0.1 passes the client's IP.
SERVER = {"access_log": False, "proxy_headers": True, "forwarded_allow_ips": "127.0.0.1", "h11_max_incomplete_event_size": 16 * 1024}
COLUMNS = ["email", "toestemming_versie", "formulier", "aangemeld", "bevestigd"]
# What erasing an address did, by its status before: never there, erased before, or found and erased now.
ERASED_LINES = {
    None: "Niet gevonden: {address} stond niet in de abonneelijst; er is niets gewist, wel geblokkeerd, zodat er nooit iets heen gaat",
    "erased": "Al gewist: {address}; er was alleen nog een hash, zodat er nooit meer iets heen gaat",
    "found": "Gewist: {address}; alleen een hash blijft, zodat er nooit meer iets heen gaat",
}


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m dtz_subscribe", description="Aanmeldingen voor de nieuwsbrief: de dienst en het beheer van de gegevens."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start de dienst (aanmelden, bevestigen, afmelden)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("SUBSCRIBE_PORT") or 8001))
    export = commands.add_parser("export", help="CSV van de bevestigde abonnees, plus aantallen per maand")
    export.add_argument(
        "file", help="bijvoorbeeld ~/dtz/abonnees.csv (buiten content/ en output/); de aantallen per maand komen in <naam>-per-maand.csv"
    )
    commands.add_parser("purge", help="verwijder onbevestigde aanmeldingen van meer dan 7 dagen oud")
    erase = commands.add_parser("erase", help="wis adressen op verzoek; alleen een hash blijft, zodat ze afgemeld blijven")
    erase.add_argument("addresses", nargs="+", metavar="ADRES")
    commands.add_parser("upgrade", help="breng het databaseschema naar de nieuwste versie")
    args = parser.parse_args(argv)  # None: sys.argv[1:]
    try:
        return COMMANDS[args.command](args) or 0  # a command that has refused returns 2
    except SQLAlchemyError as error:
        try:
            shown = make_url(database_url()).render_as_string(hide_password=True)
        except (ArgumentError, ValueError):  # a URL that does not even parse is shown as given
            shown = database_url()
        return refuse(f"de database ({shown}) is niet bruikbaar: {str(getattr(error, 'orig', None) or error).splitlines()[0]}")
    except OSError as error:
        return refuse(error)


def refuse(*problems):
    """Each problem on a line of its own; the exit status 2."""
    for problem in problems:
        print(f"dtz_subscribe: {problem}", file=sys.stderr)
    return 2


def serve(args):
    import uvicorn

    from .app import create_app

    settings, problems = Settings.from_environment()
    if problems:
        return refuse(*problems)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info", **SERVER)


def export(args):
    target = Path(args.file).expanduser()
    for folder in ("content", "output"):
        if inside(target.resolve(), (PROJECT / folder).resolve()):
            return refuse(f"{target} staat in {folder}/ — abonneegegevens horen daar niet; kies een map buiten het project")
    if not target.parent.is_dir():
        return refuse(
            f"de map {target.parent} bestaat niet — maak haar eerst (mkdir -p {target.parent}) "
            f"of kies een bestaande map: make subscribers-export FILE=<map>/{target.name}"
        )
    store, months = open_store(database_url()), target.with_name(f"{target.stem}-per-maand.csv")
    rows = [[r.email, r.consent_version, r.form_url, _time(r.requested_at), _time(r.confirmed_at)] for r in store.confirmed()]
    for path, table in ((target, [COLUMNS, *rows]), (months, [["maand", "aangemeld", "afgemeld"], *([m, *n] for m, n in store.monthly().items())])):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(table)
    print(f"{len(rows)} bevestigde abonnees in {target}; aantallen per maand in {months}")


def _time(value):
    return value.isoformat(sep=" ") + " UTC" if value else ""


def purge(args):
    purged = open_store(database_url()).purge()
    print(
        f"Verwijderd: {purged.requests} onbevestigde aanmeldingen ouder dan 7 dagen, {purged.mails} oude registraties van bevestigingsmails, "
        f"{purged.promised} bevestigingsmails die in 7 dagen niet verstuurd konden worden"
    )


def erase(args):
    if bad := [a for a in args.addresses if not is_address(a.strip())]:
        return refuse(*(f"{address!r} is geen e-mailadres — verwacht naam@domein.nl; niets gewist" for address in bad))
    store = open_store(database_url())
    for address in args.addresses:
        print(ERASED_LINES.get(store.erase(address), ERASED_LINES["found"]).format(address=address))


def upgrade(args):
    open_store(database_url())
    print("Het databaseschema is bijgewerkt.")


COMMANDS = {"serve": serve, "export": export, "purge": purge, "erase": erase, "upgrade": upgrade}
