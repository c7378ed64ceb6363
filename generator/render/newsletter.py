"""Render one day's digest as an email: plain text and HTML with inline styles (pure: no I/O).

Mail clients drop <style> blocks and external CSS, so every style sits on its element. An
email is a page too: every scraped string is escaped (HTML) or stripped of control characters
(text and headers), and every link is absolute to the site's address (site.url).
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from itertools import groupby

from generator.config.settings import SiteSettings
from generator.render.context import Entry
from generator.render.html import clean, esc, page_url, safe_http_url
from generator.render.listings import count_label, day_label, digest_path, newest_first

WIDTH = 72  # plain-text line length
FONT = "font-family:Helvetica,Arial,sans-serif;"
STYLE = {
    "body": f"margin:0;padding:0;background:#f3f4f6;{FONT}color:#1f2937;",
    "frame": "max-width:640px;margin:0 auto;padding:24px 16px;background:#ffffff;",
    "top": "margin:0 0 4px;font-size:13px;color:#6b7280;",
    "h1": "margin:0 0 8px;font-size:24px;line-height:1.25;color:#111827;",
    "lede": "margin:0 0 20px;font-size:15px;color:#374151;",
    "h2": "margin:24px 0 8px;padding-bottom:4px;border-bottom:2px solid #e5e7eb;"
    "font-size:13px;letter-spacing:.05em;text-transform:uppercase;color:#4b5563;",
    "story": "margin:0 0 18px;",
    "title": "margin:0 0 2px;font-size:17px;line-height:1.3;",
    "link": "color:#1d4ed8;text-decoration:none;",
    "meta": "margin:0 0 4px;font-size:12px;color:#6b7280;",
    "summary": "margin:0;font-size:15px;line-height:1.5;color:#1f2937;",
    "foot": "margin:28px 0 0;padding-top:12px;border-top:1px solid #e5e7eb;font-size:12px;"
    "line-height:1.6;color:#6b7280;",
}


@dataclass(frozen=True)
class Newsletter:
    """One day's email before it is addressed: subject, both bodies, its web view."""

    day: str
    subject: str
    text: str
    html: str
    web_view: str  # absolute URL of the day's digest page


@dataclass(frozen=True)
class Delivery:
    """Who a message is from and how a reader unsubscribes (a URL, mailto: or a sentence)."""

    sender: str
    unsubscribe: str = 'To stop receiving this digest, reply with "unsubscribe".'


def absolute(site: SiteSettings, page: str) -> str:
    """Return a page's absolute URL on the published site."""
    if not site.url:
        raise ValueError("site.url is needed: an email's links must be absolute")
    return site.url.rstrip("/") + "/" + page_url(page)


def one_line(text: str) -> str:
    """Return scraped text as one clean line (safe in headers and plain text)."""
    return " ".join(clean(text).split())


def render_newsletter(
    day: str, entries: Sequence[Entry], site: SiteSettings, delivery: Delivery
) -> Newsletter:
    """Return the day's digest as an email, stories grouped by source, newest first."""
    ordered = sorted(entries, key=lambda e: (_source(e).casefold(), newest_first(e)))
    web = absolute(site, digest_path(day))
    subject = one_line(f"{site.title}: {day_label(day)} ({count_label(len(ordered))})")
    return Newsletter(
        day,
        subject,
        _text(day, ordered, site, delivery, web),
        _html(day, ordered, site, delivery, web),
        web,
    )


def _source(entry: Entry) -> str:
    return one_line(entry.article.source or "") or "Other sources"


def _time(entry: Entry) -> str:
    published = entry.article.published
    return published.local[11:16] if published and len(published.local) >= 16 else ""


