#!/usr/bin/env bash
# Builds the VS Code extension: type-checks, bundles with esbuild, copies in the language server jar
# (made by the Maven build) and packages everything as vscode/funnel-dsl.vsix.
# Needs: npm ci in vscode/ (scripts/test.sh does it) and the Maven build of org.funnel.dsl.ide.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

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
cp "$jar" server/funnel-language-server.jar
# Shown read-only when the user goes to the definition of a built-in channel.
cp "$root/org.funnel.dsl/src/main/resources/org/funnel/dsl/library/builtin-channels.funnel" server/
npx --no-install vsce package --no-dependencies --skip-license --allow-missing-repository --out funnel-dsl.vsix
echo "build.sh: $(ls -l funnel-dsl.vsix | awk '{print $5}') bytes in $here/funnel-dsl.vsix"
