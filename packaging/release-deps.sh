#!/usr/bin/env bash
# What `make release-check` uses beyond the app's own system libraries (system-deps.sh):
# binutils (PyInstaller strips and reads the bundle's libraries), Xvfb and xdotool (the app
# started from its menu entry on an X server, its window timed), desktop-file-utils and
# appstream (the menu entry and the metadata validated). Installs what is missing as root
# on Debian/Ubuntu; otherwise says what to install, and the check does without the last four.
set -euo pipefail
exec "$(dirname "$0")/debs.sh" --optional binutils xvfb xdotool desktop-file-utils appstream
