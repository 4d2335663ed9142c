"""``python -m dtz_deploy check|deploy|rollback [TARGET]``: the commands behind make deploy/rollback.

Exit status 0 done; 2 refused or failed with one Dutch line on stderr, ``current`` unchanged.
"""

import argparse
import os
import sys

from .errors import DeployError
from .releases import deploy, rollback
from .target import Target

DEFAULT_KEEP = 5


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m dtz_deploy", description="Zet een gebouwde site in één keer online, of zet de vorige release terug."
    )
    parser.add_argument(
        "action",
        choices=("check", "deploy", "rollback"),
        help="check: alleen het doel nakijken; deploy: uploaden en omzetten; rollback: terug naar de vorige release",
    )
    parser.add_argument(
        "target", nargs="?", default=os.environ.get("DEPLOY_TARGET", ""), help="<map> of [gebruiker@]host:<map> (standaard DEPLOY_TARGET)"
    )
    parser.add_argument("--output", default="output", help="de gebouwde site (standaard output)")
    return parser.parse_args(argv)


def keep_from_environment():
    text = os.environ.get("DEPLOY_KEEP", "").strip() or str(DEFAULT_KEEP)
    if not text.isdigit() or int(text) < 1:
        raise DeployError(f"DEPLOY_KEEP={text!r}: verwacht een heel getal van minstens 1")
    return int(text)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        target = Target.parse(args.target, os.environ.get("DEPLOY_SSH") or "ssh")
        keep = keep_from_environment()
        if args.action == "deploy":
            deploy(target, args.output, keep, say=_say)
        elif args.action == "rollback":
            rollback(target, say=_say)
    except (DeployError, OSError) as error:  # OSError: a folder or program this machine lacks, said in one line too
        print(f"dtz_deploy: {error}; er is niets omgezet.", file=sys.stderr, flush=True)
        return 2
    return 0


def _say(line):
    print(line, flush=True)
