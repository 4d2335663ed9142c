"""``python -m dtz_deploy check|deploy|rollback [TARGET]``: exit 0 done, 2 refused or failed (one Dutch line)."""

import argparse
import os
import sys

from dtz_contract import Refused

from .releases import Target, deploy, rollback

parser = argparse.ArgumentParser(prog="python -m dtz_deploy", description="Zet een gebouwde site in één keer online, of zet de vorige release terug.")
add = parser.add_argument
add(
    "action",
    choices=("check", "deploy", "rollback"),
    help="check: alleen het doel nakijken; deploy: uploaden en omzetten; rollback: terug naar de vorige release",
)
add("target", nargs="?", default=os.environ.get("DEPLOY_TARGET", ""), help="<map> of [gebruiker@]host:<map> (standaard DEPLOY_TARGET)")
add("--output", default="output", help="de gebouwde site (standaard output)")
args = parser.parse_args()
try:
    target = Target.parse(args.target, os.environ.get("DEPLOY_SSH") or "ssh")
    keep = os.environ.get("DEPLOY_KEEP", "").strip() or "5"
    if not keep.isdigit() or int(keep) < 1:
        raise Refused(f"DEPLOY_KEEP={keep!r}: verwacht een heel getal van minstens 1")
    if args.action == "deploy":
        deploy(target, args.output, int(keep))
    elif args.action == "rollback":
        rollback(target)
except (Refused, OSError) as error:  # OSError: a folder or program this machine lacks, said in one line too
    print(f"dtz_deploy: {error}; er is niets omgezet.", file=sys.stderr, flush=True)
    sys.exit(2)
