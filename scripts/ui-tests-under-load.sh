#!/usr/bin/env bash
# The UI test suites several times in a row on a machine kept busy, to find the steps that race the UI
# (run it before a release, and after changing a UI test):
#   scripts/ui-tests-under-load.sh [RUNS]        RUNS defaults to 5
# Beside the tests run LOAD_JOBS (default 3) busy loops: LOAD=yes (default) runs `yes > /dev/null`,
# LOAD=validate runs `./funnel validate examples` over and over. Each run has two suites:
#   maven   the Maven reactor under xvfb-run with only the UI test classes: the Eclipse workbench tests
#           (org.funnel.dsl.ui.tests) and the install, update and Funnel Studio tests
#           (org.funnel.dsl.installtests); MVN_FLAGS adds Maven options (e.g. -o);
#   vscode  vscode/scripts/test.sh: unit, package and grammar tests and both end-to-end tests in code-server.
# Reports for each run and suite: the result, the tests that ran, the time and the load average (1 minute)
# at the start, on average and at most while it ran; also the [ERROR] lines of a Maven log that passed.
# Logs, the pictures of a failure and report.md go to target/ui-tests-under-load/. Exit 1 if a suite failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/find-jdk.sh
source scripts/find-jdk.sh
funnel_find_jdk || exit 2

runs="${1:-5}"
load="${LOAD:-yes}"
jobs="${LOAD_JOBS:-3}"
out="$root/target/ui-tests-under-load"
# One pattern for both modules' test classes (org/funnel/dsl/ui/tests/*Test, org/funnel/dsl/installtests/*Test):
# Tycho's surefire takes a single pattern where plain surefire would take a list.
ui_tests='org/funnel/dsl/**/*tests/*Test'
case "$runs" in '' | *[!0-9]*) echo "usage: $0 [RUNS]" >&2; exit 2 ;; esac
case "$load" in yes | validate) ;; *) echo "$0: LOAD is yes or validate, not '$load'" >&2; exit 2 ;; esac
rm -rf "$out"
mkdir -p "$out"

scripts/install-deps.sh >/dev/null
if [ "$load" = validate ]; then
  ./funnel validate examples >/dev/null # builds the command line first, if it has to
fi

started_pids=()
stop_all() {
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  started_pids=()
}
trap stop_all EXIT

for _ in $(seq "$jobs"); do
  if [ "$load" = yes ]; then
    yes >/dev/null &
  else
    (while :; do ./funnel validate examples >/dev/null 2>&1 || true; done) &
  fi
  started_pids+=("$!")
done
echo "ui-tests-under-load: $jobs '$load' loops running beside the tests; $runs runs; logs in $out" >&2

load_now() { cut -d' ' -f1 /proc/loadavg; }

# Runs one suite with the load average sampled every 5 s; appends a row to the report.
# suite name, log file, count-of-tests function, command...
failures=0
rows=()
run_suite() {
  local run="$1" suite="$2" log="$3" count="$4"
  shift 4
  local samples="$log.load" start result tests
  load_now >"$samples"
  (while :; do sleep 5; load_now >>"$samples"; done) &
  local sampler=$!
  started_pids+=("$sampler")
  start=$(date +%s)
  if "$@" >"$log" 2>&1; then result=passed; else result=FAILED; fi
  local took=$(( $(date +%s) - start ))
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  unset 'started_pids[-1]'
  tests="$("$count" "$log")"
  local stats
  stats="$(awk 'NR == 1 { first = $1 } { sum += $1; if ($1 > max) max = $1 } END { printf "%.1f | %.1f | %.1f", first, sum / NR, max }' "$samples")"
  local errors=""
  if [ "$suite" = maven ]; then
    errors=" | $(grep -c '^\[ERROR\]' "$log" || true)"
  fi
  rows+=("| $run | $suite | $result | $tests | $(( took / 60 )) min $(( took % 60 )) s | $stats${errors:- | –} |")
  echo "ui-tests-under-load: run $run, $suite: $result ($tests tests, ${took} s, load $stats)" >&2
  if [ "$result" = FAILED ]; then
    failures=$(( failures + 1 ))
    tail -40 "$log" >&2
  fi
}

# Tests that ran, from the summary lines of Maven's log (Tycho's and surefire's).
maven_tests() {
  grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+ *$' "$1" \
    | sed -E 's/.*Tests run: ([0-9]+),.*/\1/' | awk '{ n += $1 } END { print n + 0 }'
}

# Checks that passed in the two end-to-end runs.
vscode_tests() {
  grep -E '^e2e: [0-9]+ passed' "$1" | sed -E 's/^e2e: ([0-9]+) passed.*/\1/' | awk '{ n += $1 } END { print n + 0 }'
}

keep_pictures() { # run directory: what the failed suites left to look at
  mkdir -p "$1"
  for dir in org.funnel.dsl.ui.tests/target/screenshots org.funnel.dsl.installtests/target/screenshots \
      vscode/test-output; do
    if [ -d "$dir" ]; then
      cp -r "$dir" "$1/$(echo "$dir" | tr / _)"
    fi
  done
}

for run in $(seq "$runs"); do
  before=$failures
  # shellcheck disable=SC2086 # MVN_FLAGS holds several options
  run_suite "$run" maven "$out/run-$run-maven.log" maven_tests \
    xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B ${MVN_FLAGS:-} verify "-Dtest=$ui_tests" \
    -Dsurefire.failIfNoSpecifiedTests=false
  run_suite "$run" vscode "$out/run-$run-vscode.log" vscode_tests vscode/scripts/test.sh
  if [ "$failures" != "$before" ]; then
    keep_pictures "$out/run-$run-pictures"
  fi
done
stop_all

{
  echo "UI suites under load: $runs runs, $jobs '$load' loops beside them, on $(nproc) cores ($(date -u +%Y-%m-%d))."
  echo
  echo "| run | suite | result | tests | time | load at start | load on average | load at most | [ERROR] lines |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >"$out/report.md"
cat "$out/report.md"
if [ "$failures" -gt 0 ]; then
  echo "ui-tests-under-load: $failures suite runs failed; logs and pictures in $out" >&2
  exit 1
fi
echo "ui-tests-under-load: every suite passed $runs times in a row" >&2
