"""The form: validation at each field, and the request it builds."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.ui.form.generation_form import GenerationForm


@pytest.fixture
def form(qtbot: QtBot) -> GenerationForm:
    widget = GenerationForm(lambda: 10 * 1024 * 1024)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def built(form: GenerationForm) -> list[GenerationRequest]:
    requests: list[GenerationRequest] = []
    form.submit_requested.connect(requests.append)
    form.try_submit()
    return requests


def test_empty_prompt_is_shown_at_the_prompt(form: GenerationForm) -> None:
    assert built(form) == []
    assert not form.prompt_error.isHidden()
    assert "Write a prompt" in form.prompt_error.text()
    form.prompt.setPlainText("x")
    assert form.prompt_error.isHidden()


def test_missing_model(form: GenerationForm) -> None:
    form.prompt.setPlainText("a cat")
    form.model.setEditText("")
    assert built(form) == []
    assert "Choose a model" in form.model_error.text()


def test_minimal_image_request(form: GenerationForm) -> None:
    form.prompt.setPlainText("a cat")
    (request,) = built(form)
    assert request.scope is Scope.IMAGES
    assert request.model == "gpt-image-1"
    assert request.to_body() == {"prompt": "a cat", "model": "gpt-image-1"}


def test_video_fields(form: GenerationForm, qtbot: QtBot) -> None:
    qtbot.mouseClick(form.scope_buttons[Scope.VIDEOS], Qt.MouseButton.LeftButton)
    assert form.scope is Scope.VIDEOS
    assert form.model.currentText() == "veo3"
    assert form.duration.isVisible() and form.resolution.isVisible()
    assert not form.size_choice.isVisible()
    assert form.videos_box.isVisible()
    form.prompt.setPlainText("waves")
    form.duration.set_value("8")
    form.aspect_ratio.set_value("9:16")
    form.resolution.set_value("1080P")
    form.watermark.setChecked(True)
    form.videos.add_url("https://cdn.test/ref.mp4")
    (request,) = built(form)
    assert request.to_body() == {
        "prompt": "waves",
        "model": "veo3",
        "duration": 8,
        "aspect_ratio": "9:16",
        "resolution": "1080P",
        "videos": ["https://cdn.test/ref.mp4"],
        "watermark": True,
    }


def test_audio_hides_what_does_not_apply(form: GenerationForm) -> None:
    form.set_scope(Scope.AUDIO)
    assert not form.aspect_ratio.isVisible()
    assert not form.images_box.isVisible() and not form.videos_box.isVisible()
    assert form.model.currentText() == "suno-v4"


def test_bad_duration_and_size(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.prompt.setPlainText("p")
    form.duration.setEditText("ten")
    assert built(form) == []
    assert "whole number" in form.options_error.text()
    form.set_scope(Scope.IMAGES)
    form.size_choice.setEditText("big")
    assert built(form) == []
    assert "1024x1024" in form.options_error.text()


def test_default_leaves_fields_out(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.prompt.setPlainText("p")
    form.duration.set_value("8")
    form.duration.set_value(None)
    (request,) = built(form)
    assert "duration" not in request.to_body()


def test_extras_validated_as_typed(form: GenerationForm) -> None:
    form.prompt.setPlainText("p")
    form.advanced_toggle.setChecked(True)
    key, value, note, _ = form.extras._rows[0]
    key.setText("seed")
    value.setText("42")
    assert "number" in value.toolTip() and note.text() == ""  # a note only for problems
    value.setText('{"a": 1')
    assert "not complete" in note.text()
    assert built(form) == []
    assert "Fix the extra settings" in form.extras_error.text()
    value.setText('"10"')
    form.extras.add_row("ratio", "2:3")
    form.extras.add_row("bad key", "1")
    assert built(form) == []
    form.extras._remove(form.extras._rows[-1])
    (request,) = built(form)
    assert request.extra == {"seed": "10", "ratio": "2:3"}


def test_duplicate_extra_key(form: GenerationForm) -> None:
    form.advanced_toggle.setChecked(True)
    form.extras._rows[0][0].setText("seed")
    form.extras.add_row("seed", "2")
    assert any("twice" in p for p in form.extras.problems())


def test_ctrl_enter_submits(form: GenerationForm, qtbot: QtBot) -> None:
    form.prompt.setPlainText("a cat")
    form.prompt.setFocus()
    with qtbot.waitSignal(form.submit_requested, timeout=2000):
        qtbot.keyClick(form.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_character_count(form: GenerationForm) -> None:
    form.prompt.setPlainText("hello")
    assert form.prompt_count.text() == "5 / 4,000"


def test_reference_image_file_and_limit(form: GenerationForm, tmp_path: Path) -> None:
    small = tmp_path / "ref.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(small))
    assert form.images.add_file(small)
    big = tmp_path / "big.png"
    with big.open("wb") as out:
        out.truncate(11 * 1024 * 1024)
    assert not form.images.add_file(big)
    assert "over the 10 MB limit" in form.images.error.text()
    (ref,) = form.images.references()
    assert ref.startswith("data:image/png;base64,")
    assert base64.b64decode(ref.split(",", 1)[1]) == small.read_bytes()


def test_reference_image_drop_paste_and_url(form: GenerationForm, tmp_path: Path) -> None:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    mime = QMimeData()
    mime.setImageData(image)
    form.images.add_mime(mime)
    QGuiApplication.clipboard().setImage(image)
    form.images.paste()
    links = QMimeData()
    links.setUrls([QUrl("https://cdn.test/cat.jpg")])
    form.images.add_mime(links)
    refs = form.images.references()
    assert len(refs) == 3
    assert refs[0].startswith("data:image/png;base64,")
    assert refs[2] == "https://cdn.test/cat.jpg"
    assert not form.images.add_reference("ftp://nope/x.png")
    assert "http(s) links" in form.images.error.text()


def test_the_link_and_file_buttons_ask_and_add(
    form: GenerationForm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialogs behind Link… and File… (named only when clicked) add what was chosen."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    picture = tmp_path / "ref.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    image.save(str(picture))
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *_a, **_k: (" https://cdn.test/dog.png ", True)
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(picture)], ""))
    form.images._ask_url()
    form.images._ask_file()
    form.videos._ask_url()
    refs = form.images.references()
    assert refs[0] == "https://cdn.test/dog.png"
    assert refs[1].startswith("data:image/png;base64,")
    assert form.images.names() == ("", "ref.png")
    assert form.videos.references() == ("https://cdn.test/dog.png",)  # any http(s) link


def test_dropped_local_video_is_refused(form: GenerationForm, tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"0")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(clip))])
    form.videos.add_mime(mime)
    assert form.videos.references() == ()
    assert "must be links" in form.videos.error.text()
    assert not form.videos.add_url("not a link")


def test_load_request_round_trip(form: GenerationForm) -> None:
    request = GenerationRequest(
        Scope.VIDEOS,
        "a fox",
        "sora-2",
        duration=10,
        aspect_ratio="16:9",
        resolution="720P",
        images=("https://cdn.test/a.png",),
        watermark=True,
        extra={"seed": 7},
    )
    form.load_request(request)
    (again,) = built(form)
    assert again == request


def test_state_round_trip(qtbot: QtBot, form: GenerationForm) -> None:
    form.set_scope(Scope.AUDIO)
    form.prompt.setPlainText("lofi")
    form.duration.set_value("30")
    other = GenerationForm(lambda: 1)
    qtbot.addWidget(other)
    other.restore(form.state())
    assert other.scope is Scope.AUDIO and other.prompt.toPlainText() == "lofi"
    assert other.duration.value() == "30"


def test_recent_models_come_first(form: GenerationForm) -> None:
    form.set_recent_models({"images": ["my-custom-model"]})
    assert form.model.itemText(0) == "my-custom-model"
