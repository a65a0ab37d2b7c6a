#!/usr/bin/env bash
# schemathesis (pinned in infra/fuzz/requirements.txt) in .data/schemathesis-venv, installed on
# first use and again whenever the pin changes: the fuzz run (fuzz-api.sh) and the reliability
# suite (reliability.sh, whose fuzz-under-faults scenario runs it) both call this, so either
# works on a clean machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.data/schemathesis-venv
if ! cmp -s infra/fuzz/requirements.txt "$venv/requirements.txt" 2>/dev/null; then
  rm -rf "$venv"
  # Debian keeps venv's pip bootstrap in its own package.
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r infra/fuzz/requirements.txt
  cp infra/fuzz/requirements.txt "$venv/requirements.txt"
fi
