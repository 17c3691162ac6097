"""The model catalog: what each known model takes, its choices and defaults, and how
its values go into the body (``ratio`` for ``aspect_ratio``, ``"10"`` for ``10``).

``resources/models.json`` ships with GenStudio; a ``models.json`` beside the settings
overrides or extends its entries. A model the catalog does not know gets the generic
form. No Qt here: the form and the CLI both ask :func:`conform`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest, InvalidRequestError, WireField
from genstudio.i18n import translate
from genstudio.record_base import FrozenRecord

log = logging.getLogger(__name__)

#: The request fields the catalog describes (the form's option boxes and watermark).
OPTION_FIELDS = ("duration", "aspect_ratio", "size", "resolution")
FIELDS = (*OPTION_FIELDS, "watermark")
_SCOPES = {scope.value: scope for scope in Scope}
_MAX_TEXT = 2000


@dataclass(frozen=True, repr=False, eq=False)
class FieldSpec(FrozenRecord):
    """One field a model takes. ``choices`` are as the form shows them ("8", "16:9");
    empty means any value (watermark: on or off)."""

    choices: tuple[str, ...] = ()
    default: str | None = None
    send_as: str = ""
    as_string: bool = False


@dataclass(frozen=True, repr=False, eq=False)
class ModelSpec(FrozenRecord):
    id: str
    scope: Scope
    name: str = ""
    maker: str = ""
    source: str = ""
    prompt_limit: int | None = None
    max_images: int = 0
    min_images: int = 0
    max_videos: int = 0
    outputs: int = 1
    price_per_output: bool = False  # priced per picture (``n``), not per job
    fields: Mapping[str, FieldSpec] = field(default_factory=dict)

    def takes(self, name: str) -> bool:
        if name == "images":
            return self.max_images > 0
        if name == "videos":
            return self.max_videos > 0
        return name in self.fields

    def wire(self) -> dict[str, WireField]:
        """The fields that go out under another name or type than the form's."""
        return {
            name: WireField(spec.send_as or name, spec.as_string)
            for name, spec in self.fields.items()
            if (spec.send_as and spec.send_as != name) or spec.as_string
        }


class Catalog:
    def __init__(self, specs: Iterable[ModelSpec] = ()) -> None:
        self._specs: dict[tuple[Scope, str], ModelSpec] = {}
        for spec in specs:
            self._specs[(spec.scope, spec.id)] = spec

    def get(self, scope: Scope, model: str) -> ModelSpec | None:
        return self._specs.get((scope, model.strip()))

    def models(self, scope: Scope) -> tuple[str, ...]:
        return tuple(spec.id for (s, _), spec in self._specs.items() if s is scope)

    def __len__(self) -> int:
        return len(self._specs)


@dataclass(frozen=True, repr=False, eq=False)
class CatalogLoad(FrozenRecord):
    catalog: Catalog
    problems: tuple[str, ...] = ()  # sentences about the user's file, each naming a line


class CatalogError(ValueError):
    """One entry cannot be used; the message says why."""


def shipped_catalog_path() -> Path:
    from genstudio.resources import resource_path

    return resource_path("models.json")


def load_catalog(user_file: Path | None = None, shipped: Path | None = None) -> CatalogLoad:
    """The shipped catalog with the user's file laid over it. A broken user file or
    entry is a sentence in ``problems``; the shipped entries keep working."""
    shipped = shipped or shipped_catalog_path()
    try:
        entries, problems = _read_entries(shipped.read_text(encoding="utf-8"), shipped)
    except OSError as exc:
        log.warning("the model catalog %s cannot be read: %s", shipped, exc)
        entries, problems = [], []
    merged: dict[tuple[str, str], tuple[dict[str, Any], int]] = {}
    for entry, line in entries:
        merged[_key(entry)] = (entry, line)
    specs = {key: _spec(entry) for key, (entry, _line) in merged.items()}
    all_problems = list(problems)
    if user_file is not None and user_file.exists():
        try:
            text = user_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            all_problems.append(
                translate(
                    "Messages",
                    "Your model file {path} cannot be read ({problem}); GenStudio uses its "
                    "own model list.",
                ).format(path=user_file, problem=exc)
            )
            text = None
        if text is not None:
            user_entries, user_problems = _read_entries(text, user_file)
            all_problems.extend(user_problems)
            for entry, line in user_entries:
                key = _key(entry)
                base = merged.get(key, ({}, 0))[0]
                try:
                    specs[key] = _spec(_overlay(base, entry))
                except CatalogError as exc:
                    all_problems.append(_at_line(user_file, line, str(exc)))
    for problem in all_problems:
        log.info("model catalog: %s", problem)  # the caller says it (banner, stderr)
    return CatalogLoad(Catalog(specs.values()), tuple(all_problems))


def _key(entry: Mapping[str, Any]) -> tuple[str, str]:
    return (str(entry.get("kind", "")), str(entry.get("id", "")))


