#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: system tools,
# npm dependencies of the workspaces (from package-lock.json), the Fabric
# binaries, and the TypeScript build. Safe to re-run; finished work is skipped.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

step "Checking system tools"
missing=()
for tool in curl jq openssl tar gzip gcc; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
((${#missing[@]} == 0)) || apt_install "${missing[@]/gcc/build-essential}"

command -v node >/dev/null || fail "Node.js 20 or newer is required"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || fail "Node.js 20 or newer is required (found $(node --version))"
command -v go >/dev/null || fail "Go is required to build Fabric (go.dev/doc/install)"

step "Installing npm dependencies"
lock_digest=$(sha256sum "$ROOT_DIR/package-lock.json" | cut -c1-64)
if [[ "$(cat "$ROOT_DIR/node_modules/.tongban-lock" 2>/dev/null)" != "$lock_digest" ]]; then
  (cd "$ROOT_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_digest" >"$ROOT_DIR/node_modules/.tongban-lock"
else
  info "node_modules matches package-lock.json"
fi

bash "$ROOT_DIR/scripts/build-fabric.sh"

step "Building the workspaces"
(cd "$ROOT_DIR" && npm run build --silent)
