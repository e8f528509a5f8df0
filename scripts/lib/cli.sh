# Environment for the peer and osnadmin command-line tools, acting as an
# organisation's Fabric admin. Sourced after common.sh and config.sh.

# use_peer_admin CITY N : points the peer CLI at peer N of CITY as its org admin.
use_peer_admin() {
  local city=$1 n=$2
  local admin
  admin=$(user_dir "$city" "$ORG_ADMIN_USER")
  export FABRIC_CFG_PATH=$FABRIC_CONFIG
  # Fabric 3's CLI logs every gRPC connection step at INFO.
  export FABRIC_LOGGING_SPEC=warning
  export CORE_PEER_LOCALMSPID=${CITY_MSP[$city]}
  export CORE_PEER_MSPCONFIGPATH=$admin/msp
  export CORE_PEER_ADDRESS=$(city_host "$city"):$(peer_port "$city" "$n")
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE=$(ca_cert "$city")
  export CORE_PEER_TLS_CLIENTCERT_FILE=$admin/tls/server.crt
  export CORE_PEER_TLS_CLIENTKEY_FILE=$admin/tls/server.key
}

# The peer CLI's flags for reaching the ordering service: the orderer with the
# highest block height on the channel, so a node that is down or behind is avoided.
orderer_flags() {
  local k height best=1 best_height=-1
  for ((k = 1; k <= ORDERER_COUNT; k++)); do
    height=$(osnadmin_on "$k" list --channelID "$CHANNEL_NAME" 2>/dev/null | sed -n 's/.*"height": *\([0-9]*\).*/\1/p')
    if [[ -n "$height" ]] && ((height > best_height)); then best=$k best_height=$height; fi
  done
  echo "-o $(orderer_host "$best"):$(orderer_port "$best") --tls --cafile $(ca_cert "$ORDERER_ORG_KEY")"
}

# osnadmin_on K SUBCOMMAND ARGS... : runs osnadmin against orderer K's admin endpoint.
osnadmin_on() {
  local k=$1
  shift
  local admin
  admin=$(user_dir "$ORDERER_ORG_KEY" "$ORG_ADMIN_USER")
  osnadmin channel "$@" -o "$(orderer_host "$k"):$(orderer_admin_port "$k")" \
    --ca-file "$(ca_cert "$ORDERER_ORG_KEY")" --client-cert "$admin/tls/server.crt" --client-key "$admin/tls/server.key"
}

# ordering_leader : prints the index of the orderer that leads the channel's
# consensus (Raft or SmartBFT), from its operations endpoint; fails if none does.
ordering_leader() {
  local k metric=consensus_etcdraft_is_leader
  [[ "$ORDERER_TYPE" == bft ]] && metric=consensus_BFT_is_leader
  for ((k = 1; k <= ORDERER_COUNT; k++)); do
    if grep -q "^$metric{channel=\"$CHANNEL_NAME\"} 1" \
      <<<"$(curl -fsS --max-time 2 "http://$(orderer_host "$k"):$(orderer_ops_port "$k")/metrics")"; then
      echo "$k"
      return 0
    fi
  done
  return 1
}
