"""The form per model: only what the model takes, its default chosen, its field names
and types sent; the provider's own list first; unknown models get every field."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QStandardItemModel
from pytestqt.qtbot import QtBot

from genstudio.api.catalog import load_catalog
from genstudio.api.kinds import Scope
from genstudio.ui.form.generation_form import GenerationForm
from tests.ui.test_form_kinds import sent


@pytest.fixture
def form(qtbot: QtBot) -> GenerationForm:
    widget = GenerationForm(lambda: 10 * 1024 * 1024)
    qtbot.addWidget(widget)
    widget.set_catalog(load_catalog().catalog)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choices(combo: object) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]


def test_sora_2_shows_its_durations_and_sends_a_string(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("sora-2")
    assert choices(form.duration) == ["10", "15"] and form.duration.value() == "10"
    assert not form.duration.isEditable()
    assert choices(form.aspect_ratio) == ["16:9", "9:16"]
    assert not form.resolution.isVisible() and not form.size_choice.isVisible()
    assert not form.watermark.isVisible() and not form.videos_box.isVisible()
    assert form.images_box.title() == "Reference images (up to 1)"
    assert form.model.note.text().startswith("Sora 2 by OpenAI")
    form.duration.set_value("15")
    form.prompt.setPlainText("a fox in the snow")
    requests, _ = sent(form)
    assert requests[0].to_body()["duration"] == "15"
    assert requests[0].to_body()["aspect_ratio"] == "16:9"  # the default, chosen for you


def test_switching_model_keeps_allowed_values_and_resets_the_others(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("veo3.1")
    form.duration.set_value("4")
    form.aspect_ratio.set_value("9:16")
    form.model.setEditText("veo3")
    assert form.duration.value() == "8"  # veo3 makes 8-second clips only
    assert form.aspect_ratio.value() == "9:16"  # allowed by both: kept


def test_seedance_sends_ratio_and_lower_case_resolution(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("seedance-1-pro")
    assert choices(form.resolution) == ["480p", "720p", "1080p"]
    assert form.watermark.isVisible()
    form.prompt.setPlainText("waves")
    requests, _ = sent(form)
    body = requests[0].to_body()
    assert body["ratio"] == "16:9" and "aspect_ratio" not in body
    # veo3's 720p (chosen before) is one of seedance's too, so it stays; 8 s is not.
    assert body["resolution"] == "720p" and body["duration"] == 5


def test_an_unknown_model_gets_every_field(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("my-own-model")
    assert form.duration.isEditable() and form.duration.itemText(0) == "Default"
    assert form.duration.value() == "8"  # carried over from veo3, still changeable
    assert form.resolution.isVisible() and form.watermark.isVisible()
    assert "does not know this model" in form.model.note.text()
    form.duration.setEditText("7")
    form.prompt.setPlainText("p")
    requests, _ = sent(form)
    assert requests[0].to_body()["duration"] == 7


def test_a_model_that_needs_a_picture_says_so_and_sends_nothing(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("wan2.5-i2v-preview")
    assert not form.aspect_ratio.isVisible()  # it keeps the picture's shape
    form.prompt.setPlainText("make it move")
    requests, refusals = sent(form)
    assert requests == [] and refusals
    assert "needs a reference image" in form.options_error.text()


def test_prompt_limit_follows_the_model(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.model.setEditText("wan2.5-t2v-preview")
    assert form.prompt_count.text() == "0 / 2,000"
    form.model.setEditText("sora-2")  # no known limit: the usual one
    assert form.prompt_count.text() == "0 / 4,000"
    form.set_scope(Scope.AUDIO)
    form.model.setEditText("minimax-tts")
    assert form.prompt_count.text() == "0 / 10,000"


def test_audio_models_take_no_duration(form: GenerationForm) -> None:
    form.set_scope(Scope.AUDIO)
    form.model.setEditText("suno-v4")
    assert not form.duration.isVisible()
    form.prompt.setPlainText("lofi")
    requests, _ = sent(form)
    assert "duration" not in requests[0].to_body()


def test_offered_models_come_first_and_the_others_are_marked(form: GenerationForm) -> None:
    form.set_scope(Scope.VIDEOS)
    form.set_offered_models(frozenset({"veo3", "sora-2"}), "My Gateway")
    model = form.model.model()
    assert isinstance(model, QStandardItemModel)
    texts = [model.item(i).text() for i in range(model.rowCount())]
    assert texts[:2] == ["veo3", "sora-2"] or texts[:2] == ["sora-2", "veo3"]
    assert texts[2] == "Not offered by My Gateway:"
    header = model.item(2)
    assert not header.isEnabled() and not header.isSelectable()
    assert "sora-2-pro" in texts[3:]
    form.model.setEditText("sora-2-pro")  # still selectable
    assert "Not offered by My Gateway" in form.model.note.text()
    form.model.setEditText("veo3")
    assert "Not offered" not in form.model.note.text()
    form.set_offered_models(None, "Other")  # a provider that does not say: nothing marked
    texts = [model.text() for model in (form.model.model().item(i) for i in range(3))]  # type: ignore[attr-defined]
    assert all("Not offered" not in t for t in texts)


def test_price_sits_beside_generate_and_a_change_asks_for_a_new_one(
    form: GenerationForm, qtbot: QtBot
) -> None:
    form.set_scope(Scope.VIDEOS)
    with qtbot.waitSignal(form.quote_needed, timeout=2000):
        form.model.setEditText("sora-2")
    draft = form.draft()
    assert (draft.model, draft.duration) == ("sora-2", 10)
    form.set_price("≈ $0.50", "$0.50 a job")
    assert not form.price.isHidden() and form.price.text() == "≈ $0.50"
    with qtbot.waitSignal(form.quote_needed, timeout=2000):
        form.duration.set_value("15")
    form.set_price("", "")
    assert form.price.isHidden()
    assert form.price.parentWidget() is form.submit_button.parentWidget()
