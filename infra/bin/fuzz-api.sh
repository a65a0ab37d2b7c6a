#!/usr/bin/env bash
# schemathesis against the API (infra/fuzz/main.ts): by default on an API instance of its own
# (its own Temporal, PostgreSQL and worker), one token per role, every check of issue 15.
# Small in `npm test`; INCUBATION_FUZZ_SIZE=full (or --size full) sends at least 10,000 requests.
# --self-check proves a route answering an undeclared status fails the run.
# --base-url URL --token staff=T ... runs it against an API that is already up.
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
[[ -f dist/infra/fuzz/main.js ]] || npm run --silent build
exec node dist/infra/fuzz/main.js "$@"
