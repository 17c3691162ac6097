"""Seeded fuzzing of every answer the protocol layer reads (issue 12, points 7 and 9):
any body, under any status, is a typed value or an ``ApiError``, and the key echoed
anywhere in it never comes out. (Before: OverflowError escaped, and the key came back
in snapshots.)"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable

import httpx

from genstudio.api.client import GenerationClient
from genstudio.api.errors import ApiError
from genstudio.api.gateway import ask_balance, ask_models, ask_prices
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import TaskSnapshot

KEY = "sk-fuzz-0123456789"
NAMES = (
    "task_id", "status", "progress", "fail_reason", "submit_time", "finish_time", "data",
    "output", "outputs", "id", "code", "error", "message", "total_available",
    "hard_limit_usd", "model_name", "model_price", "quota_type", "group_ratio", KEY,
)  # fmt: skip
LEAVES = (
    0, -1, 1.5, 1e308, -1e308, True, None, "", "\x1b[2J", KEY, f"https://x/{KEY}", "NaN",
    "1e400", "45%", "SUCCESS", "FAILURE", float("nan"), float("inf"),
)  # fmt: skip


def value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(12)
    if depth > 4 or kind < 3:
        return rng.choice([*LEAVES, 10 ** rng.randrange(1, 4000)])
    if kind < 6:
        return [value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(NAMES): value(rng, depth + 1) for _ in range(rng.randrange(6))}


def body(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.1:
        return b"[" * rng.randrange(50, 3000) + b"]"
    if roll < 0.15:
        return rng.randbytes(rng.randrange(40))
    return json.dumps(value(rng), allow_nan=True).encode()


async def test_any_answer_is_typed_or_an_api_error_and_never_holds_the_key() -> None:
    rng = random.Random(12)
    for _ in range(400):
        content = body(rng)
        status = rng.choice([200, 200, 200, 200, 400, 401, 404, 429, 500])
        transport = httpx.MockTransport(
            lambda _r, s=status, c=content: httpx.Response(s, content=c)
        )
        async with GenerationClient(
            "https://api.example.test", KEY, transport=transport, submit_retries=0
        ) as client:
            calls: list[Callable[[], Awaitable[object]]] = [
                lambda: client.fetch(Scope.IMAGES, "t1"),
                lambda: client.submit(GenerationRequest(Scope.IMAGES, "p", "m")),
                lambda: ask_models(client),
                lambda: ask_prices(client),
                lambda: ask_balance(client),
            ]
            for call in calls:
                try:
                    result = await asyncio.wait_for(call(), 10)
                except ApiError as exc:
                    said = f"{exc} {exc.details}"
                else:
                    said = repr(result)
                    if isinstance(result, TaskSnapshot):
                        said += json.dumps(result.to_json_dict()) + json.dumps(result.raw)
                assert KEY not in said, content[:200]
