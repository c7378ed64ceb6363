"""Send messages over SMTP: settings from the environment, one message per recipient.

Nothing about the mail server lives in newsdigest.yml: host, port, security, user, password,
sender and recipients come from the environment (the publishing workflow's secrets), and the
recipients may come from a file, one address a line.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path

from generator.errors import ConfigError, DeliveryError

ENV_PREFIX = "NEWSDIGEST_SMTP_"
SECURITIES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server and whom to send to."""

    host: str
    port: int
    security: str  # one of SECURITIES
    sender: str
    recipients: tuple[str, ...]
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0


def smtp_settings(env: Mapping[str, str], recipients_file: Path | None) -> SmtpSettings:
    """Read the SMTP settings from NEWSDIGEST_SMTP_* variables; raise ConfigError if unusable."""

    def get(name: str) -> str:
        return env.get(ENV_PREFIX + name, "").strip()

    host, security = get("HOST"), (get("SECURITY") or "starttls").lower()
    if not host:
        raise ConfigError(f"{ENV_PREFIX}HOST: not set (the mail server's name)")
    if security not in SECURITIES:
        raise ConfigError(f"{ENV_PREFIX}SECURITY: expected one of {', '.join(SECURITIES)}")
    port_text = get("PORT") or str(DEFAULT_PORTS[security])
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"{ENV_PREFIX}PORT: expected a port number, not {port_text!r}")
    user, password = get("USER") or None, env.get(ENV_PREFIX + "PASSWORD") or None
    if password and security == "none" and host.lower() not in LOOPBACK:
        raise ConfigError(f"{ENV_PREFIX}SECURITY: none would send the password in clear text")
    sender = get("FROM")
    if not valid_address(sender):
        raise ConfigError(f"{ENV_PREFIX}FROM: expected the sender's address, not {sender!r}")
    file = recipients_file or (Path(get("TO_FILE")) if get("TO_FILE") else None)
    recipients = read_recipients(file) if file else split_recipients(get("TO"), f"{ENV_PREFIX}TO")
    if not recipients:
        raise ConfigError(f"{ENV_PREFIX}TO or --to-file: no recipients")
    return SmtpSettings(host, int(port_text), security, sender, recipients, user, password)


def valid_address(text: str) -> bool:
    """Return whether text is one plain mail address (no header tricks)."""
    _name, addr = parseaddr(text)
    return (
        bool(addr)
        and addr.count("@") == 1
        and not any(c in text for c in "\r\n,;")
        and all(addr.split("@"))
    )


def split_recipients(text: str, where: str) -> tuple[str, ...]:
    """Return the addresses of a comma- or space-separated list (duplicates dropped)."""
    found = [a for a in text.replace(",", " ").split() if a]
    bad = [a for a in found if not valid_address(a)]
    if bad:
        raise ConfigError(f"{where}: not a mail address: {bad[0]!r}")
    return tuple(dict.fromkeys(found))


def read_recipients(path: Path) -> tuple[str, ...]:
    """Return the addresses of a file: one a line, blank lines and # comments ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the recipients: {error.strerror}") from error
    kept = [line.split("#", 1)[0].strip() for line in lines]
    return split_recipients(" ".join(k for k in kept if k), str(path))


def recipient_key(address: str) -> str:
    """Return what the sent log keeps of a recipient: a hash, never the address itself."""
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:32]


def default_sender(title: str, host: str) -> str:
    """Return a From header for a rendered (unsent) newsletter."""
    return str(Address(display_name=title, username="newsletter", domain=host or "localhost"))


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """Open, secure and log in to the SMTP server; raise DeliveryError when that fails."""
    context = ssl.create_default_context()
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.security == "starttls":
            smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, settings.password or "")
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"SMTP {where}: cannot connect and log in: {error}") from error
    return smtp


def send_each(
    settings: SmtpSettings,
    messages: Sequence[tuple[str, EmailMessage]],
    sent: Callable[[str], None],
) -> list[str]:
    """Send each (recipient, message) on one connection; call `sent` after each delivery.

    Raises DeliveryError when the server cannot be reached (nothing sent); returns one
    problem line per recipient the server refused (the others are still sent).
    """
    problems = []
    smtp = connect(settings)
    try:
        for recipient, msg in messages:
            msg["Date"] = formatdate(usegmt=True)
            try:
                smtp.send_message(
                    msg, from_addr=parseaddr(settings.sender)[1], to_addrs=[recipient]
                )
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
                problems.append(f"newsletter: {recipient}: refused by the server: {error}")
                continue
            except (OSError, smtplib.SMTPException) as error:
                problems.append(f"newsletter: {recipient}: not sent: {error}")
                break  # the connection is gone: the rest wait for the next run
            sent(recipient)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return problems
