"""The endpoints beside the format that new-api-style gateways answer: the models a key
can use, the prices, the balance (``../shared/API.md``, last section).

None of them is needed to generate, so nothing here raises: an endpoint that is
missing, slow, refuses the key or answers nonsense gives ``None`` and one log line
saying why (with the key redacted). Numbers from these answers are checked before use.
``ask_*`` give the reason instead of ``None``, for callers that tell the user why
(the CLI: a refused key is not a missing endpoint).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from genstudio.api.errors import NetworkError

if TYPE_CHECKING:
    from genstudio.api.client import GenerationClient

log = logging.getLogger(__name__)

MAX_MODELS = 5000
MAX_GROUPS = 100
MAX_NAME = 200
MAX_USD = 1e12  # beyond this a figure is nonsense, not money
#: new-api's billing subscription says 100,000,000 dollars for a key without a limit.
UNLIMITED_USD = 1e8
ABSENT = (200, 404, 405)  # an Unavailable with these statuses: the endpoint is not there
TIMEOUT = 10.0  # each endpoint, the whole answer included

_T = TypeVar("_T")


@dataclass(frozen=True)
class ModelPrice:
    model: str
    quota_type: int  # 1: a price per call (model_price, USD); 0: billed by usage (model_ratio)
    model_price: float | None  # USD per call, when quota_type == 1
    model_ratio: float | None
    groups: tuple[str, ...] = ()  # enable_group


@dataclass(frozen=True)
class PriceList:
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
        return _price_list(data)
    except _UnusableError:
        return None


@dataclass(frozen=True)
class Balance:
    available_usd: float | None  # None when unlimited
    used_usd: float | None
    granted_usd: float | None
    unlimited: bool
    source: str  # "new-api" or "openai"


@dataclass(frozen=True)
class Unavailable:
    """Why an answer is not known: the reason logged, and the HTTP status if one came."""

    reason: str
    status: int | None = None  # None: no answer (network, timeout); 200: an unusable one

    @property
    def key_refused(self) -> bool:
        return self.status in (401, 403)

    @property
    def absent(self) -> bool:
        """The provider answered, without this endpoint (404, 405, or not a usable answer)."""
        return self.status in ABSENT


class _UnusableError(ValueError):
    """The answer cannot be used; the message says why (for the log)."""


# -- the three questions ---------------------------------------------------------------


async def fetch_models(client: GenerationClient) -> frozenset[str] | None:
    return _known(await ask_models(client))


async def fetch_prices(client: GenerationClient) -> PriceList | None:
    return _known(await ask_prices(client))


async def fetch_balance(
    client: GenerationClient, *, quota_per_usd: float = 500_000.0
) -> Balance | None:
    return _known(await ask_balance(client, quota_per_usd=quota_per_usd))


async def ask_models(client: GenerationClient) -> frozenset[str] | Unavailable:
    return await _ask(client, "/v1/models", _model_names, "model list")


async def ask_prices(client: GenerationClient) -> PriceList | Unavailable:
    return await _ask(client, "/api/pricing", _price_list, "pricing")


async def _ask(
    client: GenerationClient, path: str, parse: Callable[[object], _T], what: str
) -> _T | Unavailable:
    """One endpoint, read by ``parse``; an unusable answer is a reason, logged once."""
    data = await _get(client, path)
    if not isinstance(data, Unavailable):
        try:
            return parse(data)
        except _UnusableError as exc:
            data = Unavailable(str(exc), 200)
    return _logged(what, data)


async def ask_balance(
    client: GenerationClient, *, quota_per_usd: float = 500_000.0
) -> Balance | Unavailable:
    """new-api's ``/api/usage/token`` (quota units), else the OpenAI-compatible billing
    pair (dollars, and cents for the usage)."""
    if not 0 < quota_per_usd < math.inf:  # NaN too
        return _logged("balance", Unavailable("the quota units per dollar must be more than 0"))
    new_api = await _get(client, "/api/usage/token")
    if not isinstance(new_api, Unavailable):
        try:
            return _new_api_balance(new_api, quota_per_usd)
        except _UnusableError as exc:
            new_api = Unavailable(str(exc), 200)
    openai = await _openai_balance(client)
    if isinstance(openai, Balance):
        log.debug("balance: /api/usage/token: %s; the billing pair answered", new_api.reason)
        return openai
    # A refused key is the news, whichever of the two said so; then trouble (no answer,
    # a 5xx) over a plain absence.
    statuses = [new_api.status, openai.status]
    refused = [s for s in statuses if s in (401, 403)]
    trouble = [s for s in statuses if s not in ABSENT]
    status = (refused or trouble or statuses)[0]
    reason = f"/api/usage/token: {new_api.reason}; billing: {openai.reason}"
    return _logged("balance", Unavailable(reason, status))


# -- fetching --------------------------------------------------------------------------


async def _get(client: GenerationClient, path: str) -> Any:
    """The JSON of a 200 answer, or why not."""
    import httpx  # loaded with the client, never before (see genstudio/api/__init__.py)

    try:
        status, data = await client.get_json(path, timeout=TIMEOUT)
    except TimeoutError:
        return Unavailable(f"no answer within {TIMEOUT:g} s")
    except (httpx.HTTPError, NetworkError, OSError) as exc:
        return Unavailable(client.redact(f"not reached ({type(exc).__name__}: {exc})"))
    if status in (401, 403):
        return Unavailable(f"the key was refused (HTTP {status})", status)
    if status in (404, 405):
        return Unavailable(f"no such endpoint (HTTP {status})", status)
    if status != 200:
        return Unavailable(f"the provider answered HTTP {status}", status)
    if data is None:
        return Unavailable("the answer is not JSON", status)
    return data


def _logged(what: str, why: Unavailable) -> Unavailable:
    # Reasons hold no server text, and exception text went through client.redact.
    log.info("%s: %s", what, why.reason)
    return why


def _known(answer: _T | Unavailable) -> _T | None:
    return None if isinstance(answer, Unavailable) else answer


# -- reading the answers ---------------------------------------------------------------


def _amount(value: object, field: str, *, limit: float = MAX_USD) -> float:
    """A number (or a numeric string, as some gateways send) from 0 to ``limit``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _UnusableError(f"{field} is not a number")
    try:
        number = float(value)
    except (ValueError, OverflowError):  # OverflowError: an int of hundreds of digits
        raise _UnusableError(f"{field} is not a usable number") from None
    if not math.isfinite(number) or not 0 <= number <= limit:
        raise _UnusableError(f"{field} is out of range")
    return number


