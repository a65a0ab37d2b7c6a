# Sourced by the scripts that run Jest: when check.sh collects every run's counts
# (INCUBATION_TEST_RESULTS), `results_args NAME` sets RESULTS_ARGS to the flags that write this
# run's counts there (infra/dev/test-totals.ts adds them up into npm test's closing line).
results_args() {
  RESULTS_ARGS=()
  if [ -n "${INCUBATION_TEST_RESULTS:-}" ]; then
    mkdir -p "$INCUBATION_TEST_RESULTS"
    RESULTS_ARGS=(--json "--outputFile=$INCUBATION_TEST_RESULTS/$1.json")
  fi
}
