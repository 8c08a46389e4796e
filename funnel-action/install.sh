#!/usr/bin/env bash
# Installs a Funnel DSL release and prints the folder that holds its `funnel` (for the PATH):
#   install.sh VERSION [DIR]        DIR defaults to ./.funnel/VERSION
# Linux x64 gets funnel-VERSION-linux-x64.tar.gz (its own Java runtime; no Java needed), any other system
# funnel-VERSION.zip (needs a Java 21+). The archive is checked against its published SHA-256 before anything is
# unpacked, and unpacked beside DIR, then moved into place: DIR is either complete or absent. A DIR already
# installed (a CI cache hit) is used as it is.
# The releases are those of the GitHub repository FUNNEL_REPOSITORY (owner/name); FUNNEL_DOWNLOAD_URL replaces their
# address (a mirror, or file:// for a test).
set -euo pipefail
version="${1:?usage: install.sh VERSION [DIR]}"
dir="${2:-$PWD/.funnel/$version}"
say() { echo "install-funnel: $*" >&2; }
if [ -z "${FUNNEL_DOWNLOAD_URL:-}" ] && [ -z "${FUNNEL_REPOSITORY:-}" ]; then
  say "set FUNNEL_REPOSITORY (owner/name of Funnel DSL on GitHub) or FUNNEL_DOWNLOAD_URL"
  exit 2
fi
base="${FUNNEL_DOWNLOAD_URL:-https://github.com/${FUNNEL_REPOSITORY:-}/releases/download/v$version}"

if [ -f "$dir/.installed" ]; then
  echo "$dir/bin"
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  archive="funnel-$version-linux-x64.tar.gz"
else
  archive="funnel-$version.zip"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/install-funnel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for file in "$archive" "$archive.sha256"; do
  if ! curl -fsSL --retry 3 -o "$work/$file" "$base/$file"; then
    say "no release $version at $base (could not download $file)"
    exit 1
  fi
done
read -r expected name < "$work/$archive.sha256" || true
if [ "$name" != "$archive" ] || ! [[ "$expected" =~ ^[0-9a-f]{64}$ ]]; then
  say "$archive.sha256 is not a checksum of $archive"
  exit 1
fi
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$work/$archive" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)"
fi
if [ "$actual" != "$expected" ]; then
  say "checksum mismatch for $archive: expected $expected, got $actual; refusing to install it"
  exit 1
fi

mkdir -p "$(dirname "$dir")"
unpacked="$dir.tmp.$$"
rm -rf "$unpacked"
mkdir "$unpacked"
case "$archive" in
  *.tar.gz) tar -xzf "$work/$archive" -C "$unpacked" --strip-components=1 ;;
  *.zip) unzip -q "$work/$archive" -d "$work/zip" && mv "$work/zip"/funnel-*/* "$unpacked/" ;;
esac
touch "$unpacked/.installed"
rm -rf "$dir"
mv "$unpacked" "$dir"
say "Funnel DSL $version in $dir"
echo "$dir/bin"
