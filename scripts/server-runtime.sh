#!/usr/bin/env bash
# Makes the language server's own Java runtime, for the linux-x64 VS Code extension and the benchmarks:
#   scripts/server-runtime.sh [OUT]        (OUT defaults to org.funnel.dsl.ide/target/server-linux-x64)
# OUT/runtime/                        a jlink'd runtime, made from the JDK 25+ that find-jdk.sh finds, with the
#                                     modules jdeps says the server jar needs and the server's JVM options
# OUT/funnel-language-server.jar      the server jar (org.funnel.dsl.ide/target), modification time kept
# OUT/funnel-language-server.aot      the AOT cache, made by that runtime itself (a cache fits only the JVM
#                                     that made it) in a training session over examples/ (TrainingSession, a tool
#                                     of the build in org.funnel.dsl.testing, not part of the server)
# OUT/runtime.json                    what the extension needs: the jar's modification time, which the JVM
#                                     checks before it uses the cache and which installing a .vsix loses
# Does nothing when OUT is complete and newer than the jar. Needs the Maven build of the server jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
funnel_find_jdk || exit 2

jar="$root/org.funnel.dsl.ide/target/funnel-language-server.jar"
# Whatever the version (scripts/set-version.sh): the module's one main jar.
training_jar="$(find "$root/org.funnel.dsl.testing/target" -maxdepth 1 -name 'org.funnel.dsl.testing-*.jar' \
  ! -name '*-tests.jar' ! -name '*-sources.jar' 2>/dev/null | head -1)"
training_jar="${training_jar:-$root/org.funnel.dsl.testing/target/org.funnel.dsl.testing.jar}"
out="${1:-$root/org.funnel.dsl.ide/target/server-linux-x64}"
for file in "$jar" "$training_jar"; do
  if [ ! -f "$file" ]; then
    echo "server-runtime: $file is missing; build it first: ./mvnw -B -pl org.funnel.dsl.ide -am package -DskipTests" >&2
    exit 2
  fi
done
if [ "$(funnel_java_major "$JAVA_HOME")" -lt 25 ]; then
  echo "server-runtime: needs a JDK 25 or later for the AOT cache (found $JAVA_HOME); set FUNNEL_JAVA_HOME to one." >&2
  exit 2
fi
if [ -f "$out/runtime.json" ] && [ "$out/runtime.json" -nt "$jar" ]; then
  exit 0
fi

# The server's JVM options, baked into the runtime (jlink --add-options) so that the training session, the
# extension and the benchmarks all start it the same way; chosen by measurement (docs/performance.md):
# - the parallel collector, as the universal extension uses: as fast to start as the serial one, and
#   faster on the edits of a large file, where the serial collector's pauses show;
# - all JIT tiers: the first one alone starts with a quarter less processor time but makes every
#   rebuild of a large file about twice as slow, and the server runs for hours;
# - but the optimizing compiler (tier 4) later: at its default thresholds, and with the method profiles
#   of the training session replayed from the AOT cache, it compiled during the start what the start
#   runs only a few times, on the same 2 cores as the start itself. Its thresholds raised (defaults
#   5,000, 600, 15,000, 40,000) and no replay: first diagnostics 668 -> 525 ms (quiet machine, median of 10), edits of the 5,000-stage
#   file unchanged (p95 269 -> 247 ms): what an edit runs is hot enough to reach tier 4 all the same;
# - a large stack for deeply nested input, as the command line has;
# - nothing of the JVM's own on standard output, which belongs to the protocol: warnings go to standard
#   error (the editor's output panel);
# - Guava's use of sun.misc.Unsafe allowed without a warning on every start.
late_c2="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000"
late_c2="$late_c2 -XX:Tier4BackEdgeThreshold=400000 -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"
options="-XX:+UseParallelGC $late_c2 -Xss4m -Xlog:disable -Xlog:all=warning:stderr --sun-misc-unsafe-memory-access=allow"

started=$(date +%s)
work="$(mktemp -d)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

# jdeps also names java.desktop, for log4j's Swing log viewer and its java.beans-based configuration from
# properties files; the server uses neither (it sets log4j.defaultInitOverride and configures log4j itself),
# and java.desktop alone would add 24 MB.
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 "$jar" |
  tr ',' '\n' | grep -v -x 'java.desktop' | paste -sd, -)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --add-options="$options" --output "$work/runtime"

cp -p "$jar" "$work/funnel-language-server.jar"
# The training session runs the server from the runtime, on a copy of the examples (it edits a file).
cp -r "$root/examples" "$work/examples"
# The session's client is the tests' (lsp4j comes from the server jar, which has it).
"$work/runtime/bin/java" -cp "$training_jar:$work/funnel-language-server.jar" org.funnel.dsl.testing.lsp.TrainingSession \
  "$work/examples" -- "$work/runtime/bin/java" -XX:AOTCacheOutput="$work/funnel-language-server.aot" \
  -jar "$work/funnel-language-server.jar" --stdio 2>"$work/training.log" || {
  cat "$work/training.log" >&2
  echo "server-runtime: the training session failed (its log above)" >&2
  exit 1
}
if [ ! -f "$work/funnel-language-server.aot" ]; then
  cat "$work/training.log" >&2
  echo "server-runtime: the training session wrote no AOT cache" >&2
  exit 1
fi
rm -rf "$work/examples" "$work/training.log"
printf '{\n  "jarModified": %s\n}\n' "$(stat -c %Y "$work/funnel-language-server.jar")" > "$work/runtime.json"

rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$work" "$out"
trap - EXIT
echo "server-runtime: $(du -sh "$out" | cut -f1) in $out (modules $modules; $(( $(date +%s) - started )) s)" >&2
