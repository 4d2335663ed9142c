"""``python -m dtz_send ISSUE SUBSCRIBERS``: check what would be sent, and with --yes send it; every run can be resumed.
Exit 0 all on the list have the issue, 1 some not reached (run again), 2 refused or stopped, 130 interrupted."""

import argparse
import math
import os
import shlex
import sys
from pathlib import Path

from dtz_contract import Refused, inside
from dtz_mail.mailer import PASSWORD_ENV, Mailer, login_problem, parse_server
from dtz_mail.tokens import secret_from_environment

from .deliver import SendLog, deliver, read_history, say
from .issue import check_live, live_addresses, load_issue
from .recipients import DB, keep_snapshot, read_list, read_suppressed, unsubscribed

SHOWN = 5


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m dtz_send",
        description="Verstuur een gebouwde nieuwsbrief naar de abonnees, één bericht per adres. Zonder --yes wordt er niets verstuurd.",
    )
    add = parser.add_argument
    add("issue", help="slug van de nieuwsbrief (map output/nieuwsbrief/<slug>/)")
    add(
        "subscribers",
        help="CSV met de kolommen email en name (buiten content/ en output/), of db: de bevestigde abonnees in DTZ_SUBSCRIBE_DB (een bestand met die naam: ./db)",
    )
    add("--yes", action="store_true", help="echt versturen")
    add("--smtp", default="localhost", metavar="HOST:PORT", help="SMTP-server (standaard localhost; poort 25, 587 met --starttls, 465 met --ssl)")
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl")
    add("--user", help=f"inlognaam; het wachtwoord komt uit {PASSWORD_ENV}")
    add("--envelope-from", help="afzender in de envelop (bounces); standaard het From-adres")
    add("--rate", type=float, default=10.0, help="berichten per seconde (0: geen limiet; standaard 10)")
    add("--suppress", action="append", default=[], metavar="FILE", help="afgemelde adressen (mag vaker)")
    add("--max-failures", type=int, default=5, metavar="N", help="stop na N adressen achter elkaar die niet bereikt worden (standaard 5)")
    add("--retries", type=int, default=3, help="nieuwe pogingen na een tijdelijke fout (standaard 3)")
    add("--backoff", type=float, default=2.0, metavar="SECONDS", help="eerste wachttijd voor een nieuwe poging; verdubbelt elke keer (standaard 2)")
    add("--retry-rejected", action="store_true", help="probeer ook adressen die eerder permanent (5xx) geweigerd zijn")
    add(
        "--skip-live-check",
        action="store_true",
        help="vraag de links en afbeeldingen van de nieuwsbrief niet eerst op bij de live site (DTZ_SITE_URL van de build)",
    )
    add("--output", default="output", help="de gebouwde site (standaard output)")
    add("--content", default="content", help="de bronmap van de site (standaard content); abonneegegevens horen er niet in")
    add("--log-dir", default="sendlogs", help="map voor de verzendlogs, buiten output/ (standaard sendlogs)")
    args = parser.parse_args(argv)
    args.given = list(argv)
    try:
        args.host, args.port = parse_server(args.smtp, args.security)
    except ValueError as error:
        parser.error(f"--smtp {error}")
    if args.max_failures < 1 or args.retries < 0 or not 0 <= args.rate < math.inf or not 0 <= args.backoff < math.inf:
        parser.error("--max-failures is minstens 1; --retries, --rate en --backoff zijn niet negatief")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except (Refused, OSError) as error:
        say(f"dtz_send: {error}. Er is niets (meer) verstuurd.", stream=sys.stderr)  # one line
        return 2


