"""What a job will cost, from the provider's published prices or the user's own table.

The provider's price wins where it publishes one; the user's table (Money → Prices and budget)
fills in where it does not. Every figure is an estimate ("≈"): gateways round, give
discounts by group, and some bill by usage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from genstudio.i18n import translate
from genstudio.record_base import FrozenRecord
from genstudio.settings.money import UserPrice, format_usd, is_amount

if TYPE_CHECKING:
    from genstudio.api.catalog import ModelSpec
    from genstudio.api.prices import PriceList
    from genstudio.api.request import GenerationRequest


@dataclass(frozen=True, repr=False, eq=False)
class Quote(FrozenRecord):
    """The estimate for one job; ``usd`` is None when only the billing basis is known."""

    usd: float | None
    basis: str  # a sentence: where the figure comes from and how it scales


def quote(
    request: GenerationRequest,
    spec: ModelSpec | None,
    prices: PriceList | None,
    user_prices: Mapping[str, UserPrice],
    *,
    provider: str = "",
    group: str = "default",
) -> Quote | None:
    """The price of ``request``, or None when nothing is known about its model."""
    outputs = _outputs(request, spec)
    published = prices.per_call_usd(request.model, group) if prices is not None else None
    if published is not None and is_amount(published):
        usd = published * outputs
        basis = translate("Messages", "{price} a job, as {provider} publishes it").format(
            price=format_usd(published), provider=provider or translate("Messages", "the provider")
        )
        if outputs > 1:
            basis += translate("Messages", ", × {count} pictures").format(count=outputs)
        return Quote(usd, basis)
    mine = user_prices.get(request.model)
    if mine is not None:
        if mine.per_second:
            seconds = _seconds(request, spec)
            if seconds is None:
                return Quote(
                    None,
                    translate(
                        "Messages",
                        "{price} a second from your price table; choose a duration to see "
                        "the total",
                    ).format(price=format_usd(mine.usd)),
                )
            return Quote(
                mine.usd * seconds * outputs,
                translate(
                    "Messages", "{price} a second × {seconds} s, from your price table"
                ).format(price=format_usd(mine.usd), seconds=seconds),
            )
        return Quote(
            mine.usd * outputs,
            translate("Messages", "{price} a job, from your price table").format(
                price=format_usd(mine.usd)
            ),
        )
    ratio = prices.ratio(request.model) if prices is not None else None
    if ratio is not None:
        return Quote(
            None,
            translate(
                "Messages",
                "{provider} bills this model by usage (rate ×{ratio:g}), so the price is "
                "known only afterwards. Enter a price in Money → Prices and budget to see "
                "one here.",
            ).format(provider=provider or translate("Messages", "The provider"), ratio=ratio),
        )
    return None


def _outputs(request: GenerationRequest, spec: ModelSpec | None) -> int:
    """How many outputs a per-output price is multiplied by (``n``, 1 to 10)."""
    if spec is None or not spec.price_per_output:
        return 1
    n = request.extra.get("n")
    if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 10:
        return n
    return 1


def _seconds(request: GenerationRequest, spec: ModelSpec | None) -> int | None:
    if request.duration is not None:
        return request.duration
    field = spec.fields.get("duration") if spec is not None else None
    if field is not None and field.default is not None and field.default.isdigit():
        return int(field.default)
    return None
