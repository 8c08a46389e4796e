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
# The tests module runs against the installed parent pom and modules: all of them must be there.
# FUZZ_BUILD=0 skips installing them again when every one is.
build="${FUZZ_BUILD:-1}"
installed="$HOME/.m2/repository/org/funnel/dsl"
for artifact in org.funnel.dsl.parent/1.0.0-SNAPSHOT/org.funnel.dsl.parent-1.0.0-SNAPSHOT.pom \
    org.funnel.dsl/1.0.0-SNAPSHOT/org.funnel.dsl-1.0.0-SNAPSHOT.jar \
    org.funnel.dsl.ide/1.0.0-SNAPSHOT/org.funnel.dsl.ide-1.0.0-SNAPSHOT.jar \
    org.funnel.dsl.generator/1.0.0-SNAPSHOT/org.funnel.dsl.generator-1.0.0-SNAPSHOT.jar \
    org.funnel.dsl.crm/1.0.0-SNAPSHOT/org.funnel.dsl.crm-1.0.0-SNAPSHOT.jar \
    org.funnel.dsl.cli/1.0.0-SNAPSHOT/org.funnel.dsl.cli-1.0.0-SNAPSHOT.jar; do
  if [ ! -f "$installed/$artifact" ] && [ "$build" = 0 ]; then
    echo "fuzz.sh: ${artifact##*/} is not installed; building despite FUZZ_BUILD=0" >&2
    build=1
  fi
done
if [ "$build" = 1 ]; then
  ./mvnw -q -B -pl .,org.funnel.dsl,org.funnel.dsl.diagram,org.funnel.dsl.ide,org.funnel.dsl.generator,org.funnel.dsl.crm,org.funnel.dsl.cli install -DskipTests
fi
start=$(date +%s)
# -Dtest selects only the fuzz test for the normal execution, which then runs in fuzzing mode.
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -pl org.funnel.dsl.tests test \
  -Dtest=FunnelFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  "-DargLine=-Xmx3g -Xss4m -XX:+EnableDynamicAgentLoading -Djazzer.instrument=org.funnel.** -Djazzer.internal.basedir=$root/org.funnel.dsl.tests"
echo "fuzz.sh: fuzzed for $duration ($(( $(date +%s) - start )) s with the build); counts:" >&2
cat org.funnel.dsl.tests/target/fuzz-stats.txt >&2
