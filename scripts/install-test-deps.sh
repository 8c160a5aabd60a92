#!/usr/bin/env bash
# Installs the real servers the tests start (nothing is assumed pre-installed). Idempotent and quick
# when everything is already there.
#   - Ceph radosgw (a real S3 server) from Debian packages, only when `radosgw` is not on PATH.
#   - Azurite (the Azure Blob emulator), pinned, into the gitignored .work/tools, only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

AZURITE_VERSION=3.37.0
TOOLS_DIR=.work/tools

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v radosgw >/dev/null 2>&1; then
  echo "install-test-deps: installing Ceph radosgw (S3 test server) from Debian packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    radosgw ceph-mon ceph-osd ceph-common uuid-runtime >/dev/null
fi

if [ ! -x "$TOOLS_DIR/node_modules/.bin/azurite-blob" ] \
   || ! grep -q "\"version\": \"$AZURITE_VERSION\"" "$TOOLS_DIR/node_modules/azurite/package.json" 2>/dev/null; then
  command -v npm >/dev/null 2>&1 || {
    echo "install-test-deps: npm not found; installing nodejs and npm from Debian packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  }
  echo "install-test-deps: installing azurite@$AZURITE_VERSION into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  [ -f "$TOOLS_DIR/package.json" ] || echo '{ "name": "kubestash-test-tools", "private": true }' > "$TOOLS_DIR/package.json"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null
fi
exit 0
