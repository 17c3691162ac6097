"""The prompt form: kind, model, prompt, options, references, extras.

It builds a :class:`GenerationRequest`, shows each problem at its field, and emits
``submit_requested``; it stays usable while tasks run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api import presets
from genstudio.api.request import GenerationRequest, InvalidRequestError
from genstudio.api.snapshot import Scope
from genstudio.ui.form.extra_params import ExtraParamsEditor
from genstudio.ui.form.reference_inputs import ReferenceImages, ReferenceVideos
from genstudio.ui.icons import scope_icon
from genstudio.ui.inline_error import error_label, show_error

_SIZE_RE = re.compile(r"^\d{2,5}x\d{2,5}$")


class _OptionCombo(QComboBox):
    """A combo whose first entry, "Default", means: leave the field out."""

    def __init__(self, values: tuple[str, ...], editable: bool, default_text: str) -> None:
        super().__init__()
        self.setEditable(editable)
        self.set_values(values, default_text)

    def set_values(self, values: tuple[str, ...], default_text: str) -> None:
        current = self.value()
        self.clear()
        self.addItem(default_text, None)
        for value in values:
            self.addItem(value, value)
        self.set_value(current)

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text or (self.currentIndex() == 0 and text == self.itemText(0)):
            return None
        return text

    def set_value(self, value: object) -> None:
        if value is None or value == "":
            self.setCurrentIndex(0)
            return
        index = self.findData(str(value))
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(str(value))


class GenerationForm(QWidget):
    submit_requested = Signal(object)  # GenerationRequest

    def __init__(self, max_image_bytes: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recent: dict[str, list[str]] = {}
        outer = QVBoxLayout(self)

        # Kind: three big choices.
        kinds = QHBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[Scope, QToolButton] = {}
        labels = {
            Scope.IMAGES: self.tr("Image"),
            Scope.VIDEOS: self.tr("Video"),
            Scope.AUDIO: self.tr("Audio"),
        }
        for scope, text in labels.items():
            button = QToolButton()
            button.setText(text)
            button.setIcon(scope_icon(scope))
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(56)
            button.setAccessibleName(self.tr("Make %1").replace("%1", text.lower()))
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            kinds.addWidget(button)
        outer.addLayout(kinds)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setAccessibleName(self.tr("Model"))
        self.model.setToolTip(self.tr("The provider's model name; type any other name"))
        self.model_error = error_label()
        form.addRow(self.tr("Model"), self.model)
        form.addRow("", self.model_error)

        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Describe what you want to make…"))
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMinimumHeight(110)
        self.prompt_count = QLabel()
        self.prompt_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.prompt_error = error_label()
        form.addRow(self.tr("Prompt"), self.prompt)
        form.addRow("", self.prompt_count)
        form.addRow("", self.prompt_error)

        default = self.tr("Default")
        self.duration = _OptionCombo((), True, default)
        self.duration.setAccessibleName(self.tr("Duration in seconds"))
        self.aspect_ratio = _OptionCombo(presets.ASPECT_RATIOS, True, default)
        self.aspect_ratio.setAccessibleName(self.tr("Aspect ratio"))
        self.size_choice = _OptionCombo(presets.SIZES, True, default)
        self.size_choice.setAccessibleName(self.tr("Size"))
        self.resolution = _OptionCombo(presets.RESOLUTIONS, True, default)
        self.resolution.setAccessibleName(self.tr("Resolution"))
        self.options_error = error_label()
        self._option_rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, label, widget in (
            ("duration", self.tr("Duration (s)"), self.duration),
            ("aspect_ratio", self.tr("Aspect ratio"), self.aspect_ratio),
            ("size", self.tr("Size"), self.size_choice),
            ("resolution", self.tr("Resolution"), self.resolution),
        ):
            row_label = QLabel(label)
            form.addRow(row_label, widget)
            self._option_rows[key] = (row_label, widget)
        form.addRow("", self.options_error)
        outer.addLayout(form)

        self.images_box = QGroupBox(self.tr("Reference images"))
        images_layout = QVBoxLayout(self.images_box)
        self.images = ReferenceImages(max_image_bytes)
        images_layout.addWidget(self.images)
        outer.addWidget(self.images_box)

        self.videos_box = QGroupBox(self.tr("Reference videos (links)"))
        videos_layout = QVBoxLayout(self.videos_box)
        self.videos = ReferenceVideos()
        videos_layout.addWidget(self.videos)
        outer.addWidget(self.videos_box)

        self.watermark = QCheckBox(self.tr("Add a watermark"))
        self.watermark.setAccessibleName(self.tr("Watermark"))
        outer.addWidget(self.watermark)

        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(self.tr("Advanced parameters"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setStyleSheet("QToolButton { border: none; }")
        self.extras = ExtraParamsEditor()
        self.extras.hide()
        self.extras_error = error_label()
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        outer.addWidget(self.advanced_toggle)
        outer.addWidget(self.extras)
        outer.addWidget(self.extras_error)

        outer.addStretch(1)
        # The footer (hint and Generate) is placed by the window below the scrolling
        # fields, so the main action stays in view whatever the form's length.
        self.footer = QWidget()
        footer = QVBoxLayout(self.footer)
        footer.setContentsMargins(8, 4, 8, 8)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        footer.addWidget(self.hint)
        self.submit_button = QPushButton(self.tr("Generate"))
        self.submit_button.setDefault(True)
        self.submit_button.setMinimumHeight(40)
        self.submit_button.setToolTip(self.tr("Start the job (Ctrl+Enter)"))
        self.submit_button.setAccessibleName(self.tr("Generate"))
        self.submit_button.clicked.connect(self.try_submit)
        footer.addWidget(self.submit_button)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.try_submit)
        self.prompt.textChanged.connect(self._prompt_changed)
        self.model.editTextChanged.connect(lambda _t: show_error(self.model_error, ""))
        self.extras.changed.connect(lambda: show_error(self.extras_error, ""))
        self.scope_group.buttonToggled.connect(self._scope_toggled)
        self.scope_buttons[Scope.IMAGES].setChecked(True)
        self._prompt_changed()

    # -- state -----------------------------------------------------------------------------

    @property
    def scope(self) -> Scope:
        for scope, button in self.scope_buttons.items():
            if button.isChecked():
                return scope
        return Scope.IMAGES

    def set_scope(self, scope: Scope) -> None:
        self.scope_buttons[scope].setChecked(True)

    def set_recent_models(self, recent: dict[str, list[str]]) -> None:
        self._recent = {k: list(v) for k, v in recent.items()}
        self._fill_models(keep=self.model.currentText())

    def _fill_models(self, keep: str = "") -> None:
        recent = self._recent.get(self.scope.value, [])
        names = list(dict.fromkeys([*recent, *presets.MODELS[self.scope]]))
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(names)
        self.model.setEditText(keep or (names[0] if names else ""))
        self.model.blockSignals(False)

    def _scope_toggled(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        scope = self.scope
        self._fill_models()
        fields = presets.FIELDS[scope]
        for key, (label, widget) in self._option_rows.items():
            label.setVisible(key in fields)
            widget.setVisible(key in fields)
        self.duration.set_values(
            tuple(str(d) for d in presets.DURATIONS[scope]), self.tr("Default")
        )
        self.images_box.setVisible("images" in fields)
        self.videos_box.setVisible("videos" in fields)
        self.hint.setText(
            {
                Scope.IMAGES: self.tr("Add reference images to edit or restyle them."),
                Scope.VIDEOS: self.tr("Add a reference image to animate it."),
                Scope.AUDIO: self.tr("Describe the music or the speech; models give two takes."),
            }[scope]
        )

    def _toggle_advanced(self, shown: bool) -> None:
        self.extras.setVisible(shown)
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        if shown and not self.extras.values():
            self.extras.add_row()

    def _prompt_changed(self) -> None:
        count = len(self.prompt.toPlainText())
        self.prompt_count.setText(self.tr("%n character(s)", "", count))
        show_error(self.prompt_error, "")

    # -- building the request ----------------------------------------------------------------

    def build_request(self) -> GenerationRequest | None:
        """The request, or None after showing every problem at its field."""
        ok = True
        prompt = self.prompt.toPlainText()
        model = self.model.currentText().strip()
        if not prompt.strip():
            show_error(self.prompt_error, self.tr("Write a prompt: describe what to make."))
            ok = False
        if not model:
            show_error(self.model_error, self.tr("Choose a model, or type its name."))
            ok = False
        fields = presets.FIELDS[self.scope]
        duration: int | None = None
        raw_duration = self.duration.value() if "duration" in fields else None
        options_problems = []
        if raw_duration is not None:
            if raw_duration.isdigit() and int(raw_duration) > 0:
                duration = int(raw_duration)
            else:
                options_problems.append(
                    self.tr("Duration must be a whole number of seconds, like 8.")
                )
        size = self.size_choice.value() if "size" in fields else None
        if size is not None and not _SIZE_RE.match(size):
            options_problems.append(self.tr("Size must look like 1024x1024."))
        show_error(self.options_error, "")
        if options_problems:
            show_error(self.options_error, " ".join(options_problems))
            ok = False
        problems = self.extras.problems() if self.advanced_toggle.isChecked() else []
        if problems:
            show_error(
                self.extras_error, self.tr("Fix the advanced parameters: ") + "; ".join(problems)
            )
            ok = False
        if not ok:
            return None
        request = GenerationRequest(
            scope=self.scope,
            prompt=prompt,
            model=model,
            duration=duration,
            aspect_ratio=self.aspect_ratio.value() if "aspect_ratio" in fields else None,
            size=size,
            resolution=self.resolution.value() if "resolution" in fields else None,
            images=self.images.references() if "images" in fields else (),
            videos=self.videos.references() if "videos" in fields else (),
            watermark=True if self.watermark.isChecked() else None,
            extra=self.extras.values() if self.advanced_toggle.isChecked() else {},
        )
        try:
            request.validate()
        except InvalidRequestError as exc:
            show_error(self.options_error, str(exc))
            return None
        return request

    def try_submit(self) -> None:
        request = self.build_request()
        if request is not None:
            self.submit_requested.emit(request)

    def use_as_reference(self, path: Path, scope: Scope | None = None) -> bool:
        """A saved picture into the reference images (switching kind first if asked)."""
        if scope is not None:
            self.set_scope(scope)
        return self.images.add_file(path)

    def load_request(self, request: GenerationRequest) -> None:
        """ "Reuse settings": put a request back into the form."""
        self.set_scope(request.scope)
        self.model.setEditText(request.model)
        self.prompt.setPlainText(request.prompt)
        self.duration.set_value(request.duration)
        self.aspect_ratio.set_value(request.aspect_ratio)
        self.size_choice.set_value(request.size)
        self.resolution.set_value(request.resolution)
        self.images.set_references(request.images)
        self.videos.set_references(request.videos)
        self.watermark.setChecked(bool(request.watermark))
        self.extras.set_values(dict(request.extra))
        self.advanced_toggle.setChecked(bool(request.extra))

    def state(self) -> dict[str, Any]:
        """The last form values, for the settings file (no reference data: it can be big)."""
        return {
            "scope": self.scope.value,
            "model": self.model.currentText(),
            "prompt": self.prompt.toPlainText(),
            "duration": self.duration.value(),
            "aspect_ratio": self.aspect_ratio.value(),
            "size": self.size_choice.value(),
            "resolution": self.resolution.value(),
            "watermark": self.watermark.isChecked(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        try:
            self.set_scope(Scope.parse(str(state.get("scope", "images"))))
        except ValueError:
            return
        if state.get("model"):
            self.model.setEditText(str(state["model"]))
        self.prompt.setPlainText(str(state.get("prompt") or ""))
        self.duration.set_value(state.get("duration"))
        self.aspect_ratio.set_value(state.get("aspect_ratio"))
        self.size_choice.set_value(state.get("size"))
        self.resolution.set_value(state.get("resolution"))
        self.watermark.setChecked(bool(state.get("watermark")))
