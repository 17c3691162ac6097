"""``submit``, ``status`` and ``wait``: the protocol layer on a terminal."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genstudio.api.base_url import normalize_base_url
from genstudio.api.catalog import Catalog, conform, load_catalog
from genstudio.api.client import GenerationClient
from genstudio.api.errors import (
    ApiError,
    AuthenticationError,
    InvalidBaseUrlError,
    RequestRejectedError,
    SubmissionUnknownError,
    TaskNotFoundError,
)
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.request import (
    GenerationRequest,
    InvalidRequestError,
    image_file_to_data_url,
    is_http_url,
    parse_extra_value,
)
from genstudio.api.waiting import WaitTimedOutError, wait_for_task
from genstudio.cli.downloads import download_all
from genstudio.cli.errors import CliError, ExitCode
from genstudio.cli.history_record import CliHistory
from genstudio.cli.terminal import ProgressLine, describe
from genstudio.printable import printable, printable_json
from genstudio.settings import paths
from genstudio.settings.key_store import KeyStore, KeyStoreError

if TYPE_CHECKING:
    from genstudio.api.download import DownloadedFile
    from genstudio.api.snapshot import TaskSnapshot

DEFAULT_TIMEOUTS = {Scope.IMAGES: 30 * 60.0, Scope.AUDIO: 30 * 60.0, Scope.VIDEOS: 60 * 60.0}


# -- arguments to typed values -------------------------------------------------------------


def parse_param(text: str) -> tuple[str, Any]:
    """``KEY=VALUE``; the value as JSON when it parses, else the plain string."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise CliError(f"--param {text!r} is not KEY=VALUE, e.g. --param seed=42.", ExitCode.USAGE)
    return key.strip(), parse_extra_value(raw)


def image_reference(text: str, max_bytes: int) -> str:
    """A URL or data: URL as it is; a local file as a data: URL."""
    if is_http_url(text) or text.startswith("data:"):
        return text
    path = Path(text).expanduser()
    if not path.exists():
        raise CliError(
            f"--image {text!r} is neither an http(s) link nor an existing file.", ExitCode.USAGE
        )
    try:
        return image_file_to_data_url(path, max_bytes)
    except InvalidRequestError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None


def build_request(args: argparse.Namespace, catalog: Catalog | None = None) -> GenerationRequest:
    extra = dict(parse_param(p) for p in args.param or [])
    max_bytes = int(args.max_image_mb * 1024 * 1024)
    request = GenerationRequest(
        scope=args.scope,
        prompt=args.prompt,
        model=args.model,
        duration=args.duration,
        aspect_ratio=args.aspect_ratio,
        size=args.size,
        resolution=args.resolution,
        images=tuple(image_reference(i, max_bytes) for i in args.image or []),
        videos=tuple(args.video or []),
        watermark=args.watermark,
        extra=extra,
    )
    try:
        request.validate()
        # The model's own field names and types (sora-2: "duration": "10"), and a sentence
        # now for what it would refuse, before anything is paid for.
        catalog = catalog if catalog is not None else model_catalog()
        return conform(request, catalog.get(request.scope, request.model))
    except InvalidRequestError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None


def model_catalog() -> Catalog:
    """The shipped catalog with the user's models.json laid over it; a problem with
    that file is a warning on stderr, and the shipped entries keep working."""
    loaded = load_catalog(paths.config_dir() / "models.json")
    for problem in loaded.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return loaded.catalog


def resolve_key(profile: str, store: KeyStore | None = None) -> str:
    from_env = os.environ.get("GENSTUDIO_API_KEY", "").strip()
    if from_env:
        return from_env
    store = store or KeyStore()
    if store.backend_name() is None:
        raise CliError(
            "No API key: no secure keyring works on this system, so set the "
            "GENSTUDIO_API_KEY environment variable.",
            ExitCode.AUTH,
        )
    try:
        key = store.get(profile)
    except KeyStoreError as exc:
        raise CliError(str(exc), ExitCode.AUTH) from None
    if not key:
        raise CliError(
            f"No API key for profile {profile!r}: run 'genstudio-cli key set' or set "
            "GENSTUDIO_API_KEY.",
            ExitCode.AUTH,
        )
    return key


def make_client(args: argparse.Namespace) -> GenerationClient:
    base_url = args.base_url or os.environ.get("GENSTUDIO_BASE_URL", "")
    if not base_url:
        raise CliError(
            "No provider address: pass --base-url or set GENSTUDIO_BASE_URL.", ExitCode.USAGE
        )
    try:
        base_url = normalize_base_url(base_url, allow_insecure=args.allow_insecure)
    except InvalidBaseUrlError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    return GenerationClient(base_url, resolve_key(args.profile), allow_insecure=args.allow_insecure)


def cli_error_from(exc: ApiError) -> CliError:
    """The exit code for an error from the protocol layer."""
    if isinstance(exc, AuthenticationError):
        code = ExitCode.AUTH
    elif isinstance(exc, RequestRejectedError | TaskNotFoundError):
        code = ExitCode.TASK_FAILED
    elif isinstance(exc, WaitTimedOutError):
        code = ExitCode.TIMEOUT
    else:
        code = ExitCode.TROUBLE
    return CliError(exc.user_message, code, exc.log_text())


# -- commands -------------------------------------------------------------------------


