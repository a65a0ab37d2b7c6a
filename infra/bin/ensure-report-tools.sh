#!/usr/bin/env bash
# The funder report's tests need Debian's chromium (HTML screenshot and PDF printing), the CJK
# fonts it prints Chinese with, and pdftotext (poppler-utils) to read the PDF back. Installs
# only what is missing, with one apt-get update first.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "==> installing ${missing[*]} for the funder report's tests"
SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
