#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than the lock file,
# so both README commands work on a fresh clone and stay fast on a warm one.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci)..."
  npm ci --no-audit --no-fund
fi
