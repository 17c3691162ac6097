"""Checking and normalising the provider base URL a user typed."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from genstudio.api.errors import InvalidBaseUrlError
from genstudio.i18n import translate


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: str, *, allow_insecure: bool = False) -> str:
    """Return ``scheme://host[:port][/path]`` without a trailing slash or ``/v2``.

    Plain http is accepted for loopback hosts only, unless ``allow_insecure`` is set:
    elsewhere the API key would cross the network in clear text.
    """
    text = url.strip()
    if not text:
        raise InvalidBaseUrlError(
            translate(
                "Messages",
                "The provider address is empty: enter its base URL, "
                "for example https://api.example.com.",
            )
        )
    if "://" not in text:
        raise InvalidBaseUrlError(
            translate(
                "Messages", "The provider address {address} has no scheme: start it with https://."
            ).format(address=repr(text))
        )
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidBaseUrlError(
            translate(
                "Messages",
                "The provider address must start with https:// (or http:// for a local "
                "server), not {scheme}://.",
            ).format(scheme=scheme)
        )
    try:
        host = parts.hostname or ""
        port = parts.port
    except ValueError as exc:
        raise InvalidBaseUrlError(
            translate("Messages", "The provider address has a bad port: {problem}.").format(
                problem=exc
            )
        ) from exc
    if not host:
        raise InvalidBaseUrlError(
            translate(
                "Messages",
                "The provider address has no host name: enter it as https://api.example.com.",
            )
        )
    if parts.username or parts.password:
        raise InvalidBaseUrlError(
            translate("Messages", "Put the API key in the key field, not in the address.")
        )
    if parts.query or parts.fragment:
        raise InvalidBaseUrlError(
            translate(
                "Messages",
                "The provider address should not contain '?' or '#': enter only the base URL.",
            )
        )
    if scheme == "http" and not allow_insecure and not is_loopback_host(host):
        raise InvalidBaseUrlError(
            translate(
                "Messages",
                "{host} would receive your API key over plain http, unencrypted. Use https://, "
                "or explicitly allow an insecure connection if you trust this network.",
            ).format(host=host)
        )
    path = parts.path.rstrip("/")
    while path.lower().endswith("/v2"):
        path = path[:-3].rstrip("/")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, path, "", ""))
