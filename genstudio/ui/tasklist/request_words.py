"""A request as a creator reads it: labelled values ("Duration 8 s"), never raw fields.

The raw JSON body is for the details pane's Technical details only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from genstudio.api.request import GenerationRequest


def _link_words(url: str) -> str:
    """ "cat.png (link from example.com)": the name a creator recognises, then where."""
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
    return QCoreApplication.translate("RequestWords", "{name} (link from {host})").format(
        name=name, host=parts.hostname or "?"
    )


def image_words(request: GenerationRequest, index: int) -> str:
    url = request.images[index]
    if url.startswith("data:"):
        name = request.image_label(index) or QCoreApplication.translate("RequestWords", "a picture")
        return QCoreApplication.translate("RequestWords", "{name} (from this computer)").format(
            name=name
        )
    return _link_words(url)


def _value_words(value: Any) -> str:
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("RequestWords", "Yes")
            if value
            else QCoreApplication.translate("RequestWords", "No")
        )
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def settings_rows(request: GenerationRequest) -> list[tuple[str, str]]:
    """(label, value) for each setting the request carries, in the form's order."""
    rows: list[tuple[str, str]] = []
    if request.duration is not None:
        rows.append(
            (
                QCoreApplication.translate("RequestWords", "Duration"),
                QCoreApplication.translate("RequestWords", "{n} s").format(n=request.duration),
            )
        )
    if request.aspect_ratio:
        rows.append(
            (QCoreApplication.translate("RequestWords", "Aspect ratio"), request.aspect_ratio)
        )
    if request.size:
        rows.append(
            (QCoreApplication.translate("RequestWords", "Size"), request.size.replace("x", " × "))
        )
    if request.resolution:
        rows.append((QCoreApplication.translate("RequestWords", "Resolution"), request.resolution))
    for index in range(len(request.images)):
        rows.append(
            (
                QCoreApplication.translate("RequestWords", "Reference image"),
                image_words(request, index),
            )
        )
    for url in request.videos:
        rows.append(
            (QCoreApplication.translate("RequestWords", "Reference video"), _link_words(url))
        )
    if request.watermark is not None:
        rows.append(
            (
                QCoreApplication.translate("RequestWords", "Watermark"),
                QCoreApplication.translate("RequestWords", "Yes")
                if request.watermark
                else QCoreApplication.translate("RequestWords", "No"),
            )
        )
    for key, value in request.extra.items():
        rows.append((key.replace("_", " ").capitalize(), _value_words(value)))
    return rows


def raw_request(request: GenerationRequest) -> str:
    """The body as sent, pictures from this computer shortened (they are long)."""
    body = request.to_body()
    if "images" in body:
        body["images"] = [
            v if not str(v).startswith("data:") else f"data:… ({len(v) * 3 // 4 // 1024} KB)"
            for v in body["images"]
        ]
    return json.dumps(body, ensure_ascii=False, indent=2)
