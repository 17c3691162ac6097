"""Typed, non-secret settings in one JSON file, written atomically.

Profiles' names and URLs, limits, deadlines, window layout and the last form values.
Never the API key: that lives in the keyring (:mod:`genstudio.settings.key_store`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from genstudio.atomic_json import write_json_atomically
from genstudio.record_base import Record
from genstudio.settings.money import QUOTA_PER_USD, Budget, UserPrice, is_amount

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass(repr=False, eq=False)
class Profile(Record):
    name: str
    base_url: str
    allow_insecure: bool = False
    demo: bool = False  # the built-in simulator: never saved
    # Money (issue 11): the user's own prices per model, where the provider publishes
    # none; the budget; how many of the gateway's quota units make one US dollar.
    prices: dict[str, UserPrice] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)
    quota_per_usd: float = QUOTA_PER_USD

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "base_url": self.base_url,
            "allow_insecure": self.allow_insecure,
            "prices": {model: price.to_json() for model, price in self.prices.items()},
            "budget": self.budget.to_json(),
            "quota_per_usd": self.quota_per_usd,
        }

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> Profile:
        prices = {}
        raw_prices = item.get("prices")
        if isinstance(raw_prices, dict):
            for model, raw in raw_prices.items():
                price = UserPrice.from_json(raw)
                if isinstance(model, str) and model.strip() and price is not None:
                    prices[model.strip()] = price
        quota = item.get("quota_per_usd")
        return cls(
            str(item["name"]),
            str(item["base_url"]),
            bool(item.get("allow_insecure", False)),
            prices=prices,
            budget=Budget.from_json(item.get("budget")),
            quota_per_usd=float(quota) if is_amount(quota) and quota else QUOTA_PER_USD,
        )


@dataclass(repr=False, eq=False)
class Preferences(Record):
    profiles: list[Profile] = field(default_factory=list)
    current_profile: str | None = None
    max_image_mb: float = 10.0
    language: str = ""  # "" follows the system; else a code such as zh_CN
    notify_when_done: bool = True  # a desktop notification while in the background
    max_output_mb: float = 2048.0  # larger outputs are not saved (links still shown)
    deadline_minutes: dict[str, float] = field(
        default_factory=lambda: {"images": 30.0, "audio": 30.0, "videos": 60.0}
    )
    recent_models: dict[str, list[str]] = field(default_factory=dict)
    library_dirs: dict[str, str] = field(default_factory=dict)  # scope -> folder; "" = default
    last_form: dict[str, Any] = field(default_factory=dict)
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""
    splitter_state: str = ""
    side_splitter_state: str = ""  # the previewer over the details
    table_header_state: str = ""
    form_folded: bool = False  # the form folded into a slim bar to give results room

    def profile(self, name: str | None) -> Profile | None:
        return next((p for p in self.profiles if p.name == name), None)

    def remember_model(self, scope: str, model: str, keep: int = 12) -> None:
        models = [m for m in self.recent_models.get(scope, []) if m != model]
        self.recent_models[scope] = [model, *models][:keep]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["profiles"] = [p.to_json() for p in self.profiles if not p.demo]
        current = self.profile(self.current_profile)
        if current is not None and current.demo:
            data["current_profile"] = None
        data["version"] = SETTINGS_VERSION
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Preferences:
        prefs = cls()
        profiles = []
        for item in data.get("profiles") or []:
            if isinstance(item, dict) and item.get("name") and item.get("base_url"):
                profiles.append(Profile.from_json(item))
        prefs.profiles = profiles
        current = data.get("current_profile")
        prefs.current_profile = current if isinstance(current, str) else None
        for name in ("max_image_mb", "max_output_mb"):
            value = data.get(name)
            if isinstance(value, int | float) and value > 0:
                setattr(prefs, name, float(value))
        if isinstance(data.get("notify_when_done"), bool):
            prefs.notify_when_done = data["notify_when_done"]
        language = data.get("language")
        if isinstance(language, str):
            prefs.language = language
        deadlines = data.get("deadline_minutes")
        if isinstance(deadlines, dict):
            for scope, minutes in deadlines.items():
                if (
                    scope in prefs.deadline_minutes
                    and isinstance(minutes, int | float)
                    and minutes > 0
                ):
                    prefs.deadline_minutes[scope] = float(minutes)
        library = data.get("library_dirs")
        if isinstance(library, dict):
            prefs.library_dirs = {
                str(k): str(v)
                for k, v in library.items()
                if k in ("images", "videos", "audio") and isinstance(v, str)
            }
        models = data.get("recent_models")
        if isinstance(models, dict):
            prefs.recent_models = {
                str(k): [str(m) for m in v if isinstance(m, str)]
                for k, v in models.items()
                if isinstance(v, list)
            }
        prefs.form_folded = data.get("form_folded") is True
        form = data.get("last_form")
        if isinstance(form, dict):
            prefs.last_form = form
        for name in (
            "window_geometry",
            "window_state",
            "splitter_state",
            "side_splitter_state",
            "table_header_state",
        ):
            value = data.get(name)
            if isinstance(value, str):
                setattr(prefs, name, value)
        return prefs


def load_preferences(path: Path) -> Preferences:
    """Read the settings; a missing or damaged file gives the defaults (and is logged)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("settings at %s unreadable (%s); using defaults", path, exc)
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    return Preferences.from_json(data)


def save_preferences(prefs: Preferences, path: Path) -> None:
    """Write to a temporary file beside the target, then rename: never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomically(path, prefs.to_json())
