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
    ``max_cap`` seconds. When the provider's progress says the task ends sooner than the
    next check, the check comes ``finish_margin`` after that instead (never sooner than
    ``finish_floor``): the result shows within a second or two, for no more checks.
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
    finish_margin: float = 1.0
    finish_floor: float = 2.0
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

    def interval(
        self,
        attempt: int,
        age: float,
        rng: random.Random | None = None,
        finish_in: float | None = None,
    ) -> float:
        """Seconds to the next check; ``finish_in``: when the task's progress says it
        ends (:func:`finish_in`), if known."""
        cap = min(self.max_cap, max(self.min_cap, age * self.age_fraction))
        base = self._jittered(min(cap, self.first * self.factor ** min(attempt, 32)), rng)
        if finish_in is None:
            return base
        return min(base, max(self.finish_floor, finish_in + self.finish_margin))

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


def finish_in(
    before: tuple[float, float] | None, now: float, progress: float | None
) -> float | None:
    """Seconds until the task ends, by the pace of its progress since the check
    ``before`` (its time and progress, in percent); None when that says nothing: no
    progress, none gained since (a provider that holds at 95 % until the end), or done."""
    if before is None or progress is None or not 0 < progress < 100:
        return None
    then, earlier = before
    if progress <= earlier or now <= then:
        return None
    return (100.0 - progress) * (now - then) / (progress - earlier)
