"""Simplified Chinese: the catalogue is complete and current, and no visible string in
the main window, the settings or the previewer stays in English under zh_CN."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from genstudio import i18n
from genstudio.api.catalog import load_catalog
from genstudio.api.errors import DownloadError
from genstudio.api.kinds import Scope
from genstudio.api.request import InvalidRequestError, image_file_to_data_url
from genstudio.resources import resource_path
from genstudio.tasks.states import TaskState
from genstudio.ui.form.extra_params import describe_value
from genstudio.ui.language import install_translations, remove_translations
from tests.conftest import until
from tests.ui.conftest import QLoop
from tests.ui.test_settings_dialog import studio_dialog
from tests.ui.test_window_e2e import MakeApp, fill_and_submit, states

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "genstudio_zh_CN.ts")
sys.path.insert(0, str(ROOT / "packaging"))
translations = importlib.import_module("translations")  # packaging/translations.py

# Words that are the same in every language: names, units, formats, data.
ALLOWED = {
    "genstudio",
    "api",
    "id",
    "ids",
    "url",
    "json",
    "http",
    "https",
    "mb",
    "qt",
    "pyside6",
    "python",
    "ctrl",
    "shift",
    "alt",
    "enter",
    "return",
    "space",
    "del",
    "delete",
    "esc",
    "gnome",
    "keyring",
    "kwallet",
    "mit",
    "lgpl",
    "bsd",
    "ffmpeg",
    "httpx",
    "qasync",
    "platformdirs",
    "png",
    "jpg",
    "jpeg",
    "webp",
    "gif",
    "bmp",
    "mp4",
    "wav",
    "veo3",
    "sim",
    "demo",
    "memory",
    "test",
    "seed",
    "true",
    "enhance_prompt",
    "example",
    "com",
    "localhost",
    "min",
    "wan",
    "kling",
    "gpt",
    "image",
    "suno",
    "sora",
    "flux",
    "seedance",
    "hailuo",
    "midjourney",
    "runway",
    "udio",
    "ideogram",
    "dall",
    "recraft",
    "imagen",
    "lyria",
    "minimax",
    "hunyuan",
    "pixverse",
    "vidu",
    "luma",
    "ray",
    "stable",
    "audio",
    "music",
    "video",
    "pro",
    "lite",
    "turbo",
    "fast",
    "ultra",
    "max",
    "mini",
    "plus",
    "english",  # a language is named in its own language
}
WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")
# Model and maker names from the catalog are proper names ("GPT Image 1", "OpenAI"), and
# "auto" is a value the provider takes as it is.
ALLOWED |= {"auto"} | {
    word.lower()
    for scope in Scope
    for model in load_catalog().catalog.models(scope)
    for spec in [load_catalog().catalog.get(scope, model)]
    if spec is not None
    for word in WORD.findall(f"{spec.name} {spec.maker}")
}


def english_words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # markup
    text = re.sub(r"(https?|file)://\S+", " ", text)  # links
    text = re.sub(r"\S+\.(png|mp4|wav|json|sqlite3)\b", " ", text)  # file names
    text = re.sub(r"(/[\w.\-]+)+", " ", text)  # paths
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string a user can see in ``root``."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QTextBrowser):
            yield name, widget.toPlainText()
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            for i in range(widget.count()):
                yield f"{name} item", widget.itemText(i)
    for menu in root.findChildren(QMenu):
        yield "menu", menu.title()
        for action in menu.actions():
            yield "menu", action.text()


def untranslated(root: QWidget, data: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Visible strings with English words left, once the user's own ``data`` (prompts,
    model names, task ids) is taken out."""
    found = []
    for where, text in visible_texts(root):
        for value in data:
            text = text.replace(value, " ")
        if english_words(text):
            found.append((where, text))
    return found


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "zh_CN")
    yield
    remove_translations(qapp)


def test_every_message_is_translated_with_its_placeholders() -> None:
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 300
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, source
        text = "".join(translation.itertext()).strip()
        assert text, source
        for field in re.findall(r"\{[^}]*\}|%\d|%n", source):
            assert field in text, (source, text)


