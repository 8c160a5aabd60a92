#!/usr/bin/env bash
# Runs the whole test suite and prints, as its last line, "tests: N passed, N failed, N skipped".
# Exits non-zero when a test failed or the run did not complete.
set -uo pipefail
cd "$(dirname "$0")/.."

results=TestResults
rm -rf "$results"
filter=()
[ -n "${TEST_FILTER:-}" ] && filter=(--filter "$TEST_FILTER")

dotnet test KubeStash.sln --nologo --configuration "${CONFIGURATION:-Debug}" \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=${TEST_VERBOSITY:-minimal}" \
  --results-directory "$results" --blame-hang-timeout "${TEST_HANG_TIMEOUT:-10m}" "${filter[@]}"
rc=$?

trx=$(find "$results" -name '*.trx' 2>/dev/null | head -n 1)
if [ -z "$trx" ]; then
  echo "tests: 0 passed, 0 failed (the test run did not produce results; see above)"
  exit $(( rc == 0 ? 1 : rc ))
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
total=$(get total); passed=$(get passed); failed=$(get failed); errors=$(get error); timeouts=$(get timeout)
failed=$(( failed + errors + timeouts ))
skipped=$(( total - passed - failed ))
(( skipped < 0 )) && skipped=0
if [ "$rc" -eq 0 ] && [ "$total" -eq 0 ]; then rc=1; echo "no test ran"; fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
