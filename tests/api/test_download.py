"""Output downloads: exact bytes, no key to the output host, nothing partial left behind."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.download import OutputDownloader
from genstudio.api.errors import DownloadError, FolderWriteError, LinkExpiredError
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import TaskSnapshot
from genstudio.api.waiting import wait_for_task
from genstudio.sim import Fault, Simulator
from tests.conftest import FAST_BACKOFF

# Outputs of a provider on loopback may come from loopback (as the simulator's do).
LOOPBACK = "http://127.0.0.1:1"


class Reply:
    """What the scripted host answers: a status, headers and body parts (sent apart)."""

    def __init__(
        self,
        status: int = 200,
        headers: dict[str, str] | None = None,
        parts: Callable[[], Iterator[bytes]] | None = None,
        body: bytes = b"",
    ) -> None:
        self.status = status
        self.headers = headers or {}
        self.parts = parts or (lambda: iter([body]))


class ScriptedHost:
    """A loopback HTTP server that answers each path as the test says, and records
    the headers of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.seen: list[dict[str, str]] = []
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                host.seen.append(dict(self.headers.items()))
                reply = host.routes.get(self.path, Reply(404))
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for part in reply.parts():
                        self.wfile.write(part)
                        self.wfile.flush()
                except OSError:
                    pass  # the client went away, as some tests intend
                self.close_connection = True

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def host() -> Iterator[ScriptedHost]:
    scripted = ScriptedHost()
    yield scripted
    scripted.close()


async def finished(client: GenerationClient, scope: Scope) -> TaskSnapshot:
    task_id = await client.submit(GenerationRequest(scope, "a harbour at dawn", "m"))
    snap = await wait_for_task(client, scope, task_id, timeout=20, policy=FAST_BACKOFF)
    assert snap.has_result
    return snap


@pytest.mark.parametrize("scope", list(Scope))
async def test_download_writes_served_bytes_without_key(
    sim: Simulator, client: GenerationClient, tmp_path: Path, scope: Scope
) -> None:
    snap = await finished(client, scope)
    async with OutputDownloader() as downloader:
        saved = [
            await downloader.download(url, tmp_path, f"out_{i}", scope, provider_url=LOOPBACK)
            for i, url in enumerate(snap.outputs)
        ]
    async with httpx.AsyncClient() as plain:
        for item in saved:
            served = (await plain.get(item.url)).content
            assert item.path.read_bytes() == served
            assert item.sha256 == hashlib.sha256(served).hexdigest()
            assert item.size == len(served)
    assert not sim.authorization_seen_on_outputs
    assert sim.output_requests  # the check above saw real requests
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(s.path.name for s in saved)


async def test_existing_file_is_never_overwritten(client: GenerationClient, tmp_path: Path) -> None:
    snap = await finished(client, Scope.IMAGES)
    keep = tmp_path / "picture.png"
    keep.write_bytes(b"mine")
    async with OutputDownloader() as downloader:
        first = await downloader.download(
            snap.outputs[0], tmp_path, "picture", Scope.IMAGES, provider_url=LOOPBACK
        )
        second = await downloader.download(
            snap.outputs[0], tmp_path, "picture", Scope.IMAGES, provider_url=LOOPBACK
        )
    assert keep.read_bytes() == b"mine"
    assert first.path.name == "picture_2.png"
    assert second.path.name == "picture_3.png"


async def test_cut_connection_leaves_no_partial_file_and_retry_succeeds(
    sim: Simulator, client: GenerationClient, tmp_path: Path
) -> None:
    snap = await finished(client, Scope.VIDEOS)
    sim.inject(Fault("drop", endpoint="output"))
    async with OutputDownloader() as downloader:
        with pytest.raises(DownloadError):
            await downloader.download(
                snap.outputs[0], tmp_path, "clip", Scope.VIDEOS, provider_url=LOOPBACK
            )
        assert list(tmp_path.iterdir()) == []
        saved = await downloader.download(
            snap.outputs[0], tmp_path, "clip", Scope.VIDEOS, provider_url=LOOPBACK
        )
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]
    assert saved.size > 1000


async def test_short_body_is_an_error_and_leaves_nothing(
    host: ScriptedHost, tmp_path: Path
) -> None:
    host.routes["/a.png"] = Reply(
        headers={"Content-Length": "100", "Content-Type": "image/png"}, body=b"x" * 40
    )
    async with OutputDownloader() as downloader:
        with pytest.raises(DownloadError, match=r"ended early|connection failed"):
            await downloader.download(
                host.url("/a.png"), tmp_path, "a", Scope.IMAGES, provider_url=LOOPBACK
            )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", [403, 404, 410])
