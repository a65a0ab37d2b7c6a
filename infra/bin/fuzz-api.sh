#!/usr/bin/env bash
# schemathesis against the API (infra/fuzz/main.ts): by default on an API instance of its own
# (its own Temporal, PostgreSQL and worker), one token per role, every check of issue 15.
# Small in `npm test`; INCUBATION_FUZZ_SIZE=full (or --size full) sends at least 10,000 requests.
# --self-check proves a route answering an undeclared status fails the run.
# --base-url URL --token staff=T ... runs it against an API that is already up.
set -euo pipefail
cd "$(dirname "$0")/../.."
infra/bin/ensure-schemathesis.sh
[[ -f dist/infra/fuzz/main.js ]] || npm run --silent build
exec node dist/infra/fuzz/main.js "$@"
