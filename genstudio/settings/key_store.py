"""The API key in the OS keyring, and nowhere else.

Service ``genstudio``, user = profile name: the window and ``genstudio-cli key`` share
the same entries. Every keyring call is guarded: a broken or missing backend becomes a
:class:`KeyStoreError` with a sentence, never a traceback. A backend that would write
the key in plain text (``keyrings.alt``'s) is treated as no backend at all.

``keyring`` is imported on first use: finding a backend can take a while (entry points,
D-Bus), and the window reads its keys only after its first paint.
"""

from __future__ import annotations

import logging
from typing import Any

from genstudio.i18n import translate

log = logging.getLogger(__name__)

SERVICE = "genstudio"
DEFAULT_PROFILE = "default"


class KeyStoreError(Exception):
    """The keyring could not be used; the message says what to do instead."""


def _backend_label(backend: Any) -> str:
    name = getattr(backend, "name", None)
    return str(name) if name else f"{type(backend).__module__}.{type(backend).__name__}"


def _is_usable(backend: Any) -> bool:
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return False
    if "plaintext" in name.lower() or module.startswith("keyrings.alt.file"):
        return False
    if name == "ChainerBackend":
        return any(_is_usable(b) for b in getattr(backend, "backends", ()))
    try:
        return float(getattr(backend, "priority", 1)) > 0
    except Exception:  # some backends raise from priority when unavailable
        return False


class KeyStore:
    """Read, write and delete API keys per profile."""

    def __init__(self, backend: Any | None = None, service: str = SERVICE) -> None:
        self._backend = backend
        self.service = service

    @property
    def backend(self) -> Any:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def backend_name(self) -> str | None:
        """A human name for where keys are kept, or None when no keyring works here."""
        try:
            backend = self.backend
        except Exception as exc:  # keyring's own discovery can fail oddly
            log.warning("keyring discovery failed: %s", type(exc).__name__)
            return None
        if not _is_usable(backend):
            return None
        if type(backend).__name__ == "ChainerBackend":
            usable = [b for b in getattr(backend, "backends", ()) if _is_usable(b)]
            return ", ".join(_backend_label(b) for b in usable)
        return _backend_label(backend)

    def _require_backend(self) -> Any:
        if self.backend_name() is None:
            raise KeyStoreError(
                translate(
                    "Messages",
                    "No secure keyring works on this system, so the key cannot be stored. "
                    "Set the GENSTUDIO_API_KEY environment variable instead, or install a "
                    "keyring service (GNOME Keyring or KWallet).",
                )
            )
        return self.backend

    def get(self, profile: str = DEFAULT_PROFILE) -> str | None:
        from keyring.errors import KeyringError

        backend = self._require_backend()
        try:
            value = backend.get_password(self.service, profile)
        except KeyringError as exc:
            raise KeyStoreError(self._failure("read", exc)) from None
        return value or None

    def set(self, profile: str, key: str) -> None:
        if not key.strip():
            raise KeyStoreError(
                translate(
                    "Messages",
                    "The key is empty: paste the API key from your provider.",
                )
            )
        from keyring.errors import KeyringError

        backend = self._require_backend()
        try:
            backend.set_password(self.service, profile, key.strip())
        except KeyringError as exc:
            raise KeyStoreError(self._failure("store", exc)) from None

    def delete(self, profile: str = DEFAULT_PROFILE) -> bool:
        """Delete the key; False when there was none."""
        from keyring.errors import KeyringError, PasswordDeleteError

        backend = self._require_backend()
        try:
            backend.delete_password(self.service, profile)
        except PasswordDeleteError:
            return False
        except KeyringError as exc:
            raise KeyStoreError(self._failure("delete", exc)) from None
        return True

    def _failure(self, verb: str, exc: Exception) -> str:
        # The exception text of some backends includes what was passed in; keep it out.
        log.warning("keyring %s failed: %s", verb, type(exc).__name__)
        sentence = {
            "read": translate(
                "Messages",
                "The system keyring ({keyring}) refused to read the key ({problem}). "
                "Unlock the keyring and try again.",
            ),
            "store": translate(
                "Messages",
                "The system keyring ({keyring}) refused to store the key ({problem}). "
                "Unlock the keyring and try again.",
            ),
            "delete": translate(
                "Messages",
                "The system keyring ({keyring}) refused to delete the key ({problem}). "
                "Unlock the keyring and try again.",
            ),
        }[verb]
        return sentence.format(keyring=self.backend_name(), problem=type(exc).__name__)


class KeyVault:
    """Keys for the window: the keyring when one works, else memory for this run only.

    ``where()`` is the sentence the settings dialog shows next to the key field.
    """

    def __init__(self, store: KeyStore | None = None) -> None:
        self.store = store or KeyStore()
        self._memory: dict[str, str] = {}
        self._session_only: set[str] = set()  # e.g. the demo key: never written anywhere
        self._seen: set[str] = set()

    @property
    def persistent(self) -> bool:
        return self.store.backend_name() is not None

    def where(self) -> str:
        backend = self.store.backend_name()
        if backend is None:
            return translate(
                "Messages",
                "No keyring works on this system: the key is kept in memory for this run "
                "only, and you will be asked again next time.",
            )
        return translate(
            "Messages",
            "Stored in {backend}.",
        ).format(backend=backend)

    def get(self, profile: str) -> str | None:
        if profile in self._memory:
            return self._memory[profile]
        if not self.persistent:
            return None
        try:
            key = self.store.get(profile)
        except KeyStoreError as exc:
            log.warning("reading the key for %r failed: %s", profile, exc)
            return None
        if key:
            self._seen.add(key)
        return key

    def set(self, profile: str, key: str, *, session_only: bool = False) -> str:
        """Store the key; returns the sentence saying where it went."""
        key = key.strip()
        if not key:
            raise KeyStoreError(
                translate(
                    "Messages",
                    "The key is empty: paste the API key from your provider.",
                )
            )
        self._seen.add(key)
        if session_only or not self.persistent:
            self._memory[profile] = key
            if session_only:
                self._session_only.add(profile)
            return translate(
                "Messages",
                "Kept in memory for this run only.",
            )
        self.store.set(profile, key)
        self._memory.pop(profile, None)
        return self.where()

    def delete(self, profile: str) -> None:
        self._memory.pop(profile, None)
        if self.persistent and profile not in self._session_only:
            self.store.delete(profile)

    def known_keys(self) -> list[str]:
        """Keys seen this run, for redacting crash reports."""
        return sorted(self._seen | set(self._memory.values()))
