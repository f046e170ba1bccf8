#!/usr/bin/env bash
# Runs a command in a D-Bus session of its own with a throw-away GNOME
# Keyring unlocked in it: the Secret Service where the desktop app keeps a
# team register's password. The keyring's files live in a temporary folder
# (XDG_DATA_HOME), removed afterwards; the user's own keyring is not touched.
# Sets TEND_TEST_KEYRING=1 for the tests that need a keyring.
#
#   bash tests/e2e/keyring-session.sh cargo test -p tend-desktop secrets
#   bash tests/e2e/keyring-session.sh bash tests/e2e/run.sh -k register
set -euo pipefail

if [[ "${TEND_IN_KEYRING_SESSION:-}" != 1 ]]; then
    missing=()
    for tool in dbus-run-session gnome-keyring-daemon; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if ((${#missing[@]})); then
        echo "tests/e2e/keyring-session.sh: missing ${missing[*]} (apt install dbus gnome-keyring)" >&2
        exit 2
    fi
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/data" "$tmp/cache" "$tmp/run"
    chmod 700 "$tmp/run"
    status=0
    XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run" \
        TEND_IN_KEYRING_SESSION=1 dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@" || status=$?
    exit "$status"
fi

# A new login keyring, unlocked with a password nobody needs again.
printf 'throwaway' | gnome-keyring-daemon --unlock --daemonize --components=secrets >/dev/null
export TEND_TEST_KEYRING=1
exec "$@"
