"""The subscription service as readers and mail programs meet it: a real uvicorn process, real HTTP
without cookies, a real SMTP server receiving the confirmation mails. The module runs on SQLite and
again on PostgreSQL (a cluster the test starts; see tests/postgres.py). Tests share one service per
database and use addresses of their own."""

import concurrent.futures
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy
from conftest import PYTHONPATH
from sqlalchemy import select

from dtz_send import make_token
from dtz_subscribe import open_store
from dtz_subscribe.confirmation import confirmation_token
from dtz_subscribe.store import signup_requests, subscribers
from mailserver import plain_header, raw_header
from postgres import postgres_cluster  # noqa: F401  fixture
from subscriptions import SECRET, SITE, database, mail_to, mailbox, service, services  # noqa: F401  fixtures

pytestmark = pytest.mark.server


def token_of(link):
    return link.rpartition("t=")[2]


def subscribe(running, mailbox, address):
    """Sign up and confirm, the way a reader does it: form, mail, link, button."""
    assert running.signup(address).status == 200
    return running.request("/nieuwsbrief/bevestigen/", {"t": token_of(mail_to(mailbox, address)[-1])})


def test_signup_mails_a_confirmation_link_in_text_and_html_and_waits_for_it(service, mailbox, database):
    reader = "welkom@voorbeeld.nl"
    answer = service.signup(reader)
    assert answer.status == 200 and "kijk in uw mailbox" in answer.text
    links = mail_to(mailbox, reader)
    assert len(links) == 2 and links[0] == links[1]  # the same link in the text and the HTML part
    assert links[0].startswith(f"{SITE}/nieuwsbrief/bevestigen/?t=")
    (message,) = [m for m in mailbox.messages() if m["To"] == reader]
    assert [p.get_content_type() for p in message.walk()][1:] == ["text/plain", "text/html"]
    (data,) = [data for to, data in mailbox.received if to == [reader]]  # the bytes a mail program reads
    assert raw_header(data, "Subject") == b"Subject: Bevestig uw aanmelding voor de nieuwsbrief van Dutch TechZone"
    assert raw_header(data, "From") == b"From: Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"
    assert raw_header(data, "To") == f"To: {reader}".encode("ascii")
    assert re.fullmatch(r"<[^<>@\s]+@dutchtechzone\.nl>", plain_header(data, "Message-ID"))
    assert open_store(database).status(reader) == "pending"


def test_a_get_on_the_confirmation_link_changes_nothing_and_the_button_confirms(service, mailbox, database):
    reader = "bevestig@voorbeeld.nl"
    service.signup(reader)
    (link, _) = mail_to(mailbox, reader)
    for _ in range(2):  # a link scanner, then the reader
        page = service.request(service.local(link))
        assert page.status == 200 and "<button" in page.text and 'method="post"' in page.text
    store = open_store(database)
    assert store.status(reader) == "pending"
    done = service.request("/nieuwsbrief/bevestigen/", {"t": token_of(link)})
    assert done.status == 200 and "U bent aangemeld" in done.text
    (row,) = [r for r in store.confirmed() if r.email == reader]
    assert (row.consent_version, row.form_url) == ("2026-12", f"{SITE}/nieuwsbrief/")
    assert row.requested_at <= row.confirmed_at and row.withdrawn_at is None
    again = service.request("/nieuwsbrief/bevestigen/", {"t": token_of(link)})
    assert again.status == 400 and "werkt niet meer" in again.text  # used once


def test_known_and_unknown_addresses_get_the_same_answer(service, mailbox):
    assert subscribe(service, mailbox, "bekend@voorbeeld.nl").status == 200
    known, unknown = service.signup("bekend@voorbeeld.nl"), service.signup("onbekend@voorbeeld.nl")
    assert (known.status, known.body) == (unknown.status, unknown.body)


def test_an_expired_or_altered_confirmation_link_confirms_nothing(service, database):
    reader = "verlopen@voorbeeld.nl"
    service.signup(reader)
    expired = confirmation_token(reader, SECRET, 7 * 86400, now=time.time() - 8 * 86400)
    altered = confirmation_token(reader, "een-ander-geheim-van-zestien-tekens", 3600)
    for token in (expired, altered, "", "abc.def"):
        assert service.request(f"/nieuwsbrief/bevestigen/?t={token}").status == 400
        assert service.request("/nieuwsbrief/bevestigen/", {"t": token}).status == 400
    assert open_store(database).status(reader) == "pending"


def test_one_click_post_without_cookies_or_origin_unsubscribes_and_get_changes_nothing(service, mailbox, database):
    reader = "vertrek@voorbeeld.nl"
    subscribe(service, mailbox, reader)
    path = f"/nieuwsbrief/afmelden/?t={make_token(reader, SECRET)}"
    page = service.request(path)
    assert page.status == 200 and "<button" in page.text
    store = open_store(database)
    assert store.status(reader) == "confirmed"
    answer = service.request(path, b"List-Unsubscribe=One-Click")  # what a mail program sends (RFC 8058)
    assert answer.status == 200 and "afgemeld" in answer.text
    assert store.status(reader) == "unsubscribed" and reader not in {r.email for r in store.confirmed()}
    with store.engine.connect() as db:
        row = db.execute(select(subscribers).where(subscribers.c.email == reader)).one()
    assert row.withdrawn_at is not None and row.consent_version == "2026-12"  # the consent stays on record


