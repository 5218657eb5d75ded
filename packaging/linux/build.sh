#!/bin/sh
# Build the Linux bundle: a one-folder PyInstaller build, packed as a dated .tar.gz with a
# .desktop file and the icon. Usage (from anywhere): sh packaging/linux/build.sh [OUTDIR]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-"$ROOT/dist"}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 -m pip install --quiet --disable-pip-version-check -e "$ROOT[build]"
VERSION=$(python3 -c "import sys; sys.path.insert(0, '$ROOT'); from desktop import __version__; print(__version__)")
NAME="wusong-$VERSION"
cd "$ROOT"
python3 -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" \
    packaging/pyinstaller/wusong.spec
cp packaging/linux/wusong.desktop "$WORK/dist/$NAME/"
cp resources/icons/wusong.png "$WORK/dist/$NAME/wusong.png"
cp packaging/linux/INSTALL.txt "$WORK/dist/$NAME/"
mkdir -p "$OUT"
TARBALL="$OUT/$NAME-linux-x86_64-$(date +%Y%m%d).tar.gz"
tar -C "$WORK/dist" -czf "$TARBALL.part" "$NAME"
mv "$TARBALL.part" "$TARBALL"
echo "$TARBALL"
