#!/usr/bin/env bash
# The whole system on this machine: dependencies, build, Temporal dev server + Web UI,
# PostgreSQL, migrations, worker, API and demo data. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/bin/ensure-deps.sh
npm run --silent build
# --cluster: Temporal's own server on PostgreSQL, two workers and two APIs (infra/dev/up-cluster.ts).
if [[ "${1:-}" == "--cluster" ]]; then exec node dist/infra/dev/up-cluster.js; fi
exec node dist/infra/dev/up.js
