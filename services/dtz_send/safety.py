"""What must never go out: a preview, a draft or later-dated issue, an issue whose sources changed.

The build writes what it is into its output folder (``dtz_contract.buildrecord``); delivery reads
that record before anything else, in the dry run as with --yes, and refuses with one line.
"""

import datetime
import os

from dtz_contract import AMSTERDAM, buildrecord
from dtz_contract.dates import datum

from .issue import issue_folder

REBUILD = "bouw opnieuw met `make html` (of `make publish`) en controleer het resultaat"


def refusal(output, slug, now=None):
    """Why issue ``slug`` of the build in ``output`` must not be sent, or None when it may be."""
    record = buildrecord.read(output)
    if record is None:
        return f"{os.path.join(output, buildrecord.NAME)} ontbreekt of is onleesbaar — {REBUILD}; alleen een volledige build kan verstuurd worden"
    if record["kind"] == "preview":
        return f"{output} is een voorbeeldweergave (make serve, met concepten) — verstuur alleen uit een build van `make html` of `make publish`"
    entry = record.get("newsletters", {}).get(slug)
    if entry is None:  # not built at all: loading the issue says so and names the issues that are
        built = (issue_folder(output, slug) / "email.eml").exists()
        return f"nieuwsbrief '{slug}' staat niet in het bouwverslag van {output} — {REBUILD}" if built else None
    if entry.get("status") == "draft":
        return f"nieuwsbrief '{slug}' is een concept (Status: draft) — verwijder de Status-regel en {REBUILD}"
    today = (now or datetime.datetime.now(AMSTERDAM)).date().isoformat()
    for limit, what in ((record.get("today", ""), "de dag waarop de site gebouwd is"), (today, "vandaag")):
        if entry.get("date", "") > limit:
            return (
                f"nieuwsbrief '{slug}' is gedateerd {datum(entry['date'])}, na {what} ({datum(limit)}) — "
                "verstuur hem op of na die datum, of pas Date aan en bouw opnieuw"
            )
    changed = buildrecord.changed_sources(entry)
    if changed:
        more = f" (en {len(changed) - 1} andere)" if len(changed) > 1 else ""
        return f"{changed[0]}{more} is gewijzigd na de build van '{slug}' — {REBUILD}"
    return None
