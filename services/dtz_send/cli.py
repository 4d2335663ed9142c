"""``python -m dtz_send ISSUE SUBSCRIBERS``: check what would be sent, and with --yes send it.

Exit status: 0 everyone on the list (after suppression) has the issue, now or in an earlier run;
1 the run finished but some were not reached (rejected, or temporary failures: run again);
2 nothing or not everything was sent because of a problem that stops the run (missing issue or
secret, its links and images not online yet, login refused, too many failures in a row);
130 interrupted. Every run can be resumed.
"""

import argparse
import math
import shlex
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from dtz_contract import inside

from dtz_contract import buildrecord

from . import fromdb, live
from .deliver import Policy, Stopped, deliver
from .issue import IssueError, load_issue
from dtz_mail.mailer import PASSWORD_ENV, Fatal, Mailer, login_problem, parse_server
from .safety import refusal
from .recipients import ListError, read_subscribers, read_suppressed
from .sendlog import LogBusy, SendLog, log_path, read_history
from dtz_mail.tokens import secret_from_environment

SHOWN = 5


class Refused(Exception):
    """A setting or file that makes sending unsafe or impossible; nothing was sent."""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m dtz_send",
        description="Verstuur een gebouwde nieuwsbrief naar de abonnees, één bericht per adres. Zonder --yes wordt er niets verstuurd.",
    )
    parser.add_argument("issue", help="slug van de nieuwsbrief (map output/nieuwsbrief/<slug>/)")
    parser.add_argument(
        "subscribers",
        help="CSV met de kolommen email en name (buiten content/ en output/), "
        "of db: de bevestigde abonnees in DTZ_SUBSCRIBE_DB (een bestand met die naam: ./db)",
    )
    parser.add_argument("--yes", action="store_true", help="echt versturen")
    parser.add_argument(
        "--smtp", default="localhost", metavar="HOST:PORT", help="SMTP-server (standaard localhost; poort 25, 587 met --starttls, 465 met --ssl)"
    )
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl")
    parser.add_argument("--user", help=f"inlognaam; het wachtwoord komt uit {PASSWORD_ENV}")
    parser.add_argument("--envelope-from", help="afzender in de envelop (bounces); standaard het From-adres")
    parser.add_argument("--rate", type=float, default=10.0, help="berichten per seconde (0: geen limiet; standaard 10)")
    parser.add_argument("--suppress", action="append", default=[], metavar="FILE", help="afgemelde adressen (mag vaker)")
    parser.add_argument(
        "--max-failures", type=int, default=5, metavar="N", help="stop na N adressen achter elkaar die niet bereikt worden (standaard 5)"
    )
    parser.add_argument("--retries", type=int, default=3, help="nieuwe pogingen na een tijdelijke fout (standaard 3)")
    parser.add_argument(
        "--backoff", type=float, default=2.0, metavar="SECONDS", help="eerste wachttijd voor een nieuwe poging; verdubbelt elke keer (standaard 2)"
    )
    parser.add_argument("--retry-rejected", action="store_true", help="probeer ook adressen die eerder permanent (5xx) geweigerd zijn")
    parser.add_argument(
        "--skip-live-check",
        action="store_true",
        help="vraag de links en afbeeldingen van de nieuwsbrief niet eerst op bij de live site (DTZ_SITE_URL van de build)",
    )
    parser.add_argument("--output", default="output", help="de gebouwde site (standaard output)")
    parser.add_argument("--content", default="content", help="de bronmap van de site (standaard content); abonneegegevens horen er niet in")
    parser.add_argument("--log-dir", default="sendlogs", help="map voor de verzendlogs, buiten output/ (standaard sendlogs)")
    args = parser.parse_args(argv)
    args.given = list(argv)
    try:
        args.host, args.port = parse_server(args.smtp, args.security)
    except ValueError as error:
        parser.error(f"--smtp {error}")
    if args.max_failures < 1 or args.retries < 0 or not 0 <= args.rate < math.inf or not 0 <= args.backoff < math.inf:
        parser.error("--max-failures is minstens 1; --retries, --rate en --backoff zijn niet negatief")
    return args


def _say(*lines, stream=None):
    for line in lines:
        print(line, file=stream or sys.stdout)
    (stream or sys.stdout).flush()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except (Refused, IssueError, ListError, LogBusy, OSError) as error:
        _say(f"dtz_send: {error}. Er is niets (meer) verstuurd.", stream=sys.stderr)  # one line
        return 2


