#!/usr/bin/env bash
# Fuzzes the language, formatter, analysis and generators for longer than the build does:
#   scripts/fuzz.sh [DURATION]      e.g. scripts/fuzz.sh 30m (default), scripts/fuzz.sh 2h
# Runs FunnelFuzzTest (org.funnel.dsl.tests/.../robustness) with Jazzer in fuzzing mode. The corpus
# it grows is kept in org.funnel.dsl.tests/.cifuzz-corpus/ (not committed) and used again by the next
# fuzz.sh (a ./mvnw verify starts its own bounded run from the seeds and removes it);
# a crashing input is written to org.funnel.dsl.tests/src/test/resources/org/funnel/dsl/tests/
# robustness/FunnelFuzzTestInputs/pipeline/ and from then on runs as a regression test: fix the
# cause, keep the file, commit both. Counts: org.funnel.dsl.tests/target/fuzz-stats.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/find-jdk.sh
source scripts/find-jdk.sh
funnel_find_jdk || exit 2
duration="${1:-30m}"
start=$(date +%s)
# The tests module and what it needs, built in one reactor (nothing is installed into the local Maven repository);
# -Dtest selects only the fuzz test for the normal execution, which then runs in fuzzing mode, and the other modules'
# tests are skipped (-DskipITs for the language server's protocol tests).
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -pl org.funnel.dsl.tests -am verify -DskipITs \
  -Dtest=FunnelFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  "-DargLine=-Xmx3g -Xss4m -XX:+EnableDynamicAgentLoading -Djazzer.instrument=org.funnel.** -Djazzer.internal.basedir=$root/org.funnel.dsl.tests"
echo "fuzz.sh: fuzzed for $duration ($(( $(date +%s) - start )) s with the build); counts:" >&2
cat org.funnel.dsl.tests/target/fuzz-stats.txt >&2
