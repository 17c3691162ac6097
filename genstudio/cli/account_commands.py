"""``models`` and ``balance``: what the provider says about the key.

Both endpoints are optional extras of new-api-style gateways; a provider without them
gets one sentence and exit code 4 (nothing to show), a refused key exit code 3, and
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from genstudio.api.gateway import Unavailable, ask_balance, ask_models
from genstudio.cli.errors import CliError, ExitCode
from genstudio.cli.task_commands import make_client
from genstudio.printable import printable
from genstudio.settings.money import QUOTA_PER_USD, format_usd


async def run_models(args: argparse.Namespace) -> int:
    async with make_client(args) as client:
        models = await ask_models(client)
    if isinstance(models, Unavailable):
        raise _not_known(models, "This provider does not list its models.", "model list")
    names = sorted(models)
    if args.json:
        json.dump(names, sys.stdout, indent=2)  # ASCII: any console encoding can print it
        sys.stdout.write("\n")
    else:
        for name in names:
            print(printable(name))
    return ExitCode.OK


async def run_balance(args: argparse.Namespace) -> int:
    quota = args.quota_per_usd if args.quota_per_usd is not None else QUOTA_PER_USD
    if not 0 < quota < math.inf:  # NaN too
        raise CliError("--quota-per-usd must be more than 0.", ExitCode.USAGE)
    async with make_client(args) as client:
        balance = await ask_balance(client, quota_per_usd=quota)
    if isinstance(balance, Unavailable):
        raise _not_known(balance, "This provider does not tell the balance of a key.", "balance")
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


def _not_known(why: Unavailable, absent: str, what: str) -> CliError:
    """The sentence and exit code for an answer that did not come; the reason (no server
    text in it, exception text redacted) is shown with --verbose."""
    if why.key_refused:
        return CliError(
            f"The provider refused the API key (HTTP {why.status}). Check the key, or set a "
            "new one with 'genstudio-cli key set'.",
            ExitCode.AUTH,
            why.reason,
        )
    if why.absent:
        return CliError(absent, ExitCode.TROUBLE, why.reason)
    return CliError(
        f"The provider's {what} could not be read: {why.reason}. Try again later.",
        ExitCode.TROUBLE,
        why.reason,
    )