@dataclass
class Plan:
    """Who gets the issue in this run, and why the others do not."""

    issue: object
    subscribers: object
    wanted: list  # the list after suppression: everyone who should have the issue
    todo: list  # those of them this run sends to
    log_file: Path
    history: object
    skipped_rejected: int
    site_url: str  # the build's DTZ_SITE_URL: the live site the issue's links and images point at


def plan(args):
    output = Path(args.output)
    for folder, where in ((output, "de gebouwde site"), (Path(args.content), "de bron van de site")):
        for what, path in (("de verzendlog (--log-dir)", args.log_dir), ("het abonneebestand", args.subscribers)):
            if inside(Path(path).resolve(), Path(folder).resolve()):
                raise Refused(f"{what} staat in {folder}/; abonneegegevens horen niet in {where}")
    reason = refusal(output, args.issue)
    if reason:
        raise Refused(reason)
    issue = load_issue(output, args.issue)
    site_url = (buildrecord.read(output) or {}).get("site_url", "")
    if args.subscribers == fromdb.DB:
        subscribers, args.snapshot = fromdb.subscribers(args.log_dir, issue.slug)
    else:
        subscribers = read_subscribers(args.subscribers)
    suppressed, problems = set(), list(subscribers.problems)
    for path in args.suppress:
        found, trouble = read_suppressed(path)
        suppressed |= found
        problems += trouble
    for problem in problems:
        _say(str(problem), stream=sys.stderr)
    log_file = log_path(args.log_dir, issue.slug)
    history = read_history(log_file)
    for number in history.unreadable:
        _say(f"{log_file}:{number}: regel onleesbaar (afgebroken schrijfactie?) — genegeerd", stream=sys.stderr)
    unsubscribed = fromdb.unsubscribed() or (lambda recipient: False)
    wanted = [r for r in subscribers.recipients if r.key not in suppressed and not unsubscribed(r)]
    rejected = {} if args.retry_rejected else history.rejected
    todo = [r for r in wanted if r.hash not in history.delivered and r.hash not in rejected]
    skipped = sum(r.hash in rejected and r.hash not in history.delivered for r in wanted)
    return Plan(issue, subscribers, wanted, todo, log_file, history, skipped, site_url)


def summary(plan, args):
    issue, subscribers, todo = plan.issue, plan.subscribers, plan.todo
    done = sum(r.hash in plan.history.delivered for r in plan.wanted)
    _say(
        f"Nieuwsbrief:  {issue.slug} ({issue.path})",
        f"Onderwerp:    {issue.subject}",
        f"Afzender:     {issue.header('From')}",
        f"Abonnees:     {len(subscribers.recipients)} in {_source(args)}"
        f" ({len(subscribers.problems)} ongeldig, {subscribers.duplicates} dubbel overgeslagen)",
        f"Afgemeld:     {len(subscribers.recipients) - len(plan.wanted)} overgeslagen",
        f"Al ontvangen: {done} (volgens {plan.log_file})",
    )
    if plan.skipped_rejected:
        _say(f"Geweigerd:    {plan.skipped_rejected} eerder permanent geweigerd, niet opnieuw (--retry-rejected)")
    if plan.history.digests and issue.digest not in plan.history.digests:
        _say("Let op: email.eml is veranderd sinds de vorige verzending van deze nieuwsbrief; de rest krijgt de nieuwe versie.", stream=sys.stderr)
    _say(f"Te versturen: {len(todo)}")
    if todo:
        more = f" … (+{len(todo) - SHOWN})" if len(todo) > SHOWN else ""
        _say(f"Eerste adressen: {', '.join(r.email for r in todo[:SHOWN])}{more}")


MAKE_OPTIONS = ("--output", "--content", "--log-dir")  # what the Makefile adds from its own variables


def make_command(args):
    """The make command that does for real what this dry run showed: the options given, and --yes."""
    given, options = [], iter(args.given)
    for option in options:
        if option.split("=", 1)[0] in MAKE_OPTIONS:
            if "=" not in option:
                next(options, None)  # its value
        elif option not in (args.issue, args.subscribers):
            given.append(option)
    sendopts = shlex.join([*given, "--yes"])
    return f'make send ISSUE={args.issue} SUBSCRIBERS={shlex.quote(args.subscribers)} SENDOPTS="{sendopts}"'


