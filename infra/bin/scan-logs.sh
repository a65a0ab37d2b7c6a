#!/usr/bin/env bash
# The log scan at the end of `npm test`: fails when any log of the run (its output, and the
# API, worker and Temporal processes the tests and the fuzzer started) holds a token, a
# password or a SQL parameter dump (infra/log-scan/scan-logs.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node dist/infra/log-scan/scan-logs.js "${1:?usage: scan-logs.sh LOG_FOLDER}"