async def test_expired_link(host: ScriptedHost, status: int, tmp_path: Path) -> None:
    host.routes["/gone.mp4"] = Reply(status, {"Content-Length": "0"})
    async with OutputDownloader() as downloader:
        with pytest.raises(LinkExpiredError, match="Link expired"):
            await downloader.download(
                host.url("/gone.mp4"), tmp_path, "gone", Scope.VIDEOS, provider_url=LOOPBACK
            )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("declared", [True, False])
async def test_size_cap(host: ScriptedHost, tmp_path: Path, declared: bool) -> None:
    headers = {"Content-Length": "5000"} if declared else {}
    host.routes["/big.bin"] = Reply(headers=headers, body=b"y" * 5000)
    async with OutputDownloader(max_bytes=1000) as downloader:
        with pytest.raises(DownloadError, match="larger than the 0 MB limit"):
            await downloader.download(
                host.url("/big.bin"), tmp_path, "big", Scope.VIDEOS, provider_url=LOOPBACK
            )
    assert list(tmp_path.iterdir()) == []


async def test_extension_from_url_when_type_is_generic(host: ScriptedHost, tmp_path: Path) -> None:
    host.routes["/x/song.MP3?sig=1"] = Reply(
        headers={"Content-Type": "application/octet-stream", "Content-Length": "3"}, body=b"ID3"
    )
    async with OutputDownloader() as downloader:
        saved = await downloader.download(
            host.url("/x/song.MP3?sig=1"), tmp_path, "s", Scope.AUDIO, provider_url=LOOPBACK
        )
    assert saved.path.name == "s.mp3"


async def test_redirect_is_followed_without_any_key(host: ScriptedHost, tmp_path: Path) -> None:
    host.routes["/signed/v.mp4"] = Reply(
        302, {"Location": "/bucket/v.mp4?X-Sig=abc", "Content-Length": "0"}
    )
    host.routes["/bucket/v.mp4?X-Sig=abc"] = Reply(
        headers={"Content-Type": "video/mp4", "Content-Length": "4"}, body=b"data"
    )
    async with OutputDownloader() as downloader:
        saved = await downloader.download(
            host.url("/signed/v.mp4"), tmp_path, "v", Scope.VIDEOS, provider_url=LOOPBACK
        )
    assert saved.path.read_bytes() == b"data" and saved.path.name == "v.mp4"
    assert saved.url == host.url("/bucket/v.mp4?X-Sig=abc")
    assert len(host.seen) == 2
    assert not any("Authorization" in headers for headers in host.seen)
    assert all(h["Accept-Encoding"] == "identity" for h in host.seen)


async def test_gzip_sent_anyway_is_saved_inflated(host: ScriptedHost, tmp_path: Path) -> None:
    plain = bytes(range(256)) * 400
    packed = gzip.compress(plain)
    host.routes["/i.png"] = Reply(
        headers={
            "Content-Type": "image/png",
            "Content-Encoding": "gzip",
            "Content-Length": str(len(packed)),
        },
        body=packed,
    )
    async with OutputDownloader() as downloader:
        saved = await downloader.download(
            host.url("/i.png"), tmp_path, "i", Scope.IMAGES, provider_url=LOOPBACK
        )
    assert saved.path.read_bytes() == plain
    assert saved.sha256 == hashlib.sha256(plain).hexdigest() and saved.size == len(plain)


