#!/usr/bin/env bash
# Brings the Tongban test network up and down. Every process runs natively on
# its node's host, with its pid and log under network/runtime/.
#
# Usage: network.sh up [--orderer-type raft|bft] [--netns] [--peers N] [--batch-timeout DURATION]
#        network.sh down      stop every process this network started
#        network.sh clean     down, then delete crypto material, ledgers, logs and namespaces
#        network.sh status    what runs, with pids and addresses
#        network.sh gateways  start the gateways, restarting those whose build changed
#        network.sh stop NAME stop one process of this network (see status)
#        network.sh revoke CITY USER [--reason REASON] [--force]
#                             revoke USER's certificates: CITY's CA, then the channel's CRL
#        network.sh add-city KEY MSP_ID NAME... [--host HOST] [--port-base N]
#                             add a city to the running network (scripts/add-city.sh)
#        network.sh remove-city KEY
#                             remove a city from the running network (scripts/remove-city.sh)
#        network.sh bundle CITY [--prefix DIR] [--out FILE]
#                             what to copy to the city's own host (scripts/bundle-city.sh)
#        network.sh invite CITY ROLE NAME
#                             invite a person to CITY's staff: prints their ID and one-time secret
#        network.sh gossip    wait until every peer knows every other peer
#        network.sh partition NODE  (netns mode) cut a city or ordererK off from every other node
#        network.sh heal NODE       (netns mode) undo the cut
# --netns (or TONGBAN_NETNS=1): each city and each orderer in a network
# namespace of its own (lib/netns.sh).
set -euo pipefail
# The orderer type and the netns mode decide the configuration (the number
# of nodes, their hosts), so their flags are taken before it is read.
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[i]}" == --orderer-type ]] && export ORDERER_TYPE=${args[i + 1]:-}
  [[ "${args[i]}" == --netns ]] && export TONGBAN_NETNS=1
done
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/netns.sh"

here=$(dirname "$0")

usage() { sed -n '5,25p' "$0" | sed 's/^# \{0,1\}//'; }

up() {
  while (($#)); do
    case $1 in
      --orderer-type) shift 2 ;; # read above
      --netns) shift ;;          # read above
      --peers) PEERS_PER_CITY=${2:?--peers needs a number}; shift 2 ;;
      --batch-timeout) BATCH_TIMEOUT=${2:?--batch-timeout needs a duration such as 250ms}; shift 2 ;;
      *) usage >&2; fail "unknown option $1" ;;
    esac
  done
  require_same_network
  local started=$SECONDS
  bash "$here/build-fabric.sh"
  mkdir -p "$RUNTIME_DIR"
  if [[ ! -f "$RUNTIME_DIR/network.env" ]]; then
    {
      echo "# Settings this network was created with; 'network.sh clean' forgets them."
      echo "ORDERER_TYPE=$ORDERER_TYPE"
      echo "ORDERER_COUNT=$ORDERER_COUNT"
      echo "TONGBAN_NETNS=$TONGBAN_NETNS"
      echo "PEERS_PER_CITY=\${PEERS_PER_CITY:-$PEERS_PER_CITY}"
      echo "BATCH_TIMEOUT=\${BATCH_TIMEOUT:-$BATCH_TIMEOUT}"
    } >"$RUNTIME_DIR/network.env"
    cp "$CITIES_FILE" "$RUNTIME_CITIES_FILE"
  fi
  if netns_mode; then netns_up; fi

  step "Starting certificate authorities"
  local org city k n
  for org in "${ALL_ORGS[@]}"; do bash "$here/start-ca.sh" "$org"; done
  for org in "${ALL_ORGS[@]}"; do bash "$here/enroll.sh" "$org"; done

  step "Starting the ordering service ($ORDERER_COUNT $ORDERER_TYPE nodes)"
  for ((k = 1; k <= ORDERER_COUNT; k++)); do bash "$here/start-orderer.sh" "$k"; done

  step "Starting peers ($PEERS_PER_CITY per city)"
  for city in "${CITY_KEYS[@]}"; do
    for ((n = 0; n < PEERS_PER_CITY; n++)); do bash "$here/start-peer.sh" "$city" "$n"; done
  done

  bash "$here/create-channel.sh"
  bash "$here/deploy-chaincode.sh"
  wait_for_gossip
  bash "$here/describe-network.sh"

  gateways
  step "Network up in $((SECONDS - started))s"
  status
}

