"""The prompt form: kind, model, prompt, options, references, extras.

It builds a :class:`GenerationRequest`, shows each problem at its field, and emits
``submit_requested``; it stays usable while tasks run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api import presets
from genstudio.api.catalog import Catalog, ModelSpec, conform
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest, InvalidRequestError
from genstudio.ui.form.extra_params import ExtraParamsEditor
from genstudio.ui.form.form_state import FormState, KindValues
from genstudio.ui.form.kind_buttons import KindButtons
from genstudio.ui.form.model_box import ModelBox
from genstudio.ui.form.option_combo import OptionCombo, generic_choices
from genstudio.ui.form.prompt_counter import PromptCounter
from genstudio.ui.form.reference_inputs import ReferenceImages, ReferenceVideos
from genstudio.ui.inline_error import error_label, show_error

_SIZE_RE = re.compile(r"^\d{2,5}x\d{2,5}$")


class GenerationForm(QWidget):
    submit_requested = Signal(object)  # GenerationRequest
    submit_refused = Signal(str)  # a sentence for the status bar: nothing was sent
    quote_needed = Signal()  # the job changed: the window works out its price again

    def __init__(self, max_image_bytes: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recent: dict[str, list[str]] = {}
        self._kinds = FormState().kinds
        self._shown: Scope | None = None  # the kind whose values the fields hold
        self._catalog = Catalog()  # the window gives the real one (shipped + user's file)
        self._offered: frozenset[str] | None = None  # what the provider lists for this key
        self._provider = ""
        self._quote_timer = QTimer(self)
        self._quote_timer.setSingleShot(True)
        self._quote_timer.setInterval(150)
        self._quote_timer.timeout.connect(self.quote_needed)
        outer = QVBoxLayout(self)

        # Kind: three big choices.
        kinds = KindButtons()
        self.scope_group = kinds.group
        self.scope_buttons = kinds.buttons
        outer.addWidget(kinds)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.model = ModelBox()
        self.model_error = error_label()
        form.addRow(self.tr("Model"), self.model)
        form.addRow("", self.model.note)

        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Describe what you want to make…"))
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMinimumHeight(110)
        self.prompt_count = PromptCounter()
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
        self._option_rows: dict[str, tuple[QLabel, OptionCombo]] = {}
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
        self.price = QLabel()
        self.price.setAccessibleName(self.tr("Price of this job"))
        self.price.hide()
        generate_row = QHBoxLayout()
        generate_row.addWidget(self.submit_button, 1)
        generate_row.addWidget(self.price)
        footer.addLayout(generate_row)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.try_submit)
        self.set_prompt_limit(presets.PROMPT_LIMIT)
        self.prompt.textChanged.connect(self._prompt_changed)
        self.model.editTextChanged.connect(self._model_changed)
        for combo in (self.duration, self.aspect_ratio, self.size_choice, self.resolution):
            combo.currentTextChanged.connect(self._quote_timer.start)
        self.images.changed.connect(self._quote_timer.start)
        self.extras.changed.connect(self._quote_timer.start)
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
        self.prompt_count.limit = limit
        self._prompt_changed()

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._fill_models(keep=self.model.currentText())
        self._apply_model()

    def set_offered_models(self, offered: frozenset[str] | None, provider: str) -> None:
        """The models the provider lists for this key (None: it does not say)."""
        self._offered = offered
        self._provider = provider
        self._fill_models(keep=self.model.currentText())
        self._apply_model()

    def set_price(self, text: str, tooltip: str) -> None:
        """The job's price beside Generate ("≈ $0.40"); empty hides it."""
        self.price.setText(text)
        self.price.setToolTip(tooltip)
        self.price.setVisible(bool(text))

    def spec(self) -> ModelSpec | None:
        """What the catalog knows of the model in the box (None: a model it does not know)."""
        return self._catalog.get(self.scope, self.model.currentText())

    def _fill_models(self, keep: str = "") -> None:
        scope = self.scope
        recent = self._recent.get(scope.value, [])
        known = self._catalog.models(scope)
        names = [*recent, *known, *presets.MODELS[scope]]
        specs = {name: spec for name in names if (spec := self._catalog.get(scope, name))}
        self.model.fill(names, self._offered, self._provider, specs, keep)

    def _model_changed(self, _text: str) -> None:
        show_error(self.model_error, "")
        self._apply_model()

    def _shown_fields(self, spec: ModelSpec | None) -> frozenset[str]:
        """The fields the form shows: the model's, or every field of the kind."""
        if spec is None:
            return presets.FIELDS[self.scope] | {"watermark"}
        return frozenset(name for name in (*spec.fields, "images", "videos") if spec.takes(name))

    def _apply_model(self) -> None:
        """Show what the chosen model takes, with its choices and default."""
        spec = self.spec()
        fields = self._shown_fields(spec)
        for key, (label, combo) in self._option_rows.items():
            label.setVisible(key in fields)
            combo.setVisible(key in fields)
            field = spec.fields.get(key) if spec is not None else None
            if field is not None and field.choices:
                combo.set_choices(field.choices, field.default)
            else:
                combo.set_values(generic_choices(self.scope, key), self.tr("Default"))
        self.images_box.setVisible("images" in fields)
        most = spec.max_images if spec is not None else 0
        self.images_box.setTitle(
            self.tr("Reference images (up to %1)").replace("%1", str(most))
            if most
            else self.tr("Reference images")
        )
        self.videos_box.setVisible("videos" in fields)
        self.watermark.setVisible("watermark" in fields)
        limit = spec.prompt_limit if spec is not None else None
        self.set_prompt_limit(limit or presets.PROMPT_LIMIT)
        self.model.describe(spec, self._offered, self._provider)
        self._quote_timer.start()

    def _scope_toggled(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        scope = self.scope
        if self._shown is not None and self._shown is not scope:
            self._kinds[self._shown] = self._kind_values()
        self._shown = scope
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
        self._apply_model()
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

    def _prompt_changed(self) -> None:
        show_error(self.prompt_error, self.prompt_count.count(len(self.prompt.toPlainText())))
        self._errors_changed()

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
        elif too_long := self.prompt_count.count(len(prompt)):
            show_error(self.prompt_error, too_long)
            ok = False
        show_error(self.model_error, "")
        if not model:
            show_error(self.model_error, self.tr("Choose a model, or type its name."))
            ok = False
        spec = self.spec()
        fields = self._shown_fields(spec)
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
        if size is not None and spec is None and not _SIZE_RE.match(size):
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
                watermark=True if "watermark" in fields and self.watermark.isChecked() else None,
                extra=self.extras.values() if self.advanced_toggle.isChecked() else {},
                image_names=self.images.names() if uses_images else (),
            )
            try:
                request.validate()
                request = conform(request, spec)
            except InvalidRequestError as exc:
                show_error(self.options_error, str(exc))
                request = None
        self._errors_changed()
        return request

    def draft(self) -> GenerationRequest:
        """The job as the form stands, unchecked and without a word to the user: what
        its price is worked out from."""
        values = self._kind_values()
        duration = values.duration if values.duration and values.duration.isdigit() else None
        return GenerationRequest(
            scope=self.scope,
            prompt=self.prompt.toPlainText(),
            model=values.model,
            duration=int(duration) if duration else None,
            extra=values.extra if isinstance(values.extra, dict) else {},
        )

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
        if scope is None and "images" not in self._shown_fields(self.spec()):
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
