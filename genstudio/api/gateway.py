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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from genstudio.api.errors import NetworkError
from genstudio.api.prices import (
    MAX_MODELS,
    PriceList,
    UnusableError,
    read_amount,
    read_name,
    read_price_list,
)

if TYPE_CHECKING:
    from genstudio.api.client import GenerationClient

log = logging.getLogger(__name__)

#: new-api's billing subscription says 100,000,000 dollars for a key without a limit.
UNLIMITED_USD = 1e8
ABSENT = (200, 404, 405)  # an Unavailable with these statuses: the endpoint is not there
TIMEOUT = 10.0  # each endpoint, the whole answer included

_T = TypeVar("_T")


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
    return await _ask(client, "/api/pricing", read_price_list, "pricing")


async def _ask(
    client: GenerationClient, path: str, parse: Callable[[object], _T], what: str
) -> _T | Unavailable:
    """One endpoint, read by ``parse``; an unusable answer is a reason, logged once."""
    data = await _get(client, path)
    if not isinstance(data, Unavailable):
        try:
            return parse(data)
        except UnusableError as exc:
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
        except UnusableError as exc:
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


def _model_names(data: object) -> frozenset[str]:
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UnusableError("no 'data' list in the answer")
    names: set[str] = set()
    for item in items:
        name = read_name(item.get("id")) if isinstance(item, dict) else None
        if name is not None:
            names.add(name)
            if len(names) >= MAX_MODELS:
                break
    return frozenset(names)


def _new_api_balance(data: object, quota_per_usd: float) -> Balance:
    body = data.get("data") if isinstance(data, dict) else None
    if not isinstance(body, dict):
        raise UnusableError("no 'data' object in the answer")

    def usd(field: str) -> float:
        value = body.get(field)
        if value is None:
            raise UnusableError(f"{field} is missing")
        return read_amount(read_amount(value, field, limit=math.inf) / quota_per_usd, field)

    def usd_or_none(field: str) -> float | None:  # a side figure: unusable is just unknown
        try:
            return usd(field)
        except UnusableError:
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
            raise UnusableError("the subscription answer is not an object")
        limit = read_amount(subscription.get("hard_limit_usd"), "hard_limit_usd", limit=math.inf)
    except UnusableError as exc:
        return Unavailable(str(exc), 200)
    usage = await _get(client, "/v1/dashboard/billing/usage")
    used: float | None = None
    if isinstance(usage, dict):
        try:
            used = read_amount(usage.get("total_usage"), "total_usage") / 100  # cents
        except UnusableError:
            used = None
    if limit >= UNLIMITED_USD:
        return Balance(None, used, None, True, "openai")
    if used is None:  # what is left cannot be told, and None would read as unlimited
        if isinstance(usage, Unavailable):
            return Unavailable(f"the usage: {usage.reason}", usage.status)
        return Unavailable("the usage answer has no usable total_usage", 200)
    return Balance(max(0.0, limit - used), used, limit, False, "openai")
