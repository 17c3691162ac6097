"""How often to check a task, how long to wait for it, and when to worry."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from genstudio.api.kinds import Scope


@dataclass(frozen=True)
class PollPolicy:
    """Growing intervals: ``first``, ×``factor``… up to a cap that grows with the task's age.

    The cap is ``age_fraction`` of the time the task has run so far, between ``min_cap``
    and ``max_cap``: a result shows within about a tenth of the run time, and a
    90-second job costs about a dozen checks while an hour-long one is checked every
    ``max_cap`` seconds. When the provider's progress says the task ends sooner than the
    next check, that check comes ``finish_margin`` after the end instead (never sooner than
    ``finish_floor``), once per task: the result shows within a second or two, for at
    most one more check.
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

    def interval(self, attempt: int, age: float, rng: random.Random | None = None) -> float:
        cap = min(self.max_cap, max(self.min_cap, age * self.age_fraction))
        base = min(cap, self.first * self.factor ** min(attempt, 32))
        return self._jittered(base, rng)

    def sooner_for_finish(self, usual: float, finish_in: float | None) -> float:
        """The next check: ``usual``, or ``finish_margin`` after the task's expected end
        (:class:`FinishWatch`) when that is sooner, never sooner than ``finish_floor``."""
        if finish_in is None:
            return usual
        return min(usual, max(self.finish_floor, finish_in + self.finish_margin))

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


class FinishWatch:
    """Each task's last progress reading, and whether its check was already brought
    forward: once per watch, so a provider whose pace misleads (slowing near the end,
    stages that start again from 0) costs one more check, not one every few seconds."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[float, float]] = {}
        self._brought_forward: set[int] = set()

    def finish_in(self, task: int, now: float, progress: float | None) -> float | None:
        """When ``task`` ends by its pace since the last reading; None when unknown or
        when its check was brought forward already."""
        before = self._seen.get(task)
        if progress is not None:
            self._seen[task] = (now, progress)
        return None if task in self._brought_forward else finish_in(before, now, progress)

    def brought_forward(self, task: int) -> None:
        self._brought_forward.add(task)

    def forget(self, task: int) -> None:
        self._seen.pop(task, None)
        self._brought_forward.discard(task)


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
