"""The "Test connection" button: one real authenticated call, its outcome in words, and,
once the key is accepted, which models this key may use (where the provider says)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from genstudio.api.errors import (
    ApiError,
    AuthenticationError,
    BadResponseError,
    InvalidBaseUrlError,
    NetworkError,
    RateLimitedError,
    TaskNotFoundError,
)
from genstudio.api.gateway import ask_models
from genstudio.api.kinds import Scope
from genstudio.i18n import translate

if TYPE_CHECKING:
    from genstudio.api.client import GenerationClient


@dataclass(frozen=True)
class ConnectionResult:
    ok: bool
    message: str
    details: str = ""
    models: frozenset[str] | None = None  # None: the provider has no model list


async def check_connection(
    base_url: str, key: str, *, allow_insecure: bool = False, client: GenerationClient | None = None
) -> ConnectionResult:
    """One authenticated call, then the model list when the key was accepted."""
    if not key.strip():
        return ConnectionResult(
            False,
            translate(
                "Messages",
                "Enter the API key first.",
            ),
        )
    from genstudio.api.client import GenerationClient  # httpx: loaded on first use

    try:
        api = client or GenerationClient(base_url, key, allow_insecure=allow_insecure)
    except InvalidBaseUrlError as exc:
        return ConnectionResult(False, exc.user_message)
    try:
        result = await _probe(api)
        if result.ok:
            result = await _with_models(api, result)
    finally:
        if client is None:
            await api.aclose()
    return result


async def _with_models(api: GenerationClient, result: ConnectionResult) -> ConnectionResult:
    found = await ask_models(api)
    if not isinstance(found, frozenset) or not found:
        return result  # no list (or an empty one): the test says only what it knows
    if len(found) == 1:
        more = translate("Messages", "It offers one model to this key.")
    else:
        more = translate("Messages", "It offers {count} models to this key.").format(
            count=len(found)
        )
    return ConnectionResult(True, f"{result.message} {more}", result.details, found)


async def _probe(api: GenerationClient) -> ConnectionResult:
    """Fetch a task id that cannot exist: "not found" proves the key is accepted."""
    probe = f"genstudio-connection-test-{secrets.token_hex(6)}"
    connected = translate("Messages", "Connected: the provider accepted the key.")
    try:
        await api.fetch(Scope.IMAGES, probe)
    except TaskNotFoundError:
        return ConnectionResult(True, connected)
    except AuthenticationError as exc:
        return ConnectionResult(
            False,
            translate(
                "Messages",
                "The provider refused this key. Check that you copied "
                "all of it, and that it is for this provider.",
            ),
            exc.log_text(),
        )
    except NetworkError as exc:
        return ConnectionResult(False, exc.user_message, exc.log_text())
    except RateLimitedError as exc:
        return ConnectionResult(
            True,
            translate(
                "Messages",
                "Connected (the provider asks to slow down for a moment; the key was not refused).",
            ),
            exc.log_text(),
        )
    except BadResponseError as exc:
        return ConnectionResult(
            False,
            translate(
                "Messages",
                "Something answered, but not like a generation API: check the address.",
            ),
            exc.log_text(),
        )
    except ApiError as exc:
        return ConnectionResult(False, exc.user_message, exc.log_text())
    return ConnectionResult(True, connected)
