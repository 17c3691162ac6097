"""Entry point of ``genstudio-cli``: arguments, logging, exit codes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from genstudio import __version__
from genstudio.api.kinds import Scope
from genstudio.cli.errors import CliError, ExitCode
from genstudio.printable import printable
from genstudio.settings.key_store import DEFAULT_PROFILE

PROG = "genstudio-cli"


class _Parser(argparse.ArgumentParser):
    """Usage errors as one sentence and exit code 2, not a wall of usage text."""

    def error(self, message: str) -> NoReturn:
        message = message.rstrip(".")
        raise CliError(
            f"{message[:1].upper()}{message[1:]}. Run '{self.prog} --help' for usage.",
            ExitCode.USAGE,
        )


def _scope(text: str) -> Scope:
    try:
        return Scope.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0 seconds")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--base-url",
        default=argparse.SUPPRESS,
        help="the provider's base URL (or set GENSTUDIO_BASE_URL)",
    )
    common.add_argument(
        "--profile",
        default=argparse.SUPPRESS,
        help=f"the keyring entry to use (default {DEFAULT_PROFILE!r})",
    )
    common.add_argument(
        "--allow-insecure",
        action="store_true",
        default=argparse.SUPPRESS,
        help="allow plain http:// to a host that is not this computer",
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="log requests and error details to stderr",
    )

    parser = _Parser(
        prog=PROG,
        parents=[common],
        description="Generate images, videos and audio with a provider of the "
        "unified generation API.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    submit = commands.add_parser("submit", parents=[common], help="start a generation job")
    submit.add_argument("scope", type=_scope, metavar="SCOPE", help="images, videos or audio")
    submit.add_argument("--model", required=True, help="the provider's model name, e.g. veo3")
    submit.add_argument("--prompt", required=True)
    submit.add_argument("--duration", type=_positive_int, help="seconds")
    submit.add_argument("--aspect-ratio", help="e.g. 16:9")
    submit.add_argument("--size", help="e.g. 1024x1024")
    submit.add_argument("--resolution", help="e.g. 720P")
    submit.add_argument(
        "--image",
        action="append",
        metavar="URL_OR_FILE",
        help="reference image: a link or a local file (repeatable)",
    )
    submit.add_argument(
        "--video", action="append", metavar="URL", help="reference video link (repeatable)"
    )
    submit.add_argument("--watermark", action=argparse.BooleanOptionalAction, default=None)
    submit.add_argument(
        "--param",
        action="append",
        metavar="KEY=VALUE",
        help="any other field; VALUE is JSON when it parses (repeatable)",
    )
    submit.add_argument(
        "--max-image-mb",
        type=float,
        default=10.0,
        help="largest local image to send (default 10 MB)",
    )
    submit.add_argument(
        "--dry-run",
        action="store_true",
        help="print the body that would be sent and its price, and send nothing",
    )
    _add_wait_options(submit)
    submit.add_argument("--wait", action="store_true", help="wait until the task is final")

    status = commands.add_parser("status", parents=[common], help="show a task's status once")
    status.add_argument("scope", type=_scope, metavar="SCOPE")
    status.add_argument("task_id", metavar="TASK_ID")
    status.add_argument("--json", action="store_true", help="print the status as JSON")

    wait = commands.add_parser("wait", parents=[common], help="wait for a task to finish")
    wait.add_argument("scope", type=_scope, metavar="SCOPE")
    wait.add_argument("task_id", metavar="TASK_ID")
    _add_wait_options(wait)

    key = commands.add_parser("key", parents=[common], help="manage the API key in the keyring")
    key.add_argument(
        "key_action",
        choices=("set", "delete", "status"),
        metavar="ACTION",
        help="set (reads the key from a hidden prompt or stdin), delete, status",
    )
    # Caught so that a key typed on the command line is refused without being echoed.
    key.add_argument("stray", nargs="*", help=argparse.SUPPRESS)

    imported = commands.add_parser(
        "import",
        parents=[common],
        help="follow a task by its ID (from the provider's site) in the window's history",
        description="Ask the provider about TASK_ID once, then add it to the history the "
        "window shows, under --profile (a provider of that name in the window follows it "
        "and saves its result). Exit codes: 0 imported or already there, 1 the provider "
        "does not know it, 2 not an ID, 3 the key was refused, 4 trouble.",
    )
    imported.add_argument("scope", type=_scope, metavar="SCOPE")
    imported.add_argument("task_id", metavar="TASK_ID")
    imported.add_argument("--model", default="", help="the model, if you know it")

    history = commands.add_parser(
        "history", parents=[common], help="list the tasks the window knows, newest first"
    )
    history.add_argument("--json", action="store_true", help="print the history as JSON")
    history.add_argument("--limit", type=_positive_int, default=None, help="show at most N tasks")

    models = commands.add_parser(
        "models",
        parents=[common],
        help="list the models your key can use at the provider (exit 4 if it does not say)",
        description="List the models your key can use, as the provider's GET /v1/models "
        "says. Exit codes: 0 listed, 3 the key was refused, 4 the provider does not list "
        "its models or could not be asked.",
    )
    models.add_argument("--json", action="store_true", help="print the list as JSON")
    balance = commands.add_parser(
        "balance",
        parents=[common],
        help="show what is left on your key (exit 4 if the provider does not say)",
        description="Show what is left on your key: new-api's GET /api/usage/token, else the "
        "OpenAI-style /v1/dashboard/billing pair. Exit codes: 0 shown, 3 the key was refused, "
        "4 the provider does not tell or could not be asked.",
    )
    balance.add_argument("--json", action="store_true", help="print the balance as JSON")
    balance.add_argument(
        "--quota-per-usd",
        type=float,
        default=None,
        metavar="N",
        help="the gateway's quota units per US dollar (default 500000)",
    )

    from genstudio.cli.sim_command import add_sim_arguments

    sim = commands.add_parser("sim", parents=[common], help="run the provider simulator")
    add_sim_arguments(sim)
    return parser


_COMMON_DEFAULTS: dict[str, object] = {
    "base_url": None,
    "profile": DEFAULT_PROFILE,
    "allow_insecure": False,
    "verbose": False,
}


def _add_wait_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        help="give up waiting after this many seconds (default 30 min, 60 min for videos)",
    )
    parser.add_argument("--download", metavar="DIR", help="save every output into DIR")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _run(args: argparse.Namespace) -> int:
    if args.command == "sim":
        from genstudio.cli.sim_command import run_sim

        return run_sim(args)
    if args.command == "history":
        from genstudio.cli.history_command import run_history

        return run_history(args)
    if args.command == "key":
        from genstudio.cli.key_commands import run_key

        return run_key(args)
    if args.command in ("models", "balance"):
        from genstudio.cli import account_commands

        run = (
            account_commands.run_models
            if args.command == "models"
            else account_commands.run_balance
        )
        return asyncio.run(run(args))
    if args.command == "import":
        from genstudio.cli.import_command import run_import

        return asyncio.run(run_import(args))
    from genstudio.cli import task_commands

    runner = {
        "submit": task_commands.run_submit,
        "status": task_commands.run_status,
        "wait": task_commands.run_wait,
    }[args.command]
    return asyncio.run(runner(args))


class _PrintableFormatter(logging.Formatter):
    """Log lines can quote a server's answer: never raw escape sequences on stderr."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def main(argv: Sequence[str] | None = None) -> int:
    verbose = False
    try:
        args = build_parser().parse_args(argv)
        # The shared options default to SUPPRESS so that a subcommand does not overwrite
        # a value given before it; fill in the real defaults here.
        for name, default in _COMMON_DEFAULTS.items():
            if not hasattr(args, name):
                setattr(args, name, default)
        verbose = args.verbose
        handler = logging.StreamHandler()
        handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
        logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler])
        # httpcore's debug lines are per socket event: noise even in verbose mode.
        logging.getLogger("httpcore").setLevel(logging.WARNING)
        logging.getLogger("httpx").setLevel(logging.INFO if verbose else logging.WARNING)
        return _run(args)
    except CliError as exc:
        # Server words can be in either: never raw escape sequences on the terminal.
        print(printable(f"{PROG}: {exc}"), file=sys.stderr)
        if verbose and exc.details:
            print(printable(f"{PROG}: details: {exc.details}"), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print(
            f"\n{PROG}: stopped. A submitted task keeps running at the provider; "
            "check it with 'genstudio-cli wait'.",
            file=sys.stderr,
        )
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
