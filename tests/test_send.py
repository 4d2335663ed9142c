"""Newsletter delivery (dtz_send) against a real SMTP server on 127.0.0.1 (aiosmtpd, started here).

The issue comes from the real newsletter build (a small tree with an https unsubscribe target,
built once per module). Each test writes a subscriber CSV outside the site, runs the command and
reads what the server received. A few tests write an email.eml by hand, following the build's
contract, for cases a build does not produce: base64 parts, a mailto: target, a broken placeholder.
"""

import datetime
import email
import os
import re
import subprocess
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiosmtpd.smtp import AuthResult

from conftest import PNG, PYTHONPATH, ROOT, Site, pearl
from mailserver import Mailbox, make_send, plain_header, raw_header
from servers import free_port
from dtz_contract import buildrecord
from dtz_contract.mail import new_message
from dtz_send import cli, make_token, verify_token
from dtz_send.issue import live_addresses


SLUG = "nieuwsbrief-maart-2019"
SUBJECT = "Nieuwsbrief maart: parels uit Emmen"
SECRET = "een-geheim-van-minstens-zestien-tekens"
HTTPS_TARGET = "https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t={token}"
MAILTO_TARGET = "mailto:afmelden@dutchtechzone.nl?subject=Afmelden%20{token}"
# No live site behind these builds: the live check has tests of its own (test_send_live.py).
FAST = ["--rate", "0", "--backoff", "0.01", "--retries", "2", "--max-failures", "3", "--skip-live-check"]


# --- built issues and lists ------------------------------------------------------------------

TREE = {
    "content/parels/hal-techniek.md": pearl(extra="Image: images/hal.png\nImage_alt: De hal van buiten"),
    "content/images/hal.png": PNG,
    "content/images/dtz-logo.png": PNG,
    f"newsletters/{SLUG}.md": f"Title: {SUBJECT}\nDate: 2019-03-15\nItems: hal-techniek\n\nWelkom bij de nieuwsbrief.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The newsletter build's output for a small tree, with an https unsubscribe target."""
    return Site(tmp_path_factory.mktemp("built")).write(TREE).build(NEWSLETTER_UNSUBSCRIBE=HTTPS_TARGET)


def write_issue(output, slug=SLUG, target=HTTPS_TARGET, text=None):
    """An email.eml written by hand, as the contract describes it, for cases the build cannot
    produce: the HTML part is base64 and the text part quoted-printable with a long line, so
    {token} never appears whole in the encoded body."""
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = SUBJECT
    message["From"] = "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"
    message["Date"] = "Fri, 15 Mar 2019 00:00:00 +0100"
    message["List-Unsubscribe"] = f"<{target}>"
    if target.startswith("https:"):
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    filler = "Techniek in Zuidoost-Drenthe en het Vechtdal. " * 3
    text = text if text is not None else f"Welkom bij de nieuwsbrief.\n\n{filler}Afmelden: {target}\n"
    html = f'<!doctype html><html lang="nl"><body><p>Welkom – {filler}</p><p><a href="{target}">Afmelden</a></p></body></html>'
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="base64")
    folder = Path(output) / "nieuwsbrief" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "email.eml").write_bytes(message.as_bytes())
    record_built(output, slug, datetime.date(2019, 3, 15))
    return folder


def record_built(output, slug, day, kind="html"):
    """The build record a build would write beside a hand-made issue (dtz_contract.buildrecord)."""
    record = buildrecord.read(output) or buildrecord.new_record({"DTZ_BUILD": kind}, {"today": day.isoformat(), "newsletters": {}})
    record["newsletters"][slug] = buildrecord.issue_entry("published", day, [])
    (Path(output) / buildrecord.NAME).write_bytes(buildrecord.encode(record))


def write_list(path, rows, header="email,name"):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def addresses(count, start=0):
    return [f"lezer{n:04d}@voorbeeld.nl" for n in range(start, start + count)]


