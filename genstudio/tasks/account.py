"""What each provider says about the user's key: the models it can use, the prices,
and the balance left. None of it is needed to generate: a provider without these
endpoints changes nothing and says nothing.

The model list and prices are learned at start, on Test connection and at most once a
day, and kept in a small cache file (never the key); the balance is asked for when a
job ends and when the user asks, and the list and prices with it when a fault kept them
from being learned.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from genstudio.api.errors import ApiError
from genstudio.atomic_json import write_json_atomically
from genstudio.record_base import FrozenRecord

if TYPE_CHECKING:
    from genstudio.api.gateway import Balance, Unavailable
    from genstudio.api.prices import PriceList
    from genstudio.settings.preferences import Profile
    from genstudio.tasks.clients import ClientPool

log = logging.getLogger(__name__)

DAY = 24 * 3600.0

_T = TypeVar("_T")


@dataclass(frozen=True, repr=False, eq=False)
class ProviderFacts(FrozenRecord):
    """What one provider told us; None where it did not say (or has not yet)."""

    models: frozenset[str] | None = None
    prices: PriceList | None = None
    balance: Balance | None = None
    learned_at: float | None = None  # when the models and prices were asked for
    balance_at: float | None = None


def _settled(answer: _T | Unavailable, known: _T | None) -> tuple[_T | None, bool]:
    """What to keep from one answer, and whether it settles the question for a day: an
    answer does, and so does an endpoint the provider does not have; a fault does not."""
    from genstudio.api.gateway import Unavailable

    if not isinstance(answer, Unavailable):
        return answer, True
    if answer.absent:
        return None, True
    return known, False


class AccountInfo:
    """The facts per provider profile, kept fresh; listeners hear the profile's name."""

    def __init__(
        self,
        clients: ClientPool,
        profiles: Callable[[str], Profile | None],
        cache_path: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._clients = clients
        self._profiles = profiles
        self._cache_path = cache_path
        self._clock = clock
        self._facts: dict[str, ProviderFacts] = {}
        self._urls: dict[str, str] = {}  # the address the facts came from
        self._listeners: list[Callable[[str], None]] = []
        self._load_cache()

    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def facts(self, profile: str) -> ProviderFacts:
        known = self._facts.get(profile)
        current = self._profiles(profile)
        if known is None or current is None or self._urls.get(profile) != current.base_url:
            return ProviderFacts()  # another address now: what it said no longer holds
        return known

    async def refresh(
        self, profile: str, *, learn: bool = True, balance: bool = True, force: bool = False
    ) -> ProviderFacts:
        """Ask again: the models and prices when older than a day (or ``force``), and the
        balance. Never raises: what cannot be learned stays as it was."""
        settings = self._profiles(profile)
        if settings is None:
            return ProviderFacts()
        try:
            client = self._clients.get(profile)
        except ApiError as exc:  # no key yet, or the profile is gone: nothing to ask
            log.info("provider facts for %s not asked: %s", profile, exc.log_text())
            return self.facts(profile)
        facts = self.facts(profile)
        now = self._clock()
        stale = facts.learned_at is None or now - facts.learned_at >= DAY
        learning = learn and (force or stale)
        # The gateway's calls and types load with the first question, after the first
        # paint (or with a cache to read): the window is built without them.
        from genstudio.api.gateway import ask_models, ask_prices, fetch_balance

        if learning:
            models, models_known = _settled(await ask_models(client), facts.models)
            prices, prices_known = _settled(await ask_prices(client), facts.prices)
            # A fault (no answer, a 5xx, a refused key) keeps what was known and leaves
            # the facts stale, so the next refresh asks again instead of in a day.
            learned = now if models_known and prices_known else facts.learned_at
            facts = dataclasses.replace(facts, models=models, prices=prices, learned_at=learned)
        if balance:
            found = await fetch_balance(client, quota_per_usd=settings.quota_per_usd)
            facts = dataclasses.replace(facts, balance=found, balance_at=now)
        self._facts[profile] = facts
        self._urls[profile] = settings.base_url
        if learning:  # the cache holds what was learned; a balance is never cached
            self._save_cache()
        for listener in list(self._listeners):
            listener(profile)
        return facts

    def note_models(self, profile: str, base_url: str, models: frozenset[str]) -> None:
        """What Test connection heard from the profile's saved address: the model list is
        known now, without waiting for the next refresh. Another address (typed and not
        saved yet) is ignored: the refresh after saving asks it."""
        settings = self._profiles(profile)
        if settings is None or settings.base_url != base_url:
            return
        facts = self.facts(profile)
        self._facts[profile] = dataclasses.replace(facts, models=models)
        self._urls[profile] = base_url
        self._save_cache()
        for listener in list(self._listeners):
            listener(profile)

    def forget(self, profile: str) -> None:
        """After the address or key changed: ask again next time."""
        self._facts.pop(profile, None)
        self._urls.pop(profile, None)
        self._save_cache()

    # -- the cache file: model lists and prices, never the key or the balance ---------------

    def _save_cache(self) -> None:
        if self._cache_path is None:
            return
        data: dict[str, Any] = {}
        for name, facts in self._facts.items():
            data[name] = {
                "base_url": self._urls.get(name),
                "learned_at": facts.learned_at,
                "models": sorted(facts.models) if facts.models is not None else None,
                "prices": facts.prices.to_json() if facts.prices is not None else None,
            }
        try:
            # On a fresh machine nothing may have made the cache folder yet.
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            write_json_atomically(self._cache_path, data)
        except OSError as exc:  # a cache: the next start simply asks again
            log.info("provider facts not cached: %s", exc)

    def _load_cache(self) -> None:
        if self._cache_path is None:
            return
        try:
            data = json.loads(self._cache_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError) as exc:
            log.info("provider facts cache unreadable, asking again: %s", exc)
            return
        if not isinstance(data, dict):
            return
        from genstudio.api.prices import parse_price_list

        for name, item in data.items():
            try:
                models = item.get("models")
                learned = item.get("learned_at")
                self._facts[str(name)] = ProviderFacts(
                    models=frozenset(str(m) for m in models) if isinstance(models, list) else None,
                    prices=parse_price_list(item.get("prices")),
                    learned_at=float(learned) if isinstance(learned, int | float) else None,
                )
                self._urls[str(name)] = str(item.get("base_url"))
            except (AttributeError, TypeError, ValueError, OverflowError) as exc:
                log.info("provider facts for %s not read from the cache: %s", name, exc)
