"""``python -m dtz_send.erasure --log-dir SENDLOGS ADDRESS…`` (``make subscribers-erase``): the address leaves every
send log (only the hash resuming needs stays) and snapshot, each file rewritten whole under the send's own lock."""

import argparse
import contextlib
import csv
import io
import json
import re
import sys
from pathlib import Path

from dtz_contract import Refused, write_atomic
from dtz_mail.tokens import address_hash, normalize

from .deliver import lock, snapshot_path

ERASED = "[gewist]"


def erase_from_logs(log_dir, addresses):
    """Remove ``addresses`` from every send log and snapshot in ``log_dir``; returns the files changed."""
    folder, wanted, changed = Path(log_dir), {normalize(a) for a in addresses}, []
    for log in sorted(folder.glob("*.jsonl")):
        with lock(log):  # the send's own lock: a send of this issue running now is Refused
            for path, without in ((log, _log_without), (snapshot_path(folder, log.stem), _snapshot_without)):
                text = path.read_text(encoding="utf-8") if path.exists() else ""
                if (new := without(text, wanted)) != text:
                    write_atomic(path, new.encode("utf-8"), durable=True)
                    changed.append(path)
    return changed


def _log_without(text, wanted):
    pattern = re.compile("|".join(re.escape(a) for a in sorted(wanted)), re.IGNORECASE)
    lines = []
    for line in text.splitlines(keepends=True):
        entry = None
        with contextlib.suppress(json.JSONDecodeError):
            entry = json.loads(line)
        if not isinstance(entry, dict):  # a torn last write (or no entry the send log writes): as it is, without the address
            line = pattern.sub(ERASED, line)
        elif pattern.search(line):  # an entry the send log wrote (a JSON object) that names an address
            if normalize(str(entry.get("email", ""))) in wanted:
                entry = {("email_hash" if k == "email" else k): (address_hash(v) if k == "email" else v) for k, v in entry.items()}
            entry = {k: pattern.sub(ERASED, v) if isinstance(v, str) and k != "email_hash" else v for k, v in entry.items()}
            line = json.dumps(entry, ensure_ascii=False) + "\n"
        lines.append(line)
    return "".join(lines)


def _snapshot_without(text, wanted):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    kept = [row for number, row in enumerate(rows) if number == 0 or not row or normalize(row[0]) not in wanted]
    if len(kept) == len(rows):
        return text
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(kept)
    return out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m dtz_send.erasure", description="Wis adressen uit de verzendlogs van make send.")
    parser.add_argument("addresses", nargs="+", metavar="ADRES")
    parser.add_argument("--log-dir", default="sendlogs", help="de verzendlogs (SENDLOGS; standaard sendlogs)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        changed = erase_from_logs(args.log_dir, args.addresses)
    except (Refused, OSError) as error:
        print(f"dtz_send: {error} — wis opnieuw als die klaar is; de verzendlogs zijn nog niet (alle) bijgewerkt", file=sys.stderr)
        return 2
    print(
        f"Gewist uit de verzendlogs in {args.log_dir}: {len(changed)} {'bestand' if len(changed) == 1 else 'bestanden'} bijgewerkt; wie een nieuwsbrief al kreeg, staat er alleen als hash."
    )
    print("Let op: uw eigen lijsten (een abonneelijst voor make send, afgemelde adressen, exports) past dit niet aan: haal het adres daar zelf uit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
