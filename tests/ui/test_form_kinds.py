"""The form as a creator meets it: each kind keeps its values, the prompt has a visible
limit, problems never move the fields, and it fits beside the list on a laptop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.ui.form.generation_form import GenerationForm


@pytest.fixture
def form(qtbot: QtBot) -> GenerationForm:
    widget = GenerationForm(lambda: 10 * 1024 * 1024)
    qtbot.addWidget(widget)
    return widget


def framed(qtbot: QtBot, width: int, height: int) -> tuple[GenerationForm, QScrollArea, QWidget]:
    """A form as the window holds it: scrolling fields over a fixed footer."""
    form = GenerationForm(lambda: 10 * 1024 * 1024)
    frame = QWidget()
    qtbot.addWidget(frame)
    layout = QVBoxLayout(frame)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(form)
    layout.addWidget(area, 1)
    layout.addWidget(form.footer)
    frame.resize(width, height)
    frame.show()
    qtbot.waitExposed(frame)
    return form, area, frame  # the caller holds the frame: it owns the form


def sent(form: GenerationForm) -> tuple[list[GenerationRequest], list[str]]:
    requests: list[GenerationRequest] = []
    refusals: list[str] = []
    form.submit_requested.connect(requests.append)
    form.submit_refused.connect(refusals.append)
    form.try_submit()
    return requests, refusals


def test_each_kind_keeps_its_own_values(form: GenerationForm) -> None:
    form.prompt.setPlainText("waves at dusk")
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("sora-2")
    form.duration.set_value("8")
    form.watermark.setChecked(True)
    form.set_scope(Scope.AUDIO)
    assert form.duration.value() is None  # Video's 8 stays with Video
    assert form.model.currentText() == "suno-v4" and not form.watermark.isChecked()
    assert form.prompt.toPlainText() == "waves at dusk"  # the prompt is shared
    form.duration.set_value("30")
    form.set_scope(Scope.VIDEOS)
    assert form.duration.value() == "8" and form.model.currentText() == "sora-2"
    assert form.watermark.isChecked()
    form.set_scope(Scope.AUDIO)
    assert form.duration.value() == "30"


def test_values_per_kind_survive_a_restart(qtbot: QtBot, form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.duration.set_value("8")
    form.set_scope(Scope.AUDIO)
    form.duration.set_value("60")
    form.prompt.setPlainText("lofi")
    saved = form.state()
    assert saved["kinds"]["videos"]["duration"] == "8"
    again = GenerationForm(lambda: 1)
    qtbot.addWidget(again)
    again.restore(saved)
    assert again.scope is Scope.AUDIO and again.duration.value() == "60"
    assert again.prompt.toPlainText() == "lofi"
    again.set_scope(Scope.VIDEOS)
    assert again.duration.value() == "8"


@pytest.mark.parametrize(
    "old",
    [
        {"scope": "videos", "model": "veo3", "prompt": "p", "duration": "8", "watermark": True},
        {"scope": "nonsense", "prompt": 5, "kinds": "x"},
        {"scope": "audio", "kinds": {"audio": {"duration": [1], "model": 3}, "videos": None}},
        "not a dict",
        None,
    ],
)
def test_old_or_damaged_saved_values_never_break_the_form(
    form: GenerationForm, old: object
) -> None:
    form.restore(old)
    if isinstance(old, dict) and old.get("duration") == "8":
        assert form.scope is Scope.VIDEOS and form.duration.value() == "8"
        assert form.watermark.isChecked() and form.prompt.toPlainText() == "p"
    assert form.model.currentText()  # a usable form whatever was there


def test_prompt_limit_is_visible_and_kept(form: GenerationForm) -> None:
    form.prompt.setPlainText("a" * 1234)
    assert form.prompt_count.text() == "1,234 / 4,000"
    assert form.prompt_error.text() == ""
    form.prompt.setPlainText("a" * 100_000)  # a whole pasted book
    assert form.prompt_count.text() == "100,000 / 4,000"
    assert "red" in form.prompt_count.styleSheet() or "#d64545" in form.prompt_count.styleSheet()
    assert "Shorten it by 96,000 characters" in form.prompt_error.text()
    requests, refusals = sent(form)
    assert requests == [] and refusals and "Nothing was sent" in refusals[0]
    form.set_prompt_limit(200_000)  # a model that takes more
    assert form.prompt_error.text() == ""
    requests, _ = sent(form)
    assert len(requests) == 1


def test_a_problem_appearing_never_moves_the_fields(qtbot: QtBot) -> None:
    form, _, frame = framed(qtbot, 330, 700)
    form.set_scope(Scope.VIDEOS)
    qtbot.waitUntil(lambda: form.duration.mapTo(frame, QPoint(0, 0)).y() > 200)  # laid out
    watched = [form.prompt, form.duration, form.watermark, form.advanced_toggle]

    def where() -> list[QPoint]:
        return [w.mapTo(frame, QPoint(0, 0)) for w in watched]

    def settled() -> bool:  # wrapped labels take a second layout pass
        now = where()
        QApplication.processEvents()
        return now == where()

    qtbot.waitUntil(settled)
    before = where()
    button_bottom = form.submit_button.mapTo(frame, QPoint(0, form.submit_button.height()))
    form.duration.setEditText("ten")
    _, refusals = sent(form)  # empty prompt and a bad duration
    assert refusals
    qtbot.waitUntil(lambda: form.prompt_error.isVisible() and form.options_error.isVisible())
    assert where() == before
    after = form.submit_button.mapTo(frame, QPoint(0, form.submit_button.height()))
    assert after == button_bottom  # Generate stays where the hand is


def test_more_settings_open_into_view_in_a_short_window(qtbot: QtBot) -> None:
    form, area, _frame = framed(qtbot, 330, 700)
    form.set_scope(Scope.VIDEOS)
    assert "provider" in form.advanced_toggle.text()
    form.advanced_toggle.click()
    viewport = area.viewport()

    def shown() -> bool:
        top = form.extras.mapTo(viewport, QPoint(0, 0))
        return viewport.rect().contains(top)

    qtbot.waitUntil(shown)
    key, value, _, _ = form.extras._rows[0]
    assert "seed" in key.placeholderText() and "42" in value.placeholderText()
    words = " ".join(
        w.text() for w in form.extras.findChildren(QWidget) if hasattr(w, "text") and w.isVisible()
    )
    for jargon in ("JSON", "name / value", "parameter"):
        assert jargon not in words


def test_fits_beside_the_list_on_a_laptop(qtbot: QtBot, form: GenerationForm) -> None:
    for scope in Scope:
        form.set_scope(scope)
        form.advanced_toggle.setChecked(True)
        assert form.minimumSizeHint().width() <= 290, scope
    framed_form, _, _frame = framed(qtbot, 290, 700)
    for button in framed_form.scope_buttons.values():
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert text <= button.width() - 8, button.text()  # the whole word shows


def test_picture_names_travel_with_the_request(
    qtbot: QtBot, form: GenerationForm, tmp_path: Path
) -> None:
    picture = tmp_path / "beach.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    image.save(str(picture))
    form.set_scope(Scope.VIDEOS)
    form.prompt.setPlainText("waves")
    assert form.images.add_file(picture)
    assert form.images.add_reference("https://cdn.test/cat.png")
    (request,), _ = sent(form)
    assert request.image_names == ("beach.png", "")
    other = GenerationForm(lambda: 10 * 1024 * 1024)
    qtbot.addWidget(other)
    other.load_request(request)
    assert other.scope is Scope.VIDEOS and other.images.names() == ("beach.png", "")
    assert other.images.references() == request.images


def kind(form: GenerationForm) -> Scope:
    """The kind shown now (a call, so the type checker does not pin it between steps)."""
    return form.scope


def test_a_picture_used_as_reference_lands_where_pictures_go(
    form: GenerationForm, tmp_path: Path
) -> None:
    picture = tmp_path / "fox.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    image.save(str(picture))
    form.set_scope(Scope.AUDIO)  # music takes no pictures: Image it is
    assert form.use_as_reference(picture)
    assert kind(form) is Scope.IMAGES and form.images.names() == ("fox.png",)
    assert form.use_as_reference(picture, Scope.VIDEOS)  # "for a video"
    assert kind(form) is Scope.VIDEOS and form.images.names() == ("fox.png",)
    form.set_scope(Scope.IMAGES)
    assert form.images.names() == ("fox.png",)  # each kind keeps its own