def _overlay(base: Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    """The user's entry over the shipped one: keys replace, ``fields`` merge field by
    field, and a field set to ``null`` is taken away."""
    merged = {**base, **{k: v for k, v in entry.items() if k != "fields"}}
    fields = dict(base.get("fields") or {})
    user_fields = entry.get("fields")
    if user_fields is not None and not isinstance(user_fields, Mapping):
        raise CatalogError(
            translate("Messages", '"fields" must be an object like {{"duration": {{...}}}}')
        )
    for name, value in (user_fields or {}).items():
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    merged["fields"] = fields
    return merged


def _read_entries(text: str, path: Path) -> tuple[list[tuple[dict[str, Any], int]], list[str]]:
    """The file's entries, each with the line it starts on, and sentences for the bad
    ones (which are left out)."""
    try:
        data = json.loads(text)
    except RecursionError:
        return [], [_at_line(path, 1, translate("Messages", "it is nested too deeply"))]
    except json.JSONDecodeError as exc:
        return [], [
            translate(
                "Messages",
                "Your model file {path} has a mistake on line {line}: {problem}. GenStudio "
                "uses its own model list until it is fixed.",
            ).format(path=path, line=exc.lineno, problem=exc.msg)
        ]
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, list):
        return [], [_at_line(path, 1, translate("Messages", 'it needs a "models" list of entries'))]
    entries: list[tuple[dict[str, Any], int]] = []
    problems: list[str] = []
    id_lines = _id_lines(text)
    for index, entry in enumerate(models):
        line = _line_of(id_lines, entry, index)
        if not isinstance(entry, dict):
            problems.append(
                _at_line(path, line, translate("Messages", "an entry is not an object"))
            )
            continue
        kind, model = entry.get("kind"), entry.get("id")
        if kind not in _SCOPES or not isinstance(model, str) or not model.strip():
            problems.append(
                _at_line(
                    path,
                    line,
                    translate(
                        "Messages",
                        'each entry needs an "id" (the model name) and a "kind" (images, '
                        "videos or audio)",
                    ),
                )
            )
            continue
        entries.append((entry, line))
    return entries, problems


_ID_AT = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*")')


def _id_lines(text: str) -> dict[str, int]:
    """Each id written in the file, with the line it first appears on. One pass: a
    pattern per entry cost 18 compiles on every start."""
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for found in _ID_AT.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        try:
            model = json.loads(found.group(1))
        except ValueError:  # a broken escape: that entry's number is used instead
            continue
        lines.setdefault(model, line)
    return lines


def _line_of(id_lines: Mapping[str, int], entry: object, index: int) -> int:
    """The line where an entry's id appears (the entry's number when it has none)."""
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        found = id_lines.get(entry["id"])
        if found is not None:
            return found
    return index + 1


def _at_line(path: Path, line: int, problem: str) -> str:
    return translate(
        "Messages",
        "Your model file {path}, line {line}: {problem}. That entry is left out until it is fixed.",
    ).format(path=path, line=line, problem=problem)


def _spec(entry: Mapping[str, Any]) -> ModelSpec:
    """A checked :class:`ModelSpec`; :class:`CatalogError` names what is wrong."""
    model = str(entry["id"]).strip()
    fields: dict[str, FieldSpec] = {}
    raw_fields = entry.get("fields") or {}
    if not isinstance(raw_fields, Mapping):
        raise CatalogError(
            translate("Messages", '"fields" of {model} must be an object').format(model=model)
        )
    for name, raw in raw_fields.items():
        if name not in FIELDS:
            raise CatalogError(
                translate(
                    "Messages",
                    "{model} names a field {name!r}; the fields are {known} (others go in "
                    "the provider's extra settings)",
                ).format(model=model, name=name, known=", ".join(FIELDS))
            )
        fields[name] = _field(model, name, raw)
    return ModelSpec(
        id=model,
        scope=_SCOPES[str(entry["kind"])],
        name=_text(entry.get("name")) or model,
        maker=_text(entry.get("maker")),
        source=_text(entry.get("source")),
        prompt_limit=_count(entry, "prompt_limit", model),
        max_images=_count(entry, "images", model) or 0,
        min_images=_count(entry, "min_images", model) or 0,
        max_videos=_count(entry, "videos", model) or 0,
        outputs=_count(entry, "outputs", model) or 1,
        price_per_output=entry.get("price_per_output") is True,
        fields=fields,
    )


