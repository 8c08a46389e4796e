#!/usr/bin/env bash
# Fuzzes for longer than the build does:
#   scripts/fuzz.sh [--target T[,T...]] [--runs N] [--no-build] [DURATION]
#   e.g. scripts/fuzz.sh 30m (the default target for 30 minutes, the default),
#        scripts/fuzz.sh --target valid,hubspot-import 10m (each target 10 minutes, one after the other),
#        scripts/fuzz.sh --target all --runs 100000 (each target until 100,000 inputs),
#        scripts/fuzz.sh --target hubspot-plan --runs 1000000 2h (whichever comes first).
# Targets (org.funnel.dsl.tests/src/test/java/org/funnel/dsl/tests/robustness/):
#   pipeline           FunnelFuzzTest: any bytes as a .funnel file, through parser, checks, analysis, formatter, generators
#   valid              ValidFunnelFuzzTest: valid funnels, every target generated and read back (CRM files by our importers)
#   hubspot-import     CrmFuzzTest: the HubSpot JSON importer, with inputs shaped like Pipelines API answers
#   salesforce-import  CrmFuzzTest: the Salesforce importer and the plan against a retrieve, one file of a real retrieve fuzzed
#   hubspot-plan       CrmFuzzTest: the HubSpot plan of the examples against a fuzzed current state (a saved GET answer)
#   all                all five
# The tests are compiled by one Maven build (--no-build: the last fuzz.sh's build is used as it is); then each target
# runs with Jazzer in fuzzing mode in a JVM of its own (one at a time). The corpus a target grows is kept in
# org.funnel.dsl.tests/.cifuzz-corpus/ (not committed) and used again by the next fuzz.sh (a ./mvnw verify starts its
# own bounded run from the seeds and removes it); a crashing input is written to org.funnel.dsl.tests/src/test/resources/
# org/funnel/dsl/tests/robustness/<Class>Inputs/<method>/ and from then on runs as a regression test in every build:
# fix the cause, keep the file, commit both. Counts: org.funnel.dsl.tests/target/fuzz-stats-<target>.txt.
# Exit status: 1 when a target had a finding.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/find-jdk.sh
source scripts/find-jdk.sh
funnel_find_jdk || exit 2

duration="" runs="" targets="pipeline" build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --target) targets="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=""; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (see scripts/fuzz.sh --help)" >&2; exit 2 ;;
    *) duration="$1"; shift ;;
  esac
done
[ -n "$duration" ] || [ -n "$runs" ] || duration=30m
if [ -n "$runs" ] && ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: --runs takes a number of inputs, not '$runs'" >&2
  exit 2
fi
[ "$targets" = all ] && targets="pipeline,valid,hubspot-import,salesforce-import,hubspot-plan"
selectors=()
IFS=, read -r -a names <<< "$targets"
for name in "${names[@]}"; do
  case "$name" in
    pipeline) selectors+=("FunnelFuzzTest#pipeline") ;;
    valid) selectors+=("ValidFunnelFuzzTest#validFunnels") ;;
    hubspot-import) selectors+=("CrmFuzzTest#hubSpotImport") ;;
    salesforce-import) selectors+=("CrmFuzzTest#salesforceImportAndPlan") ;;
    hubspot-plan) selectors+=("CrmFuzzTest#hubSpotPlan") ;;
    *) echo "fuzz.sh: unknown target '$name' (pipeline, valid, hubspot-import, salesforce-import, hubspot-plan, all)" >&2
       exit 2 ;;
  esac
done

tests="$root/org.funnel.dsl.tests"
classpath="$tests/target/fuzz-classpath.txt"
# The tests module and what it needs, compiled in one reactor without the Eclipse editor (nothing is installed into the
# local Maven repository),
# and its test class path written down.
if [ -n "$build" ] || [ ! -f "$classpath" ]; then
  ./mvnw -B -q -pl org.funnel.dsl.tests -am test-compile -Dfunnel.fuzz.only \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test \
    "-Dmdep.outputFile=$classpath"
fi

rm -f "$tests"/target/fuzz-stats-*.txt
status=0
for i in "${!selectors[@]}"; do
  selector="${selectors[$i]}"
  start=$(date +%s)
  echo "fuzz.sh: fuzzing ${names[$i]} ($selector: ${duration:-no time limit}${runs:+, at most $runs inputs})" >&2
  # With --runs alone, a time limit no run reaches (the fuzz tests' own is 60 s).
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${duration:-1000h}" JAZZER_MAX_EXECUTIONS="${runs:-0}" \
    java -Xmx3g -Xss4m -XX:+EnableDynamicAgentLoading -Djazzer.instrument='org.funnel.**' \
    "-Djazzer.internal.basedir=$tests" -cp "$tests/target/test-classes:$(cat "$classpath")" \
    org.funnel.dsl.tests.robustness.FuzzLauncher "org.funnel.dsl.tests.robustness.$selector"; then
    status=1
  fi
  echo "fuzz.sh: ${names[$i]} ended after $(( $(date +%s) - start )) s; counts:" >&2
  cat "$tests/target/fuzz-stats-${names[$i]}.txt" >&2 || true
done
exit $status