def _text(
    day: str, entries: Sequence[Entry], site: SiteSettings, delivery: Delivery, web: str
) -> str:
    """Return the plain-text part."""
    lines = [
        one_line(site.title),
        f"{day_label(day)}: {count_label(len(entries))}",
        f"Read it on the web: {web}",
        "",
    ]
    for source, group in groupby(entries, key=_source):
        lines += [source.upper(), ""]
        for e in group:
            lines += _wrap(one_line(e.title), "")
            lines += _wrap(one_line(" ".join(e.summary_texts())), "  ")
            lines += [f"  {absolute(site, e.page)}", ""]
    lines += ["--", one_line(delivery.unsubscribe), f"Web view: {web}"]
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str) -> list[str]:
    """Wrap at spaces only: hyphenated words, figures and URLs stay whole."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _html(
    day: str, entries: Sequence[Entry], site: SiteSettings, delivery: Delivery, web: str
) -> str:
    """Return the HTML part: one column, inline styles only."""
    s = STYLE
    blocks = [
        f'<p style="{s["top"]}"><a href="{esc(web)}" style="{s["link"]}">'
        "View this digest on the web</a></p>",
        f'<h1 style="{s["h1"]}">{esc(one_line(site.title))}: {esc(day_label(day))}</h1>',
        f'<p style="{s["lede"]}">{esc(count_label(len(entries)))} in the digest for '
        f"{esc(day)}.</p>",
    ]
    for source, group in groupby(entries, key=_source):
        blocks.append(f'<h2 style="{s["h2"]}">{esc(source)}</h2>')
        blocks += [_story(e, site) for e in group]
    blocks.append(
        f'<p style="{s["foot"]}">{_unsubscribe(delivery.unsubscribe)}<br>'
        f'<a href="{esc(web)}" style="{s["link"]}">Web view</a> · '
        f'<a href="{esc(absolute(site, "index.md"))}" style="{s["link"]}">'
        f"{esc(one_line(site.title))}</a></p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="' + esc(site.language) + '"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{esc(one_line(site.title))}</title></head>"
        f'<body style="{s["body"]}"><div style="{s["frame"]}">\n'
        + "\n".join(blocks)
        + "\n</div></body></html>\n"
    )


def _story(entry: Entry, site: SiteSettings) -> str:
    s = STYLE
    meta = " · ".join(x for x in (_source(entry), _time(entry)) if x)
    summary = one_line(" ".join(entry.summary_texts()))
    lang = esc(entry.article.language or site.language)
    return (
        f'<div style="{s["story"]}" lang="{lang}">'
        f'<p style="{s["title"]}"><a href="{esc(absolute(site, entry.page))}" '
        f'style="{s["link"]}">{esc(one_line(entry.title))}</a></p>'
        f'<p style="{s["meta"]}">{esc(meta)}</p>'
        + (f'<p style="{s["summary"]}">{esc(summary)}</p>' if summary else "")
        + "</div>"
    )


def _unsubscribe(how: str) -> str:
    """Return the unsubscribe line: a link when it is a URL or mailto:, else the sentence."""
    target = unsubscribe_target(how)
    if target:
        return f'<a href="{esc(target)}" style="{STYLE["link"]}">Unsubscribe</a>'
    return esc(one_line(how))


def unsubscribe_target(how: str) -> str | None:
    """Return the unsubscribe URL or mailto: address, when `how` is one."""
    how = how.strip()
    if how.lower().startswith("mailto:") and "\n" not in how and " " not in how:
        return how
    return safe_http_url(how)


def message(letter: Newsletter, delivery: Delivery, recipient: str | None) -> EmailMessage:
    """Return the multipart/alternative message for one recipient (None: not addressed)."""
    msg = EmailMessage()
    msg["Subject"] = letter.subject
    msg["From"] = delivery.sender
    if recipient:
        msg["To"] = recipient
    host = delivery.sender.rpartition("@")[2].strip("> ") or "newsdigest.invalid"
    key = hashlib.sha256(f"{letter.day}\n{recipient or ''}".encode()).hexdigest()[:20]
    msg["Message-ID"] = f"<digest-{letter.day}-{key}@{host}>"
    target = unsubscribe_target(delivery.unsubscribe)
    if target:
        msg["List-Unsubscribe"] = f"<{target}>"
    msg.set_content(letter.text, cte="quoted-printable")
    msg.add_alternative(letter.html, subtype="html", cte="quoted-printable")
    # The library's boundary is random; one made from the content keeps output reproducible.
    body = f"{letter.text}\n{letter.html}".encode("utf-8", "surrogatepass")
    msg.set_boundary("==nd-" + hashlib.sha256(body).hexdigest()[:32] + "==")
    return msg
