# Sourced by ./mvnw, ./chargestorm and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Order: JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then `java` on PATH.

chargestorm_java_feature() { # prints the feature version (17, 21, 25, ...) of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

chargestorm_select_jdk() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    version=$(chargestorm_java_feature "$JAVA_HOME/bin/java")
    if [ "${version:-0}" -ge 21 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    version=$(chargestorm_java_feature "$candidate/bin/java")
    if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate best_version=$version
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    version=$(chargestorm_java_feature "$candidate/bin/java")
    if [ "${version:-0}" -ge 21 ]; then best=$candidate; fi
  fi
  if [ -z "$best" ]; then
    echo "ChargeStorm needs a JDK 21 or newer and found none (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm, PATH)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
