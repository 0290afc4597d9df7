#!/usr/bin/env bash
# The system libraries Qt (PySide6 wheels) needs on Debian/Ubuntu, plus poppler-utils for tests.
# Installs what is missing when run as root; otherwise says what to install. Elsewhere: no-op.
set -euo pipefail
exec "$(dirname "$0")/debs.sh" libegl1 libgl1 libopengl0 libglx0 libxkbcommon0 \
  libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-xcb1 \
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
  libxcb-shape0 libxcb-xkb1 fonts-dejavu-core poppler-utils
