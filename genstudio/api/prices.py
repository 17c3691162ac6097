"""A provider's price list, as the pricing endpoint or the cache gives it (new-api's
shape): its records and the checked reading of one (``../shared/API.md``, last section).

Apart from the gateway's calls: a start with cached provider facts reads its price list
before the first paint, without the endpoints, their answers or the balance.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from genstudio.record_base import FrozenRecord

log = logging.getLogger("genstudio.api.gateway")  # as the gateway's own lines: one name

MAX_MODELS = 5000
MAX_GROUPS = 100
MAX_NAME = 200
MAX_USD = 1e12  # beyond this a figure is nonsense, not money


class UnusableError(ValueError):
    """The answer cannot be used; the message says why (for the log)."""


@dataclass(frozen=True, repr=False, eq=False)
class ModelPrice(FrozenRecord):
    model: str
    quota_type: int  # 1: a price per call (model_price, USD); 0: billed by usage (model_ratio)
    model_price: float | None  # USD per call, when quota_type == 1
    model_ratio: float | None
    groups: tuple[str, ...] = ()  # enable_group


@dataclass(frozen=True, repr=False, eq=False)
class PriceList(FrozenRecord):
    prices: Mapping[str, ModelPrice]
    group_ratio: Mapping[str, float]

    def per_call_usd(self, model: str, group: str = "default") -> float | None:
        """``model_price × group_ratio[group]`` (1.0 when the group is unknown) for a model
        priced per call; None otherwise or when the model is unknown."""
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

    def to_json(self) -> dict[str, Any]:
        """In the provider's own shape, so :func:`parse_price_list` reads it back with the
        same checks as an answer (a cache file is as untrusted as a server)."""
        return {
            "data": [
                {
                    "model_name": p.model,
                    "quota_type": p.quota_type,
                    "model_price": p.model_price,
                    "model_ratio": p.model_ratio,
                    "enable_group": list(p.groups),
                }
                for p in self.prices.values()
            ],
            "group_ratio": dict(self.group_ratio),
        }


def parse_price_list(data: object) -> PriceList | None:
    """A price list in the new-api shape (an answer, or :meth:`PriceList.to_json`)."""
    try:
        return read_price_list(data)
    except UnusableError:
        return None


def read_amount(value: object, field: str, *, limit: float = MAX_USD) -> float:
    """A number (or a numeric string, as some gateways send) from 0 to ``limit``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise UnusableError(f"{field} is not a number")
    try:
        number = float(value)
    except (ValueError, OverflowError):  # OverflowError: an int of hundreds of digits
        raise UnusableError(f"{field} is not a usable number") from None
    if not math.isfinite(number) or not 0 <= number <= limit:
        raise UnusableError(f"{field} is out of range")
    return number


def read_name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = value.strip()
    return name if name and len(name) <= MAX_NAME else None


def read_price_list(data: object) -> PriceList:
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise UnusableError("no 'data' list in the answer")
    items: list[Any] = data["data"]
    prices: dict[str, ModelPrice] = {}
    skipped = 0
    for item in items:
        try:
            price = _model_price(item)
        except UnusableError:
            skipped += 1
            continue
        if len(prices) < MAX_MODELS:
            prices[price.model] = price
    if skipped:
        log.debug("pricing: %d entries left out (unusable)", skipped)
    groups: dict[str, float] = {}
    raw_groups = data.get("group_ratio")
    if isinstance(raw_groups, dict):
        for name, ratio in list(raw_groups.items())[:MAX_GROUPS]:
            try:
                groups[str(name)[:MAX_NAME]] = read_amount(ratio, "group ratio", limit=1e6)
            except UnusableError:
                continue  # that group then counts as 1.0
    return PriceList(prices, groups)


def _model_price(item: object) -> ModelPrice:
    if not isinstance(item, dict):
        raise UnusableError("an entry is not an object")
    name = read_name(item.get("model_name"))
    if name is None:
        raise UnusableError("an entry has no model name")
    kind = item.get("quota_type")
    per_call = isinstance(kind, int | float) and not isinstance(kind, bool) and kind == 1
    price = item.get("model_price")
    ratio = item.get("model_ratio")
    # API.md says enable_group; new-api itself sends enable_groups.
    groups = item.get("enable_group", item.get("enable_groups"))
    return ModelPrice(
        model=name,
        quota_type=1 if per_call else 0,
        model_price=read_amount(price, "model_price") if price is not None else None,
        model_ratio=read_amount(ratio, "model_ratio", limit=1e9) if ratio is not None else None,
        groups=_group_names(groups),
    )


def _group_names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(name for name in map(read_name, value[:MAX_GROUPS]) if name is not None)