class Sender:
    """Runs `python -m dtz_send` for one issue of a built site, in this process or as a command.
    The subscriber list and the send logs are in this test's own folder, outside the site."""

    def __init__(self, root, monkeypatch, output, slug=SLUG):
        self.root, self.output, self.slug = Path(root), Path(output), slug
        self.logs = self.root / "sendlogs"
        self.list = self.root / "abonnees.csv"
        monkeypatch.setenv("DTZ_UNSUBSCRIBE_SECRET", SECRET)

    def argv(self, *options, server=None, yes=True):
        port = server.controller.port if server else free_port()
        return [
            self.slug,
            str(self.list),
            "--output",
            str(self.output),
            "--log-dir",
            str(self.logs),
            "--smtp",
            f"127.0.0.1:{port}",
            *FAST,
            *(["--yes"] if yes else []),
            *options,
        ]

    def __call__(self, *options, server=None, yes=True):
        return cli.main(self.argv(*options, server=server, yes=yes))

    def command(self, *options, server=None, yes=True):
        return subprocess.run(
            [sys.executable, "-m", "dtz_send", *self.argv(*options, server=server, yes=yes)],
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=120,
            env={**os.environ, "PYTHONPATH": PYTHONPATH},
        )

    def log_lines(self):
        return (self.logs / f"{self.slug}.jsonl").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def sender(tmp_path, monkeypatch, built):
    return Sender(tmp_path, monkeypatch, built.output)


@pytest.fixture
def by_hand(tmp_path, monkeypatch):
    """A sender for an email.eml written by hand into this test's own output folder."""
    made = Sender(tmp_path, monkeypatch, tmp_path / "output")
    write_issue(made.output)
    return made


def once_each(mailbox_addresses, expected):
    return sorted(mailbox_addresses) == sorted(expected)


def parts(message):
    """The decoded text and HTML, with line ends as in email.txt and email.html."""
    return [part.get_content().replace("\r\n", "\n") for part in message.iter_parts()]


# --- tokens ----------------------------------------------------------------------------------


def test_token_verifies_for_its_address_only_and_cannot_be_forged():
    token = make_token("Lezer@Voorbeeld.nl", SECRET)
    assert verify_token(token, SECRET) == "lezer@voorbeeld.nl"
    assert verify_token(token, "een-ander-geheim-van-zestien-tekens") is None
    other = make_token("ander@voorbeeld.nl", SECRET)
    forged = f"{other.split('.')[0]}.{token.split('.')[1]}"  # someone else's address, this MAC
    assert verify_token(forged, SECRET) is None
    assert verify_token(token[:-2], SECRET) is None
    assert verify_token("geen-token", SECRET) is None
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def test_tokens_command_prints_the_address_of_a_genuine_token(monkeypatch):
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "DTZ_UNSUBSCRIBE_SECRET": SECRET}
    result = subprocess.run(
        [sys.executable, "-m", "dtz_mail.tokens", make_token("a@voorbeeld.nl", SECRET), "x.y"], capture_output=True, text=True, env=env
    )
    assert result.stdout == "a@voorbeeld.nl\n"
    assert "x.y: geen geldig afmeldtoken" in result.stderr
    assert result.returncode == 1


# --- sending ---------------------------------------------------------------------------------


@pytest.mark.server
def test_every_subscriber_gets_exactly_one_message(sender, smtp, capsys):
    people = addresses(12)
    write_list(
        sender.list,
        [f"{a},Lezer {i}" for i, a in enumerate(people)] + [people[3].upper() + ",Dubbel", "geen-adres,Fout", "kapot@@voorbeeld.nl,", ",Leeg"],
    )
    server = smtp()
    assert sender(server=server) == 0
    assert once_each(server.addresses(), people)
    err = capsys.readouterr().err
    assert f"{sender.list}:15: email: 'geen-adres' is geen e-mailadres" in err
    assert f"{sender.list}:16: email: 'kapot@@voorbeeld.nl' is geen e-mailadres" in err
    assert f"{sender.list}:17: email: is leeg" in err
    assert len(sender.log_lines()) == 1 + len(people)  # the run, then one line per delivered address