# The Gateway plans endorsements from what a peer learned by gossip: wait until
# every peer knows every other peer of the channel (its membership metric).
wait_for_gossip() {
  step "Waiting for the peers to discover each other"
  local city n others=$((${#CITY_KEYS[@]} * PEERS_PER_CITY - 1))
  peers_known() {
    curl -fsS --max-time 2 "http://$(city_host "$1"):$(peer_ops_port "$1" "$2")/metrics" |
      grep -q "^gossip_membership_total_peers_known{channel=\"$CHANNEL_NAME\"} $others\$"
  }
  for city in "${CITY_KEYS[@]}"; do
    for ((n = 0; n < PEERS_PER_CITY; n++)); do
      wait_ready "$(peer_name "$city" "$n")" "gossip membership of $others peers" peers_known "$city" "$n"
    done
  done
}

# Starts every city's gateway service that is not running, and restarts, one
# city at a time, those whose build or configuration changed (start-gateway.sh).
gateways() {
  step "Starting gateway services"
  [[ -f "$ROOT_DIR/gateway-service/dist/main.js" ]] || (cd "$ROOT_DIR" && npm run build --silent -w gateway-service)
  local city
  for city in "${CITY_KEYS[@]}"; do bash "$here/start-gateway.sh" "$city"; done
}

# The tiers of processes, in the order they stop: gateways first, CAs last
# ("chaincode" also covers the benchmark's chaincode-baseline.* servers).
STOP_TIERS=(gateway. chaincode peer orderer ca.)

# Every pid file of ours whose name starts with $1 (all tiers without it).
started_processes() {
  local prefix
  for prefix in "${@:-${STOP_TIERS[@]}}"; do
    find "$RUNTIME_DIR/pids" -maxdepth 1 -name "$prefix*.pid" -printf '%f\n' 2>/dev/null | sed 's/\.pid$//' | sort
  done
}

down() {
  step "Stopping the network"
  local tier
  # shellcheck disable=SC2046
  for tier in "${STOP_TIERS[@]}"; do stop_processes $(started_processes "$tier"); done
}

clean() {
  down
  netns_remove
  step "Removing $RUNTIME_DIR"
  rm -rf "$RUNTIME_DIR"
}

status() {
  local name pid
  printf '%-18s %-8s %-8s %-42s %s\n' PROCESS STATE PID ADDRESS LOG
  for name in $( (network_processes; started_processes) | awk '!seen[$0]++'); do
    if pid=$(running_pid "$name"); then
      printf '%-18s %-8s %-8s %-42s %s\n' "$name" running "$pid" "$(process_address "$name")" "$(log_file "$name")"
    else
      printf '%-18s %-8s %-8s %-42s %s\n' "$name" stopped - "$(process_address "$name")" "$(log_file "$name")"
    fi
  done
}

command=${1:-}
shift || true
case $command in
  up) up "$@" ;;
  down) down ;;
  clean) clean ;;
  status) status ;;
  gateways) gateways ;;
  stop) stop_process "${1:?usage: network.sh stop NAME}" ;;
  revoke) exec bash "$here/revoke-certificate.sh" "$@" ;;
  add-city) exec bash "$here/add-city.sh" "$@" ;;
  remove-city) exec bash "$here/remove-city.sh" "$@" ;;
  bundle) exec bash "$here/bundle-city.sh" "$@" ;;
  invite) exec bash "$here/invite-staff.sh" "$@" ;;
  gossip) wait_for_gossip ;;
  partition) netns_cut "${1:?usage: network.sh partition NODE}" replace && info "${1} is cut off from the other nodes" ;;
  heal) netns_cut "${1:?usage: network.sh heal NODE}" del && info "${1} reaches the other nodes again" ;;
  *) usage >&2; exit 2 ;;
esac