def test_an_address_never_signed_up_can_still_unsubscribe_and_stays_suppressed(service, database):
    answer = service.request(f"/nieuwsbrief/afmelden/?t={make_token('csv@voorbeeld.nl', SECRET)}", {"t": ""})
    assert answer.status == 200 and "U bent afgemeld" in answer.text
    assert open_store(database).status("csv@voorbeeld.nl") == "unsubscribed"
    assert service.request("/nieuwsbrief/afmelden/?t=vervalst.token", b"List-Unsubscribe=One-Click").status == 400


def test_a_form_from_another_site_is_refused_and_the_honeypot_stores_nothing(service, mailbox, database):
    assert service.signup("buiten@voorbeeld.nl", origin="https://aanvaller.example").status == 403
    assert service.signup("buiten@voorbeeld.nl", origin=None).status == 403
    trapped = service.signup("robot@voorbeeld.nl", website="https://spam.example")
    assert trapped.status == 200 and trapped.body == service.signup("robot2@voorbeeld.nl", website="ja").body
    time.sleep(0.5)
    store = open_store(database)
    for address in ("buiten@voorbeeld.nl", "robot@voorbeeld.nl", "robot2@voorbeeld.nl"):
        assert store.status(address) is None and address not in mailbox.addresses()


def test_wrong_fields_show_the_form_again_with_every_problem(service):
    answer = service.signup("geen-adres", consent="")
    assert answer.status == 400
    assert "Vul een geldig e-mailadres in" in answer.text and "Vink het vakje aan" in answer.text
    assert 'value="geen-adres"' in answer.text and 'name="toestemming"' in answer.text


def test_rate_limits_per_ip_and_per_address(services, mailbox):
    limited = services(SUBSCRIBE_IP_LIMIT="10")
    answers = [limited.signup(f"ip{n}@voorbeeld.nl", ip="192.0.2.7").status for n in range(11)]
    assert answers == [200] * 10 + [429]
    assert limited.signup("ander-ip@voorbeeld.nl", ip="192.0.2.8").status == 200  # another reader is not held up
    reader = "vaak@voorbeeld.nl"
    for _ in range(4):
        assert limited.signup(reader, ip="192.0.2.9").status == 200
    mail_to(mailbox, reader, count=3)
    time.sleep(0.5)  # a fourth mail would be on its way by now
    assert mailbox.addresses().count(reader) == 3  # at most 3 confirmation mails a day


def test_bodies_over_the_limit_are_refused(service):
    answer = service.request("/nieuwsbrief/aanmelden/", b"email=" + b"a" * 10000, {"Origin": SITE})
    assert answer.status == 413


def test_every_answer_has_the_security_headers(service):
    for answer in (service.signup("kop@voorbeeld.nl"), service.request("/nieuwsbrief/afmelden/?t=x"), service.request("/bestaat-niet")):
        assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "same-origin"
        assert answer.headers["Cache-Control"] == "no-store"


def test_200_sign_ups_at_once_are_each_stored_once(services, database):
    service = services(SUBSCRIBE_SMTP="127.0.0.1:9")  # nothing listens: this test is about storing
    people = [f"tegelijk{n:03d}@voorbeeld.nl" for n in range(200)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda a: service.signup(a).status, people + people[:40]))  # 40 sign up twice at once
    assert statuses == [200] * 240
    with open_store(database).engine.connect() as db:
        stored = db.scalars(select(signup_requests.c.email).where(signup_requests.c.email.like("tegelijk%"))).all()
    assert sorted(stored) == people


