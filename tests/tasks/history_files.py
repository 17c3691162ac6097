"""Real history files, damaged the ways disks and crashes damage them."""

from __future__ import annotations

from pathlib import Path

from genstudio.api.download import DownloadedFile
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.sidecar import write_sidecar
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore

PAGE = 4096


def filled_history(path: Path, count: int = 300) -> Path:
    """A history of ``count`` finished tasks, checkpointed into the main file."""
    store = HistoryStore(path)
    for i in range(count):
        request = GenerationRequest(Scope.IMAGES, f"prompt {i} " + "words " * 50, "flux")
        record = store.insert("work", request, created_at=1000.0 + i)
        record.task_id = f"task-{i}"
        record.state = TaskState.DONE
        record.outputs = (f"https://cdn.test/{i}.png",)
        store.update(record)
    store.close()  # the last connection checkpoints the log into the file
    assert not Path(f"{path}-wal").exists()
    return path


def overwrite_pages(path: Path, first: int, last: int) -> None:
    """Pages ``first``..``last`` (1-based) become garbage, as after a bad sector."""
    with path.open("r+b") as f:
        f.seek((first - 1) * PAGE)
        f.write(bytes((i * 7 + 13) % 251 for i in range((last - first + 1) * PAGE)))


def truncate(path: Path, pages: int) -> None:
    with path.open("r+b") as f:
        f.truncate(pages * PAGE)


def saved_output(folder: Path, task_id: str, prompt: str, n: int = 1) -> Path:
    """A saved output with its sidecar, as the saver leaves them."""
    folder.mkdir(parents=True, exist_ok=True)
    media = folder / f"2026-11-25_flux_{task_id}_{n}.png"
    media.write_bytes(b"\x89PNG not really")
    record = TaskRecord(
        id=1,
        profile="work",
        request=GenerationRequest(Scope.IMAGES, prompt, "flux"),
        created_at=5000.0,
        state=TaskState.DONE,
        task_id=task_id,
        finish_time=5010.0,
    )
    url = f"https://cdn.test/{task_id}/{n}.png"
    write_sidecar(record, DownloadedFile(url, media, media.stat().st_size, "ab" * 32, None))
    return media
