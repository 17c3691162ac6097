"""The history read in windows: search, filters and sort in SQL, summaries without JSON."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.query import HistoryQuery, SortKey
from genstudio.tasks.record import SavedFile
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import HistoryStore

PROMPTS = ["Zebra at dawn", "a lighthouse in fog", "Mountain lake", "neon city", "a"]
MODELS = ["veo3", "Flux", "suno", "kling", "flux"]
STATES = [TaskState.DONE, TaskState.FAILED, TaskState.RUNNING, TaskState.DONE, TaskState.STOPPED]


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    store = HistoryStore(tmp_path / "h.sqlite3")
    for i, (prompt, model, state) in enumerate(zip(PROMPTS, MODELS, STATES, strict=True)):
        record = store.insert(
            f"work{i % 2}",
            GenerationRequest(list(Scope)[i % 3], prompt, model),
            created_at=1000.0 + (i * 7) % 5,  # not in id order
            state=state,
            price_usd=None if i == 2 else float(5 - i),
        )
        record.task_id = f"task-{100 + (i * 3) % 5}"
        record.progress = float((i * 37) % 100)
        record.finished_at = None if state is TaskState.RUNNING else 2000.0 + (i * 13) % 7
        if state is TaskState.FAILED:
            record.fail_reason = "Content policy violation"
        store.update(record)
    return store


def ids(store: HistoryStore, **query: Any) -> list[int]:
    return list(store.reader().ids(HistoryQuery(**query)))


def test_search_finds_a_job_by_prompt_model_id_and_reason(store: HistoryStore) -> None:
    assert ids(store, search="lighthouse") == [2]
    assert ids(store, search="LIGHTHOUSE fog") == [2]  # every word, any case
    assert ids(store, search="ighthou") == [2]  # a part of a word
    assert set(ids(store, search="flux")) == {2, 5}  # the model, any case
    assert ids(store, search="task-103") == [2]  # (2 - 1) * 3 % 5 = 3
    assert ids(store, search="policy") == [2]  # the failure reason
    assert ids(store, search="zz") == []
    assert ids(store, search="ak") == [3]  # "Mountain lake": too short for FTS, LIKE
    assert ids(store, search="nothing like it") == []
    assert ids(store, search='"quoted" 100%') == []  # no FTS or LIKE syntax leaks


def test_search_follows_changes_written_later(store: HistoryStore) -> None:
    record = store.load_one(1)
    assert record is not None
    record.fail_reason = "Quota exceeded"
    store.update(record)
    assert ids(store, search="quota") == [1]
    store.delete([1])
    assert ids(store, search="quota") == []
    store.restore([record])
    assert ids(store, search="quota") == [1]


def test_states_and_search_combine(store: HistoryStore) -> None:
    done = frozenset({TaskState.DONE})
    assert set(ids(store, states=done)) == {1, 4}
    assert ids(store, states=done, search="neon") == [4]
    assert ids(store, states=done, search="lighthouse") == []


def expected_order(store: HistoryStore, key: SortKey, descending: bool) -> list[int]:
    records = store.load()

    def value(r: Any) -> Any:
        raw = {
            SortKey.CREATED: r.created_at,
            SortKey.SCOPE: r.request.scope.value,
            SortKey.MODEL: r.request.model.lower(),
            SortKey.PROMPT: r.request.prompt.lower(),
            SortKey.STATE: r.state.value,
            SortKey.PROGRESS: r.progress,
            SortKey.ELAPSED: None if r.finished_at is None else r.finished_at - r.created_at,
            SortKey.TASK_ID: r.task_id,
            SortKey.PRICE: r.price_usd,
        }[key]
        return (raw is not None, raw, r.id)  # SQL puts NULL first

    return [r.id for r in sorted(records, key=value, reverse=descending)]


@pytest.mark.parametrize("key", list(SortKey))
def test_sort_order_per_column(store: HistoryStore, key: SortKey) -> None:
    for descending in (False, True):
        assert ids(store, sort=key, descending=descending) == expected_order(
            store, key, descending
        ), (key, descending)


def test_rows_are_summaries_read_without_the_request_json(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[object] = []
    original = GenerationRequest.from_json_dict

    def counted(data: dict[str, Any]) -> GenerationRequest:
        parsed.append(data)
        return original(data)

    monkeypatch.setattr(GenerationRequest, "from_json_dict", staticmethod(counted))
    history = store.reader()
    rows = history.rows(ids(store))
    assert parsed == [] and history.rows_read == 5
    assert rows[2].request.prompt == "a lighthouse in fog" and rows[2].fail_reason
    full = history.record(2)  # opening a task reads it whole
    assert full is not None and full.request == rows[2].request and len(parsed) == 1


def test_gallery_lists_done_tasks_with_their_output_count(store: HistoryStore) -> None:
    for local_id, count in ((1, 2), (4, 1), (2, 3)):
        record = store.load_one(local_id)
        assert record is not None
        record.outputs = tuple(f"https://cdn.test/{local_id}/{n}.png" for n in range(count))
        store.update(record)
    history = store.reader()
    found, counts = history.outputs(HistoryQuery())
    assert list(found) == [4, 1] and list(counts) == [1, 2]  # task 2 failed: not shown
    found, counts = history.outputs(HistoryQuery(search="zebra"))
    assert list(found) == [1]
    found, counts = history.outputs(HistoryQuery(scope="audio"))  # task 4: 3 % 3 -> images
    assert list(found) == []


def test_start_loads_only_what_the_service_works_on(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    now = time.time()
    kinds = {}
    for name, state, finished, files in (
        ("running", TaskState.RUNNING, None, ()),
        ("unknown", TaskState.SUBMISSION_UNKNOWN, None, ()),
        ("old done", TaskState.DONE, now - 9 * 86400, (SavedFile("u", FileState.SAVED, "/x"),)),
        ("old saving", TaskState.DONE, now - 9 * 86400, (SavedFile("u"),)),
        ("fresh done", TaskState.DONE, now - 3600, (SavedFile("u", FileState.SAVED, "/x"),)),
        ("old failed", TaskState.FAILED, now - 9 * 86400, ()),
    ):
        record = store.insert("p", GenerationRequest(Scope.IMAGES, name, "m"), state=state)
        record.finished_at = finished
        record.files = files
        store.update(record)
        kinds[record.id] = name
    working = store.load_working(now - 2 * 86400)
    assert sorted(r.request.prompt for r in working) == [
        "fresh done",
        "old saving",
        "running",
        "unknown",
    ]
