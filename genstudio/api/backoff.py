"""Polling intervals: growing, capped, with jitter, and ``Retry-After`` honoured."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class BackoffPolicy:
    """``first``, ``first*factor``, ... up to ``cap`` seconds, each varied by ±``jitter``.

    The providers' own advice is about 2 s, then 4 s, then 8 s; jitter keeps many
    clients (or many tasks) from polling in lockstep.
    """

    first: float = 2.0
    factor: float = 2.0
    cap: float = 15.0
    jitter: float = 0.1

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """The wait before poll number ``attempt`` (0-based)."""
        base = min(self.cap, self.first * self.factor ** max(0, min(attempt, 32)))
        if self.jitter <= 0:
            return base
        spread = (rng or random).uniform(-self.jitter, self.jitter)
        return max(0.0, base * (1.0 + spread))

    def after_hint(
        self, attempt: int, retry_after: float | None, rng: random.Random | None = None
    ) -> float:
        """Like :meth:`delay`, but never sooner than the server's ``Retry-After``."""
        wait = self.delay(attempt, rng)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait
