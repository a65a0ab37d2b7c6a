#!/usr/bin/env bash
# The reliability suite (issue 20): crashes, restarts, outages and duplicates on servers it
# starts and stops itself, ending with a summary table (.data/reliability/summary.{md,json}),
# then the "bite" runs that take one protection away each and must see the loss or the double.
# Small by default (what `npm test` runs); RELIABILITY_SIZE=full for the full sizes.
# RELIABILITY_SKIP_BUILD=1 when dist/ is fresh (check.sh has just built it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${RELIABILITY_SKIP_BUILD:-}" != "1" ]; then
  npm run --silent build
  node dist/infra/dev/ensure-temporal.js
fi
# The fuzz-under-faults scenario runs schemathesis.
infra/bin/ensure-schemathesis.sh
source infra/bin/jest-results.sh
results_args reliability
npx jest --ci --selectProjects reliability --runInBand "${RESULTS_ARGS[@]}" "$@"
