"""A built nieuwsbrief issue, read from output/nieuwsbrief/<slug>/email.eml, and the personal
copy of it for one recipient.

The newsletter build writes the e-mail once with the literal placeholder ``{token}`` in the
unsubscribe target. The parts of the .eml may be quoted-printable or base64, and a placeholder
can be split over encoded lines, so each part is decoded, personalised and encoded again:
never string replacement on the encoded body.
"""

import email
import hashlib
import hmac
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.utils import formatdate
from pathlib import Path

from dtz_contract.placeholder import TOKEN as PLACEHOLDER
from dtz_contract.placeholder import personalise
from dtz_contract.mail import new_message

# Set per recipient and per send; everything else in the .eml header is kept.
_REPLACED = {"to", "cc", "bcc", "message-id", "date", "mime-version", "content-type", "content-transfer-encoding", "content-disposition"}
_ENCODED_PLACEHOLDER = "%7btoken%7d"


class IssueError(Exception):
    """The issue is missing or its email.eml is not what the newsletter build promises."""


@dataclass(frozen=True)
class Issue:
    slug: str
    path: Path
    headers: tuple  # (name, value) in file order
    text: str
    html: str
    digest: str  # sha256 of email.eml: the same issue across runs, or a changed one

    @property
    def subject(self):
        return self.header("Subject")

    @property
    def sender(self):
        """The bare From address: the SMTP envelope sender unless told otherwise."""
        return email.utils.parseaddr(self.header("From"))[1]

    def header(self, name):
        return next((value for key, value in self.headers if key.lower() == name.lower()), "")

    def message_for(self, recipient, token, secret):
        """The recipient's own message: To only them, their token, a Message-ID of their own.

        The Message-ID is derived from the issue, its content and the recipient, so a copy sent
        again after an unlucky crash carries the same ID and mail clients can drop it.
        """
        message = new_message()  # dtz_contract.mail: List-Unsubscribe and every ASCII header arrive plain
        for name, value in self.headers:
            message[name] = personalise(value, token)
        message["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = self._message_id(recipient, secret)
        message["MIME-Version"] = "1.0"
        message.set_content(personalise(self.text, token), subtype="plain", charset="utf-8", cte="quoted-printable")
        message.add_alternative(personalise(self.html, token), subtype="html", charset="utf-8", cte="quoted-printable")
        return message

    def _message_id(self, recipient, secret):
        mac = hmac.new(secret.encode("utf-8"), f"{self.digest}\x00{recipient.key}".encode("utf-8"), hashlib.sha256).hexdigest()[:24]
        domain = self.sender.rsplit("@", 1)[-1] or "localhost"
        return f"<nieuwsbrief.{self.slug}.{self.digest[:8]}.{mac}@{domain}>"


def issue_folder(output, slug):
    return Path(output) / "nieuwsbrief" / slug


def built_issues(output):
    folder = Path(output) / "nieuwsbrief"
    return sorted(p.parent.name for p in folder.glob("*/email.eml")) if folder.is_dir() else []


def _part(message, subtype):
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}" and not part.is_attachment():
            return part.get_content().replace("\r\n", "\n")  # lines end as on the wire; the policy adds CRLF again
    raise IssueError(f"heeft geen text/{subtype}-deel")


def load_issue(output, slug):
    """Read and check the built issue; IssueError says what is wrong in one line."""
    path = issue_folder(output, slug) / "email.eml"
    if not path.is_file():
        built = ", ".join(built_issues(output)) or "geen"
        raise IssueError(f"{path}: niet gevonden — bouw eerst de site met `make html` (gebouwde nieuwsbrieven: {built})")
    data = path.read_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    try:
        if message.get_content_type() != "multipart/alternative":
            raise IssueError(f"is {message.get_content_type()}, geen multipart/alternative")
        text, html = _part(message, "plain"), _part(message, "html")
        headers = tuple((name, str(value)) for name, value in message.items() if name.lower() not in _REPLACED)
        issue = Issue(slug, path, headers, text, html, hashlib.sha256(data).hexdigest())
        for name in ("Subject", "From"):
            if not issue.header(name):
                raise IssueError(f"heeft geen {name}-kopregel")
        if "@" not in issue.sender:
            raise IssueError(f"From {issue.header('From')!r} heeft geen e-mailadres")
        _check_placeholder(issue)
    except IssueError as error:
        raise IssueError(f"{path}: {error}") from None
    return issue


def _check_placeholder(issue):
    """A placeholder in one place and not another would send someone a link that is not theirs."""
    places = {"HTML-deel": issue.html, "tekstdeel": issue.text, "List-Unsubscribe": issue.header("List-Unsubscribe")}
    for name, value in places.items():
        if _ENCODED_PLACEHOLDER in value.lower():
            raise IssueError(f"{name} bevat {{token}} als URL-codering (%7Btoken%7D) — verwacht letterlijk {PLACEHOLDER}")
    present = [name for name, value in places.items() if PLACEHOLDER in value]
    if present and len(present) != len(places):
        missing = ", ".join(name for name in places if name not in present)
        raise IssueError(
            f"{PLACEHOLDER} staat wel in {', '.join(present)} maar niet in {missing} — "
            "verwacht het afmeldadres met {token} op alle drie de plaatsen"
        )