@pytest.mark.server
def test_each_message_is_personal_multipart_alternative_with_a_working_unsubscribe(sender, smtp, built):
    people = addresses(5)
    write_list(sender.list, [f"{a},Lezer {i}" for i, a in enumerate(people)])
    server = smtp()
    assert sender(server=server) == 0
    built_text = built.read(f"nieuwsbrief/{SLUG}/email.txt")
    built_html = built.read(f"nieuwsbrief/{SLUG}/email.html")
    ids = set()
    for message, (recipients, _) in zip(server.messages(), server.received):
        assert message.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
        (to,) = message["To"].addresses
        assert [to.addr_spec] == recipients
        assert message["Cc"] is None and message["Bcc"] is None
        assert message["Subject"] == SUBJECT
        assert message["From"].addresses[0].addr_spec == "nieuwsbrief@dutchtechzone.nl"
        assert message["Date"] and message["MIME-Version"] == "1.0"
        ids.add(message["Message-ID"])
        token = make_token(to.addr_spec, SECRET)
        target = HTTPS_TARGET.replace("{token}", token)
        assert message["List-Unsubscribe"] == f"<{target}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text, html = parts(message)
        assert text.strip() == built_text.replace("{token}", token).strip()
        assert html.strip() == built_html.replace("{token}", token).strip()
        assert f'href="{target}"' in html and target in text
        assert "{token}" not in message.as_string()
        assert verify_token(target.rsplit("=", 1)[1], SECRET) == to.addr_spec
    assert len(ids) == len(people)


@pytest.mark.server
def test_the_headers_a_mail_program_reads_arrive_as_plain_bytes(sender, smtp):
    """RFC 2369/8058: mail programs and one-click unsubscribe read List-Unsubscribe as it arrives; the
    e-mail package would turn a header it cannot fold at whitespace into =?utf-8?q?…?= encoded words."""
    write_list(sender.list, ["lezer@voorbeeld.nl,Lezer Een", "b@voorbeeld.nl,"])
    server = smtp()
    assert sender(server=server) == 0
    sent = {"lezer@voorbeeld.nl": "Lezer Een <lezer@voorbeeld.nl>", "b@voorbeeld.nl": "b@voorbeeld.nl"}
    assert sorted(server.addresses()) == sorted(sent)
    for data, address in zip(server.raw(), server.addresses()):
        to = sent[address]
        target = HTTPS_TARGET.replace("{token}", make_token(address, SECRET))
        assert len(f"List-Unsubscribe: <{target}>") > 78, "long enough to be folded"
        assert raw_header(data, "List-Unsubscribe") == f"List-Unsubscribe: <{target}>".encode("ascii")
        assert raw_header(data, "List-Unsubscribe-Post") == b"List-Unsubscribe-Post: List-Unsubscribe=One-Click"
        assert raw_header(data, "From") == b"From: Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"
        assert raw_header(data, "To") == f"To: {to}".encode("ascii")
        assert raw_header(data, "Subject") == f"Subject: {SUBJECT}".encode("ascii")
        assert re.fullmatch(rf"<nieuwsbrief\.{SLUG}\.[0-9a-f]{{8}}\.[0-9a-f]{{24}}@dutchtechzone\.nl>", plain_header(data, "Message-ID"))


def test_a_long_ascii_header_is_folded_only_at_its_whitespace_and_other_text_is_still_encoded():
    https = "https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t=" + "x" * 60
    subject = "Nieuwsbrief maart: " + "parels uit Emmen, " * 5 + "en meer"
    message = new_message()
    message["List-Unsubscribe"] = f"<{https}>, <mailto:afmelden@dutchtechzone.nl>"
    message["Subject"] = subject
    message["Comments"] = "Café – maart " * 8
    message.set_content("x")
    data = bytes(message)
    assert raw_header(data, "List-Unsubscribe") == f"List-Unsubscribe: <{https}>,\r\n <mailto:afmelden@dutchtechzone.nl>".encode()
    assert plain_header(data, "Subject") == subject and all(len(line) <= 78 for line in raw_header(data, "Subject").split(b"\r\n"))
    assert b"=?utf-8?" in raw_header(data, "Comments") and all(len(line) <= 78 for line in raw_header(data, "Comments").split(b"\r\n"))
    assert email.message_from_bytes(data, policy=policy.default)["Comments"] == "Café – maart " * 8


