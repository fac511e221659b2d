"""E-mail: press releases and newsletters as they reach a newsroom (``.eml``, one message; ``.mbox``, many).

An outlet that prints a press release nearly as sent is the commonest copy of all, and the release
arrives by mail.  Each message is a document: its subject the title, its ``Date`` the date, its text
the body a reader sees (the plain-text part, or else the HTML part, read as a page is).  Attached
files (the release itself, often a PDF or Word file under a cover note) are read as the files they
are, each its own document.  The standard library's parser undoes encoded headers, charsets and transfer encodings.
An mbox file is split at its ``From `` lines and read a message at a time, never whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import errors, policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import BinaryIO, cast

__all__ = ["MailMessage", "NotAMessage", "mbox_messages", "read_message"]

#: mboxrd's quoting of a body line that begins "From ": one ">" more, taken off again when read.
_QUOTED_FROM = re.compile(rb"^>(>*From )")
#: The line that opens a message: "From sender date" ("From MAILER-DAEMON Tue Mar  4 09:00:00 2025"); a body
#: line a writer left unquoted ("From now on ...") has no clock time.
_SEPARATOR = re.compile(rb"From \S*\s.*\d\d:\d\d")


class NotAMessage(ValueError):
    """A message whose body cannot be read (an unknown charset, a broken part)."""


@dataclass(frozen=True, slots=True)
class MailMessage:
    message_id: str | None  # without its angle brackets
    subject: str | None
    date: str | None  # the Date header as written
    text: str
    html: bool  # the body is the HTML part (no plain-text one)
    attachments: tuple[tuple[str, bytes], ...] = ()  # (file name, content) of each attached file


#: What the standard library's parsers raise, besides their own errors, on headers and parts it cannot make sense
#: of (a damaged Message-ID raised IndexError from inside it; a Date whose seconds run to thirty digits,
#: OverflowError).
_UNPARSED = (errors.MessageError, LookupError, ValueError, TypeError, AttributeError, ArithmeticError)


def _header(message: EmailMessage, name: str) -> str | None:
    """A header's value, decoded; as written where it cannot be parsed."""
    try:
        value: object = message.get(name)
    except _UNPARSED:
        value = next((raw for key, raw in message.raw_items() if key.lower() == name.lower()), None)
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def read_message(data: bytes) -> MailMessage:
    """One message's headers and readable body.  Raises NotAMessage."""
    try:
        return _read_message(data)
    except RecursionError:  # the standard library parses and walks parts within parts by recursion
        raise NotAMessage("message nested too deeply to read (messages attached within messages, hundreds deep)") \
            from None


def _read_message(data: bytes) -> MailMessage:
    message = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(data))
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        html = body is not None and body.get_content_subtype() == "html"
    except _UNPARSED as exc:
        raise NotAMessage(f"unreadable message body: {' '.join(str(exc).split()) or type(exc).__name__}") from None
    message_id = _header(message, "Message-ID")
    return MailMessage(message_id.strip("<>") if message_id else None, _header(message, "Subject"),
                       _header(message, "Date"), text if isinstance(text, str) else "", html, _attachments(message))


def _attachments(message: EmailMessage) -> tuple[tuple[str, bytes], ...]:
    """The files attached, by name (the release itself often comes as a PDF or Word file under a cover note);
    a part the parser cannot decode, or one without a name, is passed over."""
    found = []
    try:
        for part in message.iter_attachments():
            name = part.get_filename()
            payload = part.get_payload(decode=True) if isinstance(part, EmailMessage) else None
            if name and isinstance(payload, bytes):
                found.append((name.replace("\\", "/").rsplit("/", 1)[-1], payload))
    except _UNPARSED:
        pass
    return tuple(found)


def mbox_messages(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """An mbox file's messages, numbered from 1: each one's bytes (at most ``limit``) and whether it was cut."""
    number, size, cut = 0, 0, False
    lines: list[bytes] = []
    previous_blank = True
    for line in handle:
        if previous_blank and line.startswith(b"From ") and _SEPARATOR.match(line):
            if number:
                yield number, b"".join(lines), cut
            number, lines, size, cut = number + 1, [], 0, False
        elif number:
            size += len(line)
            if size <= limit:
                lines.append(_QUOTED_FROM.sub(rb"\1", line))
            else:
                cut = True
        previous_blank = not line.strip()
    if number:
        yield number, b"".join(lines), cut
