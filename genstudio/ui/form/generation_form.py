"""The prompt form: kind, model, prompt, options, references, extras.

It builds a :class:`GenerationRequest`, shows each problem at its field, and emits
``submit_requested``; it stays usable while tasks run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
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
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api import presets
from genstudio.api.request import GenerationRequest, InvalidRequestError
from genstudio.api.snapshot import Scope
from genstudio.ui.form.extra_params import ExtraParamsEditor
from genstudio.ui.form.form_state import FormState, KindValues
from genstudio.ui.form.option_combo import OptionCombo
from genstudio.ui.form.reference_inputs import ReferenceImages, ReferenceVideos
from genstudio.ui.icons import scope_icon
from genstudio.ui.inline_error import error_label, show_error

ERROR_COLOUR = "#d64545"

_SIZE_RE = re.compile(r"^\d{2,5}x\d{2,5}$")


class GenerationForm(QWidget):
    submit_requested = Signal(object)  # GenerationRequest
    submit_refused = Signal(str)  # a sentence for the status bar: nothing was sent

    def __init__(self, max_image_bytes: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recent: dict[str, list[str]] = {}
        self._kinds = FormState().kinds
        self._shown: Scope | None = None  # the kind whose values the fields hold
        self._prompt_limit: int | None = presets.PROMPT_LIMIT
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
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 16)
            button.setAccessibleName(self.tr("Make %1").replace("%1", text.lower()))
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            kinds.addWidget(button)
        outer.addLayout(kinds)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setMinimumContentsLength(8)
        self.model.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setAccessibleName(self.tr("Model"))
        self.model.setToolTip(self.tr("The provider's model name; type any other name"))
        self.model_error = error_label()
        form.addRow(self.tr("Model"), self.model)

        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Describe what you want to make…"))
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMinimumHeight(110)
        self.prompt_count = QLabel()
        self.prompt_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.prompt_count.setToolTip(self.tr("Characters in the prompt, and the most it can have"))
        self.prompt_error = error_label()
        form.addRow(self.tr("Prompt"), self.prompt)
        form.addRow("", self.prompt_count)

        default = self.tr("Default")
        self.duration = OptionCombo((), True, default)
        self.duration.setAccessibleName(self.tr("Duration in seconds"))
        self.aspect_ratio = OptionCombo(presets.ASPECT_RATIOS, True, default)
        self.aspect_ratio.setAccessibleName(self.tr("Aspect ratio"))
        self.size_choice = OptionCombo(presets.SIZES, True, default)
        self.size_choice.setAccessibleName(self.tr("Size"))
        self.resolution = OptionCombo(presets.RESOLUTIONS, True, default)
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
        self.advanced_toggle.setText(self.tr("More settings for the provider"))
        self.advanced_toggle.setToolTip(
            self.tr("Extra fields sent with the job, for settings the form has no box for")
        )
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

        outer.addStretch(1)
        # The footer (hint and Generate) is placed by the window below the scrolling
        # fields, so the main action stays in view whatever the form's length.
        self.footer = QWidget()
        footer = QVBoxLayout(self.footer)
        footer.setContentsMargins(8, 4, 8, 8)
        # Every problem is said here, above Generate, outside the scrolling fields: a
        # sentence appearing never moves what the user is looking at.
        self.errors = (
            self.model_error,
            self.prompt_error,
            self.options_error,
            self.images.error,
            self.videos.error,
            self.extras_error,
        )
        for error in self.errors:
            footer.addWidget(error)
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

    def set_prompt_limit(self, limit: int | None) -> None:
        """The most characters the model takes (None: no known limit)."""
        self._prompt_limit = limit
        self._prompt_changed()

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
        if self._shown is not None and self._shown is not scope:
            self._kinds[self._shown] = self._kind_values()
        self._shown = scope
        fields = presets.FIELDS[scope]
        for key, (label, widget) in self._option_rows.items():
            label.setVisible(key in fields)
            widget.setVisible(key in fields)
        self.duration.set_values(
            tuple(str(d) for d in presets.DURATIONS[scope]), self.tr("Default")
        )
        self.images_box.setVisible("images" in fields)
        self.videos_box.setVisible("videos" in fields)
        self._show_kind_values(self._kinds[scope])
        for label in self.errors:
            show_error(label, "")  # they spoke of the other kind's fields
        self.hint.setText(
            {
                Scope.IMAGES: self.tr("Add reference images to edit or restyle them."),
                Scope.VIDEOS: self.tr("Add a reference image to animate it."),
                Scope.AUDIO: self.tr("Describe the music or the speech; models give two takes."),
            }[scope]
        )
        self._errors_changed()

    def _kind_values(self) -> KindValues:
        """What the fields hold now, for the kind shown."""
        return KindValues(
            model=self.model.currentText().strip(),
            duration=self.duration.value(),
            aspect_ratio=self.aspect_ratio.value(),
            size=self.size_choice.value(),
            resolution=self.resolution.value(),
            watermark=self.watermark.isChecked(),
            images=self.images.references(),
            image_names=self.images.names(),
            videos=self.videos.references(),
            extra=self.extras.values() if self.advanced_toggle.isChecked() else {},
        )

    def _show_kind_values(self, values: KindValues) -> None:
        self._fill_models(keep=values.model)
        self.duration.set_value(values.duration)
        self.aspect_ratio.set_value(values.aspect_ratio)
        self.size_choice.set_value(values.size)
        self.resolution.set_value(values.resolution)
        self.watermark.setChecked(values.watermark)
        self.images.set_references(values.images, values.image_names)
        self.videos.set_references(values.videos)
        self.extras.set_values(dict(values.extra))
        self.advanced_toggle.setChecked(bool(values.extra))

    def _toggle_advanced(self, shown: bool) -> None:
        self.extras.setVisible(shown)
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        if shown and not self.extras.values():
            self.extras.add_row()
        if shown:
            self._scroll_into_view(self.extras)

    def _scroll_into_view(self, widget: QWidget) -> None:
        """The window scrolls the form: show what was just opened (after its layout)."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            area = parent
            # After the layout pass that gives the new rows their place.
            QTimer.singleShot(0, self, lambda: area.ensureWidgetVisible(widget, 0, 0))

    def _numbers(self) -> QLocale:
        """The user's way of writing numbers ("4,000", "4 000"); English for the C locale,
        which writes none of the separators that make a limit readable."""
        locale = self.locale()
        if locale.language() == QLocale.Language.C:
            return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        return locale

    def _prompt_changed(self) -> None:
        count = len(self.prompt.toPlainText())
        locale = self._numbers()
        limit = self._prompt_limit
        if limit is None:
            self.prompt_count.setText(locale.toString(count))
        else:
            self.prompt_count.setText(f"{locale.toString(count)} / {locale.toString(limit)}")
        over = limit is not None and count > limit
        self.prompt_count.setStyleSheet(f"color: {ERROR_COLOUR};" if over else "")
        show_error(self.prompt_error, self._too_long(count) if over else "")
        self._errors_changed()

    def _too_long(self, count: int) -> str:
        limit = self._prompt_limit or 0
        locale = self._numbers()
        return (
            self.tr(
                "The prompt is %1 characters long; this model takes at most %2. "
                "Shorten it by %3 characters."
            )
            .replace("%1", locale.toString(count))
            .replace("%2", locale.toString(limit))
            .replace("%3", locale.toString(count - limit))
        )

    def _errors_changed(self) -> None:
        # The hint is a suggestion: it gives way while something needs fixing.
        self.hint.setVisible(not any(label.text() for label in self.errors))

    # -- building the request ----------------------------------------------------------------

    def build_request(self) -> GenerationRequest | None:
        """The request, or None after saying every problem above Generate."""
        ok = True
        prompt = self.prompt.toPlainText()
        model = self.model.currentText().strip()
        show_error(self.prompt_error, "")
        if not prompt.strip():
            show_error(self.prompt_error, self.tr("Write a prompt: describe what to make."))
            ok = False
        elif self._prompt_limit is not None and len(prompt) > self._prompt_limit:
            show_error(self.prompt_error, self._too_long(len(prompt)))
            ok = False
        show_error(self.model_error, "")
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
        show_error(self.options_error, " ".join(options_problems))
        if options_problems:
            ok = False
        problems = self.extras.problems() if self.advanced_toggle.isChecked() else []
        show_error(self.extras_error, "")
        if problems:
            show_error(
                self.extras_error,
                self.tr("Fix the extra settings: ") + "; ".join(problems),
            )
            ok = False
        request = None
        if ok:
            uses_images = "images" in fields
            request = GenerationRequest(
                scope=self.scope,
                prompt=prompt,
                model=model,
                duration=duration,
                aspect_ratio=self.aspect_ratio.value() if "aspect_ratio" in fields else None,
                size=size,
                resolution=self.resolution.value() if "resolution" in fields else None,
                images=self.images.references() if uses_images else (),
                videos=self.videos.references() if "videos" in fields else (),
                watermark=True if self.watermark.isChecked() else None,
                extra=self.extras.values() if self.advanced_toggle.isChecked() else {},
                image_names=self.images.names() if uses_images else (),
            )
            try:
                request.validate()
            except InvalidRequestError as exc:
                show_error(self.options_error, str(exc))
                request = None
        self._errors_changed()
        return request

    def try_submit(self) -> None:
        request = self.build_request()
        if request is not None:
            self.submit_requested.emit(request)
        else:
            self.submit_refused.emit(
                self.tr("Nothing was sent: see what to fix just above Generate.")
            )

    def use_as_reference(self, path: Path, scope: Scope | None = None) -> bool:
        """A saved picture into the reference images (switching kind first if asked, or
        to Image when the kind shown takes no pictures)."""
        if scope is None and "images" not in presets.FIELDS[self.scope]:
            scope = Scope.IMAGES
        if scope is not None:
            self.set_scope(scope)
        return self.images.add_file(path)

    def load_request(self, request: GenerationRequest) -> None:
        """ "Reuse settings": put a request back into its kind's values and the form."""
        self._kinds[request.scope] = KindValues(
            model=request.model,
            duration=None if request.duration is None else str(request.duration),
            aspect_ratio=request.aspect_ratio,
            size=request.size,
            resolution=request.resolution,
            watermark=bool(request.watermark),
            images=request.images,
            image_names=request.image_names,
            videos=request.videos,
            extra=dict(request.extra),
        )
        self.prompt.setPlainText(request.prompt)
        if self.scope is request.scope:
            self._show_kind_values(self._kinds[request.scope])
        else:
            self._shown = None  # the fields hold nothing worth keeping for the old kind
            self._kinds[self.scope] = self._kind_values()
            self.set_scope(request.scope)

    def state(self) -> dict[str, Any]:
        """The last form values per kind, for the settings file (no reference data)."""
        self._kinds[self.scope] = self._kind_values()
        return FormState(self.scope, self.prompt.toPlainText(), dict(self._kinds)).to_json()

    def restore(self, data: object) -> None:
        """Tolerant of older (flat) and damaged values: what cannot be read is left out."""
        state = FormState.from_json(data)
        self._kinds = state.kinds
        self._shown = None
        self.prompt.setPlainText(state.prompt)
        if self.scope is state.scope:
            self._scope_toggled(None, True)
        else:
            self.set_scope(state.scope)
