"""The async HTTP client for one provider profile.

One ``httpx.AsyncClient`` per provider, created once and closed at exit. The API key
goes only to the base URL given here; output downloads use :mod:`genstudio.api.download`,
which never sends it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import httpx

from genstudio.api.answer_errors import answer_json, raise_for_status
from genstudio.api.answers import (
    MAX_ANSWER_BYTES,
    Redactor,
    decode_json,
    parse_retry_after,
    states_an_id,
)
from genstudio.api.backoff import BackoffPolicy
from genstudio.api.base_url import normalize_base_url
from genstudio.api.client_identity import USER_AGENT as USER_AGENT
from genstudio.api.errors import (
    ApiError,
    BadResponseError,
    NetworkError,
    RateLimitedError,
    ServerError,
    SubmissionUnknownError,
)
from genstudio.api.keepalive import KeepAlive, Reply
from genstudio.api.snapshot import TaskSnapshot, parse_snapshot
from genstudio.i18n import translate

if TYPE_CHECKING:
    from genstudio.api.kinds import Scope
    from genstudio.api.network_thread import NetworkThread
    from genstudio.api.request import GenerationRequest

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=30.0)
# The whole of one call, however slowly its answer trickles in (a per-read timeout never
# fires on one byte a second). A submit may upload images, so it gets longer.
FETCH_DEADLINE = 90.0
SUBMIT_DEADLINE = 300.0
RATE_LIMIT_BACKOFF = BackoffPolicy(first=2.0, cap=30.0, jitter=0.1)

#: Called with a sentence and the seconds about to be waited, before a retry.
RetryNotice = Callable[[str, float], None]


class GenerationClient:
    """Submit generation requests and fetch task status from one provider."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        allow_insecure: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        submit_retries: int = 3,
        rate_limit_backoff: BackoffPolicy = RATE_LIMIT_BACKOFF,
        max_retry_after: float = 120.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        fetch_deadline: float = FETCH_DEADLINE,
        submit_deadline: float = SUBMIT_DEADLINE,
        network: NetworkThread | None = None,
    ) -> None:
        self.base_url = normalize_base_url(base_url, allow_insecure=allow_insecure)
        # Requests run on this thread's loop when given (the window's clients).
        self._network = network
        self._key = api_key.strip()
        self._redactor = Redactor(self._key)
        self._deadlines = {"GET": fetch_deadline, "POST": submit_deadline}
        self._echoed: set[str] = set()  # tasks whose answer held the key (logged once)
        self._submit_retries = submit_retries
        self._rate_limit_backoff = rate_limit_backoff
        self._max_retry_after = max_retry_after
        self._sleep = sleep
        headers = {
            "Authorization": f"Bearer {self._key}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }
        # Status checks and submits take the lean path (api/keepalive.py); the rest, a
        # test's transport and a proxied network go through httpx.
        self._lean = None if transport else KeepAlive.build(self.base_url, headers, timeout)
        # Built on first use, on the thread the requests run on: making it loads the
        # certificates (20-40 ms), which the window's thread must not wait for.
        self._http_settings = (headers, timeout, transport)
        self._http_client: httpx.AsyncClient | None = None

    @property
    def _http(self) -> httpx.AsyncClient:
        if self._http_client is None:
            headers, timeout, transport = self._http_settings
            self._http_client = httpx.AsyncClient(
                base_url=self.base_url,
                headers=headers,
                timeout=timeout,
                transport=transport,
                # A redirect could carry the key elsewhere; providers do not redirect.
                follow_redirects=False,
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
            )
        return self._http_client

    def __repr__(self) -> str:
        return f"GenerationClient(base_url={self.base_url!r})"

    async def __aenter__(self) -> GenerationClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._on_network(self._close())

    async def _close(self) -> None:
        if self._lean is not None:
            self._lean.close()
        if self._http_client is not None:
            await self._http_client.aclose()

    async def _on_network(self, work: Coroutine[Any, Any, _T]) -> _T:
        """``work`` on the network thread when the client has one (the caller awaits
        it from its own loop), else here."""
        if self._network is None or self._network.is_current():
            return await work
        return await self._network.run(work)

    def redact(self, text: str) -> str:
        """Remove the API key from text that came back from the server."""
        return self._redactor.text(text)

    # -- submit -------------------------------------------------------------------------

    async def submit(
        self, request: GenerationRequest, *, on_retry: RetryNotice | None = None
    ) -> str:
        """Start a job and return its task id.

        429 created nothing, so it is retried (``Retry-After`` honoured) a few times
        (``on_retry`` hears of each wait; with a network thread it is called there).
        A timeout after sending, a 5xx or an unreadable success may have created a paid
        task: that raises :class:`SubmissionUnknownError` and is never retried here.
        """
        request.validate()  # here: a bad request is the caller's error, not the network's
        return await self._on_network(self._submit(request, on_retry))

    async def _submit(self, request: GenerationRequest, on_retry: RetryNotice | None) -> str:
        path = f"/v2/{request.scope.value}/generations"
        body = request.to_body()
        attempt = 0
        while True:
            known: dict[str, Any] = {
                "scope": request.scope.value,
                "model": request.model,
                "sent_at": time.time(),
            }
            try:
                response = await self._send("POST", path, json_body=body)
            except NetworkError as exc:
                if exc.request_sent:
                    raise SubmissionUnknownError(
                        translate(
                            "Messages",
                            "The connection broke after the request was sent, so the provider may "
                            "have started (and charged for) this job. Check your provider's "
                            "dashboard before submitting it again.",
                        ),
                        exc,
                        **known,
                    ) from exc
                raise
            try:
                raise_for_status(response, self._redactor, fetching=False)
            except RateLimitedError as exc:
                if attempt >= self._submit_retries:
                    raise RateLimitedError(
                        translate(
                            "Messages",
                            "The provider is limiting requests (HTTP 429) and nothing was started. "
                            "Wait a minute and submit again.",
                        ),
                        exc.details,
                        retry_after=exc.retry_after,
                    ) from exc
                # The server's own Retry-After wins; without one, back off.
                wait = (
                    exc.retry_after
                    if exc.retry_after is not None
                    else self._rate_limit_backoff.delay(attempt)
                )
                wait = min(wait, self._max_retry_after)
                attempt += 1
                if on_retry:
                    on_retry(
                        translate(
                            "Messages",
                            "The provider is busy (HTTP 429); trying again in {wait:.0f} s.",
                        ).format(wait=wait),
                        wait,
                    )
                log.info("submit rate limited, retry %d in %.1f s", attempt, wait)
                await self._sleep(wait)
                continue
            except ServerError as exc:
                raise SubmissionUnknownError(
                    translate(
                        "Messages",
                        "The provider answered with an error (HTTP {status_code}) after "
                        "receiving the request, so the job may or may not have started. Check "
                        "your provider's dashboard before submitting it again.",
                    ).format(status_code=exc.status_code),
                    exc,
                    **known,
                ) from exc
            try:
                return self._task_id_from(response)
            except BadResponseError as exc:
                raise SubmissionUnknownError(
                    translate(
                        "Messages",
                        "The provider accepted the request but its answer had no readable task "
                        "id, so the job may have started. Check your provider's dashboard.",
                    ),
                    exc,
                    **known,
                ) from exc

    def _task_id_from(self, response: Reply) -> str:
        payload = answer_json(response, self._redactor)
        candidates: list[object] = []
        if isinstance(payload, Mapping):
            candidates += [payload.get("task_id"), payload.get("id")]
            data = payload.get("data")
            if isinstance(data, Mapping):
                candidates += [data.get("task_id"), data.get("id")]
            elif isinstance(data, str):
                candidates.append(data)
        for candidate in candidates:
            if isinstance(candidate, int) and not isinstance(candidate, bool):
                candidate = str(candidate)
            if not isinstance(candidate, str) or not candidate.strip():
                continue
            if self._redactor.holds_key(candidate):
                # Kept, the key would sit in the history; hidden, the id is no id.
                log.warning("the submit answer's task id holds the API key: not used")
                break
            return candidate.strip()
        raise BadResponseError(
            translate(
                "Messages",
                "The provider's answer to the submit had no task id.",
            ),
            self.redact(response.text[:500]),
            response.status_code,
        )

    # -- fetch --------------------------------------------------------------------------

    async def fetch(self, scope: Scope, task_id: str) -> TaskSnapshot:
        """Fetch one task's status. The id is percent-encoded into the path."""
        return await self._on_network(self._fetch(scope, task_id))

    async def _fetch(self, scope: Scope, task_id: str) -> TaskSnapshot:
        path = f"/v2/{scope.value}/generations/{quote(task_id, safe='')}"
        response = await self._send("GET", path)
        raise_for_status(response, self._redactor, fetching=True)
        payload = self._hide_key(answer_json(response, self._redactor), task_id)
        try:
            snapshot = parse_snapshot(payload, task_id=task_id)
            if snapshot.task_id != task_id and states_an_id(payload):
                # Never merge another task's status (and outputs) into this one.
                raise BadResponseError(
                    translate(
                        "Messages",
                        "The provider answered about another task than the one asked for.",
                    ),
                    f"asked for {task_id!r}, the answer is about {snapshot.task_id!r}",
                )
        except BadResponseError as exc:
            exc.details = self.redact(f"{exc.details}; body: {response.text[:300]}")
            exc.status_code = response.status_code
            log.warning("status answer for %r not used: %s", task_id, exc.details)
            raise
        return snapshot

    def _hide_key(self, payload: object, task_id: str) -> object:
        """The answer with the key hidden wherever the server echoed it (a failure reason,
        an output link, an extra field), so that it is never stored, shown or written."""
        hidden = self._redactor.value(payload)
        if hidden != payload and task_id not in self._echoed:
            self._echoed.add(task_id)
            log.warning(
                "the provider's answer about task %r held the API key; it was hidden "
                "(an output link that held it cannot be saved)",
                task_id,
            )
        return hidden

    # -- plumbing -----------------------------------------------------------------------

    async def _send(
        self, method: str, path: str, *, json_body: Mapping[str, Any] | None = None
    ) -> Reply:
        started = time.monotonic()
        deadline = self._deadlines.get(method, FETCH_DEADLINE)
        try:
            async with asyncio.timeout(deadline):
                response = await self._request(method, path, json_body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise NetworkError(
                translate(
                    "Messages",
                    "Cannot reach the provider at {base_url}. Check your internet "
                    "connection and the provider address.",
                ).format(base_url=self.base_url),
                self.redact(f"{type(exc).__name__}: {exc}"),
                request_sent=False,
            ) from exc
        except (httpx.TimeoutException, TimeoutError) as exc:
            # TimeoutError: the whole call's deadline passed (an answer trickling in).
            why = f"{type(exc).__name__}: {exc}" if exc.args else f"over {deadline:g} s in all"
            raise NetworkError(
                translate(
                    "Messages",
                    "The provider at {base_url} did not answer in time.",
                ).format(base_url=self.base_url),
                self.redact(why),
            ) from exc
        except httpx.HTTPError as exc:  # a broken connection, or a body that cannot be decoded
            raise NetworkError(
                translate(
                    "Messages",
                    "The connection to the provider at {base_url} broke off.",
                ).format(base_url=self.base_url),
                self.redact(f"{type(exc).__name__}: {exc}"),
            ) from exc
        log.debug(
            "%s %s -> %d in %.0f ms",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response

    async def _request(self, method: str, path: str, json_body: Mapping[str, Any] | None) -> Reply:
        """The answer, its body read up to :data:`MAX_ANSWER_BYTES` (past that it is
        dropped and the answer reads as empty, not kept in memory)."""
        if self._lean is not None and self._lean.usable_here():
            if method == "GET":
                return await self._lean.get(path, MAX_ANSWER_BYTES)
            if method == "POST" and json_body is not None:
                return await self._lean.post_json(path, json_body, MAX_ANSWER_BYTES)
        async with self._http.stream(method, path, json=json_body) as streamed:
            body = bytearray()
            async for chunk in streamed.aiter_bytes():
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    log.warning("%s %s: answer over %d bytes dropped", method, path, len(body))
                    body.clear()
                    break
        return Reply(
            streamed.status_code,
            streamed.headers,
            bytes(body),
            streamed.request.method,
            streamed.request.url.path,
        )

    async def get_json(
        self, path: str, *, timeout: float = 10.0, max_bytes: int = 4 * 1024 * 1024
    ) -> tuple[int, Any]:
        """``GET`` a path beside the format (model list, prices, balance): the status and
        the parsed JSON (the key hidden in it), or None when the body is not JSON (or is
        too large or nested). The whole call, a trickling answer included, is bounded by
        ``timeout``."""
        return await self._on_network(self._get_json(path, timeout, max_bytes))

    async def _get_json(self, path: str, timeout: float, max_bytes: int) -> tuple[int, Any]:

        async def read() -> tuple[int, bytes]:
            async with self._http.stream("GET", path) as response:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        return response.status_code, b""
                return response.status_code, bytes(body)

        status, content = await asyncio.wait_for(read(), timeout)
        try:
            return status, self._redactor.value(decode_json(content))
        except ValueError:
            return status, None


# Re-exported for callers that catch "anything from the provider".
__all__ = ["ApiError", "GenerationClient", "RetryNotice", "parse_retry_after"]