def _name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = value.strip()
    return name if name and len(name) <= MAX_NAME else None


def _model_names(data: object) -> frozenset[str]:
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise _UnusableError("no 'data' list in the answer")
    names: set[str] = set()
    for item in items:
        name = _name(item.get("id")) if isinstance(item, dict) else None
        if name is not None:
            names.add(name)
            if len(names) >= MAX_MODELS:
                break
    return frozenset(names)


def _price_list(data: object) -> PriceList:
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise _UnusableError("no 'data' list in the answer")
    items: list[Any] = data["data"]
    prices: dict[str, ModelPrice] = {}
    skipped = 0
    for item in items:
        try:
            price = _model_price(item)
        except _UnusableError:
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
                groups[str(name)[:MAX_NAME]] = _amount(ratio, "group ratio", limit=1e6)
            except _UnusableError:
                continue  # that group then counts as 1.0
    return PriceList(prices, groups)


def _model_price(item: object) -> ModelPrice:
    if not isinstance(item, dict):
        raise _UnusableError("an entry is not an object")
    name = _name(item.get("model_name"))
    if name is None:
        raise _UnusableError("an entry has no model name")
    kind = item.get("quota_type")
    per_call = isinstance(kind, int | float) and not isinstance(kind, bool) and kind == 1
    price = item.get("model_price")
    ratio = item.get("model_ratio")
    # API.md says enable_group; new-api itself sends enable_groups.
    groups = item.get("enable_group", item.get("enable_groups"))
    return ModelPrice(
        model=name,
        quota_type=1 if per_call else 0,
        model_price=_amount(price, "model_price") if price is not None else None,
        model_ratio=_amount(ratio, "model_ratio", limit=1e9) if ratio is not None else None,
        groups=_group_names(groups),
    )


def _group_names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(name for name in map(_name, value[:MAX_GROUPS]) if name is not None)


def _new_api_balance(data: object, quota_per_usd: float) -> Balance:
    body = data.get("data") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        raise _UnusableError("no 'data' object in the answer")

    def usd(field: str) -> float:
        value = body.get(field)
        if value is None:
            raise _UnusableError(f"{field} is missing")
        return _amount(_amount(value, field, limit=math.inf) / quota_per_usd, field)

    def usd_or_none(field: str) -> float | None:  # a side figure: unusable is just unknown
        try:
            return usd(field)
        except _UnusableError:
            return None

    unlimited = body.get("unlimited_quota") is True
    available = None if unlimited else usd("total_available")
    return Balance(
        available, usd_or_none("total_used"), usd_or_none("total_granted"), unlimited, "new-api"
    )


async def _openai_balance(client: GenerationClient) -> Balance | Unavailable:
    subscription = await _get(client, "/v1/dashboard/billing/subscription")
    if isinstance(subscription, Unavailable):
        return subscription
    try:
        if not isinstance(subscription, dict):
            raise _UnusableError("the subscription answer is not an object")
        limit = _amount(subscription.get("hard_limit_usd"), "hard_limit_usd", limit=math.inf)
    except _UnusableError as exc:
        return Unavailable(str(exc), 200)
    usage = await _get(client, "/v1/dashboard/billing/usage")
    used: float | None = None
    if isinstance(usage, dict):
        try:
            used = _amount(usage.get("total_usage"), "total_usage") / 100  # cents
        except _UnusableError:
            used = None
    if limit >= UNLIMITED_USD:
        return Balance(None, used, None, True, "openai")
    if used is None:  # what is left cannot be told, and None would read as unlimited
        if isinstance(usage, Unavailable):
            return Unavailable(f"the usage: {usage.reason}", usage.status)
        return Unavailable("the usage answer has no usable total_usage", 200)
    return Balance(max(0.0, limit - used), used, limit, False, "openai")
