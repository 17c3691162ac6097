"""A keyring backend for benchmark launches of the app: keys live in this process's
memory, and the simulator's demo key is known, so a launched window can poll the
simulator without the machine's keyring (PYTHON_KEYRING_BACKEND names this class)."""

from __future__ import annotations

from keyring.backend import KeyringBackend

from genstudio.sim import DEMO_KEY


class DemoKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._keys: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._keys.get((service, username), DEMO_KEY)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._keys[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._keys.pop((service, username), None)
