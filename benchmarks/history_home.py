"""A user's home with a history of N jobs, made once per size and copied for each launch.

Jobs are spread over the last year, newest last; nine in ten are Done with their output
saved in the library folders (a real file and its sidecar, as the saver leaves them:
files are hard links to a few distinct images, clips and sounds, so 100,000 of them fit
on the disk), the rest failed or stopped. Prompts are made of words from a vocabulary
in which no word holds another, so a substring search and a word search find the same
rows; each prompt also holds a unique word ``ref012345``.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

WORDS = (
    "lighthouse",
    "meadow",
    "harbor",
    "glacier",
    "canyon",
    "orchard",
    "bazaar",
    "cathedral",
    "lagoon",
    "volcano",
    "tundra",
    "savanna",
    "monastery",
    "aqueduct",
    "vineyard",
    "citadel",
    "boulevard",
    "pagoda",
    "fjord",
    "oasis",
    "foxglove",
    "heron",
    "tortoise",
    "panther",
    "walrus",
    "flamingo",
    "badger",
    "lynx",
    "otter",
    "mantis",
    "crimson",
    "cobalt",
    "amber",
    "jade",
    "ivory",
    "scarlet",
    "indigo",
    "ochre",
    "teal",
    "violet",
    "misty",
    "stormy",
    "sunlit",
    "frozen",
    "dusty",
    "velvet",
    "gilded",
    "rusted",
    "quiet",
    "bustling",
    "portrait",
    "watercolor",
    "isometric",
    "cinematic",
    "pixelated",
    "baroque",
    "minimalist",
    "surreal",
    "noir",
    "pastel",
)
MODELS = ("veo3", "flux-pro", "suno-v4", "kling-2", "gpt-image-1")
YEAR = 365 * 24 * 3600.0
# v2: history schema 4 (sort indexes, FTS5); v3: prices, and task ids out of the jobs'
# order (so that sorting by them is told apart from sorting by time)
SCHEMA_MARK = "complete-v3"


@dataclass(frozen=True)
class Job:
    number: int
    scope: str  # images / videos / audio
    model: str
    prompt: str
    created_at: float
    state: str  # done / failed / stopped


def prompt_of(number: int) -> str:
    rng = random.Random(number)
    words = " ".join(rng.sample(WORDS, 6))
    return f"{words} ref{number:06d}"


def jobs(rows: int, now: float) -> Iterator[Job]:
    for n in range(rows):
        scope = ("images", "images", "images", "videos", "audio")[n % 5]
        state = "failed" if n % 17 == 5 else "stopped" if n % 29 == 7 else "done"
        yield Job(
            number=n,
            scope=scope,
            model=MODELS[n % len(MODELS)],
            prompt=prompt_of(n),
            created_at=now - YEAR + YEAR * (n + 1) / (rows + 1),
            state=state,
        )


def matching(rows: int, word: str) -> int:
    """How many jobs a search for ``word`` finds (it is in prompts only)."""
    return sum(1 for n in range(rows) if word in prompt_of(n))


def _sources(folder: Path) -> dict[str, tuple[Path, str, int]]:
    """One saved file per kind: path, sha256, size; the others are hard links to them."""
    from genstudio.resources import resource_path
    from genstudio.sim.media import render_png, render_wav

    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "images": (folder / "source.png", render_png("a saved picture", 512, 512)),
        "audio": (folder / "source.wav", render_wav(2.0)),
        "videos": (folder / "source.mp4", resource_path("sim", "clip_16x9.mp4").read_bytes()),
    }
    found = {}
    for scope, (path, data) in made.items():
        path.write_bytes(data)
        found[scope] = (path, hashlib.sha256(data).hexdigest(), len(data))
    return found


def make_home(root: Path, rows: int) -> Path:
    """``root/history.sqlite3`` and ``root/library/<kind>/``; kept and reused when whole."""
    mark = root / SCHEMA_MARK
    if mark.exists():
        return root
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    started = time.perf_counter()
    _fill(root, rows)
    mark.write_text(str(rows))
    print(f"made a home with {rows:,} jobs in {time.perf_counter() - started:.0f} s", flush=True)
    return root


def _fill(root: Path, rows: int) -> None:
    from genstudio.api.download import DownloadedFile
    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest
    from genstudio.tasks.record import SavedFile, TaskRecord
    from genstudio.tasks.states import FileState, TaskState
    from genstudio.tasks.store import HistoryStore

    sources = _sources(root / "sources")
    library = root / "library"
    for scope in Scope:
        (library / scope.value).mkdir(parents=True)
    store = HistoryStore(root / "history.sqlite3")
    batch: list[TaskRecord] = []
    for job in jobs(rows, time.time()):
        scope = Scope(job.scope)
        task_id = f"task-{job.number * 7919 % rows:06d}"  # 7919 is prime: all distinct
        url = f"https://cdn.example.com/{task_id}/0.{sources[job.scope][0].suffix[1:]}"
        record = TaskRecord(
            id=job.number + 1,
            profile="sim",
            request=GenerationRequest(scope, job.prompt, job.model),
            created_at=job.created_at,
            state=TaskState(job.state),
            task_id=task_id,
            progress=100.0 if job.state == "done" else None,
            submit_time=job.created_at + 1,
            finished_at=job.created_at + 30,
            price_usd=None if job.state == "stopped" else job.number * 37 % 200 / 100,
        )
        if job.state == "failed":
            record.fail_reason = "content policy: the prompt was refused"
        elif job.state == "done":
            source, digest, size = sources[job.scope]
            path = library / job.scope / f"{task_id}-0{source.suffix}"
            os.link(source, path)
            record.outputs = (url,)
            record.start_time = job.created_at + 2
            record.finish_time = job.created_at + 30
            _sidecar(
                record,
                DownloadedFile(url, path, size, digest, _TYPES.get(path.suffix, "video/mp4")),
            )
            record.files = (SavedFile(url, FileState.SAVED, str(path), digest, size),)
        batch.append(record)
        if len(batch) == 5000:
            store.restore(batch)
            batch = []
    if batch:
        store.restore(batch)
    store.close()


_TYPES = {".png": "image/png", ".wav": "audio/wav", ".mp4": "video/mp4"}


def _sidecar(record: object, saved: object) -> None:
    """The saver's sidecar, without its fsync (90,000 of them would take minutes)."""
    from genstudio.api.download import DownloadedFile
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.sidecar import sidecar_data

    assert isinstance(record, TaskRecord) and isinstance(saved, DownloadedFile)
    target = saved.path.with_name(saved.path.name + ".json")
    target.write_text(json.dumps(sidecar_data(record, saved), indent=2), encoding="utf-8")


