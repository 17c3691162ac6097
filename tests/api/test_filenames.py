from __future__ import annotations

from pathlib import Path

import pytest

from genstudio.api.filenames import extension_for, output_stem, safe_filename_part
from genstudio.api.kinds import Scope

HOSTILE = [
    "../../etc/passwd",
    "/absolute/path",
    "C:\\Windows\\system32",
    'a:b*c?d<e>f|g"h',
    "nul\x00byte",
    "x" * 300,
    "🎨🎬 emoji prompt 🚀",
    "..",
    ".",
    "",
    "CON",
    "  spaced  ",
    "line\nbreak\ttab",
    "中文提示词：一只猫",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_names_stay_inside_the_folder(text: str, tmp_path: Path) -> None:
    name = safe_filename_part(text)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name and ":" not in name
    assert not name.startswith(".")
    assert len(name.encode()) <= 180
    target = (tmp_path / name).resolve()
    assert target.parent == tmp_path.resolve()
    target.write_bytes(b"ok")  # the file system accepts it


def test_windows_reserved_names_are_changed() -> None:
    assert safe_filename_part("CON").upper() != "CON"
    assert safe_filename_part("nul.txt").split(".")[0].upper() != "NUL"


def test_output_stem() -> None:
    stem = output_stem(
        date="2026-11-23",
        model="veo3",
        prompt="A fox / in the snow [[fail]]",
        fallback="t1",
        index=2,
    )
    assert stem == "2026-11-23_veo3_A-fox-in-the-snow_2"
    assert (
        output_stem(date="2026-11-23", model=None, prompt=None, fallback="veo3:17-ab", index=1)
        == "2026-11-23_veo3-17-ab_1"
    )


@pytest.mark.parametrize(
    ("content_type", "url", "kind", "expected"),
    [
        ("image/png", "https://x/a", Scope.IMAGES, ".png"),
        ("image/jpeg; charset=binary", "https://x/a", Scope.IMAGES, ".jpg"),
        (None, "https://x/a.JPEG", Scope.IMAGES, ".jpg"),
        ("audio/mpeg", "https://x/a", Scope.AUDIO, ".mp3"),
        ("audio/x-wav", "https://x/a", Scope.AUDIO, ".wav"),
        ("application/octet-stream", "https://x/a.webm", Scope.VIDEOS, ".webm"),
        (None, "https://x/a.MP4?token=1", Scope.VIDEOS, ".mp4"),
        (None, "https://x/noext", Scope.VIDEOS, ".mp4"),
        (None, "https://x/evil.sh%2F..%2Fx", Scope.IMAGES, ".png"),
        # A server-chosen type or name never makes an output a script or another kind.
        ("application/x-sh", "https://x/run.sh", Scope.IMAGES, ".png"),
        ("text/x-shellscript", "https://x/a", Scope.AUDIO, ".mp3"),
        ("application/x-msdownload", "https://x/setup.exe", Scope.VIDEOS, ".mp4"),
        (None, "https://x/a.desktop", Scope.AUDIO, ".mp3"),
        ("text/html", "https://x/page.html", Scope.IMAGES, ".png"),
        ("video/mp4", "https://x/a.mp4", Scope.IMAGES, ".png"),
        ("audio/aac", "https://x/a.aac", Scope.AUDIO, ".mp3"),
        ("image/svg+xml", "https://x/a.svg", Scope.IMAGES, ".png"),
    ],
)
def test_extension_comes_from_the_kind_s_allow_list(
    content_type: str | None, url: str, kind: Scope, expected: str
) -> None:
    assert extension_for(content_type, url, kind) == expected
