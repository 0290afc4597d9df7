#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages named that are missing, when run as root; otherwise
# says what to install. Elsewhere (no dpkg): nothing to do.
# Usage: debs.sh [--optional] PACKAGE...  (--optional: a non-root run goes on without them)
set -euo pipefail
optional=0
if [ "${1:-}" = "--optional" ]; then
  optional=1
  shift
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif [ "$optional" -eq 1 ]; then
  echo "For the whole check, please run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
else
  echo "Missing system packages; please run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