async def test_unknown_length_and_progress(host: ScriptedHost, tmp_path: Path) -> None:
    def slow() -> Iterator[bytes]:
        for _ in range(5):
            yield b"z" * 10_000
            time.sleep(0.06)

    host.routes["/s.wav"] = Reply(headers={"Content-Type": "audio/wav"}, parts=slow)
    seen: list[tuple[int, int | None]] = []
    async with OutputDownloader() as downloader:
        saved = await downloader.download(
            host.url("/s.wav"),
            tmp_path,
            "s",
            Scope.AUDIO,
            provider_url=LOOPBACK,
            progress=lambda d, t: seen.append((d, t)),
        )
    assert saved.size == 50_000 and saved.path.name == "s.wav"
    assert len(seen) >= 2, seen  # reports while it runs, not only at the end
    assert seen[-1] == (50_000, 50_000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def serve_slow_video(host: ScriptedHost) -> None:
    """``/v.mp4``: about 39 MB sent in 64 kB slices, 10 ms apart (some 6 s in all)."""

    def slices() -> Iterator[bytes]:
        for _ in range(600):
            yield b"v" * 65_536
            time.sleep(0.01)

    host.routes["/v.mp4"] = Reply(headers={"Content-Length": str(600 * 65_536)}, parts=slices)


async def test_cancelled_download_leaves_nothing(host: ScriptedHost, tmp_path: Path) -> None:
    serve_slow_video(host)
    started = asyncio.Event()
    async with OutputDownloader() as downloader:
        job = asyncio.ensure_future(
            downloader.download(
                host.url("/v.mp4"),
                tmp_path,
                "v",
                Scope.VIDEOS,
                provider_url=LOOPBACK,
                progress=lambda _d, _t: started.set(),
            )
        )
        await asyncio.wait_for(started.wait(), 10)
        assert list(tmp_path.iterdir())  # the temporary file exists while it runs
        job.cancel()
        with pytest.raises(asyncio.CancelledError):
            await job
    assert list(tmp_path.iterdir()) == []


async def test_downloader_never_sends_authorization(host: ScriptedHost, tmp_path: Path) -> None:
    host.routes["/v.mp4"] = Reply(
        headers={"Content-Type": "video/mp4", "Content-Length": "4"}, body=b"data"
    )
    async with OutputDownloader() as downloader:
        await downloader.download(
            host.url("/v.mp4"), tmp_path, "v", Scope.VIDEOS, provider_url=LOOPBACK
        )
    assert "Authorization" not in host.seen[0]


async def test_http_proxy_from_the_environment_is_used(host: ScriptedHost, tmp_path: Path) -> None:
    # The scripted host plays the proxy: it receives the absolute URL.
    host.routes["http://cdn.example.test/v.mp4"] = Reply(
        headers={"Content-Type": "video/mp4", "Content-Length": "4"}, body=b"data"
    )
    proxy = host.url("").replace("http://", "http://user:pa%20ss@")

    def unknown_here(host: str, _port: int) -> list[str]:  # no DNS query from a test
        raise socket.gaierror(f"{host}: unknown here, as behind a proxy")

    async with OutputDownloader(proxies={"http": proxy}, resolve=unknown_here) as downloader:
        saved = await downloader.download(
            "http://cdn.example.test/v.mp4", tmp_path, "v", Scope.VIDEOS, provider_url=LOOPBACK
        )
    assert saved.path.read_bytes() == b"data"
    (headers,) = host.seen
    assert headers["Host"] == "cdn.example.test"
    assert headers["Proxy-Authorization"] == "Basic dXNlcjpwYSBzcw=="  # user:pa ss
    assert "Authorization" not in headers


async def test_a_small_body_that_inflates_hugely_stops_at_the_cap(
    host: ScriptedHost, tmp_path: Path
) -> None:
    bomb = gzip.compress(bytes(50_000_000))  # 50 MB of zeros in about 50 kB
    host.routes["/bomb.png"] = Reply(
        headers={"Content-Encoding": "gzip", "Content-Length": str(len(bomb))}, body=bomb
    )
    async with OutputDownloader(max_bytes=2_000_000) as downloader:
        with pytest.raises(DownloadError, match="larger than"):
            await downloader.download(
                host.url("/bomb.png"), tmp_path, "b", Scope.IMAGES, provider_url=LOOPBACK
            )
    assert list(tmp_path.iterdir()) == []


async def test_a_cut_compressed_body_is_an_error(host: ScriptedHost, tmp_path: Path) -> None:
    packed = gzip.compress(bytes(range(256)) * 400)[:-20]  # the end is missing
    host.routes["/cut.png"] = Reply(
        headers={"Content-Encoding": "gzip", "Content-Length": str(len(packed))}, body=packed
    )
    async with OutputDownloader() as downloader:
        with pytest.raises(DownloadError, match="ended early"):
            await downloader.download(
                host.url("/cut.png"), tmp_path, "c", Scope.IMAGES, provider_url=LOOPBACK
            )
    assert list(tmp_path.iterdir()) == []


async def test_closing_stops_a_download_in_progress(host: ScriptedHost, tmp_path: Path) -> None:
    serve_slow_video(host)
    started = asyncio.Event()
    downloader = OutputDownloader()
    job = asyncio.ensure_future(
        downloader.download(
            host.url("/v.mp4"),
            tmp_path,
            "v",
            Scope.VIDEOS,
            provider_url=LOOPBACK,
            progress=lambda *_: started.set(),
        )
    )
    await asyncio.wait_for(started.wait(), 10)
    await downloader.aclose()
    with pytest.raises(DownloadError, match="stopped"):
        await job
    assert list(tmp_path.iterdir()) == []


async def test_a_folder_that_cannot_be_made_is_a_folder_error(
    host: ScriptedHost, tmp_path: Path
) -> None:
    host.routes["/a.png"] = Reply(headers={"Content-Length": "4"}, body=b"\x89PNG")
    (tmp_path / "file").write_bytes(b"")  # a file where the folder's parent should be
    async with OutputDownloader() as downloader:
        with pytest.raises(FolderWriteError) as caught:
            await downloader.download(
                host.url("/a.png"),
                tmp_path / "file" / "sub",
                "a",
                Scope.IMAGES,
                provider_url=LOOPBACK,
            )
    assert caught.value.cause == "missing" and caught.value.folder == str(tmp_path / "file" / "sub")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]
