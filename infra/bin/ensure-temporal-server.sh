#!/usr/bin/env bash
# The real Temporal server and temporal-sql-tool (v1.29.1, built once with Go into the project's
# Temporal cache, about 3 minutes cold after the CLI's modules): the TLS suite runs on them.
set -euo pipefail
cd "$(dirname "$0")/../.."
node dist/infra/dev/ensure-temporal-server.js