def launch_home(template: Path, run: Path, base_url: str = "http://127.0.0.1:9") -> dict[str, str]:
    """A fresh config and a fresh copy of the history under ``run`` (its cache is kept
    between launches, as a user's is); the environment a launch needs."""
    for part in ("config", "data", "state"):
        shutil.rmtree(run / part, ignore_errors=True)
    config = run / "config" / "GenStudio"
    config.mkdir(parents=True)
    data = run / "data" / "GenStudio"
    data.mkdir(parents=True)
    (run / "cache").mkdir(parents=True, exist_ok=True)
    history = template / "history.sqlite3"
    if history.exists():
        shutil.copyfile(history, data / "history.sqlite3")
    library = template / "library"
    for kind in ("images", "videos", "audio"):  # a missing folder would pause saving
        (library / kind).mkdir(parents=True, exist_ok=True)
    settings = {
        "profiles": [{"name": "sim", "base_url": base_url}],
        "current_profile": "sim",
        "library_dirs": {kind: str(library / kind) for kind in ("images", "videos", "audio")},
    }
    (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    return {
        "XDG_CONFIG_HOME": str(run / "config"),
        "XDG_DATA_HOME": str(run / "data"),
        "XDG_STATE_HOME": str(run / "state"),
        "XDG_CACHE_HOME": str(run / "cache"),
    }