async def run_submit(args: argparse.Namespace) -> int:
    catalog = model_catalog()  # read once: its warnings are said once
    request = build_request(args, catalog)
    if args.dry_run:
        return await _dry_run(args, request, catalog)
    async with make_client(args) as client:
        progress = ProgressLine(request.scope.value, quiet=args.json)
        # In the window's history, written before sending: a running window shows the job
        # and takes it over when this command ends.
        history = CliHistory(args.profile)
        try:
            history.sending(request)
            try:
                task_id = await client.submit(
                    request, on_retry=lambda text, _w: progress.note(text)
                )
            except SubmissionUnknownError as exc:
                history.unknown(exc.user_message)
                raise CliError(exc.user_message, ExitCode.TROUBLE, exc.log_text()) from None
            except ApiError as exc:
                history.not_created()
                raise cli_error_from(exc) from None
            history.sent(task_id)
            if not args.wait and not args.download:
                if args.json:
                    _print_json({"task_id": task_id, "scope": request.scope.value})
                else:
                    print(printable(task_id))
                return ExitCode.OK
            progress.label = f"{request.scope.value} {task_id}"
            if not args.json:
                progress.note("submitted")
            return await _wait_and_report(
                client, request.scope, task_id, args, progress, request, history.seen
            )
        finally:
            await history.aclose()


async def _dry_run(args: argparse.Namespace, request: GenerationRequest, catalog: Catalog) -> int:
    """The body that would be sent and what it would cost; nothing is sent."""
    from genstudio.api.gateway import fetch_prices
    from genstudio.settings.money import format_usd
    from genstudio.settings.preferences import load_preferences
    from genstudio.tasks.pricing import quote

    async with make_client(args) as client:
        url = f"{client.base_url}/v2/{request.scope.value}/generations"
        prices = await fetch_prices(client)
    profile = load_preferences(paths.settings_path()).profile(args.profile)
    estimate = quote(
        request,
        catalog.get(request.scope, request.model),
        prices,
        profile.prices if profile is not None else {},
        provider=profile.name if profile is not None else "",
    )
    body = request.to_body()
    if args.json:
        _print_json(
            {
                "url": url,
                "body": body,
                "price_usd": estimate.usd if estimate else None,
                "price_basis": estimate.basis if estimate else None,
            }
        )
        return ExitCode.OK
    print(f"Would send to {url}:")
    shown = {
        **body,
        **({"images": [_short_image(i) for i in request.images]} if request.images else {}),
    }
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    if estimate is None:
        print("Price: not known (the provider publishes none for this model).")
    elif estimate.usd is None:
        print(f"Price: {estimate.basis}")
    else:
        print(f"Price: ≈ {format_usd(estimate.usd)} ({estimate.basis})")
    print("Nothing was sent.")
    return ExitCode.OK


def _short_image(reference: str) -> str:
    """A data: URL as its start and size: a terminal is no place for a megabyte."""
    if not reference.startswith("data:"):
        return reference
    header = reference.split(",", 1)[0]
    return f"{header},… ({len(reference) * 3 // 4 // 1024} KB)"


async def run_status(args: argparse.Namespace) -> int:
    async with make_client(args) as client:
        try:
            snapshot = await client.fetch(args.scope, args.task_id)
        except ApiError as exc:
            raise cli_error_from(exc) from None
    if args.json:
        _print_json(snapshot.to_json_dict())
    else:
        print(printable(f"{snapshot.task_id}: {describe(snapshot)}"))
        if snapshot.fail_reason:
            print(printable(f"reason: {snapshot.fail_reason}"))
        for url in snapshot.outputs:
            print(printable(url))
    return ExitCode.OK


async def run_wait(args: argparse.Namespace) -> int:
    async with make_client(args) as client:
        progress = ProgressLine(f"{args.scope.value} {args.task_id}", quiet=args.json)
        return await _wait_and_report(client, args.scope, args.task_id, args, progress, None)


async def _wait_and_report(
    client: GenerationClient,
    scope: Scope,
    task_id: str,
    args: argparse.Namespace,
    progress: ProgressLine,
    request: GenerationRequest | None,
    on_seen: Callable[[TaskSnapshot], None] | None = None,
) -> int:
    timeout = args.timeout if args.timeout is not None else DEFAULT_TIMEOUTS[scope]

    def update(snapshot: TaskSnapshot) -> None:
        progress.update(snapshot)
        if on_seen is not None:
            on_seen(snapshot)

    try:
        snapshot = await wait_for_task(
            client,
            scope,
            task_id,
            timeout=timeout,
            on_update=update,
            on_trouble=progress.trouble,
        )
    except ApiError as exc:
        progress.finish()
        if args.json and isinstance(exc, WaitTimedOutError) and exc.snapshot:
            _print_json({**exc.snapshot.to_json_dict(), "downloaded": []})
        raise cli_error_from(exc) from None
    finally:
        progress.finish()

    files: list[DownloadedFile] = []
    if snapshot.has_result and args.download:
        files = await download_all(
            snapshot, scope, Path(args.download), request, progress, client.base_url
        )
    if args.json:
        _print_json({**snapshot.to_json_dict(), "downloaded": [str(f.path) for f in files]})
    elif snapshot.has_result:
        for url in snapshot.outputs:
            print(printable(url))
        for file in files:
            print(file.path)

    if snapshot.status is TaskStatus.FAILURE:
        raise CliError(
            f"The task failed: {snapshot.fail_reason or 'no reason given'}", ExitCode.TASK_FAILED
        )
    if snapshot.succeeded_without_output:
        raise CliError(
            "The task finished without any output (the provider's content filter "
            "may have removed it).",
            ExitCode.TASK_FAILED,
        )
    return ExitCode.OK


def _print_json(value: object) -> None:
    sys.stdout.write(printable_json(value) + "\n")
    sys.stdout.flush()