@pytest.mark.server
def test_parts_in_base64_or_quoted_printable_are_decoded_before_the_token_goes_in(by_hand, smtp):
    write_list(by_hand.list, ["a@voorbeeld.nl,A"])
    server = smtp()
    assert by_hand(server=server) == 0
    (message,) = server.messages()
    target = HTTPS_TARGET.replace("{token}", make_token("a@voorbeeld.nl", SECRET))
    text, html = parts(message)
    assert f'<a href="{target}">Afmelden</a>' in html and f"Afmelden: {target}" in text
    assert "<p>Welkom – Techniek" in html  # non-ASCII survives decoding and encoding again


@pytest.mark.server
def test_a_mailto_target_gets_the_token_and_no_one_click_header(by_hand, smtp):
    write_issue(by_hand.output, target=MAILTO_TARGET)
    write_list(by_hand.list, ["a@voorbeeld.nl,A"])
    server = smtp()
    assert by_hand(server=server) == 0
    (message,) = server.messages()
    target = MAILTO_TARGET.replace("{token}", make_token("a@voorbeeld.nl", SECRET))
    assert message["List-Unsubscribe"] == f"<{target}>"
    assert message["List-Unsubscribe-Post"] is None
    assert all(target in part for part in parts(message))


@pytest.mark.server
def test_an_issue_with_the_token_in_some_places_only_is_refused(by_hand, smtp, capsys):
    write_issue(by_hand.output, text="Afmelden: stuur een e-mail.\n")
    write_list(by_hand.list, ["a@voorbeeld.nl,A"])
    server = smtp()
    assert by_hand(server=server) == 2
    assert server.received == []
    assert "{token} staat wel in HTML-deel, List-Unsubscribe maar niet in tekstdeel" in capsys.readouterr().err


@pytest.mark.server
def test_dry_run_sends_nothing_and_says_what_it_would_send(sender, smtp, capsys, monkeypatch):
    monkeypatch.delenv("DTZ_UNSUBSCRIBE_SECRET")
    people = addresses(8)
    write_list(sender.list, [f"{a}," for a in people])
    suppress = sender.root / "afgemeld.txt"
    suppress.write_text(f"{people[0]}\n", encoding="utf-8")
    server = smtp()
    assert sender("--suppress", str(suppress), server=server, yes=False) == 0
    out, err = capsys.readouterr()
    assert server.received == []
    assert not sender.logs.exists()
    assert f"Nieuwsbrief:  {SLUG}" in out
    assert f"Onderwerp:    {SUBJECT}" in out
    assert "Te versturen: 7" in out
    assert f"Eerste adressen: {', '.join(people[1:6])} … (+2)" in out
    assert "Proefrun: er is niets verstuurd" in out
    assert "--yes weigert nu: DTZ_UNSUBSCRIBE_SECRET is niet gezet" in err


@pytest.mark.server
def test_sending_is_refused_without_the_unsubscribe_secret(sender, smtp, capsys, monkeypatch):
    monkeypatch.delenv("DTZ_UNSUBSCRIBE_SECRET")
    write_list(sender.list, ["a@voorbeeld.nl,"])
    server = smtp()
    assert sender(server=server) == 2
    assert server.received == []
    assert "DTZ_UNSUBSCRIBE_SECRET is niet gezet" in capsys.readouterr().err


