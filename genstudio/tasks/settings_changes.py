"""Settings changes, checked and applied in one place below the widgets.

The Settings and Add provider dialogs only edit and return what the user typed (a
``SettingsChanges`` or a ``ProviderDraft``), checking it with :func:`problem_with` first.
The window then applies it here: keys first (if the keyring refuses, nothing else
changes and the keys already written are put back), then the removed keys, the
providers, the general settings and the task service.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from genstudio.api.base_url import normalize_base_url
from genstudio.api.errors import InvalidBaseUrlError
from genstudio.i18n import translate
from genstudio.settings.key_store import KeyStoreError, KeyVault
from genstudio.settings.preferences import Preferences, Profile

if TYPE_CHECKING:
    from genstudio.settings.money import MoneySettings
    from genstudio.tasks.service import TaskService


@dataclass(frozen=True)
class ProviderDraft:
    """A provider as typed: ``new_key`` empty keeps the saved key of an existing one."""

    name: str
    base_url: str
    allow_insecure: bool = False
    new_key: str = ""
    existing: bool = False  # already saved: its name is fixed and its key may stay
    money: MoneySettings | None = None  # edited prices and budget; None keeps the saved ones


@dataclass(frozen=True)
class GeneralSettings:
    language: str
    notify_when_done: bool
    max_image_mb: float
    max_output_mb: float
    deadline_minutes: dict[str, float]
    library_dirs: dict[str, str]  # a blank folder means the default one


@dataclass(frozen=True)
class SettingsChanges:
    profiles: tuple[ProviderDraft, ...]  # every non-demo provider, in order
    removed: frozenset[str] = frozenset()
    general: GeneralSettings | None = None  # None leaves the general settings alone


@dataclass
class Applied:
    problem: str | None = None  # a sentence; nothing was changed when set
    changed_profiles: set[str] = field(default_factory=set)  # address or key changed
    note: str | None = None  # applied, but something to tell (a key the keyring kept)


def problem_with(drafts: Sequence[ProviderDraft], taken: Collection[str] = ()) -> str | None:
    """The first thing to fix before these providers can be saved, as a sentence.

    ``taken`` holds names used by providers not among ``drafts`` (the demo; for Add
    provider, every saved one).
    """
    names: set[str] = set()
    for draft in drafts:
        if not draft.name.strip():
            return translate("Messages", "Give the new provider a name.")
        if draft.name in taken:
            return translate(
                "Messages", "A provider called “{name}” already exists: choose another name."
            ).format(name=draft.name)
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


def _store_keys(drafts: Sequence[ProviderDraft], vault: KeyVault) -> str | None:
    """Write the new keys; on a refusal put back the ones already written."""
    written: list[tuple[str, str | None]] = []
    try:
        for draft in drafts:
            key = draft.new_key.strip()
            if key:
                before = vault.get(draft.name)
                vault.set(draft.name, key)
                written.append((draft.name, before))
    except KeyStoreError as exc:
        for name, before in reversed(written):
            # Best effort: the keyring just refused once and may refuse again.
            with contextlib.suppress(KeyStoreError):
                if before is None:
                    vault.delete(name)
                else:
                    vault.set(name, before)
        return str(exc)
    return None


def _delete_keys(names: Collection[str], vault: KeyVault) -> str | None:
    problem = None
    for name in sorted(names):
        try:
            vault.delete(name)
        except KeyStoreError as exc:
            # The provider goes anyway; the user hears that its key stayed behind.
            problem = str(exc)
    return problem


def apply_settings(
    changes: SettingsChanges,
    prefs: Preferences,
    vault: KeyVault,
    service: TaskService | None,
) -> Applied:
    """Keys, providers, general settings and the service's deadlines, in that order."""
    drafts = changes.profiles
    demo = [p for p in prefs.profiles if p.demo]
    problem = problem_with(drafts, {p.name for p in demo}) or _store_keys(drafts, vault)
    if problem:
        return Applied(problem)
    applied = Applied(changed_profiles={d.name for d in drafts if d.new_key.strip()})
    # A provider removed and added again under its name keeps the key just written.
    gone = changes.removed - {d.name for d in drafts}
    applied.note = _delete_keys(gone, vault)
    old = {p.name: p for p in prefs.profiles if not p.demo}
    profiles = []
    for draft in drafts:
        url = normalize_base_url(draft.base_url, allow_insecure=draft.allow_insecure)
        before = old.get(draft.name)
        if before is None or (before.base_url, before.allow_insecure) != (
            url,
            draft.allow_insecure,
        ):
            applied.changed_profiles.add(draft.name)
        # What the dialog does not edit (prices, budget) stays: Save must never drop a cap.
        profile = before or Profile(draft.name, url)
        profile = dataclasses.replace(profile, base_url=url, allow_insecure=draft.allow_insecure)
        if draft.money is not None:
            profile = dataclasses.replace(
                profile,
                prices=dict(draft.money.prices),
                budget=draft.money.budget,
                quota_per_usd=draft.money.quota_per_usd,
            )
        profiles.append(profile)
    prefs.profiles = profiles + demo
    if prefs.profile(prefs.current_profile) is None:
        prefs.current_profile = prefs.profiles[0].name if prefs.profiles else None
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
        for name in sorted(gone):
            service.provider_removed(name)
        for name in sorted(applied.changed_profiles):
            service.key_updated(name)
    return applied


def add_provider(
    draft: ProviderDraft, prefs: Preferences, vault: KeyVault, service: TaskService | None
) -> Applied:
    """One new provider, made the current one; the others stay as they are."""
    problem = problem_with([draft], {p.name for p in prefs.profiles})
    if problem:
        return Applied(problem)
    others = tuple(
        ProviderDraft(p.name, p.base_url, p.allow_insecure, existing=True)
        for p in prefs.profiles
        if not p.demo
    )
    applied = apply_settings(SettingsChanges((*others, draft)), prefs, vault, service)
    if applied.problem is None:
        prefs.current_profile = draft.name
    return applied