def _source(args):
    if args.subscribers != fromdb.DB:
        return args.subscribers
    snapshot = getattr(args, "snapshot", None)
    return f"de database ({fromdb.DB_ENV}){f', vastgelegd in {snapshot}' if snapshot else ''}"


def live_check(plan, args):
    """Ask the live site for the issue's links and images (Refused names the first one readers cannot
    open yet) and say what was checked; with --skip-live-check only say that it was not."""
    if args.skip_live_check:
        _say("Online:       niet nagekeken (--skip-live-check)")
        return
    if not plan.site_url:
        raise Refused(f"het bouwverslag van {args.output} noemt geen DTZ_SITE_URL — bouw opnieuw met `make html` (of `make publish`)")
    urls = live.addresses(plan.issue, plan.site_url)
    try:
        live.check(urls)
    except live.NotOnline as error:
        raise Refused(str(error)) from None
    _say(f"Online:       alle {len(urls)} links en afbeeldingen op {plan.site_url} antwoorden 200")


def password_for(args):
    """The SMTP password from the environment, refused where it would travel unencrypted."""
    if not args.user:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if not password:
        raise Refused(f"--user {args.user}: {PASSWORD_ENV} is niet gezet")
    problem = login_problem(args.host, args.security, args.user, password)
    if problem:
        raise Refused(problem)
    return password


def run(args):
    found = plan(args)
    summary(found, args)
    secret, reason = secret_from_environment()
    if not args.yes:
        live_check(found, args)
        _say(f"Proefrun: er is niets verstuurd. Versturen via SMTP-server {args.host}:{args.port}: {make_command(args)}")
        if secret is None:
            _say(f"Let op: --yes weigert nu: {reason}.", stream=sys.stderr)
        return 0
    if secret is None:
        raise Refused(f"{reason}; zonder geheim geen persoonlijke afmeldlinks (zie README)")
    password = password_for(args)
    if not found.todo:
        return _finish(found.wanted, found.history)
    live_check(found, args)  # before the first message: subscribers get only what they can open

    mailer = Mailer(args.host, args.port, args.security, args.user, password)
    policy = Policy(rate=args.rate, retries=args.retries, backoff=args.backoff, max_failures=args.max_failures)
    status = None
    with SendLog(found.log_file) as log:
        if args.subscribers == fromdb.DB:  # a resumed run sends to this list (minus who left since)
            fromdb.keep(args.log_dir, found.issue.slug, found.subscribers)
        log.record("run", digest=found.issue.digest, recipients=len(found.todo))
        try:
            outcome = deliver(
                found.issue, found.todo, mailer, log, secret, args.envelope_from or found.issue.sender, policy, progress=_progress(len(found.todo))
            )
        except Stopped as stop:
            _say(
                f"Gestopt: {stop}.",
                "Los het probleem op en start dezelfde opdracht opnieuw: wie het al heeft, krijgt het niet nog eens.",
                stream=sys.stderr,
            )
            status = 2
        except Fatal as fatal:
            _say(f"Gestopt: de server weigert voor iedereen: {fatal}.", stream=sys.stderr)
            status = 2
        except KeyboardInterrupt:
            _say("Onderbroken. Start dezelfde opdracht opnieuw om verder te gaan.", stream=sys.stderr)
            status = 130
        else:
            for address, reply in outcome.rejected:
                _say(f"Geweigerd: {address}: {reply}", stream=sys.stderr)
            for address, reply in outcome.failed:
                _say(f"Niet bereikt (volgende run probeert opnieuw): {address}: {reply}", stream=sys.stderr)
    finished = _finish(found.wanted, read_history(found.log_file))
    return status if status is not None else finished


def _progress(total):
    def report(number, outcome):
        if number % 100 == 0 or number == total:
            _say(f"  {number}/{total}: {outcome.delivered} verstuurd, {len(outcome.rejected)} geweigerd, {len(outcome.failed)} niet bereikt")

    return report


def _finish(wanted, history):
    missing = [r for r in wanted if r.hash not in history.delivered]
    if not missing:
        _say(f"Klaar: alle {len(wanted)} adressen hebben deze nieuwsbrief.")
        return 0
    _say(f"Nog niet bereikt: {len(missing)} van {len(wanted)} adressen.", stream=sys.stderr)
    return 1