def test_killed_during_a_burst_loses_no_confirmed_subscriber_and_leaves_no_half_record(services, mailbox, database):
    running = services()
    before = [f"vast{n}@voorbeeld.nl" for n in range(5)]
    for address in before:
        assert subscribe(running, mailbox, address).status == 200
    burst = [f"burst{n:03d}@voorbeeld.nl" for n in range(150)]
    tokens = {a: confirmation_token(a, SECRET, 3600) for a in burst}
    answered, stop = [], threading.Event()

    def reader(address):
        if stop.is_set():
            return
        try:
            if running.signup(address).status == 200 and running.request("/nieuwsbrief/bevestigen/", {"t": tokens[address]}).status == 200:
                answered.append(address)  # the service said "U bent aangemeld"
        except OSError:
            pass  # the service is gone

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        futures = [pool.submit(reader, a) for a in burst]
        while len(answered) < 20:
            time.sleep(0.01)
        running.kill(signal.SIGKILL)
        stop.set()
        concurrent.futures.wait(futures)
    assert 20 <= len(answered) < len(burst)
    services()  # starts again on the same database
    store = open_store(database)
    confirmed = {row.email for row in store.confirmed()}
    assert set(before) <= confirmed and set(answered) <= confirmed
    for row in store.confirmed():
        assert row.consent_version and row.form_url and row.requested_at and row.confirmed_at
    if database.startswith("sqlite"):
        with sqlite3.connect(database.removeprefix("sqlite:///")) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_database_from_before_0002_is_upgraded_and_one_from_a_newer_version_refused(database, request, tmp_path):
    database = own_database(database, request, tmp_path)
    store = open_store(database)
    with store.engine.begin() as db:
        db.execute(sqlalchemy.text("DROP TABLE confirmation_outbox"))
        db.execute(sqlalchemy.text("UPDATE alembic_version SET version_num = '0001'"))
    open_store(database)
    with store.engine.begin() as db:
        assert "confirmation_outbox" in sqlalchemy.inspect(db).get_table_names()
        db.execute(sqlalchemy.text("UPDATE alembic_version SET version_num = '0003'"))
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "DTZ_SUBSCRIBE_DB": database}
    result = subprocess.run([sys.executable, "-m", "dtz_subscribe", "upgrade"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "het databaseschema heeft revisie 0003, deze versie kent 0002: werk de code bij" in result.stderr


def test_purge_drops_unconfirmed_sign_ups_after_seven_days(database):
    old = open_store(database)
    now = old.clock()
    old.clock = lambda: now - timedelta(days=8)
    old.request("oud@voorbeeld.nl", "2026-12", f"{SITE}/nieuwsbrief/", 3)
    fresh = open_store(database)
    fresh.request("nieuw@voorbeeld.nl", "2026-12", f"{SITE}/nieuwsbrief/", 3)
    assert fresh.purge().requests == 1
    assert fresh.status("oud@voorbeeld.nl") is None and fresh.status("nieuw@voorbeeld.nl") == "pending"


def test_the_log_names_no_address_and_no_token(services, mailbox):
    running = services()
    reader = "in-het-log@voorbeeld.nl"
    subscribe(running, mailbox, reader)
    token = make_token(reader, SECRET)
    running.request(f"/nieuwsbrief/afmelden/?t={token}", b"List-Unsubscribe=One-Click")
    running.signup("geen-adres")
    running.kill(signal.SIGTERM)
    log = running.process.stderr.read().decode()
    assert "aanmelding bevestigd" in log and "afgemeld (one-click)" in log  # it does log what happens
    assert "voorbeeld.nl" not in log and token not in log and token_of(mail_to(mailbox, reader)[0]) not in log


@pytest.fixture
def silent_smtp():
    """A port that takes the connection and never answers: mail sent there hangs until the process dies."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_every_confirmation_mail_a_page_promised_is_sent_after_the_service_was_killed(services, mailbox, database, silent_smtp, request, tmp_path):
    own = own_database(database, request, tmp_path)
    hanging = services(SUBSCRIBE_SMTP=silent_smtp, DTZ_SUBSCRIBE_DB=own)  # a database of its own: only these mails wait
    readers = [f"beloofd{n:02d}@voorbeeld.nl" for n in range(30)]
    for address in readers:
        answer = hanging.signup(address)
        assert answer.status == 200 and "We hebben een e-mail gestuurd" in answer.text
    hanging.kill(signal.SIGKILL)  # while every one of those mails is still on its way
    assert not [a for a in mailbox.addresses() if a in readers]

    again = services(DTZ_SUBSCRIBE_DB=own)  # started again after the crash, with its SMTP server reachable
    for address in readers:
        assert mail_to(mailbox, address, timeout=60), f"no confirmation mail for {address}"
    link = mail_to(mailbox, readers[-1])[-1]
    assert again.request("/nieuwsbrief/bevestigen/", {"t": token_of(link)}).status == 200, "the link in it works"
    deadline = time.monotonic() + 10
    while open_store(own).promised() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not open_store(own).promised(), "a sent mail leaves the outbox, and its address with it"


def own_database(database, request, tmp_path):
    """A fresh database of the module's kind, for a test that counts what a service start does (no mail of other tests waits in it)."""
    return f"sqlite:///{tmp_path / 'abonnees.sqlite'}" if database.startswith("sqlite") else request.getfixturevalue("postgres_cluster").database()


def test_every_log_line_is_written_also_when_it_repeats(services, mailbox, database, request, tmp_path):
    running = services(DTZ_SUBSCRIBE_DB=own_database(database, request, tmp_path))  # its own: a start sends what waits in the outbox
    readers = [f"herhaald{n}@voorbeeld.nl" for n in range(3)]
    for address in readers:
        running.signup(address)
        mail_to(mailbox, address)
    running.kill(signal.SIGTERM)
    log = running.process.stderr.read().decode()
    assert log.count("aanmelding: bevestigingsmail wordt verstuurd") == 3, log
    assert log.count("bevestigingsmail verstuurd") == 3, log
    assert "voorbeeld.nl" not in log
