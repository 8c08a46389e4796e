#!/usr/bin/env bash
# The linux-x64 release archive's own Java runtime and AOT cache (run by the build, org.funnel.dsl.dist):
#   runtime.sh JAVA_HOME FUNNEL_JAR EXAMPLES OUT TIMESTAMP
# OUT/runtime/        a jlink'd runtime with the modules jdeps says the command line needs and the options of
#                     ./funnel baked in (a large stack; the serial collector and the first JIT tier, which start fastest)
# OUT/lib/funnel.jar  the command line, its modification time set to TIMESTAMP: the archive stamps every entry with
#                     it, and the JVM checks the jar's time before it uses the cache
# OUT/lib/funnel.aot  the AOT cache, made by that runtime itself in a training run over the examples
set -euo pipefail
java_home="$1" jar="$2" examples="$3" out="$4" stamp="$5"
rm -rf "$out"
mkdir -p "$out/lib"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# jdeps also names java.desktop: log4j's default configuration (java.beans) needs it in the command line.
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 "$jar")
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --add-options="-Xss4m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" --output "$out/runtime"

cp "$jar" "$out/lib/funnel.jar"
touch -d "$stamp" "$out/lib/funnel.jar"
"$out/runtime/bin/java" -XX:AOTCacheOutput="$out/lib/funnel.aot" -Xlog:aot=off,cds=off \
  -jar "$out/lib/funnel.jar" generate --target all --out "$work/out" "$examples" >"$work/training.log" 2>&1 || {
  cat "$work/training.log" >&2
  echo "runtime.sh: the training run failed (its output above)" >&2
  exit 1
}
[ -f "$out/lib/funnel.aot" ] || { echo "runtime.sh: the training run wrote no AOT cache" >&2; exit 1; }
echo "runtime.sh: $(du -sh "$out" | cut -f1) in $out (modules $modules)" >&2
