#!/usr/bin/env bash
# The console's browser suite drives Debian's chromium (never a downloaded browser build) and
# needs a CJK font for the Chinese pages and their screenshots. Installs both when missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "the browser suite needs: ${missing[*]} (apt-get install them as root)" >&2
  exit 1
fi
echo "installing ${missing[*]} for the browser suite"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
