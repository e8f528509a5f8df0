#!/usr/bin/env bash
# Builds the Fabric and Fabric CA commands from their Go modules at the
# versions pinned in scripts/fabric-modules/*/go.mod, into a cache folder
# outside the repository (see FABRIC_HOME in lib/config.sh). A second run
# with the cache present only checks it; a command added to the lists below
# since the cache was made is built alone, the others left as they are.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

FABRIC_COMMANDS=(peer orderer configtxgen configtxlator osnadmin)
CA_COMMANDS=(fabric-ca-server fabric-ca-client)
STAMP=$FABRIC_HOME/.complete

# missing_commands COMMAND... : those of COMMAND not yet in the cache, one a line.
missing_commands() {
  local cmd
  for cmd in "$@"; do [[ -x "$FABRIC_BIN/$cmd" ]] || echo "$cmd"; done
}
mapfile -t fabric_missing < <(missing_commands "${FABRIC_COMMANDS[@]}")
mapfile -t ca_missing < <(missing_commands "${CA_COMMANDS[@]}")
if [[ -f "$STAMP" ]] && ((${#fabric_missing[@]} + ${#ca_missing[@]} == 0)); then
  step "Fabric binaries present in $FABRIC_HOME"
  exit 0
fi

command -v go >/dev/null || fail "Go is not installed: the Fabric binaries are built with 'go install' (Go 1.22 or newer)"
command -v gcc >/dev/null || fail "gcc is not installed: fabric-ca-server needs cgo for SQLite (apt-get install gcc)"
proxy=$(go env GOPROXY)
if [[ "$proxy" == "off" ]]; then
  fail "GOPROXY is off: the Fabric modules come from the Go module proxy"
fi

step "Building Fabric $FABRIC_VERSION and Fabric CA $FABRIC_CA_VERSION into $FABRIC_HOME (proxy: $proxy)"
mkdir -p "$FABRIC_BIN" "$FABRIC_CONFIG"

# build_module DIR MODULE LDFLAGS COMMAND... : go install MODULE/cmd/COMMAND
# from the tools module in DIR, which pins MODULE's version and checksums.
build_module() {
  local module_dir=$1 module=$2 ldflags=$3
  shift 3
  (($#)) || return 0
  local packages=("${@/#/$module/cmd/}")
  info "go install ${packages[*]}"
  (cd "$module_dir" && GOBIN="$FABRIC_BIN" go install -ldflags "$ldflags" "${packages[@]}") ||
    fail "building in $module_dir failed; if the module proxy refused a version, the message above names it"
}

# The release's version and commit go into the binaries as Fabric's own Makefile
# puts them (so 'peer version' names them); the version is read from that Makefile.
fabric_src=$(cd "$FABRIC_MODULES_DIR/fabric" && go mod download -json github.com/hyperledger/fabric | jq -r .Dir)
[[ -d "$fabric_src" ]] || fail "could not download github.com/hyperledger/fabric $FABRIC_VERSION"
fabric_release=$(awk '$1 == "FABRIC_VER" && $2 == "?=" { print $3 }' "$fabric_src/Makefile")
[[ -n "$fabric_release" ]] || fail "no FABRIC_VER in $fabric_src/Makefile"
info "Fabric release $fabric_release, commit $FABRIC_COMMIT"
metadata=github.com/hyperledger/fabric/common/metadata
build_module "$FABRIC_MODULES_DIR/fabric" github.com/hyperledger/fabric \
  "-X $metadata.Version=$fabric_release -X $metadata.CommitSHA=$FABRIC_COMMIT" "${fabric_missing[@]}"
# Fabric CA's module carries its version in its source.
build_module "$FABRIC_MODULES_DIR/fabric-ca" github.com/hyperledger/fabric-ca "" "${ca_missing[@]}"

# The base configuration the network overrides by environment variables; a
# complete cache's is left alone (running nodes and tools read it).
if [[ ! -f "$STAMP" ]]; then
  cp "$fabric_src/sampleconfig/core.yaml" "$fabric_src/sampleconfig/orderer.yaml" "$FABRIC_CONFIG/"
  chmod u+w "$FABRIC_CONFIG"/*.yaml
  # There is no Docker engine: an empty vm.endpoint keeps the peer from using or
  # health-checking one (an empty CORE_VM_ENDPOINT would count as unset).
  sed -i 's|^\(\s*endpoint:\) unix:///var/run/docker.sock|\1 ""|' "$FABRIC_CONFIG/core.yaml"
  grep -q '^\s*endpoint: ""' "$FABRIC_CONFIG/core.yaml" || fail "could not disable Docker in $FABRIC_CONFIG/core.yaml"
fi

for cmd in "${FABRIC_COMMANDS[@]}" "${CA_COMMANDS[@]}"; do
  [[ -x "$FABRIC_BIN/$cmd" ]] || fail "$cmd was not built into $FABRIC_BIN"
done
touch "$STAMP"
step "Fabric binaries ready: ${FABRIC_COMMANDS[*]} ${CA_COMMANDS[*]}"
