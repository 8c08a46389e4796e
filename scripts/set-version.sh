#!/usr/bin/env bash
# Sets the release version of everything Funnel DSL ships, in one step:
#   scripts/set-version.sh 1.2.0             (a release)
#   scripts/set-version.sh 1.3.0-SNAPSHOT    (the next development version, at once after a release)
# Tycho's set-version updates every pom, the bundles' MANIFEST.MF, the features and the products (Funnel Studio), so the
# update site, Funnel Studio, the command line's jar (--version) and the release archives' names follow; npm sets the
# VS Code extension's package.json to the same X.Y.Z (the Marketplace takes no -SNAPSHOT).
# Why a snapshot must follow a release at once: p2 orders 1.2.0 below every 1.2.0.<qualifier> snapshot build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:?usage: scripts/set-version.sh X.Y.Z[-SNAPSHOT]}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]]; then
  echo "set-version: '$version' is not X.Y.Z or X.Y.Z-SNAPSHOT" >&2
  exit 2
fi
# shellcheck source=scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
funnel_find_jdk || exit 2
cd "$root"
./mvnw -B -q org.eclipse.tycho:tycho-versions-plugin:4.0.13:set-version -DnewVersion="$version"
(cd vscode && npm version "${version%-SNAPSHOT}" --no-git-tag-version --allow-same-version >/dev/null)
echo "set-version: $version (vscode/package.json ${version%-SNAPSHOT}); review with git diff" >&2