@pytest.mark.server
def test_suppressed_addresses_get_nothing(sender, smtp):
    people = addresses(6)
    write_list(sender.list, [f"{a}," for a in people])
    suppress = sender.root / "afgemeld.csv"
    write_list(suppress, [f"{people[1].upper()};2019-03-02", f"{people[4]};2019-03-05"], header="email;afgemeld op")
    server = smtp()
    assert sender("--suppress", str(suppress), server=server) == 0
    assert once_each(server.addresses(), [people[0], people[2], people[3], people[5]])


@pytest.mark.server
def test_a_temporary_failure_is_retried_and_then_delivered(sender, smtp):
    people = addresses(4)
    write_list(sender.list, [f"{a}," for a in people])
    server = smtp(Mailbox(busy={people[2]: 2}))
    assert sender(server=server) == 0
    assert once_each(server.addresses(), people)


@pytest.mark.server
def test_a_dropped_connection_is_retried_on_a_new_connection(sender, smtp):
    people = addresses(4)
    write_list(sender.list, [f"{a}," for a in people])
    server = smtp(Mailbox(drop={people[1]: 1, people[3]: 2}))
    assert sender(server=server) == 0
    assert once_each(server.addresses(), people)


@pytest.mark.server
def test_a_permanent_failure_skips_that_address_and_later_runs_leave_it(sender, smtp, capsys):
    people = addresses(5)
    write_list(sender.list, [f"{a}," for a in people])
    server = smtp(Mailbox(reject={people[1]: "550 5.1.1 onbekende gebruiker"}))
    assert sender(server=server) == 1  # not everyone was reached
    assert once_each(server.addresses(), people[:1] + people[2:])
    assert f"Geweigerd: {people[1]}: 550 5.1.1 onbekende gebruiker" in capsys.readouterr().err

    assert sender(server=server) == 1  # still not everyone, and nobody gets a second copy
    assert once_each(server.addresses(), people[:1] + people[2:])
    assert "eerder permanent geweigerd" in capsys.readouterr().out

    del server.reject[people[1]]
    assert sender("--retry-rejected", server=server) == 0
    assert once_each(server.addresses(), people)


@pytest.mark.server
def test_a_server_that_goes_away_stops_the_run_and_a_second_run_reaches_everyone_once(sender, smtp, capsys):
    people = addresses(20)
    write_list(sender.list, [f"{a}," for a in people])
    first = smtp(Mailbox(vanish_after=7))
    assert sender(server=first) == 2
    assert len(first.received) == 7
    assert "Gestopt: 3 adressen achter elkaar niet bereikt" in capsys.readouterr().err

    second = smtp(port=first.controller.port)
    assert sender(server=second) == 0
    assert once_each(first.addresses() + second.addresses(), people)


@pytest.mark.server
def test_killing_the_server_halfway_through_200_addresses_then_resuming_leaves_everyone_one_copy(sender, smtp):
    """The issue's "done when" at a fifth of the size, with the real command and a real build."""
    people = addresses(200)
    write_list(sender.list, [f"{a},Lezer" for a in people])
    first = smtp(Mailbox(vanish_after=100))
    stopped = sender.command(server=first)
    assert stopped.returncode == 2, stopped.stderr
    assert "Gestopt" in stopped.stderr and "start dezelfde opdracht opnieuw" in stopped.stderr
    second = smtp(port=first.controller.port)
    resumed = sender.command(server=second)
    assert resumed.returncode == 0, resumed.stderr
    assert "Al ontvangen: 100" in resumed.stdout
    assert once_each(first.addresses() + second.addresses(), people)
    messages = first.messages() + second.messages()
    assert len({m["Message-ID"] for m in messages}) == 200
    for message in messages[::37]:
        (to,) = message["To"].addresses
        target = HTTPS_TARGET.replace("{token}", make_token(to.addr_spec, SECRET))
        assert message["List-Unsubscribe"] == f"<{target}>"
        assert all(target in part for part in parts(message))


