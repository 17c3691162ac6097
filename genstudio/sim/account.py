"""The simulator's gateway side: the models a key can use, the prices, and a balance
that goes down by each job's price (and back up when a job fails, as new-api refunds
failed tasks). The balance starts afresh with each run, even with a task journal.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
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
    """One key's balance in quota units; thread-safe (the server is threaded)."""

    def __init__(self, balance_usd: float, prices: Mapping[str, float] | None = None) -> None:
        self._lock = threading.Lock()
        self.prices = dict(PRICES if prices is None else prices)
        self._granted = round(balance_usd * QUOTA_PER_USD)
        self._used = 0
        self._charged: dict[str, int] = {}  # task id -> quota, until final

    def price_of(self, model: str) -> float:
        return self.prices.get(model, UNPRICED_CHARGE) * GROUP_RATIO["default"]

    def set_balance(self, usd: float) -> None:
        with self._lock:
            self._granted = self._used + round(usd * QUOTA_PER_USD)

    def can_pay(self, model: str) -> bool:
        with self._lock:
            return self._granted - self._used >= round(self.price_of(model) * QUOTA_PER_USD)

    def charge(self, task_id: str, model: str) -> None:
        quota = round(self.price_of(model) * QUOTA_PER_USD)
        with self._lock:
            self._used += quota
            self._charged[task_id] = quota

    def settle(self, task_id: str, failed: bool) -> None:
        """A task reached a final status: a failure gives its price back, once."""
        with self._lock:
            quota = self._charged.pop(task_id, 0)
            if failed:
                self._used -= quota

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
        ]
        return {"success": True, "data": data, "group_ratio": GROUP_RATIO}

    def usage(self) -> dict[str, Any]:
        with self._lock:
            granted, used = self._granted, self._used
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
        with self._lock:
            granted = self._granted
        return {
            "object": "billing_subscription",
            "hard_limit_usd": granted / QUOTA_PER_USD,
            "has_payment_method": True,
            "access_until": 0,
        }

    def billing_usage(self) -> dict[str, Any]:
        with self._lock:
            used = self._used
        return {"object": "list", "total_usage": used / QUOTA_PER_USD * 100}


def model_list(models: tuple[str, ...]) -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": m, "object": "model", "owned_by": "genstudio-sim"} for m in models],
    }
