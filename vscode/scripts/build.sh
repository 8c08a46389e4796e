#!/usr/bin/env bash
# Builds the VS Code extension: type-checks, bundles with esbuild, copies in the language server jar
# (made by the Maven build) and packages
#   vscode/funnel-dsl.vsix            universal: runs the server with a Java 21+ found on the machine;
#   vscode/funnel-dsl-linux-x64.vsix  for Linux x64: carries its own Java runtime and the server's AOT
#                                     cache (../scripts/server-runtime.sh, needs a JDK 25+), needs no Java.
#   scripts/build.sh [all|universal|linux-x64]      (default: all)
# Needs: npm ci in vscode/ (scripts/test.sh does it) and the Maven build of org.funnel.dsl.ide.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

which="${1:-all}"
case "$which" in
  all|universal|linux-x64) ;;
  *) echo "usage: scripts/build.sh [all|universal|linux-x64]" >&2; exit 2 ;;
esac

jar="$root/org.funnel.dsl.ide/target/funnel-language-server.jar"
if [ ! -f "$jar" ]; then
  echo "build.sh: $jar is missing; build the language server first:" >&2
  echo "  ./mvnw -pl org.funnel.dsl,org.funnel.dsl.ide install -DskipTests" >&2
  exit 1
fi

npx --no-install tsc --noEmit -p .
npm run -s bundle
rm -rf server
mkdir -p server
# Shown read-only when the user goes to the definition of a built-in channel.
cp "$root/org.funnel.dsl/src/main/resources/org/funnel/dsl/library/builtin-channels.funnel" server/

package() {  # out, vsce options...
  local out="$1"; shift
  npx --no-install vsce package --no-dependencies --skip-license --allow-missing-repository --out "$out" "$@"
  echo "build.sh: $(stat -c %s "$out") bytes in $here/$out"
}

if [ "$which" != linux-x64 ]; then
  cp "$jar" server/funnel-language-server.jar
  package funnel-dsl.vsix
fi
if [ "$which" != universal ]; then
  bundle="$root/org.funnel.dsl.ide/target/server-linux-x64"
  "$root/scripts/server-runtime.sh" "$bundle"
  # The jar the AOT cache was made with, with its modification time (runtime.json tells the extension).
  cp -p "$bundle/funnel-language-server.jar" "$bundle/funnel-language-server.aot" "$bundle/runtime.json" server/
  cp -a "$bundle/runtime" server/runtime
  package funnel-dsl-linux-x64.vsix --target linux-x64
  rm -rf server/runtime server/funnel-language-server.aot server/runtime.json
  cp "$jar" server/funnel-language-server.jar
fi
