"""Which address a request comes from, when reverse proxies may stand in front (setting CCHC_TRUSTED_PROXIES).

Only when the direct peer is a trusted proxy is X-Forwarded-For believed, and then from the right: each proxy
appends the address it saw, so the right-most address that is not itself a trusted proxy is the client. What a
client writes into the header itself sits to the left of that and is never taken; a client that sends the header
straight to the server (not through a trusted proxy) is seen at its own address."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from common import settings
from common.errors import SettingsError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted(text: str) -> tuple[Network, ...]:
    """The networks of a comma-separated list of addresses and CIDRs; a SettingsError naming a bad entry."""
    found: list[Network] = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        try:
            found.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as exc:
            raise SettingsError("gate.bad_proxies", name="CCHC_TRUSTED_PROXIES", value=entry[:60]) from exc
    return tuple(found)


def trusted() -> tuple[Network, ...]:
    """The trusted proxies of this server (none by default)."""
    return parse_trusted(settings.CCHC_TRUSTED_PROXIES.get())


def is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    """Whether this address is one of the trusted proxies (an address that is not one never is)."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(peer: str, forwarded_for: Iterable[str], networks: tuple[Network, ...]) -> str:
    """The client's address: the peer itself unless it is a trusted proxy; then the right-most address of
    X-Forwarded-For (all headers, in order) that is not trusted (the left-most one when all are trusted)."""
    if not is_trusted(peer, networks):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_address(hop):
            return peer  # a hop we cannot read: believe nothing further left
        if not is_trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


def forwarded_https(peer: str, proto: str | None, networks: tuple[Network, ...]) -> bool:
    """Whether a trusted proxy says the client spoke https (X-Forwarded-Proto; the client-side, left-most value)."""
    if not proto or not is_trusted(peer, networks):
        return False
    return proto.split(",")[0].strip().lower() == "https"
