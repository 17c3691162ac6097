"""``genstudio-cli sim``: run the provider simulator until Ctrl+C."""

from __future__ import annotations

import argparse
import math
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from genstudio.cli.errors import CliError, ExitCode

if TYPE_CHECKING:  # the simulator (http.server and the task book) loads for `sim` only
    from genstudio.sim import SimulatorConfig


def _amount(limit: float, what: str) -> Callable[[str], float]:
    """An argparse type: a number from 0 to ``limit`` (inf and NaN would hang or crash)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not (math.isfinite(value) and 0 <= value <= limit):
            raise argparse.ArgumentTypeError(f"{text!r} must be {what} from 0 to {limit:g}")
        return value

    return parse


def add_sim_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument(
        "--key", default=None, help="the one API key accepted (default: the demo key)"
    )
    parser.add_argument(
        "--task-seconds",
        type=float,
        default=4.0,
        help="how long a task takes from submit to SUCCESS",
    )
    parser.add_argument(
        "--unknown-task",
        type=int,
        choices=(400, 404),
        default=400,
        help="answer for unknown task ids: 400 task_not_exist or 404",
    )
    parser.add_argument("--auth-status", type=int, choices=(401, 403), default=401)
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds added to every API answer"
    )
    parser.add_argument(
        "--answer-delay",
        type=_amount(600, "a number of seconds"),
        default=0.0,
        metavar="SECONDS",
        help="seconds between creating a task and answering its submit",
    )
    parser.add_argument(
        "--never-finish", action="store_true", help="tasks stay IN_PROGRESS forever"
    )
    parser.add_argument(
        "--no-output", action="store_true", help="tasks end in SUCCESS without output URLs"
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=0,
        metavar="N",
        help="answer the first N API calls with 429",
    )
    parser.add_argument(
        "--retry-after", type=float, default=None, help="Retry-After seconds sent with those 429s"
    )
    parser.add_argument("--empty-429", action="store_true", help="send those 429s with no body")
    parser.add_argument(
        "--server-errors",
        type=int,
        default=0,
        metavar="N",
        help="answer the first N API calls with a 5xx",
    )
    parser.add_argument("--server-error-status", type=int, default=503)
    parser.add_argument(
        "--output-rate",
        type=float,
        default=None,
        metavar="KB_PER_S",
        help="send output files at this many kilobytes per second (default: full speed)",
    )

    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the task book in this folder: restarted on it, the simulator still "
        "knows every task it accepted, and running ones finish on schedule",
    )
    for endpoint, what in (
        ("models", "the model list (GET /v1/models)"),
        ("pricing", "the prices (GET /api/pricing, an HTML 404)"),
        ("balance", "new-api's balance (GET /api/usage/token)"),
        ("billing", "the OpenAI-style billing pair (/v1/dashboard/billing/...)"),
    ):
        parser.add_argument(
            f"--no-{endpoint}",
            dest="absent",
            action="append_const",
            const=endpoint,
            help=f"answer 404 for {what}",
        )
    parser.add_argument(
        "--extras-latency",
        type=_amount(600, "a number of seconds"),
        default=0.0,
        metavar="SECONDS",
        help="seconds added to the model list, prices and balance answers",
    )
    parser.add_argument(
        "--balance",
        type=_amount(1e9, "a number of dollars"),
        default=25.0,
        metavar="USD",
        help="the key's starting balance (default 25; POST /_sim/account changes it)",
    )


def config_from(args: argparse.Namespace) -> SimulatorConfig:
    from genstudio.sim import Fault, SimulatorConfig

    if args.output_rate is not None and args.output_rate <= 0:
        raise CliError(
            "--output-rate must be a number of kilobytes per second above 0.", ExitCode.USAGE
        )
    faults: list[Fault] = []
    if args.rate_limit:
        faults.append(
            Fault(
                "rate_limit",
                count=args.rate_limit,
                retry_after=args.retry_after,
                body="empty" if args.empty_429 else "json",
            )
        )
    if args.server_errors:
        faults.append(
            Fault("server_error", count=args.server_errors, status=args.server_error_status)
        )
    config = SimulatorConfig(
        host=args.host,
        port=args.port,
        task_seconds=args.task_seconds,
        unknown_task_status=args.unknown_task,
        auth_status=args.auth_status,
        latency=args.latency,
        answer_delay=args.answer_delay,
        never_finish=args.never_finish,
        no_output=args.no_output,
        output_rate=args.output_rate * 1000 if args.output_rate else None,
        faults=faults,
        state_dir=args.state,
        absent=frozenset(args.absent or ()),
        extras_latency=args.extras_latency,
        balance_usd=args.balance,
    )
    if args.key:
        config.api_key = args.key
    return config


def run_sim(args: argparse.Namespace) -> int:
    from genstudio.sim import Simulator

    if args.state is not None and args.state.exists() and not args.state.is_dir():
        raise CliError(
            f"--state {args.state} is a file, not a folder: pick a folder for the task book.",
            ExitCode.USAGE,
        )
    simulator = Simulator(config_from(args))
    try:
        simulator.start()
    except OSError as exc:
        raise CliError(
            f"Cannot listen on {args.host}:{args.port}: {exc.strerror or exc}. "
            "Pick another port with --port.",
            ExitCode.USAGE,
        ) from None
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    print(
        f"GenStudio simulator on {simulator.base_url}  (API key: "
        f"{simulator.config.api_key}). Press Ctrl+C to stop.",
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        simulator.stop()
    print("Simulator stopped.", flush=True)
    return ExitCode.OK
