"""The endpoints beside the format that new-api-style gateways answer: the models a key
can use, the prices, the balance (``../shared/API.md``, last section).

None of them is needed to generate, so nothing here raises: an endpoint that is
missing, slow, refuses the key or answers nonsense gives ``None`` and one log line
saying why (with the key redacted). Numbers from these answers are checked before use.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from genstudio.api.client import GenerationClient

log = logging.getLogger(__name__)

MAX_MODELS = 5000
MAX_NAME = 200
MAX_USD = 1e12  # beyond this a figure is nonsense, not money
TIMEOUT = 10.0


@dataclass(frozen=True)
class ModelPrice:
    model: str
    quota_type: int  # 1: a price per call (model_price, USD); 0: billed by usage (model_ratio)
    model_price: float | None
    model_ratio: float | None
    groups: tuple[str, ...] = ()  # enable_group


@dataclass(frozen=True)
class PriceList:
    prices: Mapping[str, ModelPrice]
    group_ratio: Mapping[str, float]

    def per_call_usd(self, model: str, group: str = "default") -> float | None:
        """``model_price × group_ratio`` for a model priced per call, else None."""
        price = self.prices.get(model)
        if price is None or price.quota_type != 1 or price.model_price is None:
            return None
        return price.model_price * self.group_ratio.get(group, 1.0)

    def ratio(self, model: str) -> float | None:
        """The rate of a model billed by usage, else None."""
        price = self.prices.get(model)
        if price is None or price.quota_type == 1:
            return None
        return price.model_ratio


@dataclass(frozen=True)
class Balance:
    available_usd: float | None  # None when unlimited
    used_usd: float | None
    granted_usd: float | None
    unlimited: bool
    source: str  # "new-api" or "openai"


class _UnusableError(ValueError):
    """The answer cannot be used; the message says why (for the log)."""


async def _get(client: GenerationClient, path: str, what: str) -> Any | None:
    """The JSON of a 200 answer, or None after logging why not."""
    try:
        status, data = await client.get_json(path, timeout=TIMEOUT)
    except (httpx.HTTPError, TimeoutError, OSError) as exc:
        log.info("%s: not asked (%s)", what, client.redact(f"{type(exc).__name__}: {exc}"))
        return None
    if status != 200:
        log.info("%s: the provider answered %s", what, status)
        return None
    if data is None:
        log.info("%s: the answer is not JSON", what)
        return None
    return data


def _amount(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _UnusableError(f"{field} is not a number")
    try:
        number = float(value)
    except ValueError:
        raise _UnusableError(f"{field} is not a number") from None
    if not math.isfinite(number) or not 0 <= number <= MAX_USD * 1e6:
        raise _UnusableError(f"{field} is out of range")
    return number


def _usd(value: float, field: str) -> float:
    if value > MAX_USD:
        raise _UnusableError(f"{field} is out of range")
    return value


async def fetch_models(client: GenerationClient) -> frozenset[str] | None:
    data = await _get(client, "/v1/models", "model list")
    if data is None:
        return None
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        log.info("model list: no 'data' list in the answer")
        return None
    names = set()
    for item in items[:MAX_MODELS]:
        name = item.get("id") if isinstance(item, dict) else None
        if isinstance(name, str) and name.strip() and len(name) <= MAX_NAME:
            names.add(name.strip())
    return frozenset(names)


async def fetch_prices(client: GenerationClient) -> PriceList | None:
    data = await _get(client, "/api/pricing", "pricing")
    if data is None:
        return None
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        log.info("pricing: no 'data' list in the answer")
        return None
    prices: dict[str, ModelPrice] = {}
    skipped = 0
    for item in items[:MAX_MODELS]:
        try:
            price = _model_price(item)
        except _UnusableError:
            skipped += 1
            continue
        prices[price.model] = price
    if skipped:
        log.info("pricing: %d entries left out (unusable)", skipped)
    groups: dict[str, float] = {}
    raw_groups = data.get("group_ratio")
    if isinstance(raw_groups, dict):
        for name, ratio in list(raw_groups.items())[:MAX_MODELS]:
            try:
                groups[str(name)[:MAX_NAME]] = _amount(ratio, "group ratio")
            except _UnusableError:
                continue
    return PriceList(prices, groups)


def _model_price(item: object) -> ModelPrice:
    if not isinstance(item, dict):
        raise _UnusableError("an entry is not an object")
    name = item.get("model_name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise _UnusableError("an entry has no model name")
    quota_type = 1 if item.get("quota_type") == 1 else 0
    price = item.get("model_price")
    ratio = item.get("model_ratio")
    groups = item.get("enable_group")
    return ModelPrice(
        model=name.strip(),
        quota_type=quota_type,
        model_price=_usd(_amount(price, "model_price"), "model_price")
        if price is not None
        else None,
        model_ratio=_amount(ratio, "model_ratio") if ratio is not None else None,
        groups=tuple(str(g)[:MAX_NAME] for g in groups[:100]) if isinstance(groups, list) else (),
    )


async def fetch_balance(
    client: GenerationClient, *, quota_per_usd: float = 500_000.0
) -> Balance | None:
    """new-api's ``/api/usage/token`` (quota units), else the OpenAI-compatible billing
    pair (dollars and cents)."""
    data = await _get(client, "/api/usage/token", "balance")
    if data is not None:
        try:
            return _new_api_balance(data, quota_per_usd)
        except _UnusableError as exc:
            log.info("balance: %s", exc)
    subscription = await _get(client, "/v1/dashboard/billing/subscription", "billing")
    if subscription is None:
        return None
    usage = await _get(client, "/v1/dashboard/billing/usage", "billing usage")
    try:
        if not isinstance(subscription, dict):
            raise _UnusableError("the subscription answer is not an object")
        limit = _usd(_amount(subscription.get("hard_limit_usd"), "hard_limit_usd"), "limit")
        used = None
        if isinstance(usage, dict) and usage.get("total_usage") is not None:
            used = _usd(_amount(usage.get("total_usage"), "total_usage") / 100, "usage")
    except _UnusableError as exc:
        log.info("billing: %s", exc)
        return None
    available = max(0.0, limit - used) if used is not None else None
    return Balance(available, used, limit, False, "openai")


def _new_api_balance(data: object, quota_per_usd: float) -> Balance:
    body = data.get("data") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        raise _UnusableError("no 'data' object in the answer")
    if not quota_per_usd > 0:
        raise _UnusableError("the quota units per dollar must be more than 0")

    def usd(field: str) -> float | None:
        value = body.get(field)
        if value is None:
            return None
        return _usd(_amount(value, field) / quota_per_usd, field)

    unlimited = body.get("unlimited_quota") is True
    available = None if unlimited else usd("total_available")
    if not unlimited and available is None:
        raise _UnusableError("total_available is missing")
    return Balance(available, usd("total_used"), usd("total_granted"), unlimited, "new-api")
