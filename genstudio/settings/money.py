"""The creator's money settings per provider: their own prices and their budget.

Plain data, saved in the settings file; :mod:`genstudio.tasks.pricing` and
:mod:`genstudio.tasks.budget` put them to use.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from genstudio.record_base import FrozenRecord

MAX_USD = 1_000_000.0  # larger figures are nonsense, not a price
QUOTA_PER_USD = 500_000.0  # new-api's default: 500,000 quota units are one US dollar


def is_amount(value: object) -> bool:
    """A usable amount of dollars: a finite number from 0 to ``MAX_USD``."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= MAX_USD
    )


def format_usd(usd: float) -> str:
    """$1.50, $0.40, and small prices with the digits that matter ($0.003)."""
    if usd >= 0.01 or usd == 0:
        return f"${usd:,.2f}"
    return f"${usd:.2g}" if usd >= 0.001 else "<$0.001"


@dataclass(frozen=True, repr=False, eq=False)
class UserPrice(FrozenRecord):
    """A price the user entered for a model: per job, or per second of output."""

    usd: float
    per_second: bool = False

    def to_json(self) -> dict[str, object]:
        return {"usd": self.usd, "per": "second" if self.per_second else "job"}

    @classmethod
    def from_json(cls, data: object) -> UserPrice | None:
        if not isinstance(data, Mapping):
            return None
        usd = data.get("usd")
        if not is_amount(usd):
            return None
        return cls(float(usd), data.get("per") == "second")  # type: ignore[arg-type]


@dataclass(frozen=True, repr=False, eq=False)
class Budget(FrozenRecord):
    daily_cap_usd: float | None = None
    monthly_cap_usd: float | None = None
    confirm_above_usd: float | None = None

    @property
    def is_set(self) -> bool:
        return any(
            v is not None
            for v in (self.daily_cap_usd, self.monthly_cap_usd, self.confirm_above_usd)
        )

    def to_json(self) -> dict[str, float | None]:
        return {
            "daily_cap_usd": self.daily_cap_usd,
            "monthly_cap_usd": self.monthly_cap_usd,
            "confirm_above_usd": self.confirm_above_usd,
        }

    @classmethod
    def from_json(cls, data: object) -> Budget:
        if not isinstance(data, Mapping):
            return cls()
        return cls(*(_amount(data.get(name)) for name in cls().to_json()))


@dataclass(frozen=True, repr=False, eq=False)
class MoneySettings(FrozenRecord):
    """One provider's money settings together, as the Prices and budget dialog edits them."""

    prices: dict[str, UserPrice]
    budget: Budget
    quota_per_usd: float


def _amount(value: object) -> float | None:
    return float(value) if is_amount(value) else None  # type: ignore[arg-type]
