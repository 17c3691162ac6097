"""``models`` and ``balance``: what the provider says about the key.

Both endpoints are optional extras of new-api-style gateways; a provider without them
gets one sentence and exit code 4 (nothing to show), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from genstudio.api.gateway import fetch_balance, fetch_models
from genstudio.cli.errors import CliError, ExitCode
from genstudio.cli.task_commands import make_client
from genstudio.settings.money import QUOTA_PER_USD, format_usd


async def run_models(args: argparse.Namespace) -> int:
    async with make_client(args) as client:
        models = await fetch_models(client)
    if models is None:
        raise CliError(
            "This provider does not list its models (no usable answer from /v1/models).",
            ExitCode.TROUBLE,
        )
    names = sorted(models)
    if args.json:
        json.dump(names, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for name in names:
            print(_printable(name))
    return ExitCode.OK


async def run_balance(args: argparse.Namespace) -> int:
    quota = args.quota_per_usd if args.quota_per_usd is not None else QUOTA_PER_USD
    if not quota > 0:
        raise CliError("--quota-per-usd must be more than 0.", ExitCode.USAGE)
    async with make_client(args) as client:
        balance = await fetch_balance(client, quota_per_usd=quota)
    if balance is None:
        raise CliError("This provider does not tell the balance of a key.", ExitCode.TROUBLE)
    if args.json:
        json.dump(
            {
                "available_usd": balance.available_usd,
                "used_usd": balance.used_usd,
                "granted_usd": balance.granted_usd,
                "unlimited": balance.unlimited,
                "source": balance.source,
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    elif balance.unlimited or balance.available_usd is None:
        print("Balance: unlimited")
    else:
        line = f"Balance: {format_usd(balance.available_usd)} left"
        if balance.granted_usd is not None:
            line += f" of {format_usd(balance.granted_usd)}"
        if balance.used_usd is not None:
            line += f" (used {format_usd(balance.used_usd)})"
        print(line)
    return ExitCode.OK


def _printable(text: str) -> str:
    """A name from a server, with control characters (escape sequences) made visible."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
