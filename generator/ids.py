"""Stable article ids: from the canonical URL when there is one, else from the text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_LENGTH = 12

# Query parameters that only track the reader and never change the article.
TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|__twitter_impression)$"
)


def canonical_url(url: str) -> str:
    """Return the URL with case, default ports, fragments and tracking parameters normalised."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAM.match(k)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def article_id(url: str | None, text: str) -> str:
    """Return the article's stable id: a short hash of its canonical URL, else of its text."""
    if url:
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]
