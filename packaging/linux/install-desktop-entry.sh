#!/usr/bin/env sh
# Adds GenStudio to your applications menu (for you alone: nothing outside your home
# folder is touched). Run it from the unpacked GenStudio folder; run it again after
# moving the folder. "--remove" takes the menu entry away again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.genstudio.GenStudio
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml"
  for size in 16 24 32 48 64 128 256 512; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  rm -f "$data/icons/hicolor/scalable/apps/$id.svg"
  echo "GenStudio was removed from the applications menu."
  exit 0
fi
mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
sed "s|^Exec=genstudio|Exec=\"$here/genstudio\"|" "$here/share/$id.desktop" \
  > "$data/applications/$id.desktop"
cp "$here/share/$id.metainfo.xml" "$data/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$here/share/icons/genstudio-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
done
cp "$here/share/icons/genstudio.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "GenStudio is in your applications menu. It starts $here/genstudio."
