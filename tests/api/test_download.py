"""Output downloads: exact bytes, no key to the output host, nothing partial left behind."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.download import OutputDownloader
from genstudio.api.errors import DownloadError, LinkExpiredError
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope, TaskSnapshot
from genstudio.api.waiting import wait_for_task
from genstudio.sim import Fault, Simulator
from tests.conftest import FAST_BACKOFF


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
            await downloader.download(url, tmp_path, f"out_{i}")
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
        first = await downloader.download(snap.outputs[0], tmp_path, "picture")
        second = await downloader.download(snap.outputs[0], tmp_path, "picture")
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
            await downloader.download(snap.outputs[0], tmp_path, "clip")
        assert list(tmp_path.iterdir()) == []
        saved = await downloader.download(snap.outputs[0], tmp_path, "clip")
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]
    assert saved.size > 1000


async def test_short_body_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    transport = httpx.MockTransport(
        lambda _r: httpx.Response(
            200,
            headers={"Content-Length": "100", "Content-Type": "image/png"},
            stream=httpx.ByteStream(b"x" * 40),
        )
    )
    async with OutputDownloader(transport=transport) as downloader:
        with pytest.raises(DownloadError, match="ended early"):
            await downloader.download("https://cdn.test/a.png", tmp_path, "a")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", [403, 404, 410])
async def test_expired_link(status: int, tmp_path: Path) -> None:
    transport = httpx.MockTransport(lambda _r: httpx.Response(status))
    async with OutputDownloader(transport=transport) as downloader:
        with pytest.raises(LinkExpiredError, match="Link expired"):
            await downloader.download("https://cdn.test/gone.mp4", tmp_path, "gone")
    assert list(tmp_path.iterdir()) == []


async def test_size_cap(tmp_path: Path) -> None:
    transport = httpx.MockTransport(lambda _r: httpx.Response(200, content=b"y" * 5000))
    async with OutputDownloader(transport=transport, max_bytes=1000) as downloader:
        with pytest.raises(DownloadError, match="larger than"):
            await downloader.download("https://cdn.test/big.bin", tmp_path, "big")
    assert list(tmp_path.iterdir()) == []


async def test_extension_from_url_when_type_is_generic(tmp_path: Path) -> None:
    transport = httpx.MockTransport(
        lambda _r: httpx.Response(
            200, content=b"ID3", headers={"Content-Type": "application/octet-stream"}
        )
    )
    async with OutputDownloader(transport=transport) as downloader:
        saved = await downloader.download("https://cdn.test/x/song.MP3?sig=1", tmp_path, "s")
    assert saved.path.name == "s.mp3"


async def test_downloader_never_sends_authorization(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        return httpx.Response(200, content=b"data", headers={"Content-Type": "video/mp4"})

    async with OutputDownloader(transport=httpx.MockTransport(handler)) as downloader:
        await downloader.download("https://cdn.other.test/v.mp4", tmp_path, "v")
    assert "Authorization" not in seen[0].headers