def _field(model: str, name: str, raw: object) -> FieldSpec:
    if not isinstance(raw, Mapping):
        raise CatalogError(
            translate("Messages", "the field {name} of {model} must be an object").format(
                name=name, model=model
            )
        )
    choices_raw = raw.get("choices", [])
    if not isinstance(choices_raw, list) or not all(
        isinstance(c, str | int) and not isinstance(c, bool) for c in choices_raw
    ):
        raise CatalogError(
            translate(
                "Messages", "the choices of {name} for {model} must be a list of values"
            ).format(name=name, model=model)
        )
    choices = tuple(str(c) for c in choices_raw)
    if name == "duration" and not all(c.isdigit() and int(c) > 0 for c in choices):
        raise CatalogError(
            translate(
                "Messages", "durations of {model} must be whole numbers of seconds, like 8"
            ).format(model=model)
        )
    default = raw.get("default")
    default_text = None if default is None else str(default)
    if default_text is not None and choices and default_text not in choices:
        raise CatalogError(
            translate(
                "Messages", "the default {name} of {model} ({default}) is not one of its choices"
            ).format(name=name, model=model, default=default_text)
        )
    value_type = raw.get("type", "integer" if name == "duration" else "string")
    if value_type not in ("integer", "string"):
        raise CatalogError(
            translate(
                "Messages", 'the type of {name} for {model} must be "integer" or "string"'
            ).format(name=name, model=model)
        )
    send_as = raw.get("send_as", name)
    if not isinstance(send_as, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", send_as):
        raise CatalogError(
            translate("Messages", "send_as of {name} for {model} must be a field name").format(
                name=name, model=model
            )
        )
    as_string = name == "duration" and value_type == "string"
    return FieldSpec(choices, default_text, send_as, as_string)


def _text(value: object) -> str:
    return value.strip()[:_MAX_TEXT] if isinstance(value, str) else ""


def _count(entry: Mapping[str, Any], key: str, model: str) -> int | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise CatalogError(
            translate("Messages", "{key} of {model} must be a whole number, like 4").format(
                key=key, model=model
            )
        )
    return value


# -- a request as the model takes it ----------------------------------------------------


def conform(request: GenerationRequest, spec: ModelSpec | None) -> GenerationRequest:
    """The request with the model's field names and types; :class:`InvalidRequestError`
    for anything the model would refuse. Fields the user set in the extras are theirs
    (the escape hatch), so they are not checked. An unknown model passes as it is."""
    if spec is None:
        return request
    forced = set(request.extra)
    values: dict[str, object] = {
        "duration": request.duration,
        "aspect_ratio": request.aspect_ratio,
        "size": request.size,
        "resolution": request.resolution,
        "watermark": request.watermark,
    }
    for name, value in values.items():
        if value is None or value == "" or name in forced:
            continue
        field_spec = spec.fields.get(name)
        if field_spec is None:
            raise InvalidRequestError(
                translate(
                    "Messages",
                    "{model} does not take {field}: leave it out, or send it as an extra setting "
                    "if your provider says otherwise.",
                ).format(model=spec.id, field=_field_words(name))
            )
        if field_spec.send_as in forced:
            continue
        if field_spec.choices and str(value) not in field_spec.choices:
            sentence = (
                translate(
                    "Messages", "{model} takes a duration of {choices} seconds; {value} is not one."
                )
                if name == "duration"
                else translate(
                    "Messages", "{model} takes {field} of {choices}; {value} is not one."
                )
            )
            raise InvalidRequestError(
                sentence.format(
                    model=spec.id,
                    field=_field_words(name),
                    choices=_or_list(field_spec.choices),
                    value=value,
                )
            )
    count = len(request.images)
    if count > spec.max_images:
        raise InvalidRequestError(
            translate(
                "Messages",
                "{model} takes at most {most} reference image(s); remove {extra}.",
            ).format(model=spec.id, most=spec.max_images, extra=count - spec.max_images)
        )
    if count < spec.min_images:
        raise InvalidRequestError(
            translate("Messages", "{model} needs a reference image to start from: add one.").format(
                model=spec.id
            )
        )
    if len(request.videos) > spec.max_videos:
        raise InvalidRequestError(
            translate(
                "Messages",
                "{model} takes at most {most} reference video(s); remove {extra}.",
            ).format(
                model=spec.id, most=spec.max_videos, extra=len(request.videos) - spec.max_videos
            )
        )
    if spec.prompt_limit is not None and len(request.prompt) > spec.prompt_limit:
        raise InvalidRequestError(
            translate(
                "Messages",
                "The prompt is {count} characters long; {model} takes at most {limit}.",
            ).format(count=len(request.prompt), model=spec.id, limit=spec.prompt_limit)
        )
    return dataclasses.replace(request, wire=spec.wire())


def _field_words(name: str) -> str:
    return {
        "duration": translate("Messages", "a duration"),
        "aspect_ratio": translate("Messages", "an aspect ratio"),
        "size": translate("Messages", "a size"),
        "resolution": translate("Messages", "a resolution"),
        "watermark": translate("Messages", "a watermark setting"),
    }[name]


def _or_list(choices: tuple[str, ...]) -> str:
    if len(choices) == 1:
        return choices[0]
    return translate("Messages", "{first} or {last}").format(
        first=", ".join(choices[:-1]), last=choices[-1]
    )
