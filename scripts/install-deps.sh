#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those missing. Idempotent.
# One package a line; say who needs it.
set -euo pipefail

packages=(
  # Eclipse workbench tests (org.funnel.dsl.ui.tests): a virtual X display, GTK 3 for SWT, a font.
  xvfb
  xauth
  libgtk-3-0
  fonts-dejavu-core
  # VS Code tests (vscode/scripts/test.sh): a real browser for code-server, and what
  # code-server's native modules build against.
  chromium
  unzip
  libkrb5-dev
  pkg-config
  g++
  make
  python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
