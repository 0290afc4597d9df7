#!/bin/sh
# Install Mødemappe from this folder, for you alone (default) or for everyone (as root):
#   ./install.sh                 into ~/.local: the app in ~/.local/lib/moedemappe, the command
#                                ~/.local/bin/moedemappe, the menu entry and icons in ~/.local/share
#   sudo ./install.sh            the same below /usr/local
#   ./install.sh --prefix DIR    below DIR
#   ./install.sh --uninstall     take it away again (your notes and library stay where they are)
# The app runs from its folder; nothing else on the system is changed. After installing, it
# is in the desktop's menu as "Mødemappe" (some desktops show new entries after a new login).
set -eu
APP_ID=dk.moedemappe.Moedemappe
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="${HOME}/.local"; fi
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
lib="$prefix/lib/moedemappe"
bin="$prefix/bin"
share="$prefix/share"

refresh() {
  # the desktop's caches of menu entries and icons, where it keeps them
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$share/icons/hicolor" 2>/dev/null || true
  fi
}

uninstall() {
  rm -rf "$lib"
  [ -L "$bin/moedemappe" ] && rm -f "$bin/moedemappe"
  rm -f "$share/applications/$APP_ID.desktop" "$share/metainfo/$APP_ID.metainfo.xml"
  for icon in "$share"/icons/hicolor/*/apps/"$APP_ID".png; do
    [ -e "$icon" ] && rm -f "$icon"
  done
  refresh
}

if [ "$action" = uninstall ]; then
  uninstall
  echo "Mødemappe removed from $prefix"
  exit 0
fi

[ -x "$here/app/moedemappe" ] || { echo "install.sh: no app/moedemappe next to this script" >&2; exit 1; }
uninstall  # an earlier version's files go first
mkdir -p "$prefix/lib" "$bin" "$share/applications" "$share/metainfo"
cp -R "$here/app" "$lib"
ln -sf "$lib/moedemappe" "$bin/moedemappe"
# the menu entry starts this copy by its full path: ~/.local/bin need not be on the PATH
sed "s|^Exec=moedemappe|Exec=\"$lib/moedemappe\"|; s|^TryExec=.*|TryExec=$lib/moedemappe|" \
  "$here/share/applications/$APP_ID.desktop" > "$share/applications/$APP_ID.desktop"
chmod 644 "$share/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/"
for dir in "$here"/share/icons/hicolor/*/apps; do
  size=$(basename "$(dirname "$dir")")
  mkdir -p "$share/icons/hicolor/$size/apps"
  cp "$dir/$APP_ID.png" "$share/icons/hicolor/$size/apps/"
done
refresh
echo "Mødemappe installed in $lib"
echo "Start it from the desktop's menu, or run: $bin/moedemappe"
echo "Check the installation: $bin/moedemappe --self-test"
