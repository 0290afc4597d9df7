#!/usr/bin/env bash
# What `make release-check` uses beyond the app's own system libraries (system-deps.sh):
# binutils (PyInstaller strips and reads the bundle's libraries), Xvfb and xdotool (the app
# started from its menu entry on an X server, its window timed), desktop-file-utils and
# appstream (the menu entry and the metadata validated). Installs what is missing as root
# on Debian/Ubuntu; otherwise says what to install, and the check does without the last four.
set -euo pipefail
command -v dpkg-query >/dev/null 2>&1 || exit 0
packages=(binutils xvfb xdotool desktop-file-utils appstream)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "For the whole release check, please run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
fi
