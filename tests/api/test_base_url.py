from __future__ import annotations

import pytest

from genstudio.api.base_url import normalize_base_url
from genstudio.api.errors import InvalidBaseUrlError


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://api.example.com", "https://api.example.com"),
        ("https://api.example.com/", "https://api.example.com"),
        ("https://api.example.com/v2", "https://api.example.com"),
        ("https://api.example.com/v2/", "https://api.example.com"),
        ("  https://API.example.com/proxy/v2/  ", "https://api.example.com/proxy"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:8765/", "http://localhost:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
        ("http://127.5.0.1", "http://127.5.0.1"),
    ],
)
def test_normalised(typed: str, expected: str) -> None:
    assert normalize_base_url(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "empty"),
        ("api.example.com", "no scheme"),
        ("ftp://api.example.com", "must start with https://"),
        ("http://api.example.com", "plain http"),
        ("http://192.168.1.5:8000", "plain http"),
        ("https://user:pw@api.example.com", "key field"),
        ("https://api.example.com/?x=1", "'?'"),
        ("https://:80", "no host"),
    ],
)
def test_refused(typed: str, message: str) -> None:
    with pytest.raises(InvalidBaseUrlError, match=message):
        normalize_base_url(typed)


def test_insecure_allowed_when_asked() -> None:
    assert normalize_base_url("http://gpu-box.lan:8000/v2", allow_insecure=True) == (
        "http://gpu-box.lan:8000"
    )
