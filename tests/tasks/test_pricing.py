"""A job's price: the provider's published price first, the user's own table next."""

from __future__ import annotations

import pytest

from genstudio.api.catalog import load_catalog
from genstudio.api.kinds import Scope
from genstudio.api.prices import ModelPrice, PriceList
from genstudio.api.request import GenerationRequest
from genstudio.settings.money import UserPrice, format_usd
from genstudio.tasks.pricing import quote

CATALOG = load_catalog().catalog
PRICES = PriceList(
    {
        "veo3": ModelPrice("veo3", 1, 0.8, None),
        "gpt-image-1": ModelPrice("gpt-image-1", 1, 0.04, None),
        "minimax-tts": ModelPrice("minimax-tts", 0, 0.0, 2.5),
        "silly": ModelPrice("silly", 1, 1e300, None),
    },
    {"default": 1.0, "vip": 0.5},
)


def q(model: str, scope: Scope = Scope.VIDEOS, **kwargs: object) -> GenerationRequest:
    return GenerationRequest(scope, "p", model, **kwargs)  # type: ignore[arg-type]


def test_published_price_per_job_and_group() -> None:
    result = quote(q("veo3"), CATALOG.get(Scope.VIDEOS, "veo3"), PRICES, {}, provider="Gw")
    assert result is not None and result.usd == pytest.approx(0.8)
    assert result.basis == "$0.80 a job, as Gw publishes it"
    vip = quote(q("veo3"), None, PRICES, {}, group="vip")
    assert vip is not None and vip.usd == pytest.approx(0.4)


def test_per_picture_models_multiply_by_n() -> None:
    request = q("gpt-image-1", Scope.IMAGES, extra={"n": 3})
    result = quote(request, CATALOG.get(Scope.IMAGES, "gpt-image-1"), PRICES, {})
    assert result is not None and result.usd == pytest.approx(0.12)
    assert "× 3 pictures" in result.basis


def test_users_own_table_fills_in_per_job_and_per_second() -> None:
    mine = {"sora-2": UserPrice(0.1, per_second=True), "my-model": UserPrice(0.3)}
    sora = CATALOG.get(Scope.VIDEOS, "sora-2")
    result = quote(q("sora-2", duration=15), sora, PRICES, mine)
    assert result is not None and result.usd == pytest.approx(1.5)
    assert "a second × 15 s, from your price table" in result.basis
    default = quote(q("sora-2"), sora, None, mine)  # no duration: the model's default, 10
    assert default is not None and default.usd == pytest.approx(1.0)
    unknown = quote(q("my-model"), None, None, mine)
    assert unknown is not None and unknown.usd == pytest.approx(0.3)
    no_length = quote(q("x"), None, None, {"x": UserPrice(0.2, per_second=True)})
    assert no_length is not None and no_length.usd is None


def test_usage_billed_says_so_and_nonsense_or_nothing_gives_no_price() -> None:
    usage = quote(q("minimax-tts", Scope.AUDIO), None, PRICES, {})
    assert usage is not None and usage.usd is None and "by usage" in usage.basis
    assert quote(q("silly"), None, PRICES, {}) is None
    assert quote(q("nobody"), None, PRICES, {}) is None
    assert quote(q("veo3"), None, None, {}) is None


@pytest.mark.parametrize(
    ("usd", "text"),
    [
        (0.4, "$0.40"),
        (12.5, "$12.50"),
        (1234.5, "$1,234.50"),
        (0.003, "$0.003"),
        (0.0, "$0.00"),
        (0.0001, "<$0.001"),
    ],
)
def test_format_usd(usd: float, text: str) -> None:
    assert format_usd(usd) == text
