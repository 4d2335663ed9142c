"""How every mail the project writes (email.eml, delivery, the subscription service's) is serialized: a plain
ASCII header stays plain, folded only at its own whitespace. ``email.policy.SMTP`` would turn a long
``List-Unsubscribe: <https://…?t=TOKEN>`` into RFC 2047 encoded words, which mail programs and one-click
unsubscribe (RFC 2369, RFC 8058) do not decode."""

import re
from email.message import EmailMessage
from email.policy import EmailPolicy

FOLDED = re.compile(r"\r?\n(?=[ \t])")  # a fold in a header value read from a file


class WirePolicy(EmailPolicy):
    """``policy.SMTP`` (CRLF line ends), with plain ASCII headers folded at whitespace only."""

    def _fold(self, name, value, refold_binary=False):
        text = FOLDED.sub("", str(value))
        if not self.max_line_length or not text.isascii() or "=?" in text or "\n" in text or "\r" in text:
            return super()._fold(name, value, refold_binary)  # what the e-mail package does: encoded words where needed
        # lines of at most max_line_length where the words allow it, each continuation line beginning with the
        # space it was folded at (RFC 5322 2.2.3)
        lines, line = [], f"{name}:"
        for word in text.split(" "):
            if word and line.strip() != f"{name}:" and len(line) + 1 + len(word) > self.max_line_length:
                lines.append(line)
                line = ""
            line += " " + word
        return self.linesep.join([*lines, line]) + self.linesep


POLICY = WirePolicy(linesep="\r\n")


def new_message():
    """An empty message that serializes with :data:`POLICY`."""
    return EmailMessage(policy=POLICY)
