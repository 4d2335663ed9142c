"""Sending a nieuwsbrief to the subscription database: ``make send SUBSCRIBERS=db`` through the real
command, against a real SMTP server, and a CSV send that skips whoever the database has as unsubscribed."""

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHONPATH, ROOT, Site
from dtz_mail.tokens import address_hash
from dtz_send import cli, erasure, make_token
from dtz_send.deliver import SendLog
from dtz_subscribe import cli as subscribe_cli
from dtz_subscribe import open_store
from mailserver import Mailbox, make_send
from subscriptions import SECRET, SITE
from test_send import FAST, SLUG, TREE

CONFIRMED = ["een@voorbeeld.nl", "twee@voorbeeld.nl", "drie@voorbeeld.nl"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A built issue with the default unsubscribe target: the service's one-click URL."""
    return Site(tmp_path_factory.mktemp("built")).write(TREE).build()


@pytest.fixture
def db(tmp_path):
    """A subscription database with three confirmed subscribers, one pending, one unsubscribed, one erased."""
    url = f"sqlite:///{tmp_path / 'var' / 'abonnees.sqlite'}"
    store = open_store(url)
    for address in [*CONFIRMED, "weg@voorbeeld.nl", "gewist@voorbeeld.nl", "wacht@voorbeeld.nl"]:
        store.request(address, "2026-12", f"{SITE}/nieuwsbrief/", 3)
    for address in [*CONFIRMED, "weg@voorbeeld.nl", "gewist@voorbeeld.nl"]:
        assert store.confirm(address)
    store.unsubscribe("weg@voorbeeld.nl")
    store.erase("gewist@voorbeeld.nl")
    store.url = url
    return store


def send_to_db(built, db, logs, server, *options):
    return make_send(
        server,
        f"ISSUE={SLUG}",
        "SUBSCRIBERS=db",
        f"OUTPUTDIR={built.output}",
        f"INPUTDIR={built.content}",
        f"SENDLOGS={logs}",
        options=(*FAST, "--yes", *options),
        env={**os.environ, "PYTHONPATH": PYTHONPATH, "DTZ_SUBSCRIBE_DB": db.url, "DTZ_UNSUBSCRIBE_SECRET": SECRET},
    )


def send_db(built, db, logs, server, monkeypatch):
    """The same command in this process (quicker than make, for the tests after the first)."""
    monkeypatch.setenv("DTZ_SUBSCRIBE_DB", db.url)
    monkeypatch.setenv("DTZ_UNSUBSCRIBE_SECRET", SECRET)
    return cli.main(
        [SLUG, "db", "--output", str(built.output), "--log-dir", str(logs), "--smtp", f"127.0.0.1:{server.controller.port}", *FAST, "--yes"]
    )


@pytest.mark.server
def test_make_send_db_reaches_exactly_the_confirmed_subscribers_each_with_their_own_link(built, db, tmp_path, smtp):
    server = smtp()
    result = send_to_db(built, db, tmp_path / "sendlogs", server)
    assert result.returncode == 0, result.stderr
    assert sorted(server.addresses()) == sorted(CONFIRMED)
    for message in server.messages():
        (to,) = message["To"].addresses
        target = f"{SITE}/nieuwsbrief/afmelden/?t={make_token(to.addr_spec, SECRET)}"
        assert message["List-Unsubscribe"] == f"<{target}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    snapshot = tmp_path / "sendlogs" / f"{SLUG}.abonnees.csv"
    assert sorted(snapshot.read_text(encoding="utf-8").split()[1:]) == sorted(f"{a}," for a in CONFIRMED)
    assert not any(p.name.endswith(".csv") for p in built.output.rglob("*"))


@pytest.mark.server
def test_a_resumed_send_keeps_the_first_list_minus_who_left_since(built, db, tmp_path, smtp, monkeypatch):
    first = smtp(Mailbox(vanish_after=1))
    assert send_db(built, db, tmp_path / "sendlogs", first, monkeypatch) != 0
    (reached,) = first.addresses()
    leaving, remaining = [a for a in CONFIRMED if a != reached]
    db.unsubscribe(leaving)  # leaves between the two runs
    db.request("later@voorbeeld.nl", "2026-12", f"{SITE}/nieuwsbrief/", 3)
    assert db.confirm("later@voorbeeld.nl")  # joined after sending began: waits for the next issue
    second = smtp()
    assert send_db(built, db, tmp_path / "sendlogs", second, monkeypatch) == 0
    assert second.addresses() == [remaining]


@pytest.mark.server
def test_a_csv_send_skips_addresses_the_database_has_as_unsubscribed(built, db, tmp_path, smtp, monkeypatch):
    listed = tmp_path / "abonnees.csv"
    listed.write_text("email,name\nweg@voorbeeld.nl,\ngewist@voorbeeld.nl,\nalleen-csv@voorbeeld.nl,\n", encoding="utf-8")
    monkeypatch.setenv("DTZ_SUBSCRIBE_DB", db.url)
    monkeypatch.setenv("DTZ_UNSUBSCRIBE_SECRET", SECRET)
    server = smtp()
    argv = [
        SLUG,
        str(listed),
        "--output",
        str(built.output),
        "--log-dir",
        str(tmp_path / "logs"),
        "--smtp",
        f"127.0.0.1:{server.controller.port}",
        *FAST,
        "--yes",
    ]
    assert cli.main(argv) == 0
    assert server.addresses() == ["alleen-csv@voorbeeld.nl"]


@pytest.mark.server
def test_a_dry_run_from_the_database_takes_no_snapshot(built, db, tmp_path, smtp, monkeypatch, capsys):
    server = smtp()
    monkeypatch.setenv("DTZ_SUBSCRIBE_DB", db.url)
    assert (
        cli.main(
            [
                SLUG,
                "db",
                "--output",
                str(built.output),
                "--log-dir",
                str(tmp_path / "sendlogs"),
                "--smtp",
                f"127.0.0.1:{server.controller.port}",
                "--skip-live-check",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Te versturen: 3" in out and "de database (DTZ_SUBSCRIBE_DB)" in out
    assert server.received == [] and not (tmp_path / "sendlogs").exists()


class Ran:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def run_command(monkeypatch, capsys):
    """``python -m dtz_subscribe ARGS`` on a database, in this process: (exit status, stdout, stderr)."""

    def run(db, *args):
        monkeypatch.setenv("DTZ_SUBSCRIBE_DB", db.url)
        capsys.readouterr()
        status = subscribe_cli.main(list(args))
        out, err = capsys.readouterr()
        return Ran(status, out, err)

    return run


def test_export_lists_the_confirmed_subscribers_and_counts_per_month(db, tmp_path, run_command):
    target = tmp_path / "export" / "abonnees.csv"
    target.parent.mkdir()
    done = run_command(db, "export", str(target))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert sorted(r["email"] for r in rows) == sorted(CONFIRMED)
    assert all(r["toestemming_versie"] == "2026-12" and r["formulier"] == f"{SITE}/nieuwsbrief/" and r["bevestigd"] for r in rows)
    (month,) = csv.DictReader((tmp_path / "export" / "abonnees-per-maand.csv").open(encoding="utf-8"))
    assert (month["aangemeld"], month["afgemeld"]) == ("4", "1")  # the erased one left no dates behind
    missing = tmp_path / "dtz"
    refused = run_command(db, "export", str(missing / "abonnees.csv"))
    assert refused.returncode == 2 and refused.stderr.splitlines() == [
        f"dtz_subscribe: de map {missing} bestaat niet — maak haar eerst (mkdir -p {missing}) "
        f"of kies een bestaande map: make subscribers-export FILE=<map>/abonnees.csv"
    ]
    refused = run_command(db, "export", str(ROOT / "content" / "abonnees.csv"))
    assert refused.returncode == 2 and "content/" in refused.stderr and not (ROOT / "content" / "abonnees.csv").exists()


@pytest.mark.server
def test_erase_leaves_only_a_hash_and_the_address_is_never_mailed_again(db, built, tmp_path, smtp, run_command, monkeypatch):
    done = run_command(db, "erase", CONFIRMED[0])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"Gewist: {CONFIRMED[0]}; alleen een hash blijft, zodat er nooit meer iets heen gaat"]
    never = run_command(db, "erase", "nooit@voorbeeld.nl")
    assert never.stdout.splitlines() == [
        "Niet gevonden: nooit@voorbeeld.nl stond niet in de abonneelijst; er is niets gewist, wel geblokkeerd, zodat er nooit iets heen gaat"
    ]
    database = Path(db.url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in database.parent.iterdir())
    assert CONFIRMED[0].encode() not in stored and b"gewist@voorbeeld.nl" not in stored
    assert db.status(CONFIRMED[0]) == "erased"
    server = smtp()
    assert send_db(built, db, tmp_path / "sendlogs", server, monkeypatch) == 0
    assert sorted(server.addresses()) == sorted(CONFIRMED[1:])
    bad = run_command(db, "erase", "geen-adres")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "'geen-adres' is geen e-mailadres" in bad.stderr


def test_a_refused_run_takes_no_snapshot_and_a_broken_database_is_one_line(built, db, tmp_path, monkeypatch, capsys):
    logs = tmp_path / "sendlogs"
    argv = [SLUG, "db", "--output", str(built.output), "--log-dir", str(logs), "--smtp", "127.0.0.1:9", *FAST, "--yes"]
    monkeypatch.setenv("DTZ_SUBSCRIBE_DB", db.url)
    monkeypatch.delenv("DTZ_UNSUBSCRIBE_SECRET", raising=False)
    assert cli.main(argv) == 2
    assert not (logs / f"{SLUG}.abonnees.csv").exists()  # the list is fixed only when sending begins
    monkeypatch.setenv("DTZ_SUBSCRIBE_DB", "postgresql+psycopg://niemand@127.0.0.1:9/geen")
    capsys.readouterr()
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "dtz_send: DTZ_SUBSCRIBE_DB: de database is niet bruikbaar:" in err and "Traceback" not in err


@pytest.mark.server
def test_make_subscribers_erase_removes_the_address_from_every_send_log_and_snapshot_keeping_a_hash(built, db, tmp_path, smtp):
    logs = tmp_path / "sendlogs"
    gone, refused, stays = CONFIRMED
    server = smtp(Mailbox(reject={refused: f"550 5.1.1 <{refused}>: Recipient address rejected"}))
    sent = send_to_db(built, db, logs, server)
    assert sent.returncode != 0 and "Nog niet bereikt: 1 van 3 adressen." in sent.stderr, sent.stderr  # one refused
    assert sorted(server.addresses()) == sorted([gone, stays])
    env = {**os.environ, "DTZ_SUBSCRIBE_DB": db.url}
    for address in (gone, refused):
        done = subprocess.run(
            ["make", "--no-print-directory", "-C", str(ROOT), "subscribers-erase", f"EMAIL={address}", f"SENDLOGS={logs}"],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert "2 bestanden bijgewerkt" in done.stdout and "uw eigen lijsten" in done.stdout

    kept = {p.name: p.read_bytes() for p in logs.iterdir()}
    assert sorted(kept) == [f"{SLUG}.abonnees.csv", f"{SLUG}.jsonl"]
    for address in (gone, refused):
        assert not [name for name, data in kept.items() if address.encode() in data.lower()], address
    entries = [json.loads(line) for line in kept[f"{SLUG}.jsonl"].decode().splitlines()]
    assert {"event": "delivered", "email_hash": address_hash(gone)}.items() <= next(
        e for e in entries if e.get("email_hash") == address_hash(gone)
    ).items()
    assert any(e.get("email") == stays and e["event"] == "delivered" for e in entries), "the others' entries are untouched"
    assert kept[f"{SLUG}.abonnees.csv"].decode().split() == ["email,name", f"{stays},"]

    # resuming from the office's own CSV, which still holds the erased address: nobody gets the issue twice
    office = tmp_path / "kantoor.csv"
    office.write_text(f"email,name\n{gone},\n{stays},\n", encoding="utf-8")
    again = smtp()
    resumed = make_send(
        again,
        f"ISSUE={SLUG}",
        f"SUBSCRIBERS={office}",
        f"OUTPUTDIR={built.output}",
        f"INPUTDIR={built.content}",
        f"SENDLOGS={logs}",
        options=(*FAST, "--yes"),
        env={**os.environ, "PYTHONPATH": PYTHONPATH, "DTZ_UNSUBSCRIBE_SECRET": SECRET},
    )
    assert resumed.returncode == 0, resumed.stderr
    assert again.addresses() == [] and "Klaar: alle 2 adressen hebben deze nieuwsbrief." in resumed.stdout


def test_erasure_waits_for_no_running_send_it_says_so_and_changes_nothing(tmp_path, capsys):
    logs = tmp_path / "sendlogs"
    log = logs / f"{SLUG}.jsonl"
    with SendLog(log) as running:  # a send of this issue is going on
        running.record("delivered", email=CONFIRMED[0], message_id="<x@voorbeeld.nl>")
        before = log.read_bytes()
        assert erasure.main([CONFIRMED[0], "--log-dir", str(logs)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "een andere verzending van deze nieuwsbrief loopt nog" in err and "wis opnieuw" in err
    assert log.read_bytes() == before
    assert erasure.main([CONFIRMED[0], "--log-dir", str(logs)]) == 0  # once it has finished
    assert CONFIRMED[0].encode() not in log.read_bytes()


def test_erasure_rewrites_every_line_naming_the_address_also_one_that_is_no_send_log_entry(tmp_path):
    logs = tmp_path / "sendlogs"
    logs.mkdir()
    log = logs / f"{SLUG}.jsonl"
    torn = f'{{"event": "delivered", "email": "{CONFIRMED[0]}", "mess'
    log.write_text(f'["{CONFIRMED[0]}"]\n{{"event": "delivered", "email": "{CONFIRMED[1]}"}}\n{torn}', encoding="utf-8")
    assert erasure.main([CONFIRMED[0], "--log-dir", str(logs)]) == 0
    text = log.read_text(encoding="utf-8")
    assert CONFIRMED[0] not in text and text.count("\n") == 2
    assert CONFIRMED[1] in text  # another subscriber's entry stays as it was
