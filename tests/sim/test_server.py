"""The simulator as an HTTP server: lifecycle, markers, faults, control, keep-alive."""

from __future__ import annotations

import http.client
import json
import time
from typing import Any

import pytest

from genstudio.sim import DEMO_KEY, Fault, Simulator, SimulatorConfig
from genstudio.sim.tasks import ZH_REASON, parse_markers

AUTH = {"Authorization": f"Bearer {DEMO_KEY}", "Content-Type": "application/json"}


def call(
    sim: Simulator,
    method: str,
    path: str,
    body: object = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    try:
        conn.request(
            method,
            path,
            json.dumps(body) if body is not None else None,
            headers if headers is not None else AUTH,
        )
        response = conn.getresponse()
        raw = response.read()
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw.decode(errors="replace")
        return response.status, payload, dict(response.getheaders())
    finally:
        conn.close()


def submit(sim: Simulator, prompt: str, scope: str = "images", **extra: object) -> str:
    status, payload, _ = call(
        sim, "POST", f"/v2/{scope}/generations", {"prompt": prompt, "model": "m", **extra}
    )
    assert status == 200, payload
    return str(payload["task_id"])


def fetch(sim: Simulator, task_id: str, scope: str = "images") -> dict[str, Any]:
    from urllib.parse import quote

    status, payload, _ = call(sim, "GET", f"/v2/{scope}/generations/{quote(task_id, safe='')}")
    assert status == 200, payload
    return dict(payload)


def test_task_moves_through_every_phase() -> None:
    now = [1000.0]
    with Simulator(SimulatorConfig(task_seconds=10)) as sim:
        sim.tasks.clock = lambda: now[0]
        task_id = submit(sim, "a bridge")
        seen = []
        for t in (0, 1, 2.5, 5, 9.9, 10):
            now[0] = 1000.0 + t
            answer = fetch(sim, task_id)
            seen.append((answer["status"], answer["progress"]))
        assert [s for s, _ in seen] == [
            "NOT_START",
            "QUEUED",
            "IN_PROGRESS",
            "IN_PROGRESS",
            "IN_PROGRESS",
            "SUCCESS",
        ]
        assert seen[3][1] < seen[4][1]
        assert answer["finish_time"] == 1010
        assert answer["data"]["output"].startswith(sim.base_url + "/files/")


def test_audio_gives_two_outputs(sim: Simulator) -> None:
    task_id = submit(sim, "[[seconds:0]] lofi", scope="audio")
    data = fetch(sim, task_id, "audio")["data"]
    assert len(data["outputs"]) == 2 and data["output"] == data["outputs"][0]


def test_markers() -> None:
    assert parse_markers("x [[fail:zh]]").fail_reason == ZH_REASON
    assert parse_markers("[[FAIL: custom reason ]]").fail_reason == "custom reason"
    assert parse_markers("[[seconds:2.5]] [[never]]").seconds == 2.5
    assert parse_markers("plain prompt") == parse_markers("")
    assert parse_markers("[[big:3]]").big_mb == 3


def test_big_output_has_the_size_asked(sim: Simulator) -> None:
    task_id = submit(sim, "[[seconds:0]] [[big:2]]", scope="videos")
    url = fetch(sim, task_id, "videos")["data"]["output"]
    status, _body, headers = call(sim, "GET", url.split(str(sim.port), 1)[1], headers={})
    assert status == 200 and int(headers["Content-Length"]) == 2 * 1024 * 1024


def test_failure_and_no_output_markers(sim: Simulator) -> None:
    failed = fetch(sim, submit(sim, "[[seconds:0]] [[fail]]"))
    assert failed["status"] == "FAILURE" and "safety" in failed["fail_reason"]
    empty = fetch(sim, submit(sim, "[[seconds:0]] [[no-output]]"))
    assert empty["status"] == "SUCCESS" and "output" not in empty["data"]


def test_reject_marker_and_validation(sim: Simulator) -> None:
    status, payload, _ = call(
        sim, "POST", "/v2/images/generations", {"prompt": "[[reject]]", "model": "m"}
    )
    assert status == 400 and payload["code"] == "content_policy_violation"
    status, payload, _ = call(sim, "POST", "/v2/images/generations", {"model": "m"})
    assert status == 400 and payload["message"] == "prompt is required"
    status, payload, _ = call(sim, "POST", "/v2/images/generations", {"prompt": "p"})
    assert status == 400 and payload["error"]["message"] == "model is required"
    status, _, _ = call(sim, "POST", "/v2/gifs/generations", {"prompt": "p", "model": "m"})
    assert status == 404


def test_wrong_or_missing_key(sim: Simulator) -> None:
    status, payload, _ = call(
        sim, "GET", "/v2/images/generations/x", headers={"Authorization": "Bearer nope"}
    )
    assert status == 401 and payload["error"]["code"] == "invalid_api_key"
    status, _, _ = call(sim, "GET", "/v2/images/generations/x", headers={})
    assert status == 401


def test_faults_are_counted_exactly(sim: Simulator) -> None:
    sim.inject(Fault("rate_limit", count=2, endpoint="fetch", retry_after=3, body="empty"))
    sim.inject(Fault("server_error", count=1, endpoint="fetch", status=502, body="html"))
    results = [call(sim, "GET", "/v2/images/generations/x") for _ in range(4)]
    assert [r[0] for r in results] == [429, 429, 502, 400]
    assert results[0][2]["Retry-After"] == "3"
    assert results[0][1] is None  # empty body
    assert "Bad Gateway" in results[2][1]


def test_fault_only_hits_its_endpoint(sim: Simulator) -> None:
    sim.inject(Fault("server_error", endpoint="submit"))
    assert call(sim, "GET", "/v2/images/generations/x")[0] == 400
    assert call(sim, "POST", "/v2/images/generations", {"prompt": "p", "model": "m"})[0] == 503


def test_outage_window(sim: Simulator) -> None:
    sim.inject(Fault.from_json({"kind": "server_error", "for_seconds": 0.3}))
    assert call(sim, "GET", "/v2/images/generations/x")[0] == 503
    assert call(sim, "GET", "/v2/images/generations/x")[0] == 503
    time.sleep(0.35)
    assert call(sim, "GET", "/v2/images/generations/x")[0] == 400


def test_control_endpoint(sim: Simulator) -> None:
    status, payload, _ = call(
        sim, "POST", "/_sim/faults", [{"kind": "rate_limit", "count": 1}, {"kind": "drop"}]
    )
    assert status == 200 and payload["pending_faults"] == 2
    status, payload, _ = call(sim, "POST", "/_sim/faults", {"kind": "explode"})
    assert status == 400 and "kind must be one of" in payload["message"]
    assert call(sim, "DELETE", "/_sim/faults")[1]["pending_faults"] == 0
    stats = call(sim, "GET", "/_sim/stats")[1]
    assert stats["pending_faults"] == 0 and "fetches_per_task" in stats


def test_keep_alive_serves_many_requests_on_one_connection(sim: Simulator) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    try:
        for _ in range(5):
            conn.request(
                "POST", "/v2/images/generations", json.dumps({"prompt": "p", "model": "m"}), AUTH
            )
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            assert response.getheader("Connection") != "close"
        # A refused request with a body must not poison the connection either.
        conn.request("POST", "/v2/images/generations", json.dumps({"prompt": "p"}), AUTH)
        refused = conn.getresponse()
        refused.read()
        conn.request("GET", "/_sim/stats")
        assert json.loads(conn.getresponse().read())["tasks"] == 5
        assert refused.status == 400
    finally:
        conn.close()


def test_outputs_need_no_key_and_record_authorization(sim: Simulator) -> None:
    task_id = submit(sim, "[[seconds:0]] x")
    url = fetch(sim, task_id)["data"]["output"]
    path = url.split(str(sim.port), 1)[1]
    status, _, headers = call(sim, "GET", path, headers={})
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert not sim.authorization_seen_on_outputs
    call(sim, "GET", path, headers={"Authorization": "Bearer leak"})
    assert [r.had_authorization for r in sim.output_requests] == [False, True]
    assert call(sim, "GET", "/files/nope/0.png", headers={})[0] == 404


@pytest.mark.parametrize("style", [400, 404])
def test_unknown_ids(style: int) -> None:
    with Simulator(SimulatorConfig(unknown_task_status=style)) as sim:
        status, payload, _ = call(sim, "GET", "/v2/videos/generations/nope")
        assert status == style
        if style == 400:
            assert payload["code"] == "task_not_exist"


def test_stop_is_prompt_with_an_idle_keep_alive_connection() -> None:
    sim = Simulator().start()
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    conn.request("GET", "/_sim/stats")
    conn.getresponse().read()
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 3
    conn.close()
