#!/usr/bin/env bash
# Wrap dist/Commrel.app (from packaging/build.sh) in a compressed disk image with a link to
# /Applications: dist/commrel-<version>-macos-<arch>.dmg.
#
# Signing and notarisation run only when their secrets are in the environment:
#   signing       MACOS_CERTIFICATE           base64 of a "Developer ID Application" .p12
#                 MACOS_CERTIFICATE_PASSWORD  its password
#                 MACOS_SIGNING_IDENTITY      its name, e.g. "Developer ID Application: Org (TEAMID)"
#   notarisation  MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID,
#                 MACOS_NOTARY_PASSWORD       an app-specific password for that Apple ID
# Without them the image is built unsigned (fine for testing; Gatekeeper will warn users).
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-.venv/bin/python}
APP=dist/Commrel.app
ENTITLEMENTS=packaging/macos/entitlements.plist
[ -d "$APP" ] || { echo "make_dmg.sh: no $APP; run packaging/build.sh first" >&2; exit 1; }
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DMG="dist/commrel-$VERSION-macos-$(uname -m).dmg"

SIGN=0
NOTARIZE=0
if [ -n "${MACOS_CERTIFICATE:-}" ] && [ -n "${MACOS_CERTIFICATE_PASSWORD:-}" ] && [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
    SIGN=1
else
    echo "== signing skipped: MACOS_CERTIFICATE, MACOS_CERTIFICATE_PASSWORD or MACOS_SIGNING_IDENTITY not set"
fi
if [ "$SIGN" = 1 ] && [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] && [ -n "${MACOS_NOTARY_PASSWORD:-}" ]; then
    NOTARIZE=1
else
    echo "== notarisation skipped: needs signing and MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD"
fi

WORK=$(mktemp -d)
KEYCHAIN=""
cleanup() {
    if [ -n "$KEYCHAIN" ]; then security delete-keychain "$KEYCHAIN" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$SIGN" = 1 ]; then
    echo "== importing the signing certificate into a throw-away keychain"
    KEYCHAIN="$WORK/commrel-signing.keychain-db"
    KEYCHAIN_PASSWORD=$(openssl rand -base64 24)
    printf '%s' "$MACOS_CERTIFICATE" | base64 --decode > "$WORK/certificate.p12"
    security create-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
    security set-keychain-settings -lut 3600 "$KEYCHAIN"
    security unlock-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
    security import "$WORK/certificate.p12" -k "$KEYCHAIN" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$KEYCHAIN_PASSWORD" "$KEYCHAIN" >/dev/null
    # shellcheck disable=SC2046  # the existing keychains, one word each
    security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
    rm -f "$WORK/certificate.p12"

    echo "== signing $APP (hardened runtime)"
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$ENTITLEMENTS" --keychain "$KEYCHAIN" \
        --sign "$MACOS_SIGNING_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

echo "== making $DMG"
mkdir "$WORK/stage"
cp -R "$APP" "$WORK/stage/"
ln -s /Applications "$WORK/stage/Applications"
rm -f "$DMG"
# hdiutil now and then fails with "Resource busy" on CI machines; a retry clears it.
for attempt in 1 2 3 4 5; do
    if hdiutil create -volname "Commrel $VERSION" -srcfolder "$WORK/stage" -ov -format UDZO "$DMG"; then
        break
    fi
    [ "$attempt" = 5 ] && { echo "hdiutil failed $attempt times" >&2; exit 1; }
    sleep 5
done

if [ "$SIGN" = 1 ]; then
    codesign --force --timestamp --keychain "$KEYCHAIN" --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
fi

if [ "$NOTARIZE" = 1 ]; then
    echo "== notarising (waits for Apple's answer)"
    NOTARY=(--apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" --password "$MACOS_NOTARY_PASSWORD")
    xcrun notarytool submit "$DMG" "${NOTARY[@]}" --wait --output-format json > "$WORK/notary.json" || true
    field() {
        "$PYTHON" -c 'import json, sys
try:
    print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))
except ValueError:
    print("")' "$WORK/notary.json" "$1"
    }
    STATUS=$(field status)
    if [ "$STATUS" != "Accepted" ]; then
        echo "notarisation: ${STATUS:-no answer}" >&2
        cat "$WORK/notary.json" >&2
        ID=$(field id)
        if [ -n "$ID" ]; then xcrun notarytool log "$ID" "${NOTARY[@]}" >&2 || true; fi
        exit 1
    fi
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
fi

echo "== disk image: $DMG ($(du -h "$DMG" | cut -f1))"
