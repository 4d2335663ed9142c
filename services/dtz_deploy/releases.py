"""A deploy and a rollback, step by step, under the target's lock.

Deploy: clear what a killed run left (``releases/.partial-*``, ``current.tmp-*``); rsync the build
into ``releases/.partial-<id>`` hard-linking unchanged files from the live release; hard-link the
live release's hashed CSS/JS that the new one lacks (pages readers still have open keep their
styles); rename it to ``releases/<id>``; switch ``current`` with one ``mv -T``; prune. Until that
rename of ``current``, readers see the previous release whole; after it, the new one whole.
"""

import calendar
import json
import re
import time
from dataclasses import dataclass

from .build import build_hash, check_output
from .errors import DeployError
from .scripts import ASSETS_SCRIPT, CARRY_SCRIPT, PRUNE_SCRIPT, STATE_SCRIPT, SWITCH_SCRIPT
from .upload import upload

RELEASE_ID = re.compile(r"^(\d{8}T\d{6}Z)-[0-9a-f]{6}$")
HASHED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")  # the build's content-hashed asset names
STAMP = "%Y%m%dT%H%M%SZ"
PARTIAL = ".partial-"


def build_of(release):
    """The build hash in a release id: two releases with the same one hold the same build."""
    return release.rpartition("-")[2]


@dataclass
class State:
    releases: list  # release ids, oldest first
    live: str | None

    def before(self, release):
        """The release a rollback from ``release`` puts back: the newest older one with another build."""
        older = [r for r in self.releases if r < release and build_of(r) != build_of(release)]
        return older[-1] if older else None


def read_state(target):
    """The releases on the target and the live one, after removing what killed runs left."""
    text = target.run(STATE_SCRIPT, target.dir, doing="de releases lezen")
    if text.strip() == "not-a-link":
        raise DeployError(f"{target.dir}/current is geen symbolische koppeling: verplaats die map eerst")
    listing, _, link = text.partition("--\n")
    releases = sorted(name for name in listing.split() if RELEASE_ID.match(name))
    live = link.strip().removeprefix("releases/")
    return State(releases, live if live in releases else None)


def new_id(build, state, now=None):
    """UTC time plus the build's short hash; always later than every release already there."""
    stamp = time.gmtime(now if now is not None else time.time())
    if state.releases:
        newest = time.strptime(RELEASE_ID.match(state.releases[-1])[1] + "UTC", STAMP + "%Z")
        if stamp <= newest:
            stamp = time.gmtime(calendar.timegm(newest) + 1)
    return f"{time.strftime(STAMP, stamp)}-{build}"


def doomed(releases, live, keep):
    """Releases to remove: all but the newest ``keep``, the live one and the one a rollback puts back."""
    state = State(sorted(releases), live)
    kept = set(state.releases[-keep:]) | {live, state.before(live) if live else None}
    return [r for r in state.releases if r not in kept]


def hashed_assets(target, live):
    """The live release's own hashed CSS/JS (from its theme/assets.json), with their .gz/.br."""
    text = target.run(ASSETS_SCRIPT, target.dir, live, doing="de vorige release lezen")
    try:
        names = json.loads(text).values() if text.strip() else []
    except (ValueError, AttributeError):
        names = []
    found = [f"theme/{name}" for name in names if isinstance(name, str) and HASHED.search(name) and ".." not in name]
    return [path + suffix for path in found for suffix in ("", ".gz", ".br")]


def deploy(target, output, keep=5, say=print):
    """Upload ``output`` as a new release and make it live; returns the release id. A build that is
    already live (the same files) is not uploaded again: a rollback then still reaches the one before."""
    output = check_output(output)
    build = build_hash(output)
    with target.lock():
        state = read_state(target)
        if state.live and build_of(state.live) == build:
            say(f"Deze build staat al live op {target} (releases/{state.live}): er is niets omgezet.")
            return state.live
        release = new_id(build, state)
        partial = PARTIAL + release
        say(f"Release {release} uploaden naar {target}" + (f" (ongewijzigd gekoppeld aan {state.live})" if state.live else ""))
        say(upload(target, output, f"releases/{partial}/", state.live))
        if state.live:
            target.run(
                CARRY_SCRIPT,
                target.dir,
                partial,
                state.live,
                *hashed_assets(target, state.live),
                doing="CSS en JavaScript van de vorige release bewaren",
            )
        target.run(SWITCH_SCRIPT, target.dir, release, partial, doing="current omzetten")
        say(f"Live: {target}/current -> releases/{release}")
        prune(target, state.releases + [release], release, keep, say)
    return release


def rollback(target, say=print):
    """Point ``current`` at the newest release older than the live one with another build; returns its id."""
    with target.lock():
        state = read_state(target)
        if state.live is None:
            raise DeployError(f"op {target} staat nog geen release live: er is niets terug te zetten")
        older = state.before(state.live)
        if older is None:
            raise DeployError(f"op {target} is geen release ouder dan {state.live} met een andere build: er is niets om naar terug te gaan")
        target.run(SWITCH_SCRIPT, target.dir, older, "", doing="current omzetten")
        say(f"Teruggezet: {target}/current -> releases/{older} (was {state.live})")
    return older


def prune(target, releases, live, keep, say):
    gone = doomed(releases, live, keep)
    if gone:
        target.run(PRUNE_SCRIPT, target.dir, *gone, doing="oude releases opruimen")
        say(f"Opgeruimd: {', '.join(gone)}")