class Plan:
    """Who gets the issue in this run, and why the others do not."""

    def __init__(self, args):
        output, self.args = Path(args.output), args
        for folder, where in ((output, "de gebouwde site"), (Path(args.content), "de bron van de site")):
            for what, path in (("de verzendlog (--log-dir)", args.log_dir), ("het abonneebestand", args.subscribers)):
                if inside(Path(path).resolve(), Path(folder).resolve()):
                    raise Refused(f"{what} staat in {folder}/; abonneegegevens horen niet in {where}")
        self.issue = issue = load_issue(output, args.issue)
        self.subscribers, self.source = read_list(args.subscribers, args.log_dir, issue.slug)
        lists = [self.subscribers, *map(read_suppressed, args.suppress)]
        say(*(str(problem) for found in lists for problem in found.problems), stream=sys.stderr)
        self.log_file = Path(args.log_dir) / f"{issue.slug}.jsonl"
        self.history = history = read_history(self.log_file)
        say(*(f"{self.log_file}:{n}: regel onleesbaar (afgebroken schrijfactie?) — genegeerd" for n in history.unreadable), stream=sys.stderr)
        suppressed = {r.hash for found in lists[1:] for r in found.recipients} | unsubscribed()  # and whom the database never mails
        self.wanted = [r for r in self.subscribers.recipients if r.hash not in suppressed]  # who should have it
        rejected = {} if args.retry_rejected else history.rejected
        self.todo = [r for r in self.wanted if r.hash not in history.delivered and r.hash not in rejected]  # whom this run sends to
        self.skipped_rejected = sum(r.hash in rejected and r.hash not in history.delivered for r in self.wanted)

    def summary(self):
        issue, subscribers, todo = self.issue, self.subscribers, self.todo
        say(
            f"Nieuwsbrief:  {issue.slug} ({issue.path})",
            f"Onderwerp:    {issue.header('Subject')}",
            f"Afzender:     {issue.header('From')}",
            f"Abonnees:     {len(subscribers.recipients)} in {self.source}"
            f" ({len(subscribers.problems)} ongeldig, {subscribers.duplicates} dubbel overgeslagen)",
            f"Afgemeld:     {len(subscribers.recipients) - len(self.wanted)} overgeslagen",
            f"Al ontvangen: {sum(r.hash in self.history.delivered for r in self.wanted)} (volgens {self.log_file})",
        )
        if self.skipped_rejected:
            say(f"Geweigerd:    {self.skipped_rejected} eerder permanent geweigerd, niet opnieuw (--retry-rejected)")
        if self.history.digests and issue.digest not in self.history.digests:
            say("Let op: email.eml is veranderd sinds de vorige verzending van deze nieuwsbrief; de rest krijgt de nieuwe versie.", stream=sys.stderr)
        say(f"Te versturen: {len(todo)}")
        if todo:
            say(f"Eerste adressen: {', '.join(r.email for r in todo[:SHOWN])}" + (f" … (+{len(todo) - SHOWN})" if len(todo) > SHOWN else ""))

    def live_check(self):
        """Ask the live site for the issue's links and images and say what was checked (or that --skip-live-check skips it)."""
        if self.args.skip_live_check:
            return say("Online:       niet nagekeken (--skip-live-check)")
        if not self.issue.site_url:
            raise Refused(f"het bouwverslag van {self.args.output} noemt geen DTZ_SITE_URL — bouw opnieuw met `make html` (of `make publish`)")
        check_live(urls := live_addresses(self.issue, self.issue.site_url))
        say(f"Online:       alle {len(urls)} links en afbeeldingen op {self.issue.site_url} antwoorden 200")

    def finish(self, history):
        if missing := [r for r in self.wanted if r.hash not in history.delivered]:
            say(f"Nog niet bereikt: {len(missing)} van {len(self.wanted)} adressen.", stream=sys.stderr)
            return 1
        say(f"Klaar: alle {len(self.wanted)} adressen hebben deze nieuwsbrief.")
        return 0


def make_command(args):
    """The make command that does for real what this dry run showed: the options given, and --yes."""
    given, options = [], iter(args.given)
    for option in options:
        if option.split("=", 1)[0] in ("--output", "--content", "--log-dir"):  # what the Makefile adds from its own variables
            if "=" not in option:
                next(options, None)  # its value
        elif option not in (args.issue, args.subscribers):
            given.append(option)
    return f'make send ISSUE={args.issue} SUBSCRIBERS={shlex.quote(args.subscribers)} SENDOPTS="{shlex.join([*given, "--yes"])}"'


def run(args):
    plan = Plan(args)
    plan.summary()
    secret, reason = secret_from_environment()
    if not args.yes:
        plan.live_check()
        say(f"Proefrun: er is niets verstuurd. Versturen via SMTP-server {args.host}:{args.port}: {make_command(args)}")
        if secret is None:
            say(f"Let op: --yes weigert nu: {reason}.", stream=sys.stderr)
        return 0
    if secret is None:
        raise Refused(f"{reason}; zonder geheim geen persoonlijke afmeldlinks (zie README)")
    password = os.environ.get(PASSWORD_ENV) if args.user else None
    if args.user and not password:
        raise Refused(f"--user {args.user}: {PASSWORD_ENV} is niet gezet")
    if problem := args.user and login_problem(args.host, args.security, args.user, password):  # refused where it would travel unencrypted
        raise Refused(problem)
    if not plan.todo:
        return plan.finish(plan.history)
    plan.live_check()  # before the first message: subscribers get only what they can open
    mailer = Mailer(args.host, args.port, args.security, args.user, password)
    with SendLog(plan.log_file) as log:
        if args.subscribers == DB:  # a resumed run sends to this list (minus who left since)
            keep_snapshot(args.log_dir, plan.issue.slug, plan.subscribers)
        log.record("run", digest=plan.issue.digest, recipients=len(plan.todo))
        status = deliver(plan.issue, plan.todo, mailer, log, secret, args.envelope_from or plan.issue.sender, args)
    return max(status, plan.finish(read_history(plan.log_file)))
