#!/usr/bin/env bash
# Runs the end-to-end tests of the desktop app (tests/e2e) with pytest.
#
# Assumes what `cargo xtask test` prepares, and installs nothing:
#   - the UI built (npm --prefix ui run build) and the app built after it
#     (cargo build -p tend-desktop), giving target/debug/tend-desktop;
#   - tauri-driver on PATH (cargo install tauri-driver --locked);
#   - WebKitWebDriver (apt: webkit2gtk-driver) and Xvfb (apt: xvfb);
#   - python3 with the packages of tests/e2e/requirements.txt.
# Extra arguments go to pytest (e.g. -k sample).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="${TEND_DESKTOP_BIN:-$repo/target/debug/tend-desktop}"
missing=()
[[ -x "$app" ]] || missing+=("the app binary $app (cargo build -p tend-desktop)")
[[ -f "$repo/ui/dist/index.html" ]] || missing+=("the built UI ui/dist (npm --prefix ui run build)")
command -v tauri-driver >/dev/null || missing+=("tauri-driver (cargo install tauri-driver --locked)")
command -v Xvfb >/dev/null || missing+=("Xvfb (apt install xvfb)")
[[ -x "${TEND_NATIVE_DRIVER:-/usr/bin/WebKitWebDriver}" ]] || missing+=("WebKitWebDriver (apt install webkit2gtk-driver)")
python3 -c "import selenium, pytest" 2>/dev/null || missing+=("selenium and pytest (pip install -r tests/e2e/requirements.txt)")
if ((${#missing[@]})); then
    printf 'tests/e2e/run.sh: missing:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 2
fi

cd "$repo/tests/e2e"
exec python3 -m pytest -p no:cacheprovider "$@"
