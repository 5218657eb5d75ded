#!/bin/sh
# Installs (or upgrades) 无讼调解助手 for the current user, no administrator rights needed:
# copies this folder to ~/.local/opt/wusong and adds menu and desktop launchers.
# The case data in ~/.local/share/wusong is never touched. Usage: sh install.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DEST="$HOME/.local/opt/wusong"
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"

if [ "$HERE" != "$DEST" ]; then
    # Replace the program whole so no library of an older version stays behind.
    rm -rf "$DEST.new"
    mkdir -p "$(dirname "$DEST")"
    cp -R "$HERE" "$DEST.new"
    rm -rf "$DEST"
    mv "$DEST.new" "$DEST"
fi

launcher() {
    sed -e "s|^Exec=.*|Exec=\"$DEST/wusong-desktop\"|" -e "s|^Icon=.*|Icon=$DEST/wusong.png|" \
        "$DEST/wusong.desktop" > "$1"
    chmod +x "$1"
}
mkdir -p "$APPS"
launcher "$APPS/wusong.desktop"
# The desktop folder is localised (桌面 on Chinese systems): ask xdg-user-dir when present.
DESKTOP=""
for candidate in "$(xdg-user-dir DESKTOP 2>/dev/null || true)" "$HOME/桌面" "$HOME/Desktop"; do
    if [ -n "$candidate" ] && [ "$candidate" != "$HOME" ] && [ -d "$candidate" ]; then
        DESKTOP=$candidate
        break
    fi
done
if [ -n "$DESKTOP" ]; then
    launcher "$DESKTOP/无讼调解助手.desktop"
    # GNOME-based desktops (UOS too) run a desktop launcher only once it is marked trusted.
    command -v gio >/dev/null 2>&1 && gio set "$DESKTOP/无讼调解助手.desktop" metadata::trusted true 2>/dev/null || true
fi
echo "已安装到 $DEST，可从开始菜单或桌面上的“无讼调解助手”打开。"
