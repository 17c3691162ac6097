"""Output links are checked: web links only, never link-local, unspecified or multicast
addresses (on every redirect hop, after name resolution), private ones only for a
private provider. No test here connects anywhere but loopback: a resolver seam maps
test names to the addresses under test, and every connection attempt is recorded."""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from genstudio.api.download import OutputDownloader
from genstudio.api.errors import OutputTooLargeError, UnusableLinkError
from genstudio.api.kinds import Scope
from tests.api.test_download import Reply, ScriptedHost

LOOPBACK_PROVIDER = "http://127.0.0.1:1"
PUBLIC_PROVIDER = "https://api.public.test"


class Names:
    """A resolver for the test: test names to the addresses it says; literals as they are."""

    def __init__(self, **names: str) -> None:
        self.names = {k.replace("_", "."): v for k, v in names.items()}
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return [self.names.get(host, host)]


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address a download connects to (loopback ones go through)."""
    seen: list[tuple[str, int]] = []
    original = socket.create_connection

    def record(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        seen.append(address)
        return original(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", record)
    return seen


@pytest.fixture
def host() -> Iterator[ScriptedHost]:
    scripted = ScriptedHost()
    yield scripted
    scripted.close()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "/files/relative.png",
        "files/relative.png",
        "//cdn.example.test/no-scheme.png",
        "ftp://cdn.example.test/a.png",
        "http:///no-host.png",
        "http://cdn.example.test:99999/bad-port.png",
        "",
    ],
)
async def test_links_that_are_not_web_links_are_refused_without_a_request(
    url: str, tmp_path: Path, connections: list[tuple[str, int]]
) -> None:
    names = Names()
    async with OutputDownloader(resolve=names) as downloader:
        with pytest.raises(UnusableLinkError, match="not a web"):
            await downloader.download(url, tmp_path, "o", Scope.IMAGES, provider_url=None)
    assert names.asked == [] and connections == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://metadata.test/latest/meta-data/",  # resolves to 169.254.169.254
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/x.png",
        "http://[::ffff:169.254.169.254]/x.png",
        "http://0.0.0.0/x.png",
        "http://[::]/x.png",
        "http://224.0.0.1/x.png",
        "http://[ff02::1]/x.png",
    ],
)
async def test_forbidden_addresses_are_never_connected_to(
    url: str, tmp_path: Path, connections: list[tuple[str, int]]
) -> None:
    names = Names(metadata_test="169.254.169.254")
    async with OutputDownloader(resolve=names) as downloader:
        # Even for a provider on loopback, whose private output hosts are allowed.
        with pytest.raises(UnusableLinkError, match="does not download from"):
            await downloader.download(
                url, tmp_path, "o", Scope.IMAGES, provider_url=LOOPBACK_PROVIDER
            )
    assert connections == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "location",
    ["http://metadata.test/latest/meta-data/iam", "http://169.254.169.254/", "file:///etc/passwd"],
)
async def test_every_redirect_hop_is_checked(
    location: str, host: ScriptedHost, tmp_path: Path, connections: list[tuple[str, int]]
) -> None:
    host.routes["/out.png"] = Reply(302, {"Location": location, "Content-Length": "0"})
    names = Names(metadata_test="169.254.169.254")
    async with OutputDownloader(resolve=names) as downloader:
        with pytest.raises(UnusableLinkError):
            await downloader.download(
                host.url("/out.png"), tmp_path, "o", Scope.IMAGES, provider_url=LOOPBACK_PROVIDER
            )
    assert [address for address, _port in connections] == ["127.0.0.1"]  # the first hop only
    assert len(host.seen) == 1
    assert list(tmp_path.iterdir()) == []


async def test_private_hosts_only_for_a_provider_on_a_private_address(
    host: ScriptedHost, tmp_path: Path, connections: list[tuple[str, int]]
) -> None:
    host.routes["/a.png"] = Reply(headers={"Content-Length": "4"}, body=b"\x89PNG")
    names = Names(api_public_test="8.8.8.8", gateway_lan="192.168.1.20", cdn_lan="127.0.0.1")
    async with OutputDownloader(resolve=names) as downloader:
        # A public provider's link into this computer or its network is refused...
        with pytest.raises(UnusableLinkError):
            await downloader.download(
                host.url("/a.png"), tmp_path, "a", Scope.IMAGES, provider_url=PUBLIC_PROVIDER
            )
        with pytest.raises(UnusableLinkError):  # ...and so is one from an unknown provider
            await downloader.download(host.url("/a.png"), tmp_path, "a", Scope.IMAGES)
        assert connections == [] and host.seen == []
        # ...a gateway on the user's network may serve its files from there, by name too.
        port = host.server.server_address[1]
        saved = await downloader.download(
            f"http://cdn.lan:{port}/a.png",
            tmp_path,
            "a",
            Scope.IMAGES,
            provider_url="https://gateway.lan",
        )
    assert saved.path.read_bytes() == b"\x89PNG"
    # Connected to the address that was checked, asking for the name it was given.
    assert connections == [("127.0.0.1", port)]
    assert host.seen[0]["Host"] == f"cdn.lan:{port}"


async def test_a_compressed_bomb_stops_at_the_cap_while_it_arrives(
    host: ScriptedHost, tmp_path: Path
) -> None:
    bomb = gzip.compress(bytes(200_000_000), 1)  # 200 MB of zeros in about 200 kB
    held = threading.Event()
    sent_all = threading.Event()

    def then_hold() -> Iterator[bytes]:
        yield bomb[: len(bomb) // 2]
        held.wait(30)  # the rest comes only once the test has its answer
        yield bomb[len(bomb) // 2 :]
        sent_all.set()

    host.routes["/bomb.png"] = Reply(
        headers={"Content-Encoding": "gzip", "Content-Length": str(len(bomb))}, parts=then_hold
    )
    try:
        async with OutputDownloader(max_bytes=5_000_000) as downloader:
            with pytest.raises(OutputTooLargeError):
                await downloader.download(
                    host.url("/bomb.png"),
                    tmp_path,
                    "b",
                    Scope.IMAGES,
                    provider_url=LOOPBACK_PROVIDER,
                )
        # Stopped on the inflated bytes of the first half, not at the end of the body.
        assert not sent_all.is_set()
    finally:
        held.set()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def tls_host(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An https server on loopback whose certificate names ``cdn.lan``; (port, CA file)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs openssl to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=cdn.lan", "-addext", "subjectAltName=DNS:cdn.lan"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    host = ScriptedHost()
    host.routes["/a.png"] = Reply(headers={"Content-Length": "4"}, body=b"\x89PNG")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    host.server.socket = context.wrap_socket(host.server.socket, server_side=True)
    yield host.server.server_address[1], cert
    host.close()


async def test_https_connects_to_the_checked_address_and_checks_the_name(
    tls_host: tuple[int, Path], tmp_path: Path, connections: list[tuple[str, int]]
) -> None:
    port, ca = tls_host
    trust = ssl.create_default_context(cafile=str(ca))
    names = Names(cdn_lan="127.0.0.1")
    async with OutputDownloader(resolve=names, ssl_context=trust) as downloader:
        saved = await downloader.download(
            f"https://cdn.lan:{port}/a.png",
            tmp_path,
            "a",
            Scope.IMAGES,
            provider_url=LOOPBACK_PROVIDER,
        )
    assert saved.path.read_bytes() == b"\x89PNG"
    assert connections == [("127.0.0.1", port)]  # the certificate was checked for cdn.lan
