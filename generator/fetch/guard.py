"""Decide which addresses newsdigest may connect to: public ones, unless a source allows more.

The decision is a pure function of an IP literal; `pick_address` resolves a host once and
returns the address that passed, which the client then connects to (no second lookup).
"""

from __future__ import annotations

import ipaddress
import socket

from generator.errors import AddressRefused, FetchError

ALLOWED_SCHEMES = ("http", "https")


def is_public_address(ip: str) -> bool:
    """Return True when the IP literal is a globally routable unicast address."""
    try:
        address = ipaddress.ip_address(ip.strip("[]").split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or _nat64(address)
        if embedded is not None:
            return is_public_address(str(embedded))
        if address.teredo is not None or address.is_site_local:
            return False
    special = (
        address.is_private,
        address.is_loopback,
        address.is_link_local,
        address.is_multicast,
        address.is_reserved,
        address.is_unspecified,
    )
    return address.is_global and not any(special)


def _nat64(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address inside a well-known NAT64 prefix (64:ff9b::/96)."""
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_loopback_or_private(ip: str) -> bool:
    """Return True for addresses an allow_private source may reach (never multicast etc.)."""
    try:
        address = ipaddress.ip_address(ip.strip("[]").split("%")[0])
    except ValueError:
        return False
    return (address.is_loopback or address.is_private) and not address.is_multicast


def pick_address(host: str, port: int, private_origins: frozenset[tuple[str, int]]) -> str:
    """Resolve host once and return the first address this source may connect to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host}: {error}") from error
    allowed_private = (host.lower(), port) in private_origins
    for info in infos:
        ip = str(info[4][0])
        if is_public_address(ip) or (allowed_private and is_loopback_or_private(ip)):
            return ip
    shown = ", ".join(sorted({str(info[4][0]) for info in infos}))
    raise AddressRefused(f"refused {host}:{port}: non-public address {shown} not allowed")
