#!/usr/bin/env bash
# Runs every test in the solution. Installs what the tests need (redis-server) when it is missing,
# then prints one summary line "N passed, N failed, N skipped" read from the TRX results.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing redis-server (needed by the Redis tests)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
      || echo "test.sh: could not install redis-server; the Redis tests will be skipped (or fail under CI=true)"
  elif command -v sudo >/dev/null 2>&1; then
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) || true
  fi
fi

results=TestResults
rm -rf "$results"
status=0
dotnet test LlmAbstraction.sln -c Release --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@" || status=$?

python_summary() {
  local passed=0 failed=0 skipped=0 total=0 f
  for f in "$results"/*.trx; do
    [ -f "$f" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
    get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    total=$((total + $(get total)))
    skipped=$((skipped + $(get notExecuted) + $(get inconclusive)))
  done
  if [ "$total" = 0 ]; then echo "test.sh: no test results were found" >&2; status=1; fi
  echo "$passed passed, $failed failed, $skipped skipped"
}
python_summary
exit $status
