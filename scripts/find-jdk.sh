#!/usr/bin/env bash
# Sourced by ./funnel and ./run-tests: points JAVA_HOME at a JDK 21 or later.
# The machine's default java may be older; the build and the tools need 21+.

funnel_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing.
  local home="$1" release
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$release" ]; then
    release=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$release"
}

funnel_find_jdk() {
  local c major best="" best_major=0 searched=()
  # An explicit choice that is new enough wins.
  for c in "${FUNNEL_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$c" ] || continue
    major=$(funnel_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$c" PATH="$c/bin:$PATH"
      return 0
    fi
    searched+=("$c")
  done
  # Otherwise the newest JDK 21+ installed on the machine.
  if command -v javac >/dev/null 2>&1; then
    searched+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$c" ] && searched+=("$c")
  done
  for c in "${searched[@]}"; do
    major=$(funnel_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$c"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "error: Funnel DSL needs a JDK 21 or later (java and javac), and none was found."
      echo "  looked at: \$FUNNEL_JAVA_HOME, \$JAVA_HOME, the javac on PATH, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman, ~/.jdks"
      for c in "${searched[@]}"; do
        major=$(funnel_java_major "$c")
        [ -n "$major" ] && echo "  found: $c (Java $major, too old)"
      done
      echo "  fix: install a JDK 21+ (Debian: apt-get install openjdk-21-jdk-headless) or set FUNNEL_JAVA_HOME to one."
    } >&2
    return 1
  fi
  export JAVA_HOME="$best" PATH="$best/bin:$PATH"
}
