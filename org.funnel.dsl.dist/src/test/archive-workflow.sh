#!/usr/bin/env bash
# The linux-x64 release archive as a CI runner without Java uses it (run by the build at integration-test):
#   archive-workflow.sh ARCHIVE WORK
# Unpacks ARCHIVE into WORK/tools beside WORK/repo, a repository holding only .funnel files (the examples), and runs
# the steps of docs/ci.md there twice: with ./funnel of this tree, and from the archive in a mount namespace of its own
# where every JDK folder is covered by an empty tmpfs (as the VS Code extension's no-Java test does), with no java on
# the PATH and no JAVA_HOME. Every step must succeed on both, with the same exit codes and the same bytes out.
# Needs root (unshare --mount).
set -euo pipefail
archive="$1" work="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
fail() { echo "archive-workflow: FAILED: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/tools" "$work/repo" "$work/results"
(cd "$(dirname "$archive")" && sha256sum -c --status "$(basename "$archive").sha256") || fail "checksum of $archive"
tar -xzf "$archive" -C "$work/tools"
tools="$(echo "$work"/tools/funnel-*)"
[ -x "$tools/bin/funnel" ] || fail "no bin/funnel in $archive"

# The repository: the examples' .funnel files, and the base branch of a pull request that added tripwire.funnel.
(cd "$root/examples" && find . -name '*.funnel' -exec cp --parents {} "$work/repo/" \;)
mkdir -p "$work/repo/funnels" "$work/base"
mv "$work/repo"/*.funnel "$work/repo/shared" "$work/repo/funnels/"
cp -r "$work/repo/funnels" "$work/base/funnels"
rm "$work/base/funnels/tripwire.funnel"
[ -z "$(find "$work/repo" -type f ! -name '*.funnel')" ] || fail "the repository holds more than .funnel files"
# Saved CRM answers shaped like real exports (the plans' --current).
crm="$root/org.funnel.dsl.testing/src/main/resources/crm"

# The documented steps (docs/ci.md), with `funnel` from the PATH, into results/$1; each step's exit code recorded.
cat > "$work/steps.sh" <<STEPS
set -u
out="$work/results/\$1"
mkdir -p "\$out"
cd "$work/repo"
step() { name="\$1"; shift; "\$@" > "\$out/\$name.out" 2> "\$out/\$name.err"; echo "\$name \$?" >> "\$out/exit-codes"; }
step version funnel --version
step validate funnel validate --format sarif funnels/
step format-check funnel format --check funnels/
step generate funnel generate --target all --out out funnels/
mv out "\$out/generated"
step diff funnel diff "$work/base/funnels" funnels
step plan-hubspot funnel plan hubspot --current "deals=$crm/hubspot/deals-pipelines.json" --current "tickets=$crm/hubspot/tickets-pipelines.json" funnels/
step plan-salesforce funnel plan salesforce funnels/ --current "$crm/salesforce/source"
STEPS

# Reference: ./funnel of this tree (on the build's JDK).
mkdir -p "$work/reference-bin"
printf '#!/bin/sh\nexec "%s/funnel" "$@"\n' "$root" > "$work/reference-bin/funnel"
chmod +x "$work/reference-bin/funnel"
# Once first, so that the steps' messages are not mixed with its own (it builds when the sources changed, and makes
# its AOT cache on first use).
"$root/funnel" --version >/dev/null || fail "./funnel --version"
PATH="$work/reference-bin:$PATH" bash "$work/steps.sh" reference

# The archive, with every JDK hidden.
hidden=""
for folder in /usr/lib/jvm /usr/java /opt/java "$HOME/.sdkman/candidates/java" "$HOME/.jdks" /opt/*jdk* /opt/*java* /opt/*temurin*; do
  [ -d "$folder" ] && hidden="$hidden $folder"
done
env -i HOME="$work" LANG=C.UTF-8 PATH="$tools/bin:/usr/local/bin:/usr/bin:/bin" \
  unshare --mount --propagation private -- bash -c '
set -e
for folder in '"$hidden"'; do mount -t tmpfs -o size=1m,mode=755 funnel-no-java "$folder"; done
if java -version >/dev/null 2>&1; then echo "archive-workflow: a java still runs here: $(command -v java)" >&2; exit 97; fi
if [ -n "$(find '"$hidden"' -mindepth 1 -print -quit)" ]; then exit 98; fi
echo "archive-workflow: no Java here (covered:'"$hidden"'; PATH=$PATH; JAVA_HOME=${JAVA_HOME:-unset})" >&2
bash "$1/steps.sh" archive
# The AOT cache is used: the command line'"'"'s classes come from it, not from the jar.
JDK_JAVA_OPTIONS="-Xlog:class+load=info:file=$1/class-load.txt" funnel validate "$1/repo/funnels" >/dev/null 2>&1
' archive-workflow "$work" || fail "the run without Java (exit $?)"

ref="$work/results/reference" got="$work/results/archive"
cat "$got/exit-codes" >&2
grep -v ' 0$' "$got/exit-codes" && fail "a step failed from the archive (its output in $got)"
cmp -s "$ref/exit-codes" "$got/exit-codes" || fail "exit codes differ from ./funnel"
grep -q '^funnel [0-9][^ ]* (commit [0-9a-f]\{12\}\(-dirty\)\?)$' "$got/version.out" || fail "funnel --version said: $(cat "$got/version.out")"
[ -s "$got/validate.out" ] && grep -q '"version" *: *"2.1.0"' "$got/validate.out" || fail "validate wrote no SARIF 2.1.0"
[ "$(find "$got/generated" -type f | wc -l)" -gt 20 ] || fail "generate wrote $(find "$got/generated" -type f | wc -l) files"
grep -q 'Tripwire' "$got/diff.out" || fail "the diff does not name the added funnel"
# Byte for byte, the diagrams too: their layout must not depend on the JVM (flags, runtime, AOT cache; docs/robustness.md).
diff <(cd "$ref" && find . -type f | sort) <(cd "$got" && find . -type f | sort) >&2 || fail "other files than ./funnel's"
while IFS= read -r file; do
  cmp -s "$ref/$file" "$got/$file" && continue
  diff "$ref/$file" "$got/$file" >&2 || true
  fail "$file differs from ./funnel's (above)"
done < <(cd "$ref" && find . -type f | sort)

from_cache=$(grep -c 'org\.funnel\.dsl\..*source: shared objects file' "$work/class-load.txt" || true)
from_jar=$(grep -c 'org\.funnel\.dsl\..*source: .*funnel\.jar' "$work/class-load.txt" || true)
# (a class the training run never loaded comes from the jar)
[ "$from_cache" -gt 100 ] && [ "$from_jar" -lt $(( from_cache / 20 )) ] || fail "AOT cache: $from_cache classes from it, $from_jar from the jar"
# The zip for any system: a Java 21+ found through JAVA_HOME; only a Java 17 on the PATH is refused, by name.
zip="${archive%-linux-x64.tar.gz}.zip"
(cd "$(dirname "$zip")" && sha256sum -c --status "$(basename "$zip").sha256") || fail "checksum of $zip"
unzip -q "$zip" -d "$work/zip"
any="$(echo "$work"/zip/funnel-*)"
[ "$(env -i PATH=/usr/bin:/bin JAVA_HOME="$JAVA_HOME" "$any/bin/funnel" --version)" = "$(cat "$got/version.out")" ] ||
  fail "the zip's funnel --version with JAVA_HOME=$JAVA_HOME"
old_java="$(ls -d /usr/lib/jvm/java-17-* 2>/dev/null | head -1)"
if [ -n "$old_java" ]; then
  code=0
  message="$(env -i PATH="$old_java/bin:/usr/bin:/bin" "$any/bin/funnel" --version 2>&1)" || code=$?
  [ "$code" = 2 ] && [[ "$message" == "funnel: needs a Java 21 or later; none found (tried: $old_java/bin/java (Java 17);)."* ]] ||
    fail "the zip with only Java 17: exit $code, $message"
fi
grep -q $'\r$' "$any/bin/funnel.cmd" || fail "bin/funnel.cmd has no Windows line endings"

echo "archive-workflow: passed: $(wc -l < "$got/exit-codes") steps, same outputs as ./funnel ($(find "$got" -type f | wc -l) files); $from_cache classes of the command line from the AOT cache" >&2
