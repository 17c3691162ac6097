"""Settings changes, applied in one place below the widgets.

The Settings and Add provider dialogs only edit and return what the user typed; these
functions check it, put keys in the key vault (keys first: if the keyring refuses,
nothing else changes), update the preferences and tell the task service.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from genstudio.api.base_url import normalize_base_url
from genstudio.api.errors import InvalidBaseUrlError
from genstudio.i18n import translate
from genstudio.settings.key_store import KeyStoreError, KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.tasks.service import TaskService


@dataclass(frozen=True)
class ProviderDraft:
    """A provider as typed: ``new_key`` empty keeps the saved key of an existing one."""

    name: str
    base_url: str
    allow_insecure: bool = False
    new_key: str = ""
    existing: bool = False


@dataclass(frozen=True)
class GeneralSettings:
    language: str
    notify_when_done: bool
    max_image_mb: float
    max_output_mb: float
    deadline_minutes: dict[str, float]
    library_dirs: dict[str, str]


@dataclass(frozen=True)
class SettingsChanges:
    providers: tuple[ProviderDraft, ...]  # every non-demo provider, in order
    removed: frozenset[str] = frozenset()
    general: GeneralSettings | None = None


@dataclass
class Applied:
    problem: str | None = None  # a sentence; nothing was changed when set
    changed_profiles: set[str] = field(default_factory=set)  # address or key changed


def problem_with(drafts: tuple[ProviderDraft, ...] | list[ProviderDraft]) -> str | None:
    """The first thing to fix before these providers can be saved, as a sentence."""
    names: set[str] = set()
    for draft in drafts:
        if not draft.name.strip():
            return translate("Messages", "Give the new provider a name.")
        if draft.name in names:
            return translate(
                "Messages", "Two providers are called “{name}”; names must differ."
            ).format(name=draft.name)
        names.add(draft.name)
        try:
            normalize_base_url(draft.base_url, allow_insecure=draft.allow_insecure)
        except InvalidBaseUrlError as exc:
            return f"{draft.name}: {exc.user_message}"
        if not draft.existing and not draft.new_key.strip():
            return translate("Messages", "{name}: paste the API key.").format(name=draft.name)
    return None


def _store_keys(drafts: list[ProviderDraft], vault: KeyVault) -> str | None:
    try:
        for draft in drafts:
            if draft.new_key.strip():
                vault.set(draft.name, draft.new_key.strip())
    except KeyStoreError as exc:
        return str(exc)
    return None


def apply_settings(
    changes: SettingsChanges,
    prefs: Preferences,
    vault: KeyVault,
    service: TaskService | None,
) -> Applied:
    """Keys, providers, general settings and the service's deadlines, in that order."""
    drafts = list(changes.providers)
    problem = problem_with(drafts) or _store_keys(drafts, vault)
    if problem:
        return Applied(problem)
    applied = Applied(changed_profiles={d.name for d in drafts if d.new_key.strip()})
    for name in changes.removed:
        # The profile goes anyway; a key left in the keyring is harmless.
        with contextlib.suppress(KeyStoreError):
            vault.delete(name)
    old = {p.name: p for p in prefs.profiles if not p.demo}
    demo = [p for p in prefs.profiles if p.demo]
    profiles = []
    for draft in drafts:
        url = normalize_base_url(draft.base_url, allow_insecure=draft.allow_insecure)
        before = old.get(draft.name)
        if before is None or (before.base_url, before.allow_insecure) != (
            url,
            draft.allow_insecure,
        ):
            applied.changed_profiles.add(draft.name)
        profiles.append(Profile(draft.name, url, draft.allow_insecure))
    prefs.profiles = profiles + demo
    if prefs.profile(prefs.current_profile) is None:
        prefs.current_profile = (profiles or demo)[0].name if (profiles or demo) else None
    general = changes.general
    if general is not None:
        prefs.language = general.language
        prefs.notify_when_done = general.notify_when_done
        prefs.max_image_mb = general.max_image_mb
        prefs.max_output_mb = general.max_output_mb
        prefs.deadline_minutes.update(general.deadline_minutes)
        prefs.library_dirs = {k: v for k, v in general.library_dirs.items() if v.strip()}
    if service is not None:
        service.policy = service.policy.with_deadline_minutes(prefs.deadline_minutes)
        for name in applied.changed_profiles:
            service.key_updated(name)
    return applied


def add_provider(
    draft: ProviderDraft, prefs: Preferences, vault: KeyVault, service: TaskService | None
) -> Applied:
    """One new provider, made the current one; the others stay as they are."""
    if prefs.profile(draft.name) is not None:
        return Applied(
            translate(
                "Messages", "A provider called “{name}” already exists: choose another name."
            ).format(name=draft.name)
        )
    others = tuple(
        ProviderDraft(p.name, p.base_url, p.allow_insecure, existing=True)
        for p in prefs.profiles
        if not p.demo
    )
    applied = apply_settings(SettingsChanges((*others, draft)), prefs, vault, service)
    if applied.problem is None:
        prefs.current_profile = draft.name
    return applied
