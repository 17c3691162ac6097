"""``genstudio-cli key set | delete | status``: the key in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from genstudio.cli.errors import CliError, ExitCode
from genstudio.settings.key_store import KeyStore, KeyStoreError


def read_secret(prompt: str) -> str:
    """From a hidden prompt on a terminal, else the first line of stdin; never argv."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def run_key(args: argparse.Namespace, store: KeyStore | None = None) -> int:
    if args.stray:
        raise CliError(
            "The key is never taken from the command line (it would stay in your "
            "shell history): run 'genstudio-cli key set' and paste it at the "
            "prompt, or pipe it in on stdin.",
            ExitCode.USAGE,
        )
    store = store or KeyStore()
    profile = args.profile
    try:
        if args.key_action == "set":
            key = read_secret(f"API key for profile {profile!r} (input hidden): ")
            if not key.strip():
                raise CliError(
                    "No key was given: paste the key at the prompt or pipe it in on stdin.",
                    ExitCode.USAGE,
                )
            store.set(profile, key)
            print(f"Stored the key for profile {profile!r} in {store.backend_name()}.")
        elif args.key_action == "delete":
            if store.delete(profile):
                print(f"Deleted the key for profile {profile!r} from {store.backend_name()}.")
            else:
                print(f"There was no key for profile {profile!r}.")
        else:
            backend = store.backend_name()
            if backend is None:
                print(
                    "No secure keyring works on this system: keys cannot be stored here. "
                    "Use the GENSTUDIO_API_KEY environment variable instead."
                )
                return ExitCode.OK
            has_key = store.get(profile) is not None
            state = "is stored" if has_key else "is not stored"
            print(f"The key for profile {profile!r} {state} in {backend}.")
    except KeyStoreError as exc:
        raise CliError(str(exc), ExitCode.AUTH) from None
    return ExitCode.OK
