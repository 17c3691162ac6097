"""How often to check a task, how long to wait for it, and when to worry."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from genstudio.api.snapshot import Scope


@dataclass(frozen=True)
class PollPolicy:
    """Growing intervals: ``first``, ×``factor``… up to a cap that grows with the task's age.

    The cap is ``age_fraction`` of the time the task has run so far, between ``min_cap``
    and ``max_cap``: a result shows within about a tenth of the run time, and a
    90-second job costs about a dozen checks while an hour-long one is checked every
    ``max_cap`` seconds.
    """

    first: float = 2.0
    factor: float = 2.0
    min_cap: float = 10.0
    max_cap: float = 30.0
    age_fraction: float = 0.1
    jitter: float = 0.1
    error_first: float = 2.0
    error_cap: float = 60.0
    unreachable_after: int = 3  # failed checks in a row before the row says so
    no_output_grace: float = 60.0
    # How long a job refused with 429 (nothing created) keeps being resent by itself
    # before the user is asked.
    send_later_for: float = 10 * 60.0
    deadlines: dict[Scope, float] = field(
        default_factory=lambda: {
            Scope.IMAGES: 30 * 60.0,
            Scope.AUDIO: 30 * 60.0,
            Scope.VIDEOS: 60 * 60.0,
        }
    )

    def interval(self, attempt: int, age: float, rng: random.Random | None = None) -> float:
        cap = min(self.max_cap, max(self.min_cap, age * self.age_fraction))
        base = min(cap, self.first * self.factor ** min(attempt, 32))
        return self._jittered(base, rng)

    def error_interval(self, failures: int, rng: random.Random | None = None) -> float:
        base = min(self.error_cap, self.error_first * 2 ** min(max(0, failures - 1), 32))
        return self._jittered(base, rng)

    def with_deadline_minutes(self, minutes: dict[str, float]) -> PollPolicy:
        deadlines = dict(self.deadlines)
        for scope in Scope:
            if scope.value in minutes:
                deadlines[scope] = minutes[scope.value] * 60.0
        return replace(self, deadlines=deadlines)

    def deadline_for(self, scope: Scope) -> float:
        return self.deadlines[scope]

    def _jittered(self, base: float, rng: random.Random | None) -> float:
        if self.jitter <= 0:
            return base
        return max(0.0, base * (1 + (rng or random).uniform(-self.jitter, self.jitter)))
