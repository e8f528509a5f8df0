#!/usr/bin/env bash
# Starts orderer node K of the ordering service (Raft or SmartBFT, as the
# channel's configuration says), with no system channel: channels are joined
# later through its admin endpoint (osnadmin).
# Usage: start-orderer.sh K
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

k=${1:?usage: start-orderer.sh K}
name=$(orderer_name "$k")
node=$(node_dir "$ORDERER_ORG_KEY" "$name")
data=$(data_dir "$name")
host=$(orderer_host "$k")
ca=$node/tls/ca.crt
mkdir -p "$data"

export FABRIC_CFG_PATH=$FABRIC_CONFIG
export FABRIC_LOGGING_SPEC=$FABRIC_LOG_SPEC
export ORDERER_GENERAL_LISTENADDRESS=$host
export ORDERER_GENERAL_LISTENPORT=$(orderer_port "$k")
export ORDERER_GENERAL_LOCALMSPID=$ORDERER_MSP_ID
export ORDERER_GENERAL_LOCALMSPDIR=$node/msp
export ORDERER_GENERAL_TLS_ENABLED=true
# Peers ping the node delivering their blocks every 10 s (start-peer.sh); the default minimum is 60 s.
export ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL=5s
export ORDERER_GENERAL_TLS_CERTIFICATE=$node/tls/server.crt
export ORDERER_GENERAL_TLS_PRIVATEKEY=$node/tls/server.key
export ORDERER_GENERAL_TLS_ROOTCAS=[$ca]
export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$node/tls/server.crt
export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$node/tls/server.key
export ORDERER_GENERAL_CLUSTER_ROOTCAS=[$ca]
export ORDERER_ADMIN_LISTENADDRESS=$host:$(orderer_admin_port "$k")
export ORDERER_ADMIN_TLS_ENABLED=true
export ORDERER_ADMIN_TLS_CERTIFICATE=$node/tls/server.crt
export ORDERER_ADMIN_TLS_PRIVATEKEY=$node/tls/server.key
export ORDERER_ADMIN_TLS_ROOTCAS=[$ca]
export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
export ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$ca]
export ORDERER_OPERATIONS_LISTENADDRESS=$host:$(orderer_ops_port "$k")
export ORDERER_METRICS_PROVIDER=prometheus
export ORDERER_FILELEDGER_LOCATION=$data/ledger
# Raft keeps a write-ahead log and snapshots; SmartBFT a write-ahead log only.
if [[ "$ORDERER_TYPE" == bft ]]; then consensus=$data/smartbft; else consensus=$data/etcdraft; fi
export ORDERER_CONSENSUS_WALDIR=$consensus/wal
export ORDERER_CONSENSUS_SNAPDIR=$consensus/snapshot

start_process "$name" "$(orderer_namespace "$k")" orderer
wait_ready "$name" "orderer health endpoint" http_ok "http://$ORDERER_OPERATIONS_LISTENADDRESS/healthz"
