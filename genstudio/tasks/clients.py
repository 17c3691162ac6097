"""One :class:`GenerationClient` per provider profile, created once, closed at exit."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from genstudio.api.errors import ApiError, AuthenticationError
from genstudio.i18n import translate

if TYPE_CHECKING:
    from genstudio.api.client import GenerationClient
    from genstudio.api.network_thread import NetworkThread
    from genstudio.settings.key_store import KeyVault
    from genstudio.settings.preferences import Profile


class ProfileMissingError(ApiError):
    """The task's provider profile was removed (or was the demo of an earlier run)."""


class MissingKeyError(AuthenticationError):
    """No key for the profile on this computer (no keyring, locked, entry deleted)."""


class ClientPool:
    """Hands out the client of a profile, building it from the profile and its key."""

    def __init__(
        self,
        profiles: Callable[[str], Profile | None],
        keys: KeyVault,
        factory: Callable[..., GenerationClient] | None = None,
        *,
        network: NetworkThread | None = None,
    ) -> None:
        self._profiles = profiles
        self._keys = keys
        # None: GenerationClient, imported with httpx when the first client is made.
        self._factory = factory
        # The clients' requests run on a thread of their own: the window's thread only
        # hands them over (api/network_thread.py). Made with the first client: the pool
        # is made before the window paints, and that thread's module loads asyncio.
        self._network = network
        self._clients: dict[str, GenerationClient] = {}
        self._retired: list[GenerationClient] = []

    @property
    def network(self) -> NetworkThread:
        if self._network is None:
            from genstudio.api.network_thread import NetworkThread

            self._network = NetworkThread()
        return self._network

    async def load(self) -> None:
        """Import the client (httpx and its kin, 40-80 ms) on a worker thread, so the
        first ``get`` does not stall the window's thread."""
        import asyncio

        if self._factory is None:
            await asyncio.to_thread(importlib.import_module, "genstudio.api.client")

    def get(self, profile_name: str) -> GenerationClient:
        """The profile's client; raises :class:`MissingKeyError` when it has no key and
        :class:`ProfileMissingError` when the profile is gone."""
        client = self._clients.get(profile_name)
        if client is not None:
            return client
        profile = self._profiles(profile_name)
        if profile is None:
            raise ProfileMissingError(
                translate(
                    "Messages",
                    "The provider profile {profile_name!r} no longer exists: add it again in "
                    "Settings to keep following its tasks.",
                ).format(profile_name=profile_name)
            )
        key = self._keys.get(profile_name)
        if not key:
            raise MissingKeyError(
                translate(
                    "Messages",
                    "There is no API key for “{profile_name}” on this computer.",
                ).format(profile_name=profile_name)
            )
        # No retries inside the client: the Sender owns a 429 (the row says "Waiting to
        # send" at once and is resent by itself) instead of "Sending…" for minutes.
        factory = self._factory
        if factory is None:
            from genstudio.api.client import GenerationClient

            factory = GenerationClient
        client = factory(
            profile.base_url,
            key,
            allow_insecure=profile.allow_insecure,
            submit_retries=0,
            network=self.network,
        )
        self._clients[profile_name] = client
        return client

    def base_url(self, profile_name: str) -> str | None:
        """The profile's base URL (no key needed), ``None`` once it is removed."""
        profile = self._profiles(profile_name)
        return profile.base_url if profile is not None else None

    def invalidate(self, profile_name: str) -> None:
        """Forget the client after the profile's URL or key changed; closed at exit."""
        client = self._clients.pop(profile_name, None)
        if client is not None:
            self._retired.append(client)

    async def aclose(self) -> None:
        for client in [*self._clients.values(), *self._retired]:
            await client.aclose()
        self._clients.clear()
        self._retired.clear()
        self.network.stop()  # made now if it never was: a late call finds it stopped
