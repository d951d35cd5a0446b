#!/usr/bin/env bash
# Build the one-folder app (Linux or macOS), then prove it starts before anyone ships it.
#
#   packaging/build.sh               install the `package` extra, run PyInstaller, smoke-run, report size
#   packaging/build.sh --smoke-only  smoke-run the bundle already in dist/ and report its size
#
# Output: dist/commrel/ (Linux; macOS too) and dist/Commrel.app (macOS).
# On macOS, packaging/macos/make_dmg.sh then makes the disk image (signed when the secrets exist).
# Set PYTHON to use another interpreter than the project's .venv (CI uses its setup-python one).
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE_ONLY=0
for arg in "$@"; do
    case "$arg" in
        --smoke-only) SMOKE_ONLY=1 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

if [ -z "${PYTHON:-}" ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    PYTHON=.venv/bin/python
fi

if [ "$SMOKE_ONLY" = 0 ]; then
    echo "== installing the app with its packaging tools"
    "$PYTHON" -m pip install -q -e '.[package]'
    echo "== building with PyInstaller"
    "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN packaging/commrel.spec
fi

echo "== smoke run (offscreen)"
"$PYTHON" packaging/smoke.py

if [ "$(uname -s)" = Darwin ]; then
    BUNDLE=dist/Commrel.app
else
    BUNDLE=dist/commrel
fi
echo "== bundle size"
du -sh "$BUNDLE"
