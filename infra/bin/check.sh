#!/usr/bin/env bash
# Every check and test: lint, format, types, build, unit tests, then integration tests against
# a real Temporal dev server and a real PostgreSQL that the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
# Every log of this run (this output, and the processes the tests start) goes here, and is
# scanned for tokens, passwords and SQL parameter dumps at the end (infra/bin/scan-logs.sh).
export INCUBATION_TEST_LOG_DIR="$PWD/.data/test-logs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$INCUBATION_TEST_LOG_DIR"
exec > >(tee "$INCUBATION_TEST_LOG_DIR/npm-test.log") 2>&1
# Each test runner writes its counts here; the closing line adds them up.
export INCUBATION_TEST_RESULTS="$INCUBATION_TEST_LOG_DIR/results"
source infra/bin/jest-results.sh
bash infra/bin/ensure-deps.sh
bash infra/bin/ensure-report-tools.sh
npm run --silent build
node dist/infra/dev/ensure-temporal.js
bash infra/bin/ensure-temporal-server.sh
npm run --silent lint
npm run --silent format:check
npm run --silent typecheck
results_args unit
npx jest --ci --selectProjects unit "${RESULTS_ARGS[@]}"
npm run --silent test:web -- --reporter=default --reporter=json \
  "--outputFile.json=$INCUBATION_TEST_RESULTS/web.json"
# The console's browser suite (an integration suite) drives Debian's chromium.
bash infra/bin/ensure-browser.sh
results_args integration
# Each file's heap is printed beside its result, so a suite that starts to leak shows in the log.
npx jest --ci --selectProjects integration --logHeapUsage "${RESULTS_ARGS[@]}"
bash infra/bin/integration-real-server.sh
# The reliability suite at its small size (crashes, restarts, outages, duplicates; issue 20).
RELIABILITY_SKIP_BUILD=1 bash infra/bin/reliability.sh --runTestsByPath test/reliability/reliability.rel-spec.ts
# schemathesis on an API instance of its own, one token per role (INCUBATION_FUZZ_SIZE=full: the big run).
bash infra/bin/fuzz-api.sh
bash infra/bin/scan-logs.sh "$INCUBATION_TEST_LOG_DIR"
echo "all checks passed in $(( $(date +%s) - started )) s"
node dist/infra/dev/test-totals.js "$INCUBATION_TEST_RESULTS"
