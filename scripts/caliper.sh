#!/usr/bin/env bash
# `npm run caliper`: the Hyperledger Caliper benchmark of case creation
# (gateway-service/bench/caliper/benchmark.yaml) against the running network,
# as a Haidian clerk through the Caliper network configuration that
# describe-network.sh writes. Installs Caliper's CLI and its Fabric Gateway
# binding into a prefix of their own under the cache folder, never into the
# project's dependencies. The HTML report goes to reports/caliper/.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
cd "$ROOT_DIR"

CALIPER_VERSION=0.6.0
CALIPER_HOME=$CACHE_DIR/caliper-$CALIPER_VERSION
# The city whose clerk opens the cases (benchmark.yaml's receivingCity).
RECEIVING_CITY=haidian
NETWORK_CONFIG=$RUNTIME_DIR/caliper/$RECEIVING_CITY.json
BENCHMARK=$ROOT_DIR/gateway-service/bench/caliper/benchmark.yaml
REPORT=$ROOT_DIR/reports/caliper/report-$(date +%Y%m%d-%H%M%S).html
caliper() { "$CALIPER_HOME/node_modules/.bin/caliper" "$@"; }

step "Installing Hyperledger Caliper $CALIPER_VERSION"
if [[ -f "$CALIPER_HOME/node_modules/@hyperledger/fabric-gateway/package.json" ]]; then
  info "already in $CALIPER_HOME"
else
  info "installing into $CALIPER_HOME (about a minute)"
  mkdir -p "$CALIPER_HOME"
  # No install scripts: the Fabric connector needs none (they build the Ethereum
  # connector's native modules), and npm versions differ on running them.
  quietly npm install --prefix "$CALIPER_HOME" --no-audit --no-fund --ignore-scripts "@hyperledger/caliper-cli@$CALIPER_VERSION"
  # Caliper's binding for Fabric 2.4 and later: @hyperledger/fabric-gateway and @grpc/grpc-js at the versions it pins.
  quietly caliper bind --caliper-bind-sut fabric:fabric-gateway --caliper-bind-cwd "$CALIPER_HOME" --caliper-bind-args=--ignore-scripts
fi

step "Checking the network"
network_running || fail "no network runs in $RUNTIME_DIR: start it with 'bash scripts/start.sh'"
# A network brought up before describe-network.sh wrote Caliper's files gets them now.
[[ -f "$NETWORK_CONFIG" ]] || bash scripts/describe-network.sh
for file in $(jq -r '.. | .path? | strings' "$NETWORK_CONFIG" "$RUNTIME_DIR/connection-profiles/$RECEIVING_CITY.json"); do
  [[ -f "$file" ]] || fail "$file, named by the Caliper configuration of $RECEIVING_CITY, is missing"
done
# The workload sets up its service item and agreement through the cities' gateways.
for city in "${CITY_KEYS[@]}"; do
  http_ok "https://$(city_host "$city"):$(gateway_port "$city")/health" --cacert "$(ca_cert "$city")" || fail "the $city gateway does not answer; log: $(log_file "$(gateway_name "$city")")"
done
info "configuration: $NETWORK_CONFIG"

step "Running the Caliper benchmark"
mkdir -p "$(dirname "$REPORT")"
# The workload module finds Caliper's modules through NODE_PATH, and the
# network's runtime folder through TONGBAN_RUNTIME_DIR.
NODE_PATH=$CALIPER_HOME/node_modules TONGBAN_RUNTIME_DIR=$RUNTIME_DIR caliper launch manager \
  --caliper-workspace "$ROOT_DIR" \
  --caliper-networkconfig "$NETWORK_CONFIG" \
  --caliper-benchconfig "$BENCHMARK" \
  --caliper-report-path "$REPORT" \
  --caliper-flow-only-test \
  --caliper-fabric-gateway-enabled
info "report: $REPORT"
