"""Writing a JSON file so that it is never seen half-written."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json_atomically(path: Path, data: Any) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it."""
    # The writer's pid in the name: a start that finds it knows whether anyone will
    # finish it (api/leftovers.py). os.urandom, as secrets does: the secrets module loads
    # OpenSSL (3 MB of libcrypto), and settings are read before the window's first paint.
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
