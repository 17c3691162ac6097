"""``sim --state DIR``: a restarted simulator still knows its tasks and their schedule."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from genstudio.sim import Simulator, SimulatorConfig
from genstudio.sim.journal import FILE_NAME
from genstudio.sim.media import clip_for
from tests.sim.test_server import call, fetch, submit


def test_restart_on_the_same_folder_keeps_tasks_and_their_schedule(tmp_path: Path) -> None:
    now = [5000.0]
    config = SimulatorConfig(task_seconds=10, state_dir=tmp_path)
    with Simulator(config) as first:
        first.tasks.clock = lambda: now[0]
        running = submit(first, "a lighthouse", scope="videos", aspect_ratio="9:16")
        done = submit(first, "a kite")
        now[0] += 5
        assert fetch(first, running, "videos")["status"] == "IN_PROGRESS"
        port = first.port

    # A new simulator on the same folder and port, as after a restart.
    with Simulator(SimulatorConfig(task_seconds=10, state_dir=tmp_path, port=port)) as second:
        second.tasks.clock = lambda: now[0]
        assert second.port == port
        assert fetch(second, running, "videos")["status"] == "IN_PROGRESS"
        now[0] += 5  # the original schedule: 10 s after the submit
        answer = fetch(second, running, "videos")
        assert answer["status"] == "SUCCESS"
        assert answer["finish_time"] == 5010
        # The output is drawn from what was asked for (a 9:16 clip).
        status, clip, _ = call(second, "GET", answer["data"]["output"].split(str(port))[1])
        assert status == 200
        assert clip == clip_for("9:16", None).read_bytes().decode(errors="replace")
        assert fetch(second, done)["status"] == "SUCCESS"


def test_a_torn_last_line_is_skipped_and_later_tasks_still_land(tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(state_dir=tmp_path)) as sim:
        kept = submit(sim, "first")
    with (tmp_path / FILE_NAME).open("a", encoding="utf-8") as file:
        file.write('{"task_id": "half')  # killed in the middle of a line
    with Simulator(SimulatorConfig(state_dir=tmp_path)) as sim:
        assert fetch(sim, kept)["task_id"] == kept
        later = submit(sim, "second")
    with Simulator(SimulatorConfig(state_dir=tmp_path)) as sim:
        assert fetch(sim, later)["task_id"] == later
        assert len(sim.tasks) == 2


def test_large_inputs_are_not_written_to_the_folder(tmp_path: Path) -> None:
    picture = "data:image/png;base64," + base64.b64encode(bytes(50_000)).decode()
    with Simulator(SimulatorConfig(state_dir=tmp_path)) as sim:
        task_id = submit(sim, "from my photo", images=[picture])
    line = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert line["task_id"] == task_id
    assert "images" not in line["body"]
    assert line["body"]["prompt"] == "from my photo"


def test_an_unwritable_folder_refuses_the_submit_instead_of_forgetting(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with Simulator(SimulatorConfig(state_dir=blocker / "state")) as sim:
        status, _, _ = call(sim, "POST", "/v2/images/generations", {"prompt": "x", "model": "m"})
        assert status == 503
        assert len(sim.tasks) == 0
