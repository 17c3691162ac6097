"""Which output links GenStudio fetches: http(s) links to addresses it may reach.

Output links come from the provider's answer, so whoever controls that answer chooses
them. A link to the cloud metadata service (169.254.169.254) or into the user's own
network would make GenStudio fetch it and save the answer as an output. So every hop
(the link and each redirect) is checked after name resolution, and the connection goes
to the very address that was checked: no second lookup that could answer differently.

Never reached: link-local (169.254.0.0/16, fe80::/10), unspecified and multicast
addresses. Other non-public addresses (loopback, 10/8, 192.168/16, fc00::/7, ...) only
when the provider's own base URL is on such an address: a gateway on the user's network
(or the simulator on loopback) serves its files from there.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import urllib.parse
from collections.abc import Callable
from typing import TypeAlias

from genstudio.api.answers import HIDDEN
from genstudio.api.base_url import is_loopback_host
from genstudio.api.errors import UnusableLinkError
from genstudio.i18n import translate

Resolver: TypeAlias = Callable[[str, int], list[str]]
"""(host, port) → its IP addresses as text, in the order to try; raises ``OSError``."""

Address: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address


def system_resolver(host: str, port: int) -> list[str]:
    found: list[str] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        text = str(sockaddr[0])
        if text not in found:
            found.append(text)
    return found


def not_a_web_link(url: str) -> UnusableLinkError:
    return UnusableLinkError(
        translate(
            "Messages",
            "The output link is not a web (http or https) address, so GenStudio does not "
            "download it. Open the task's link from the provider's site if you need it.",
        ),
        f"refused link: {url[:200]!r}",
    )


def held_the_key(url: str) -> UnusableLinkError:
    return UnusableLinkError(
        translate(
            "Messages",
            "The output link held your API key, so GenStudio does not download it: the key "
            "would go to whoever serves the file. Ask your provider for links without it.",
        ),
        f"refused link with the key hidden in it: {url[:200]!r}",
    )


def web_parts(url: str) -> urllib.parse.SplitResult:
    """``url`` split, when it is an absolute http(s) link with a host and a valid port."""
    if HIDDEN in url:  # the server put the key in it; hidden at the api boundary
        raise held_the_key(url)
    parts = urllib.parse.urlsplit(url.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        raise not_a_web_link(url)
    return parts


def _address(text: str) -> Address | None:
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])  # fe80::1%eth0: the zone aside
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # ::ffff:169.254.169.254 is 169.254.169.254
    return ip


def never_reached(ip: Address) -> bool:
    return ip.is_link_local or ip.is_unspecified or ip.is_multicast


def is_private(ip: Address) -> bool:
    return not ip.is_global


class LinkPolicy:
    """The address rules for one provider's output links.

    ``provider_url`` is the provider's base URL (``None``: unknown, so only public
    addresses); whether it is private is found out once, on the worker thread, and
    only when a link leads to a private address.
    """

    def __init__(self, provider_url: str | None, resolve: Resolver = system_resolver) -> None:
        self.resolve = resolve
        self._provider = provider_url
        self._private_ok: bool | None = None
        self._lock = threading.Lock()

    def private_ok(self) -> bool:
        with self._lock:
            if self._private_ok is None:
                self._private_ok = self._provider_is_private()
            return self._private_ok

    def _provider_is_private(self) -> bool:
        if not self._provider:
            return False
        parts = urllib.parse.urlsplit(self._provider)
        host = parts.hostname or ""
        if not host:
            return False
        if is_loopback_host(host):
            return True
        literal = _address(host)
        if literal is not None:
            return is_private(literal)
        try:
            found = self.resolve(host, parts.port or 443)
        except OSError:
            return False
        return any(ip is not None and is_private(ip) for ip in map(_address, found))

    def check(self, url: str, ip_text: str) -> None:
        """Raise :class:`UnusableLinkError` unless ``ip_text`` may be reached for ``url``."""
        ip = _address(ip_text)
        if ip is None:
            raise not_a_web_link(url)
        if never_reached(ip) or (is_private(ip) and not self.private_ok()):
            raise forbidden_address(url, ip_text)

    def address_for(self, url: str, host: str, port: int) -> str:
        """The address to connect to for this hop: the first allowed one ``host``
        resolves to. Resolution errors are ``OSError`` (a network problem, retried)."""
        found = self.resolve(host, port)
        refused: UnusableLinkError | None = None
        for ip_text in found:
            try:
                self.check(url, ip_text)
            except UnusableLinkError as exc:
                refused = refused or exc
                continue
            return ip_text
        if refused is not None:
            raise refused
        raise OSError(f"{host} has no address")

    def check_name(self, url: str, host: str, port: int) -> None:
        """For a hop through a proxy, which resolves the name itself: refuse what the
        name resolves to here when that is forbidden (a name this computer cannot
        resolve is left to the proxy)."""
        literal = _address(host)
        if literal is not None:
            self.check(url, host)
            return
        with contextlib.suppress(OSError):
            self.address_for(url, host, port)


def forbidden_address(url: str, ip_text: str) -> UnusableLinkError:
    return UnusableLinkError(
        translate(
            "Messages",
            "The output link leads to {address}, an address on this computer's own "
            "network that GenStudio does not download from. Ask the provider why its link "
            "points there.",
        ).format(address=ip_text),
        f"refused address {ip_text} for {url[:200]!r}",
    )
