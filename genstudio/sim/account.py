"""The simulator's gateway side: the models a key can use, the prices, and a balance
that goes down by each job's price (and back up when a job fails, as new-api refunds
failed tasks). The balance starts afresh with each run, even with a task journal
(``--state``): a demo's money need not outlive the process.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

QUOTA_PER_USD = 500_000
ACCOUNT_ENDPOINTS = ("models", "pricing", "balance", "billing")
ACCOUNT_ROUTES = {
    "/v1/models": "models",
    "/api/pricing": "pricing",
    "/api/usage/token": "balance",
    "/v1/dashboard/billing/subscription": "billing",
    "/v1/dashboard/billing/usage": "billing",
}

#: USD per call, as a gateway would publish them (made up, in the range of real ones).
PRICES: dict[str, float] = {
    "gpt-image-1": 0.04,
    "flux-pro": 0.05,
    "flux-dev": 0.025,
    "flux-schnell": 0.003,
    "seedream-3": 0.03,
    "veo3": 0.80,
    "veo3-fast": 0.40,
    "veo3.1": 0.90,
    "sora-2": 0.50,
    "sora-2-pro": 1.50,
    "grok-video-3": 0.30,
    "wan2.5-t2v-preview": 0.35,
    "wan2.5-i2v-preview": 0.35,
    "seedance-1-pro": 0.45,
    "seedance-1-lite": 0.20,
    "suno-v4": 0.10,
    "suno-v3.5": 0.08,
}
#: Models billed by usage (new-api's quota_type 0), with their rate.
USAGE_BILLED: dict[str, float] = {"minimax-tts": 2.5}
GROUP_RATIO = {"default": 1.0, "vip": 0.8}
UNPRICED_CHARGE = 0.01  # what an unknown or usage-billed model costs a job here
#: Not offered to the demo key, so a client can show "not offered by this provider".
NOT_OFFERED = frozenset({"sora-2-pro", "flux-dev"})


def default_models() -> tuple[str, ...]:
    return tuple(m for m in (*PRICES, *USAGE_BILLED) if m not in NOT_OFFERED)


class Account:
    """One key's balance in quota units; thread-safe (the server is threaded).

    A job is paid for when accepted; a job that will fail is refunded once its failure
    is due, whether or not anyone asks (new-api refunds a failed task when it learns of
    it). Tasks read back from a journal were paid for in an earlier run: not charged.
    """

    def __init__(
        self,
        balance_usd: float,
        prices: Mapping[str, float] | None = None,
        clock: Callable[[], float] = time.time,  # the task book's clock
    ) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self.prices = dict(PRICES if prices is None else prices)
        self._granted = round(balance_usd * QUOTA_PER_USD)
        self._used = 0
        self._refunds: list[tuple[float, int]] = []  # (when the failure is due, quota)

    def price_of(self, model: str) -> float:
        return self.prices.get(model, UNPRICED_CHARGE) * GROUP_RATIO["default"]

    def set_balance(self, usd: float) -> None:
        with self._lock:
            self._granted = self._used + round(usd * QUOTA_PER_USD)

    def reserve(self, model: str) -> int | None:
        """Take a job's price from the balance, or None when it cannot cover it. Checking
        and taking are one step, so two submits at once cannot both spend the last cent."""
        quota = round(self.price_of(model) * QUOTA_PER_USD)
        with self._lock:
            self._settle()
            if self._granted - self._used < quota:
                return None
            self._used += quota
            return quota

    def release(self, quota: int) -> None:
        """Give back a reservation: no task was created after all."""
        with self._lock:
            self._used -= quota

    def refund_at(self, when: float, quota: int) -> None:
        """The task paid with ``quota`` ends in failure at ``when`` (server clock)."""
        with self._lock:
            self._refunds.append((when, quota))

    def totals(self) -> tuple[int, int]:
        """(granted, used) in quota units, failures due by now refunded."""
        with self._lock:
            self._settle()
            return self._granted, self._used

    def _settle(self) -> None:
        now = self._clock()
        due = [quota for when, quota in self._refunds if when <= now]
        if due:
            self._refunds = [(when, quota) for when, quota in self._refunds if when > now]
            self._used -= sum(due)

    # -- answers ------------------------------------------------------------------------

    def answer(self, endpoint: str, path: str, models: tuple[str, ...]) -> dict[str, Any]:
        """The JSON for one of ``ACCOUNT_ENDPOINTS`` (``path`` tells the billing pair apart)."""
        if endpoint == "models":
            return model_list(models)
        if endpoint == "pricing":
            return self.pricing()
        if endpoint == "balance":
            return self.usage()
        if path.endswith("subscription"):
            return self.subscription()
        return self.billing_usage()

    def pricing(self) -> dict[str, Any]:
        data: list[dict[str, Any]] = [
            {
                "model_name": model,
                "quota_type": 1,
                "model_price": price,
                "model_ratio": 0,
                "enable_group": ["default", "vip"],
            }
            for model, price in self.prices.items()
        ]
        data += [
            {
                "model_name": model,
                "quota_type": 0,
                "model_price": 0,
                "model_ratio": ratio,
                "enable_group": ["default"],
            }
            for model, ratio in USAGE_BILLED.items()
            if model not in self.prices  # a price of its own makes it per call here
        ]
        return {"success": True, "data": data, "group_ratio": GROUP_RATIO}

    def usage(self) -> dict[str, Any]:
        granted, used = self.totals()
        return {
            "code": True,
            "message": "ok",
            "data": {
                "object": "token_usage",
                "name": "demo",
                "total_granted": granted,
                "total_used": used,
                "total_available": granted - used,
                "unlimited_quota": False,
                "model_limits": {},
                "model_limits_enabled": False,
                "expires_at": 0,
            },
        }

    def subscription(self) -> dict[str, Any]:
        granted, _used = self.totals()
        return {
            "object": "billing_subscription",
            "hard_limit_usd": granted / QUOTA_PER_USD,
            "has_payment_method": True,
            "access_until": 0,
        }

    def billing_usage(self) -> dict[str, Any]:
        _granted, used = self.totals()
        return {"object": "list", "total_usage": used / QUOTA_PER_USD * 100}


def balance_from(body: Mapping[str, Any]) -> float | None:
    """The ``balance_usd`` of a ``POST /_sim/account`` body, or None when unusable."""
    value = body.get("balance_usd")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    usd = float(value)
    return usd if math.isfinite(usd) and 0 <= usd <= 1e9 else None


def model_list(models: tuple[str, ...]) -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": m, "object": "model", "owned_by": "genstudio-sim"} for m in models],
    }
