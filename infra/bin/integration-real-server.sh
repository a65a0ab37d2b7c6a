#!/usr/bin/env bash
# The integration suites that concern Temporal, run again on Temporal's own server (on
# PostgreSQL with SQL visibility) rather than the CLI's dev server. INCUBATION_REAL_SERVER_SUITE=full
# runs every integration suite there (about as long as the dev-server run).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/bin/ensure-temporal-server.sh
source infra/bin/jest-results.sh
results_args integration-real-server
if [[ "${INCUBATION_REAL_SERVER_SUITE:-temporal}" == "full" ]]; then
  INCUBATION_TEST_TEMPORAL=server npx jest --ci --selectProjects integration "${RESULTS_ARGS[@]}"
else
  INCUBATION_TEST_TEMPORAL=server npx jest --ci --selectProjects integration "${RESULTS_ARGS[@]}" --testPathPatterns \
    'project-happy-path|project-idempotency|project-paths|history-archive|worker-shutdown|two-workers-kill|payload-encryption|api-happy-path|api-idempotency'
fi