def test_catalogue_matches_the_code(tmp_path: Path) -> None:
    """pyside6-lupdate finds no string that the catalogue lacks."""
    copy = tmp_path / "genstudio_zh_CN.ts"
    shutil.copy(TS, copy)
    found = subprocess.run(
        [
            translations.tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *translations.sources(),
            "-ts",
            str(copy),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(0 new and" in found, found


def test_compiled_catalogue_is_current(tmp_path: Path) -> None:
    made = translations.release(tmp_path)
    assert [m.name for m in made] == ["genstudio_zh_CN.qm", "genstudio_en.qm"]
    for qm in made:
        assert qm.read_bytes() == resource_path("translations", qm.name).read_bytes()


@pytest.mark.parametrize("language", ["en", "de"])  # German has no catalogue: English
def test_english_says_one_task_and_two_tasks(qapp: QApplication, language: str) -> None:
    source = "The task history was repaired: %n task(s) recovered."
    install_translations(qapp, language)
    try:
        one = QCoreApplication.translate("RepairedBox", source, "", 1)
        two = QCoreApplication.translate("RepairedBox", source, "", 2)
    finally:
        remove_translations(qapp)
    assert one == "The task history was repaired: 1 task recovered."
    assert two == "The task history was repaired: 2 tasks recovered."


def test_every_plural_message_has_its_english_forms() -> None:
    english = ET.parse(resource_path("translations", "genstudio_en.ts")).getroot()
    plural = {m.findtext("source") for m in ET.parse(TS).getroot().iter("message")}
    plural = {s for s in plural if s and "%n" in s}
    filled = {
        m.findtext("source"): [f.text or "" for f in m.iter("numerusform")]
        for m in english.iter("message")
    }
    assert plural and plural <= set(filled)
    for source, (one, many) in ((s, filled[s]) for s in plural):
        assert "(s)" not in one + many and "%n" in one and "%n" in many, source


def test_lower_layers_speak_chinese_once_installed(chinese: None) -> None:
    error = DownloadError(
        i18n.translate(
            "Messages", "Link expired: the output is no longer available at the provider."
        )
    )
    assert "链接已过期" in str(error)
    assert QCoreApplication.translate("TaskStatus", "{s} s").format(s=5) == "5 秒"
    assert describe_value("42") == ("以数字发送", True)  # the advanced parameters' hints
    with pytest.raises(InvalidRequestError, match="不是文件"):
        image_file_to_data_url(Path("/"), 1000)


def test_main_window_in_chinese(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, chinese: None
) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "a lighthouse at dusk")
        fill_and_submit(qtbot, app, "a storm [[fail]]")
        await until(lambda: sorted(states(app)) == sorted([TaskState.DONE, TaskState.FAILED]))
        window = app.window
        window.table.selectRow(1)  # the finished one: previewer and details show it
        await until(lambda: window.preview.pages.currentIndex() == 1)
        data = tuple(
            value
            for r in app.service.records.values()
            for value in (r.request.prompt, r.request.model, r.task_id or "", r.profile)
        )
        problems = untranslated(window, data)
        model = window.model
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        cells = [
            str(model.index(r, c).data() or "")
            for r in range(model.rowCount())
            for c in (2, 4, 5, 6)  # status, progress, time; not the prompt or model
        ]
        problems += [("table", t) for t in headers + cells if english_words(t)]
        assert problems == [], problems
        assert window.menuBar().actions()[0].text() == "文件(&F)"

    qloop.run(body())


def test_settings_in_chinese(qtbot: QtBot, chinese: None) -> None:
    dialog, _prefs = studio_dialog(qtbot)
    assert untranslated(dialog) == []
    assert dialog.windowTitle() == "设置"


def test_previewer_player_in_chinese(qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    from genstudio.api.kinds import Scope
    from genstudio.sim.media import render_wav
    from genstudio.ui.preview.media_preview import MediaPreview
    from tests.ui.test_media_preview import done

    takes = [tmp_path / "a.wav", tmp_path / "b.wav"]
    for take in takes:
        take.write_bytes(render_wav(1.0))
    preview = MediaPreview()
    qtbot.addWidget(preview)
    preview.resize(500, 400)
    preview.show()
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(Scope.AUDIO, takes))
    names = tuple(t.name for t in takes)
    assert untranslated(preview, names) == []
    assert preview.strip.item(1).text() == "第 2 版"
