"""Text from a server, made safe to print or show: control characters escaped.

A task id or failure reason can hold anything; printed raw, ESC sequences clear the
terminal or retitle the window, and in a label they show as nothing. Escaped (``\\x1b``)
they stay visible and harmless. Newlines and tabs are kept: they are just layout.
"""

from __future__ import annotations

import json
import re
from functools import cache


@cache
def _control() -> re.Pattern[str]:
    # Compiled when first used: its Unicode ranges make the regex compiler build a
    # 64K-entry table, 2 ms of every start that prints nothing before the first paint.
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters (and bidirectional overrides) as ``\\xNN``."""
    return _control().sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def printable_json(value: object, *, indent: int | None = 2) -> str:
    """``value`` as JSON for a terminal: non-ASCII text stays readable, but the control
    characters JSON leaves raw (C1, such as the one-byte CSI, and bidirectional
    overrides) are written as ``\\uNNNN`` escapes, which read back the same."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _control().sub(lambda m: f"\\u{ord(m.group()):04x}", text)