@pytest.mark.server
def test_subscriber_addresses_never_reach_the_built_site(built, tmp_path, monkeypatch, smtp):
    """make send keeps its log in sendlogs/ at the project root; the list lives elsewhere."""
    sender = Sender(tmp_path, monkeypatch, built.output)
    sender.logs = built.root / "sendlogs"
    people = addresses(30, start=500)
    write_list(sender.list, [f"{a},Lezer {a[:9]}" for a in people])
    assert sender(server=smtp()) == 0
    log = (sender.logs / f"{SLUG}.jsonl").read_text(encoding="utf-8")
    assert all(a in log for a in people)  # the scan below would see them, were the log in the site
    site = b"".join(p.read_bytes() for folder in (built.output, built.content) for p in folder.rglob("*") if p.is_file())
    assert site, "nothing was built"
    leaked = [a for a in people if a.encode() in site or a.upper().encode() in site]
    assert leaked == []


@pytest.mark.server
def test_nothing_left_to_send_exits_zero_without_connecting(sender, smtp):
    write_list(sender.list, ["a@voorbeeld.nl,"])
    server = smtp()
    assert sender(server=server) == 0
    server.controller.stop()
    server.gone.set()
    assert sender(server=server) == 0


@pytest.mark.server
def test_a_send_log_inside_the_built_site_is_refused(sender, smtp, capsys):
    write_list(sender.list, ["a@voorbeeld.nl,"])
    server = smtp()
    assert sender("--log-dir", str(sender.output / "logs"), server=server) == 2
    assert server.received == [] and not (sender.output / "logs").exists()
    assert "abonneegegevens horen niet in de gebouwde site" in capsys.readouterr().err


@pytest.mark.server
def test_a_subscriber_list_inside_the_content_folder_is_refused(sender, smtp, capsys):
    listed = sender.root / "content" / "abonnees.csv"
    listed.parent.mkdir()
    write_list(listed, ["a@voorbeeld.nl,"])
    server = smtp()
    assert cli.main([sender.slug, str(listed), *sender.argv(server=server)[2:], "--content", str(listed.parent)]) == 2
    assert server.received == []
    assert "abonneegegevens horen niet in de bron van de site" in capsys.readouterr().err


def test_a_missing_issue_says_which_issues_are_built(sender, capsys):
    write_list(sender.list, ["a@voorbeeld.nl,"])
    assert cli.main(["bestaat-niet", str(sender.list), "--output", str(sender.output), "--log-dir", str(sender.logs)]) == 2
    assert f"gebouwde nieuwsbrieven: {SLUG}" in capsys.readouterr().err


@pytest.mark.server
def test_make_send_without_yes_is_a_dry_run(sender, smtp):
    write_list(sender.list, ["a@voorbeeld.nl,A", "b@voorbeeld.nl,B"])
    server = smtp()
    result = make_send(server, f"ISSUE={SLUG}", f"SUBSCRIBERS={sender.list}", f"OUTPUTDIR={sender.output}", options=["--skip-live-check"])
    assert result.returncode == 0, result.stderr
    assert "Te versturen: 2" in result.stdout
    port = server.controller.port
    assert (
        f"Proefrun: er is niets verstuurd. Versturen via SMTP-server 127.0.0.1:{port}: "
        f'make send ISSUE={SLUG} SUBSCRIBERS={sender.list} SENDOPTS="--smtp 127.0.0.1:{port} --skip-live-check --yes"'
    ) in result.stdout.splitlines()
    assert "Online:       niet nagekeken (--skip-live-check)" in result.stdout
    assert server.received == []
    usage = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "send"], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage: make send ISSUE=<slug> SUBSCRIBERS=<csv>" in usage.stdout


@pytest.mark.server
def test_a_list_that_is_not_utf8_is_refused_with_one_line(by_hand, smtp, capsys):
    by_hand.list.write_bytes("email,name\nj.de.vries@voorbeeld.nl,Jos\xe9\n".encode("cp1252"))
    server = smtp()
    assert by_hand(server=server) == 2
    assert server.received == []
    err = capsys.readouterr().err
    assert f"{by_hand.list}:1: Bestand: is geen UTF-8-tekst — sla de lijst op als 'CSV UTF-8'" in err
    assert "Traceback" not in err


