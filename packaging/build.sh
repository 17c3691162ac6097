#!/usr/bin/env bash
# Builds the Linux bundle (dist/GenStudio, both programs in one folder) and a .tar.gz
# of it, validates the desktop files, then smoke-tests the bundle on its own: the
# bundled genstudio-cli runs a task of each kind against the bundled simulator and
# downloads the results; the window starts offscreen with --demo, stays up, and
# leaves no error in its log. Prints the bundle's size and the build time.
# Run from anywhere: packaging/build.sh   (PYTHON=python3.11 picks the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
started=$(date +%s)
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
PYINSTALLER="pyinstaller==6.22.3"
VENV=build/venv

echo "== build environment ($($PYTHON --version))"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "$ROOT" "$PYINSTALLER"

echo "== translations and icons"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/translations.py release
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/make_icons.py --no-png \
  --ico build/genstudio.ico --icns build/genstudio.icns

echo "== desktop files"
appstreamcli validate --no-net packaging/linux/io.github.genstudio.GenStudio.metainfo.xml
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate packaging/linux/io.github.genstudio.GenStudio.desktop
fi

echo "== pyinstaller"
rm -rf dist/GenStudio
QT_QPA_PLATFORM=offscreen "$VENV/bin/pyinstaller" --noconfirm --log-level ERROR \
  --distpath dist --workpath build/pyinstaller packaging/genstudio.spec
bundle=dist/GenStudio
mkdir -p "$bundle/share/icons"
cp packaging/linux/io.github.genstudio.GenStudio.desktop \
  packaging/linux/io.github.genstudio.GenStudio.metainfo.xml "$bundle/share/"
cp resources/icons/genstudio.svg resources/icons/genstudio-*.png "$bundle/share/icons/"
cp packaging/linux/install-desktop-entry.sh "$bundle/"
cp LICENSE "$bundle/" 2>/dev/null || true
version=$("$VENV/bin/python" -c "import genstudio; print(genstudio.__version__)")
archive="dist/GenStudio-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" GenStudio
built=$(date +%s)

echo "== smoke test: the bundle alone"
work=$(mktemp -d)
sim_pid=""
gui_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ -n "$gui_pid" ] && kill -9 "$gui_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
tar -C "$work" -xzf "$archive"  # what a user gets, not the build folder
app="$work/GenStudio"
# Nothing from this checkout or the build venv may be reachable.
export -n PYTHONPATH 2>/dev/null || true
cd "$work"
"$app/genstudio-cli" sim --port 0 --task-seconds 1 > sim.log 2>&1 &
sim_pid=$!
for _ in $(seq 1 50); do
  grep -q "simulator on" sim.log && break
  sleep 0.2
done
base=$(grep -o 'http://127.0.0.1:[0-9]*' sim.log | head -n 1)
[ -n "$base" ] || { cat sim.log; echo "the bundled simulator did not start" >&2; exit 1; }
for scope in images videos audio; do
  GENSTUDIO_API_KEY=sk-genstudio-demo PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring \
    "$app/genstudio-cli" --base-url "$base" submit "$scope" --model smoke \
    --prompt "bundle smoke test $scope" --wait --download "$work/out/$scope" > /dev/null
done
check() {  # file pattern, bytes at offset, what it is
  local file
  file=$(ls $1 2>/dev/null | head -n 1)
  [ -n "$file" ] || { echo "no $3 was downloaded" >&2; exit 1; }
  head -c "$2" "$file" | tail -c 4 | grep -q "$4" || { echo "not a $3: $file" >&2; exit 1; }
  echo "  $3: $(basename "$file") ($(stat -c %s "$file") bytes)"
}
check "$work/out/images/*.png" 4 PNG PNG
check "$work/out/videos/*.mp4" 8 MP4 ftyp
check "$work/out/audio/*.wav" 4 WAV RIFF
kill "$sim_pid"
sim_pid=""

for part in PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so \
  genstudio/resources/translations/genstudio_zh_CN.qm genstudio/resources/translations/genstudio_en.qm \
  genstudio/resources/sim/clip_16x9.mp4; do
  [ -f "$app/_internal/$part" ] || { echo "missing from the bundle: $part" >&2; exit 1; }
done
# keyring picks its backends through entry points at run time: check they all came.
for backend in SecretService kwallet libsecret Windows macOS; do
  grep -q "keyring.backends.$backend" "$ROOT/build/pyinstaller/genstudio/PYZ-00.toc" ||
    { echo "keyring backend $backend is not in the bundle" >&2; exit 1; }
done
ls "$app"/_internal/keyring-*.dist-info/entry_points.txt > /dev/null ||
  { echo "keyring's entry points are not in the bundle" >&2; exit 1; }
echo "  bundle holds the FFmpeg media plugin, the zh_CN catalogue, the demo media and"
echo "  every keyring backend with keyring's entry points"

home="$work/home"
mkdir -p "$home"
LANG=zh_CN.UTF-8 HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
  XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" QT_QPA_PLATFORM=offscreen \
  QT_LOGGING_RULES="qt.multimedia.*=false" PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring \
  "$app/genstudio" --demo > gui.out 2>&1 &
gui_pid=$!
sleep 8
kill -0 "$gui_pid" 2>/dev/null || { cat gui.out; echo "the window did not stay up" >&2; exit 1; }
kill -TERM "$gui_pid"
for _ in $(seq 1 50); do
  kill -0 "$gui_pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$gui_pid" 2>/dev/null; then
  echo "the window did not close on SIGTERM" >&2
  exit 1
fi
wait "$gui_pid" || { cat gui.out; echo "the window exited with an error" >&2; exit 1; }
gui_pid=""
log=$(find "$home/state" -name '*.log' | head -n 1)
[ -n "$log" ] || { echo "the window wrote no log" >&2; exit 1; }
grep -q "started" "$log" || { cat "$log"; echo "the log does not say it started" >&2; exit 1; }
grep -q "language: zh_CN" "$log" || { cat "$log"; echo "the window did not load Chinese" >&2; exit 1; }
if grep -E "ERROR|CRITICAL|Traceback" "$log" gui.out; then
  echo "errors in the window's log" >&2
  exit 1
fi
echo "  window: up for 8 s with --demo in Chinese (LANG=zh_CN.UTF-8), closed cleanly, log clean"
cd "$ROOT"

echo "== bundle: $(du -sh "$bundle" | cut -f1) in $bundle, archive $(du -h "$archive" | cut -f1)" \
  "($archive)"
echo "== built in $(( built - started )) s, smoke-tested in $(( $(date +%s) - built )) s"
