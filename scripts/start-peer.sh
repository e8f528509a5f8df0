#!/usr/bin/env bash
# Starts peer N of a city, with LevelDB state, TLS, the Fabric Gateway service,
# and the chaincode-as-a-service external builder of network/builders/ccaas.
# Usage: start-peer.sh CITY N
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

city=${1:?usage: start-peer.sh CITY N}
n=${2:?usage: start-peer.sh CITY N}
name=$(peer_name "$city" "$n")
node=$(node_dir "$city" "$name")
data=$(data_dir "$name")
host=$(city_host "$city")
address=$host:$(peer_port "$city" "$n")
mkdir -p "$data"

export FABRIC_CFG_PATH=$FABRIC_CONFIG
export FABRIC_LOGGING_SPEC=$FABRIC_LOG_SPEC
export CORE_PEER_ID=$name
export CORE_PEER_ADDRESS=$address
export CORE_PEER_LISTENADDRESS=$address
export CORE_PEER_CHAINCODEADDRESS=$host:$(peer_chaincode_port "$city" "$n")
export CORE_PEER_CHAINCODELISTENADDRESS=$CORE_PEER_CHAINCODEADDRESS
export CORE_PEER_LOCALMSPID=$(msp_id "$city")
export CORE_PEER_MSPCONFIGPATH=$node/msp
export CORE_PEER_FILESYSTEMPATH=$data/production
export CORE_LEDGER_SNAPSHOTS_ROOTDIR=$data/snapshots
export CORE_LEDGER_STATE_STATEDATABASE=goleveldb
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_TLS_CERT_FILE=$node/tls/server.crt
export CORE_PEER_TLS_KEY_FILE=$node/tls/server.key
export CORE_PEER_TLS_ROOTCERT_FILE=$node/tls/ca.crt
# Gossip: every peer of the city bootstraps from peer0; anchor peers (in the
# channel configuration) let the cities' peers find each other.
export CORE_PEER_GOSSIP_BOOTSTRAP=$host:$(peer_port "$city" 0)
export CORE_PEER_GOSSIP_EXTERNALENDPOINT=$address
# Faster gossip than the defaults (5s alive, 25s reconnect), so that after a
# start every peer learns the other cities' peers, which the Gateway's
# endorsement plans need, within seconds.
export CORE_PEER_GOSSIP_ALIVETIMEINTERVAL=1s
export CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT=5s
export CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s
export CORE_PEER_GATEWAY_ENABLED=true
# Ping the ordering node that delivers blocks every 10 s, and give it up after
# 5 s more without an answer (defaults: 60 s and 20 s): a node cut off by the
# network does not close the connection, and until the peer notices it gets no
# blocks and no commit is confirmed. The orderers allow pings this often.
export CORE_PEER_KEEPALIVE_DELIVERYCLIENT_INTERVAL=10s
export CORE_PEER_KEEPALIVE_DELIVERYCLIENT_TIMEOUT=5s
export CORE_OPERATIONS_LISTENADDRESS=$host:$(peer_ops_port "$city" "$n")
export CORE_METRICS_PROVIDER=prometheus
export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: tongban-ccaas, path: $NETWORK_DIR/builders/ccaas}]"

start_process "$name" "$(city_namespace "$city")" peer node start
wait_ready "$name" "peer health endpoint" http_ok "http://$CORE_OPERATIONS_LISTENADDRESS/healthz"
