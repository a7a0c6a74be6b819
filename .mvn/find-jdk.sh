# Finds a JDK of version 21 or newer for the build and for ./xenwb. Sourced (bash), not executed.
#
# Order: $JAVA_HOME if it is new enough, then the `java` on PATH, then the newest JDK under /usr/lib/jvm.
# On success sets and exports JAVA_HOME. On failure prints one line saying what is missing and returns 1.

xenwb_jdk_major() {
    # Prints the major version of the JDK at $1, or nothing if $1 is not a JDK.
    local home=$1 version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -r "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}
    echo "${version%%[.+-]*}"
}

xenwb_find_jdk() {
    local minimum=21 candidate major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(xenwb_jdk_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge "$minimum" ]; then
            export JAVA_HOME
            return 0
        fi
    fi
    if command -v javac >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        major=$(xenwb_jdk_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge "$minimum" ]; then
            best=$candidate
            best_major=$major
        fi
    fi
    for candidate in /usr/lib/jvm/*; do
        [ -L "$candidate" ] && continue
        major=$(xenwb_jdk_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge "$minimum" ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    done
    if [ -z "$best" ]; then
        echo "xenwb: needs a JDK $minimum or newer, found none (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm);" \
             "install one (apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
        return 1
    fi
    JAVA_HOME=$best
    export JAVA_HOME
}
