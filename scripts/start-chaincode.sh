#!/usr/bin/env bash
# Starts a city's chaincode server: the chaincode/ workspace (or CC_DIR, see
# lib/config.sh) run by fabric-chaincode-node in server mode, under a
# supervisor that restarts it if it dies. The city's peers reach it through
# the ccaas package installed by deploy-chaincode.sh, whose package ID the
# server must present. With "next", starts the server of an upgrade in
# progress beside the serving one (lib/config.sh, chaincode slots).
# Usage: start-chaincode.sh CITY [next]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

city=${1:?usage: start-chaincode.sh CITY [next]}
which=${2:-}
state=$(chaincode_state_dir "$city" "$which")
name=$(chaincode_process "$city" "$which")
[[ -f "$state/package-id" ]] || fail "no package of chaincode $CC_NAME for $city yet: run scripts/deploy-chaincode.sh"
package_id=$(<"$state/package-id")
port=$(chaincode_port "$city" "$which")
host=$(city_host "$city")
address=$host:$port

# A server presenting another package ID would be refused by the peer.
if running_pid "$name" >/dev/null && [[ "$(cat "$state/running-id" 2>/dev/null)" != "$package_id" ]]; then
  stop_process "$name"
fi

export CHAINCODE_SERVER_ADDRESS=$address
export CORE_CHAINCODE_ID_NAME=$package_id
# The city whose peers this server serves: the chaincode answers applicant data only to that city's callers.
export CORE_PEER_LOCALMSPID=${CITY_MSP[$city]}
export CORE_CHAINCODE_LOGGING_LEVEL=$CHAINCODE_LOG_LEVEL
cd "$CC_DIR"
echo "$package_id" >"$state/running-id"
start_process "$name" "$(city_namespace "$city")" "$ROOT_DIR/scripts/lib/supervise.sh" "$name" \
  node "$ROOT_DIR/node_modules/.bin/fabric-chaincode-node" server \
  --chaincode-address "$address" --chaincode-id "$package_id"
wait_ready "$name" "chaincode server on $address" tcp_open "$host" "$port"
