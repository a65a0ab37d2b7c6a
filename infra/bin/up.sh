#!/usr/bin/env bash
# The whole system on this machine: dependencies, build, Temporal dev server + Web UI,
# PostgreSQL, migrations, worker, API and demo data. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/bin/ensure-deps.sh
npm run --silent build
exec node dist/infra/dev/up.js
