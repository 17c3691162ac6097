"""The model catalog: the shipped file, the user's overrides, and requests conformed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from genstudio.api import presets
from genstudio.api.catalog import CatalogLoad, conform, load_catalog
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest, InvalidRequestError


@pytest.fixture(scope="module")
def shipped() -> CatalogLoad:
    return load_catalog()


def test_shipped_catalog_loads_cleanly_and_covers_the_api_reference(shipped: CatalogLoad) -> None:
    assert shipped.problems == ()
    for scope, models in presets.MODELS.items():
        for model in models:
            spec = shipped.catalog.get(scope, model)
            assert spec is not None, model
            assert spec.source, f"{model} says where its facts come from"
            for field in spec.fields.values():
                assert field.default is None or not field.choices or field.default in field.choices


def test_sora_2_duration_goes_out_as_a_string(shipped: CatalogLoad) -> None:
    spec = shipped.catalog.get(Scope.VIDEOS, "sora-2")
    request = GenerationRequest(Scope.VIDEOS, "a fox", "sora-2", duration=10, aspect_ratio="9:16")
    body = conform(request, spec).to_body()
    assert body["duration"] == "10" and body["aspect_ratio"] == "9:16"
    with pytest.raises(InvalidRequestError, match="10 or 15 seconds; 12 is not one"):
        conform(GenerationRequest(Scope.VIDEOS, "a fox", "sora-2", duration=12), spec)


def test_seedance_calls_the_ratio_ratio(shipped: CatalogLoad) -> None:
    spec = shipped.catalog.get(Scope.VIDEOS, "seedance-1-lite")
    request = GenerationRequest(
        Scope.VIDEOS, "waves", "seedance-1-lite", duration=5, aspect_ratio="1:1", resolution="720p"
    )
    body = conform(request, spec).to_body()
    assert body["ratio"] == "1:1" and "aspect_ratio" not in body
    assert body["duration"] == 5 and body["resolution"] == "720p"


def test_the_wire_format_survives_the_history(shipped: CatalogLoad) -> None:
    spec = shipped.catalog.get(Scope.VIDEOS, "seedance-1-pro")
    request = conform(
        GenerationRequest(Scope.VIDEOS, "w", "seedance-1-pro", duration=10, aspect_ratio="16:9"),
        spec,
    )
    again = GenerationRequest.from_json_dict(json.loads(json.dumps(request.to_json_dict())))
    assert again == request and again.to_body() == request.to_body()


@pytest.mark.parametrize(
    ("request_", "match"),
    [
        (
            GenerationRequest(Scope.VIDEOS, "p", "grok-video-3", duration=6),
            "does not take a duration",
        ),
        (GenerationRequest(Scope.VIDEOS, "p", "veo3", aspect_ratio="1:1"), "16:9 or 9:16"),
        (
            GenerationRequest(Scope.VIDEOS, "p", "veo3", images=("https://x/a.png",) * 2),
            "at most 1 reference image",
        ),
        (GenerationRequest(Scope.VIDEOS, "p", "wan2.5-i2v-preview"), "needs a reference image"),
        (GenerationRequest(Scope.VIDEOS, "x" * 2001, "wan2.5-t2v-preview"), "at most 2000"),
        (GenerationRequest(Scope.VIDEOS, "p", "veo3", watermark=True), "watermark"),
    ],
)
def test_what_the_model_would_refuse_is_a_sentence(
    shipped: CatalogLoad, request_: GenerationRequest, match: str
) -> None:
    spec = shipped.catalog.get(request_.scope, request_.model)
    with pytest.raises(InvalidRequestError, match=match):
        conform(request_, spec)


def test_extras_are_the_users_escape_hatch(shipped: CatalogLoad) -> None:
    spec = shipped.catalog.get(Scope.VIDEOS, "sora-2")
    request = GenerationRequest(
        Scope.VIDEOS, "p", "sora-2", duration=12, extra={"duration": 12, "hd": True}
    )
    assert conform(request, spec).to_body()["duration"] == 12


def test_an_unknown_model_passes_as_it_is(shipped: CatalogLoad) -> None:
    request = GenerationRequest(Scope.VIDEOS, "p", "my-model", duration=7, aspect_ratio="5:4")
    assert shipped.catalog.get(Scope.VIDEOS, "my-model") is None
    assert conform(request, None) is request


def test_user_file_overrides_and_extends(tmp_path: Path) -> None:
    user = tmp_path / "models.json"
    user.write_text(
        json.dumps(
            {
                "models": [
                    {
                        "id": "sora-2",
                        "kind": "videos",
                        "fields": {
                            "duration": {
                                "choices": [4, 8, 12],
                                "default": 4,
                                "type": "string",
                                "send_as": "seconds",
                            },
                            "aspect_ratio": None,
                        },
                    },
                    {
                        "id": "my-video",
                        "kind": "videos",
                        "images": 2,
                        "fields": {"duration": {"choices": [3, 6]}},
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    loaded = load_catalog(user)
    assert loaded.problems == ()
    sora = loaded.catalog.get(Scope.VIDEOS, "sora-2")
    assert sora is not None and sora.fields["duration"].choices == ("4", "8", "12")
    assert "aspect_ratio" not in sora.fields and sora.max_images == 1  # the rest kept
    body = conform(GenerationRequest(Scope.VIDEOS, "p", "sora-2", duration=8), sora).to_body()
    assert body["seconds"] == "8" and "duration" not in body
    mine = loaded.catalog.get(Scope.VIDEOS, "my-video")
    assert mine is not None and mine.max_images == 2 and mine.name == "my-video"
    assert loaded.catalog.get(Scope.VIDEOS, "veo3") is not None


def test_malformed_user_file_names_the_line_and_shipped_catalog_works(tmp_path: Path) -> None:
    user = tmp_path / "models.json"
    user.write_text('{\n  "models": [\n    {"id": "x", "kind": "videos",}\n  ]\n}\n')
    loaded = load_catalog(user)
    assert len(loaded.problems) == 1
    assert "line 3" in loaded.problems[0] and str(user) in loaded.problems[0]
    assert loaded.catalog.get(Scope.VIDEOS, "sora-2") is not None


def test_a_bad_entry_is_left_out_with_its_line(tmp_path: Path) -> None:
    user = tmp_path / "models.json"
    user.write_text(
        "{\n"
        '  "models": [\n'
        '    {"id": "good", "kind": "images"},\n'
        '    {"id": "veo3", "kind": "videos",\n'
        '     "fields": {"duration": {"choices": ["eight"]}}},\n'
        '    {"id": "nokind"},\n'
        '    {"id": "odd", "kind": "videos", "fields": {"fps": {}}}\n'
        "  ]\n"
        "}\n"
    )
    loaded = load_catalog(user)
    problems = "\n".join(loaded.problems)
    assert "line 4" in problems and "whole numbers of seconds" in problems
    assert "line 6" in problems and '"kind"' in problems
    assert "line 7" in problems and "'fps'" in problems
    assert loaded.catalog.get(Scope.IMAGES, "good") is not None
    veo = loaded.catalog.get(Scope.VIDEOS, "veo3")  # the shipped entry, untouched
    assert veo is not None and veo.fields["duration"].choices == ("8",)


def test_the_line_is_found_however_the_id_is_written(tmp_path: Path) -> None:
    """An id with accents written as they are, or with escapes, still names its line."""
    user = tmp_path / "models.json"
    user.write_text(
        "{\n"
        '  "models": [\n'
        '    {"id": "vidéo", "kind": "videos",\n'
        '     "fields": {"fps": {}}},\n'
        '    {"id": "a\\"quote", "kind": "videos", "fields": {"fps": {}}},\n'
        '    {"id": "last", "kind": "videos",\n'
        '     "fields": {"fps": {}}}\n'
        "  ]\n"
        "}\n",
        encoding="utf-8",
    )
    problems = load_catalog(user).problems
    assert len(problems) == 3
    assert "line 3" in problems[0] and "line 5" in problems[1] and "line 6" in problems[2]


@pytest.mark.parametrize("text", ["", "[]", '{"models": 3}', "[" * 100_000, "\xff\xfe"])
def test_any_file_content_is_a_sentence_never_an_exception(tmp_path: Path, text: str) -> None:
    user = tmp_path / "models.json"
    user.write_text(text, encoding="latin-1")
    loaded = load_catalog(user)
    assert loaded.problems and len(loaded.catalog) >= 18
