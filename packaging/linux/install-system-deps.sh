#!/bin/sh
# The system libraries GenStudio's Qt needs on Debian or Ubuntu: for its window (X11
# and offscreen) and for video and audio playback. Installs only what is missing, with
# sudo when not root; does nothing where there is no apt-get (Wayland sessions, macOS
# and Windows need nothing beyond the Python wheels). The list itself lives in
# genstudio/preflight.py, the same one GenStudio checks before it starts.
# Extra Debian package names given as arguments are installed too (CI uses this).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ "$(uname -s)" != Linux ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "System libraries: no apt-get here, nothing to install."
  exit 0
fi
python=$(command -v python3 || command -v python || true)
if [ -z "$python" ]; then
  echo "Python 3.11 or newer is needed first: sudo apt-get install python3 python3-venv" >&2
  exit 1
fi

missing=$(cd "$root" && "$python" -m genstudio.preflight --missing-packages)
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
missing=$(echo $missing)  # one line, no stray spaces
if [ -z "$missing" ]; then
  echo "System libraries: all present."
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "These system libraries are missing: $missing. Install them as root: apt-get install $missing" >&2
    exit 1
  fi
  sudo="sudo"
fi
echo "Installing system libraries: $missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086  # one word per package
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null

still=$(cd "$root" && "$python" -m genstudio.preflight --missing-packages)
if [ -n "$still" ]; then
  echo "Still missing after apt-get: $still" >&2
  exit 1
fi
echo "System libraries: all present."
