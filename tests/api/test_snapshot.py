from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genstudio.api.errors import BadResponseError
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.snapshot import parse_progress, parse_snapshot, parse_time


def test_documented_answer() -> None:
    answer = {
        "task_id": "veo3:1756693796-YQVHH4A3Lg",
        "status": "SUCCESS",
        "progress": "100%",
        "fail_reason": "",
        "submit_time": 1756693796,
        "start_time": 1756693800,
        "finish_time": 1756693900,
        "platform": "google",
        "action": "generate",
        "data": {"output": "https://cdn.test/a.mp4", "duration": 8},
    }
    snap = parse_snapshot(answer)
    assert snap.task_id == "veo3:1756693796-YQVHH4A3Lg"
    assert snap.status is TaskStatus.SUCCESS
    assert snap.progress == 100.0
    assert snap.fail_reason is None
    assert (snap.submit_time, snap.start_time, snap.finish_time) == (
        1756693796.0,
        1756693800.0,
        1756693900.0,
    )
    assert snap.outputs == ("https://cdn.test/a.mp4",)
    assert snap.has_result and snap.is_final
    assert snap.raw == answer


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NOT_START", TaskStatus.NOT_START),
        ("SUBMITTED", TaskStatus.SUBMITTED),
        ("QUEUED", TaskStatus.QUEUED),
        ("IN_PROGRESS", TaskStatus.IN_PROGRESS),
        ("SUCCESS", TaskStatus.SUCCESS),
        ("FAILURE", TaskStatus.FAILURE),
        ("  success ", TaskStatus.SUCCESS),
        ("in_progress", TaskStatus.IN_PROGRESS),
        ("UNKNOWN", TaskStatus.UNKNOWN),
        ("", TaskStatus.UNKNOWN),
        ("weird", TaskStatus.UNKNOWN),
        (None, TaskStatus.UNKNOWN),
        (3, TaskStatus.UNKNOWN),
        ("failed", TaskStatus.FAILURE),
        ("succeeded", TaskStatus.SUCCESS),
    ],
)
def test_status_values(raw: object, expected: TaskStatus) -> None:
    assert parse_snapshot({"task_id": "t", "status": raw}).status is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("45%", 45.0),
        (45, 45.0),
        ("45", 45.0),
        (" 30 % ", 30.0),
        ("", None),
        (None, None),
        (12.5, 12.5),
        ("150%", 100.0),
        (-3, 0.0),
        ("abc", None),
        (True, None),
        ([], None),
        (float("nan"), None),
    ],
)
def test_progress_values(raw: object, expected: float | None) -> None:
    assert parse_progress(raw) == expected


def test_progress_missing() -> None:
    assert parse_snapshot({"task_id": "t", "status": "QUEUED"}).progress is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0, None),
        (None, None),
        (-5, None),
        ("1756693796", 1756693796.0),
        (1756693796000, 1756693796.0),
        ("soon", None),
        (1756693796.5, 1756693796.5),
    ],
)
def test_time_values(raw: object, expected: float | None) -> None:
    assert parse_time(raw) == expected


def test_outputs_merged_in_order_without_duplicates_or_empties() -> None:
    snap = parse_snapshot(
        {
            "task_id": "t",
            "status": "SUCCESS",
            "data": {
                "output": "https://a.test/1.mp3",
                "outputs": ["https://a.test/1.mp3", "", "https://a.test/2.mp3", 7, None],
            },
        }
    )
    assert snap.outputs == ("https://a.test/1.mp3", "https://a.test/2.mp3")


def test_outputs_only_in_list() -> None:
    snap = parse_snapshot({"task_id": "t", "status": "SUCCESS", "data": {"outputs": ["u1", "u2"]}})
    assert snap.outputs == ("u1", "u2")


@pytest.mark.parametrize("data", [None, "x", [], {"output": ""}, {"outputs": None}])
def test_success_without_output_is_not_a_result(data: object) -> None:
    snap = parse_snapshot({"task_id": "t", "status": "SUCCESS", "data": data})
    assert snap.succeeded_without_output
    assert not snap.has_result
    assert not snap.is_final


def test_failure_is_final_and_keeps_reason() -> None:
    reason = "生成失败：提示词包含不允许的内容"
    snap = parse_snapshot({"task_id": "t", "status": "FAILURE", "fail_reason": reason})
    assert snap.is_final and not snap.has_result
    assert snap.fail_reason == reason


def test_structured_fail_reason_becomes_text() -> None:
    snap = parse_snapshot(
        {"task_id": "t", "status": "FAILURE", "fail_reason": {"error": {"message": "upstream 500"}}}
    )
    assert snap.fail_reason is not None
    assert json.loads(snap.fail_reason) == {"error": {"message": "upstream 500"}}


def test_running_is_not_final() -> None:
    snap = parse_snapshot({"task_id": "t", "status": "IN_PROGRESS", "progress": "100%"})
    assert snap.progress == 100.0 and not snap.is_final


def test_task_id_filled_in_from_caller() -> None:
    assert parse_snapshot({"status": "QUEUED"}, task_id="abc").task_id == "abc"


def test_wrapped_answer_is_unwrapped() -> None:
    snap = parse_snapshot(
        {"code": "success", "message": "", "data": {"task_id": "grok:1", "status": "QUEUED"}}
    )
    assert snap.task_id == "grok:1" and snap.status is TaskStatus.QUEUED


@pytest.mark.parametrize(
    "value", [None, [], "SUCCESS", 3, {"hello": "world"}, {"status": "SUCCESS"}]
)
def test_unusable_answers_raise_bad_response(value: object) -> None:
    with pytest.raises(BadResponseError):
        parse_snapshot(value)


def test_scope_parsing() -> None:
    assert Scope.parse("Video") is Scope.VIDEOS
    assert Scope.parse("images") is Scope.IMAGES
    with pytest.raises(ValueError, match="images, videos or audio"):
        Scope.parse("gif")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "task_id",
        "id",
        "status",
        "progress",
        "fail_reason",
        "submit_time",
        "start_time",
        "finish_time",
        "data",
        "output",
        "outputs",
        "code",
    ]
)
task_like = st.dictionaries(
    field_names, json_values | st.dictionaries(field_names, json_values), max_size=8
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(json_values, task_like))
def test_parsing_is_total(value: Any) -> None:
    try:
        snap = parse_snapshot(value)
    except BadResponseError as exc:
        assert exc.user_message
        return
    assert isinstance(snap.status, TaskStatus)
    assert snap.progress is None or 0.0 <= snap.progress <= 100.0
    assert all(isinstance(url, str) and url for url in snap.outputs)
    assert len(set(snap.outputs)) == len(snap.outputs)
    assert isinstance(snap.task_id, str) and snap.task_id
    json.dumps(snap.to_json_dict(), allow_nan=True)
