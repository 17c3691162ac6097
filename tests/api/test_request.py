from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import (
    GenerationRequest,
    InvalidRequestError,
    check_image_reference,
    image_file_to_data_url,
)


def test_minimal_body_leaves_out_unset_fields() -> None:
    request = GenerationRequest(Scope.IMAGES, "a cat", "gpt-image-1")
    assert request.to_body() == {"prompt": "a cat", "model": "gpt-image-1"}


def test_full_body_has_every_field() -> None:
    request = GenerationRequest(
        Scope.VIDEOS,
        "a fox",
        "veo3",
        duration=8,
        aspect_ratio="16:9",
        size="1280x720",
        resolution="720P",
        images=("https://x.test/a.png",),
        videos=("https://x.test/v.mp4",),
        watermark=False,
        extra={"seed": 42, "enhance_prompt": True},
    )
    assert request.to_body() == {
        "prompt": "a fox",
        "model": "veo3",
        "duration": 8,
        "aspect_ratio": "16:9",
        "size": "1280x720",
        "resolution": "720P",
        "images": ["https://x.test/a.png"],
        "videos": ["https://x.test/v.mp4"],
        "watermark": False,
        "seed": 42,
        "enhance_prompt": True,
    }


def test_watermark_false_is_sent_but_none_is_not() -> None:
    assert "watermark" not in GenerationRequest(Scope.IMAGES, "p", "m").to_body()
    body = GenerationRequest(Scope.IMAGES, "p", "m", watermark=True).to_body()
    assert body["watermark"] is True


def test_extras_are_merged_last_and_win() -> None:
    request = GenerationRequest(
        Scope.VIDEOS,
        "p",
        "wan2.5-t2v-preview",
        duration=10,
        extra={"duration": "10", "ratio": "2:3"},
    )
    body = request.to_body()
    assert body["duration"] == "10"
    assert body["ratio"] == "2:3"


def test_empty_strings_count_as_unset() -> None:
    body = GenerationRequest(
        Scope.IMAGES, "p", "m", aspect_ratio="", size="", resolution=""
    ).to_body()
    assert set(body) == {"prompt", "model"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"prompt": "  "}, "prompt is empty"),
        ({"model": ""}, "No model"),
        ({"duration": 0}, "positive"),
        ({"videos": ("/home/me/clip.mp4",)}, "http(s) links"),
        ({"images": ("ftp://host/x.png",)}, "http(s) links or image data"),
        ({"images": ("not an image!",)}, "not a link or base64"),
        ({"images": ("data:image/png,abc",)}, "base64"),
    ],
)
def test_validation_says_what_is_wrong(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"scope": Scope.VIDEOS, "prompt": "p", "model": "m"}
    fields.update(kwargs)
    with pytest.raises(InvalidRequestError, match=re.escape(message)):
        GenerationRequest(**fields).validate()  # type: ignore[arg-type]


def test_image_reference_forms_accepted() -> None:
    check_image_reference("https://cdn.test/a.png")
    check_image_reference("data:image/png;base64,iVBORw0KGgo=")
    check_image_reference(base64.b64encode(b"\x89PNG" * 10).decode())


def test_image_file_becomes_data_url(tmp_path: Path) -> None:
    png = tmp_path / "ref.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\nrest")
    url = image_file_to_data_url(png)
    assert url.startswith("data:image/png;base64,")
    assert base64.b64decode(url.split(",", 1)[1]) == png.read_bytes()


def test_large_image_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    with big.open("wb") as out:
        out.truncate(11 * 1024 * 1024)
    with pytest.raises(InvalidRequestError, match="over the 10 MB limit"):
        image_file_to_data_url(big)


def test_non_image_file_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(InvalidRequestError, match="does not look like an image"):
        image_file_to_data_url(text)


def test_json_round_trip() -> None:
    request = GenerationRequest(
        Scope.AUDIO, "lofi", "suno-v4", duration=30, watermark=True, extra={"n": 2}
    )
    assert GenerationRequest.from_json_dict(request.to_json_dict()) == request
