#!/bin/sh
# Build the Linux bundle: a one-folder PyInstaller build, packed as a dated .tar.gz with a
# .desktop file, the icon and install.sh. Usage (from anywhere): sh packaging/linux/build.sh [OUTDIR]
# Prints the path of the .tar.gz as its last line.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-"$ROOT/dist"}
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Install the dependencies only when missing: the app itself is read from $ROOT (the spec's
# pathex), so building a second checkout never re-points another checkout's editable install.
if ! "$PYTHON" -c "import PyInstaller, PySide6, reportlab, docx, openpyxl, xlsxwriter, stdnum, sqlite_utils, platformdirs, click, rapidocr_onnxruntime, pypdfium2" 2>/dev/null; then
    "$PYTHON" -m pip install --quiet --disable-pip-version-check -e "$ROOT[build]"
fi
VERSION=$("$PYTHON" -c "import sys; sys.path.insert(0, sys.argv[1]); from desktop import __version__; print(__version__)" "$ROOT")
NAME="wusong-$VERSION"
cd "$ROOT"
START=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" \
    packaging/pyinstaller/wusong.spec
cp packaging/linux/wusong.desktop packaging/linux/install.sh packaging/linux/INSTALL.txt "$WORK/dist/$NAME/"
cp resources/icons/wusong.png "$WORK/dist/$NAME/wusong.png"
chmod +x "$WORK/dist/$NAME/install.sh"
mkdir -p "$OUT"
TARBALL="$OUT/$NAME-linux-x86_64-$(date +%Y%m%d).tar.gz"
tar -C "$WORK/dist" -czf "$TARBALL.part" "$NAME"
mv "$TARBALL.part" "$TARBALL"
echo "built in $(( $(date +%s) - START )) s; folder $(du -sm "$WORK/dist/$NAME" | cut -f1) MB; archive $(du -sm "$TARBALL" | cut -f1) MB" >&2
echo "$TARBALL"
