"""``genstudio-cli`` end to end: real subprocesses against a simulator on loopback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from genstudio.sim import DEMO_KEY, Simulator, SimulatorConfig


@pytest.fixture(scope="module")
def cli_sim() -> Iterator[Simulator]:
    # Jobs done at their first status check: the waiting itself is tested with a driven
    # clock (tests/api/test_waiting.py) and by CI's bundle smoke test, not 2 s a test here.
    with Simulator(SimulatorConfig(task_seconds=0.0)) as simulator:
        yield simulator


def run_cli(
    sim: Simulator, *args: str, key: str = DEMO_KEY, timeout: float = 60, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENSTUDIO_")}
    env.update(
        {
            "GENSTUDIO_BASE_URL": sim.base_url,
            "GENSTUDIO_API_KEY": key,
            # A subprocess must never reach the machine's real keyring.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "genstudio.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        input=stdin,
        check=False,
    )


def test_images_download_a_real_png(cli_sim: Simulator, tmp_path: Path, qapp: QApplication) -> None:
    result = run_cli(
        cli_sim,
        "submit",
        "images",
        "--model",
        "my-image-model",  # not in the catalog: any size goes out as given
        "--prompt",
        "a red kite",
        "--size",
        "320x200",
        "--wait",
        "--download",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".png"
    assert "my-image-model_a-red-kite_1" in files[0].name
    image = QImage(str(files[0]))
    assert (image.width(), image.height()) == (320, 200)
    assert str(files[0]) in result.stdout
    assert not cli_sim.authorization_seen_on_outputs


def test_videos_download_a_real_mp4(cli_sim: Simulator, tmp_path: Path) -> None:
    result = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "veo3",
        "--prompt",
        "waves",
        "--aspect-ratio",
        "9:16",
        "--duration",
        "8",
        "--download",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    (clip,) = tmp_path.iterdir()
    data = clip.read_bytes()
    assert clip.suffix == ".mp4" and data[4:8] == b"ftyp"


def test_audio_downloads_two_real_wavs_as_json(cli_sim: Simulator, tmp_path: Path) -> None:
    result = run_cli(
        cli_sim,
        "submit",
        "audio",
        "--model",
        "my-music-model",  # suno-v4 takes no duration; this one is not in the catalog
        "--prompt",
        "lofi",
        "--duration",
        "2",
        "--wait",
        "--download",
        str(tmp_path),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == "SUCCESS" and len(answer["outputs"]) == 2
    assert len(answer["downloaded"]) == 2
    for path in answer["downloaded"]:
        with wave.open(io.BytesIO(Path(path).read_bytes())) as audio:
            assert audio.getnframes() == 2 * 22050


def test_submit_without_wait_prints_the_task_id(cli_sim: Simulator) -> None:
    result = run_cli(
        cli_sim,
        "submit",
        "images",
        "--model",
        "m",
        "--prompt",
        "p",
        "--param",
        "seed=42",
        "--param",
        "style=vivid",
        "--param",
        'extra={"a":1}',
    )
    assert result.returncode == 0, result.stderr
    task_id = result.stdout.strip()
    body = next(t for t in cli_sim.tasks._by_id.values() if t.task_id == task_id).body
    assert body["seed"] == 42 and body["style"] == "vivid" and body["extra"] == {"a": 1}

    status = run_cli(cli_sim, "status", "images", task_id, "--json")
    assert status.returncode == 0
    assert json.loads(status.stdout)["task_id"] == task_id
    waited = run_cli(cli_sim, "wait", "images", task_id)
    assert waited.returncode == 0 and "/files/" in waited.stdout


def test_local_image_sent_as_data_url(cli_sim: Simulator, tmp_path: Path) -> None:
    ref = tmp_path / "ref.png"
    ref.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    result = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "m",
        "--prompt",
        "p",
        "--image",
        str(ref),
        "--image",
        "https://cdn.test/b.png",
    )
    assert result.returncode == 0, result.stderr
    task_id = result.stdout.strip()
    body = next(t for t in cli_sim.tasks._by_id.values() if t.task_id == task_id).body
    assert body["images"][0].startswith("data:image/png;base64,")
    assert body["images"][1] == "https://cdn.test/b.png"


def test_too_large_image_refused_before_sending(cli_sim: Simulator, tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as out:
        out.truncate(2 * 1024 * 1024)
    before = cli_sim.stats()["submit"]
    result = run_cli(
        cli_sim,
        "submit",
        "images",
        "--model",
        "m",
        "--prompt",
        "p",
        "--image",
        str(big),
        "--max-image-mb",
        "1",
    )
    assert result.returncode == 2
    assert "over the 1 MB limit" in result.stderr
    assert cli_sim.stats()["submit"] == before


def test_failed_task_exits_1_with_reason(cli_sim: Simulator) -> None:
    result = run_cli(
        cli_sim, "submit", "images", "--model", "m", "--prompt", "x [[fail:nsfw filter]]", "--wait"
    )
    assert result.returncode == 1
    assert "The task failed: nsfw filter" in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_key_exits_3_without_showing_it(cli_sim: Simulator) -> None:
    secret = "sk-not-the-right-one-42"
    result = run_cli(cli_sim, "-v", "submit", "images", "--model", "m", "--prompt", "p", key=secret)
    assert result.returncode == 3
    assert "refused the API key" in result.stderr
    assert secret not in result.stderr + result.stdout


def test_timeout_exits_5(cli_sim: Simulator) -> None:
    result = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "m",
        "--prompt",
        "[[never]]",
        "--wait",
        "--timeout",
        "1",
    )
    assert result.returncode == 5
    assert "may still finish" in result.stderr


def test_unreachable_provider_exits_4() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "genstudio.cli.main",
            "--base-url",
            f"http://127.0.0.1:{port}",
            "status",
            "images",
            "t1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            **os.environ,
            "GENSTUDIO_API_KEY": "k",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )
    assert result.returncode == 4
    assert "Cannot reach the provider" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["submit", "gifs", "--model", "m", "--prompt", "p"], "use images, videos or audio"),
        (["submit", "images", "--prompt", "p"], "--model"),
        (["submit", "images", "--model", "m", "--prompt", "  "], "prompt is empty"),
        (
            ["submit", "images", "--model", "m", "--prompt", "p", "--param", "nokey"],
            "not KEY=VALUE",
        ),
        (
            ["submit", "images", "--model", "m", "--prompt", "p", "--duration", "-3"],
            "must be more than 0",
        ),
        (
            ["submit", "images", "--model", "m", "--prompt", "p", "--image", "/no/such.png"],
            "neither an http(s) link nor an existing file",
        ),
        (["key", "set", "sk-on-the-command-line"], "never taken from the command line"),
        (["--base-url", "http://example.com", "status", "images", "t"], "plain http"),
    ],
)
def test_usage_errors_exit_2_with_one_sentence(
    cli_sim: Simulator, args: list[str], message: str
) -> None:
    result = run_cli(cli_sim, *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "sk-on-the-command-line" not in result.stderr


def test_key_status_without_a_keyring(cli_sim: Simulator) -> None:
    result = run_cli(cli_sim, "key", "status")
    assert result.returncode == 0
    assert "No secure keyring works on this system" in result.stdout
    result = run_cli(cli_sim, "key", "set", stdin="sk-secret\n")
    assert result.returncode == 3
    assert "GENSTUDIO_API_KEY" in result.stderr
    assert "sk-secret" not in result.stderr


def test_version() -> None:
    from genstudio import __version__

    result = subprocess.run(
        [sys.executable, "-m", "genstudio.cli.main", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_sora_2_duration_is_sent_as_sora_2_takes_it(cli_sim: Simulator) -> None:
    result = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "sora-2",
        "--duration",
        "10",
        "--prompt",
        "fox",
        "--dry-run",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["body"] == {"prompt": "fox", "model": "sora-2", "duration": "10"}
    assert answer["price_usd"] == pytest.approx(0.5)
    assert answer["url"] == f"{cli_sim.base_url}/v2/videos/generations"
    assert "a job" in answer["price_basis"]
    before = cli_sim.counts["submit"]
    text = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "sora-2",
        "--duration",
        "10",
        "--prompt",
        "fox",
        "--dry-run",
    )
    assert text.returncode == 0 and '"duration": "10"' in text.stdout
    assert "≈ $0.50" in text.stdout and "Nothing was sent." in text.stdout
    assert cli_sim.counts["submit"] == before  # a dry run sends nothing
    sent = run_cli(
        cli_sim, "submit", "videos", "--model", "sora-2", "--duration", "10", "--prompt", "fox"
    )
    assert sent.returncode == 0, sent.stderr
    task = cli_sim.tasks.get(sent.stdout.strip())
    assert task is not None and task.body["duration"] == "10"


def test_a_duration_the_model_refuses_is_a_sentence_and_nothing_is_sent(
    cli_sim: Simulator,
) -> None:
    before = cli_sim.counts["submit"]
    result = run_cli(
        cli_sim, "submit", "videos", "--model", "sora-2", "--duration", "12", "--prompt", "fox"
    )
    assert result.returncode == 2
    assert "sora-2 takes a duration of 10 or 15 seconds; 12 is not one." in result.stderr
    assert "Traceback" not in result.stderr and cli_sim.counts["submit"] == before
    forced = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "sora-2",
        "--param",
        "duration=12",
        "--prompt",
        "fox",
        "--dry-run",
        "--json",
    )
    assert json.loads(forced.stdout)["body"]["duration"] == 12  # the user's own extra wins


def test_a_dry_run_without_published_prices_says_so(tmp_path: Path) -> None:
    """``models`` and ``balance`` without the endpoints: tests/cli/test_account_commands.py."""
    with Simulator(SimulatorConfig(absent=frozenset({"pricing"}))) as bare:
        dry = run_cli(bare, "submit", "images", "--model", "flux-pro", "--prompt", "p", "--dry-run")
        assert dry.returncode == 0 and "Price: not known" in dry.stdout
        assert "Traceback" not in dry.stderr and DEMO_KEY not in dry.stderr


def test_a_broken_models_file_is_one_warning_and_the_shipped_list_still_works(
    cli_sim: Simulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    (config / "GenStudio").mkdir(parents=True)
    (config / "GenStudio" / "models.json").write_text('{"models": [\n  {"id": "x",}\n]}\n')
    # Restored after the test (it was left set to "" when it had been unset).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = run_cli(
        cli_sim,
        "submit",
        "videos",
        "--model",
        "sora-2",
        "--duration",
        "10",
        "--prompt",
        "fox",
        "--dry-run",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("line 2") == 1  # said once, naming the line
    assert '"duration": "10"' in result.stdout


def test_a_command_other_than_sim_does_not_load_the_simulator(cli_sim: Simulator) -> None:
    """Every command builds the parser, `sim`'s options included: the simulator itself
    (http.server, the task book) loads only for `sim` (13 ms of each command's start)."""
    code = (
        "import sys\n"
        "from genstudio.cli.main import main\n"
        "code = main(['submit', 'images', '--model', 'my-image-model', '--prompt', 'a kite'])\n"
        "print(code, 'genstudio.sim' in sys.modules, 'http.server' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENSTUDIO_")}
    env.update(
        {
            "GENSTUDIO_BASE_URL": cli_sim.base_url,
            "GENSTUDIO_API_KEY": DEMO_KEY,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout.split()[-3:] == ["0", "False", "False"], result.stdout + result.stderr