@pytest.mark.server
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_uses_the_password_from_the_environment_and_a_refused_login_stops_the_run(sender, smtp, capsys, monkeypatch):
    def accept(server, session, envelope, mechanism, auth_data):
        good = (auth_data.login, auth_data.password) == (b"nieuwsbrief", b"goed-wachtwoord")
        return AuthResult(success=good, handled=False)  # handled=False: aiosmtpd answers 535 itself

    write_list(sender.list, [f"{a}," for a in addresses(3)])
    server = smtp(authenticator=accept, auth_required=True, auth_require_tls=False)
    monkeypatch.setenv("DTZ_SMTP_PASSWORD", "fout-wachtwoord")
    assert sender("--user", "nieuwsbrief", server=server) == 2
    assert server.received == []
    assert "Gestopt: de server weigert voor iedereen: (535" in capsys.readouterr().err  # at once, not after retries
    monkeypatch.setenv("DTZ_SMTP_PASSWORD", "goed-wachtwoord")
    assert sender("--user", "nieuwsbrief", server=server) == 0
    assert once_each(server.addresses(), addresses(3))


@pytest.mark.server
def test_a_temporary_failure_that_outlasts_the_retries_exits_1_and_the_next_run_delivers_it(sender, smtp, capsys):
    people = addresses(4)
    write_list(sender.list, [f"{a}," for a in people])
    server = smtp(Mailbox(busy={people[1]: 3}))  # FAST allows 1 + 2 attempts
    assert sender(server=server) == 1
    assert once_each(server.addresses(), people[:1] + people[2:])
    assert f"Niet bereikt (volgende run probeert opnieuw): {people[1]}: 451" in capsys.readouterr().err
    assert sender(server=server) == 0
    assert once_each(server.addresses(), people)


@pytest.mark.parametrize("option", [["--smtp", "127.0.0.1:99999"], ["--smtp", ":25"], ["--smtp", "h:0"], ["--backoff", "nan"], ["--rate", "-1"]])
def test_a_bad_server_address_or_number_is_one_usage_line(sender, capsys, option):
    write_list(sender.list, ["a@voorbeeld.nl,"])
    with pytest.raises(SystemExit) as stop:
        cli.main([SLUG, str(sender.list), "--output", str(sender.output), *option])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "python -m dtz_send: error: " in err and "Traceback" not in err


def test_an_ipv6_server_is_written_in_brackets():
    args = cli.parse_args([SLUG, "abonnees.csv", "--smtp", "[::1]:2525"])
    assert (args.host, args.port) == ("::1", 2525)


def test_the_live_check_asks_for_the_sites_own_links_and_images_but_never_a_token_or_subscription_link():
    site = "https://www.dutchtechzone.nl"
    html = (
        f'<a href="{site}/parels/hal/?utm_source=nieuwsbrief&amp;utm_campaign=maart">Lees verder</a>'
        f'<img src="{site}/images/hal-600x400.1a2b3c4d5e.jpg" alt="Hal">'
        f'<a href="{site}/nieuwsbrief/afmelden/?t={{token}}">Afmelden</a><a href="https://www.example.org/">elders</a>'
        f'<a href="mailto:info@dutchtechzone.nl">mail</a><a href="http://dutchtechzone.nl/">apex</a>'
    )
    text = f"Zie de agenda: {site}/agenda/.\nBevestigen: {site}/nieuwsbrief/bevestigen/?t=abc\nLees verder: {site}/parels/hal/?utm_source=nieuwsbrief&utm_campaign=maart\n"
    issue = SimpleNamespace(html=html, text=text)
    assert live_addresses(issue, site) == [
        f"{site}/parels/hal/?utm_source=nieuwsbrief&utm_campaign=maart",
        f"{site}/images/hal-600x400.1a2b3c4d5e.jpg",
        f"{site}/agenda/",
    ]
