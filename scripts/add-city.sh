#!/usr/bin/env bash
# Adds a city to the running network, as a consortium does when a new city
# signs up: its CA, identities and peers start; the channel configuration
# gains its organisation through an update signed by a majority of the
# cities' admins, each with its own identity; its peers join from a ledger
# snapshot of an existing peer (Fabric's snapshot join: no replay of every
# block); the chaincode definition gains its pair collections in a new
# sequence, approved by every city; its chaincode server and gateway start,
# and the other gateways restart one at a time to know its gateway's URL (they
# trust its TLS certificate by the channel's configuration, restart or not).
# Usage: add-city.sh KEY MSP_ID NAME... [--host HOST] [--port-base N]
#   KEY        the city's key (lowercase letters), as in network/cities.conf
#   MSP_ID     its organisation's MSP ID, such as ChangshaMSP
#   NAME       its display name (the rest of the words)
#   --host     where its nodes listen and are reached (default NETWORK_HOST;
#              the netns mode gives it an address of its own)
#   --port-base  its ports' base, a multiple of 100 (default: 100 above the highest)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/cli.sh"
source "$(dirname "$0")/lib/channel-config.sh"
source "$(dirname "$0")/lib/netns.sh"
here=$(dirname "$0")

usage() { sed -n '10,16p' "$0" | sed 's/^# \{0,1\}//'; }
new=${1:-} new_msp=${2:-}
[[ -n "$new" && -n "$new_msp" ]] || { usage >&2; exit 2; }
shift 2
name_words=() new_host=- new_port_base=
while (($#)); do
  case $1 in
    --host) new_host=${2:?--host needs a host}; shift 2 ;;
    --port-base) new_port_base=${2:?--port-base needs a number}; shift 2 ;;
    -*) usage >&2; fail "unknown option $1" ;;
    *) name_words+=("$1"); shift ;;
  esac
done
new_name=${name_words[*]:-}

[[ -f "$(channel_block)" ]] || fail "no network is up in $RUNTIME_DIR: 'bash scripts/network.sh up' first"
[[ "$new" =~ ^[a-z][a-z0-9]{1,19}$ ]] || fail "city key '$new' must be 2-20 lowercase letters or digits, starting with a letter"
[[ "$new_msp" =~ ^[A-Za-z][A-Za-z0-9.-]{1,63}$ ]] || fail "MSP ID '$new_msp' must be a letter followed by letters, digits, dots or hyphens"
[[ -n "$new_name" ]] || fail "the city needs a display name (the words after its MSP ID)"
# A city already listed with this MSP ID is an addition that stopped half-way: it resumes.
resuming=no
if is_city "$new"; then
  [[ "${CITY_MSP[$new]}" == "$new_msp" ]] || fail "city $new is already in the network, as ${CITY_MSP[$new]}"
  resuming=yes
fi
for existing in "${CITY_KEYS[@]}"; do
  [[ "$existing" == "$new" || "${CITY_MSP[$existing]}" != "$new_msp" ]] || fail "MSP ID $new_msp is already city $existing's"
done
if [[ "$resuming" == no ]]; then
  highest=$ORDERER_PORT_BASE
  for existing in "${CITY_KEYS[@]}"; do
    if ((CITY_PORT_BASE[$existing] > highest)); then highest=${CITY_PORT_BASE[$existing]}; fi
  done
  new_port_base=${new_port_base:-$((highest + 100))}
  [[ "$new_port_base" =~ ^[0-9]+$ ]] && ((new_port_base % 100 == 0 && new_port_base > ORDERER_PORT_BASE && new_port_base <= 60000)) ||
    fail "port base $new_port_base must be a multiple of 100 above $ORDERER_PORT_BASE and at most 60000"
  for existing in "${CITY_KEYS[@]}"; do
    ((CITY_PORT_BASE[$existing] != new_port_base)) || fail "port base $new_port_base is already city $existing's"
  done
  ! netns_mode || ((new_port_base <= ORDERER_PORT_BASE + 15400)) ||
    fail "in the netns mode a city's address comes from its port base: $new_port_base is past the subnet's last address"
fi

# The cities already in the channel: the new one is always the last line.
members=()
for existing in "${CITY_KEYS[@]}"; do [[ "$existing" == "$new" ]] || members+=("$existing"); done
started=$SECONDS
step "Adding $new_name ($new, $new_msp) to $CHANNEL_NAME"
if [[ "$resuming" == no ]]; then
  printf '%-10s %-13s %-10s %-5s %s\n' "$new" "$new_msp" "$new_port_base" "$new_host" "$new_name" >>"$RUNTIME_CITIES_FILE"
  # The configuration now names the city: every later step (and script) sees it.
  source "$(dirname "$0")/lib/config.sh"
else
  info "resuming: $new is listed in $RUNTIME_CITIES_FILE"
fi
if netns_mode; then netns_up; fi

step "Its certificate authority, identities and peers"
bash "$here/start-ca.sh" "$new"
bash "$here/enroll.sh" "$new"
for ((n = 0; n < PEERS_PER_CITY; n++)); do bash "$here/start-peer.sh" "$new" "$n"; done
timing_ca_and_peers=$((SECONDS - started))

step "Channel configuration: adding $new_msp"
mark=$SECONDS
dir=$(new_config_update_dir "add-$new")
fetch_channel_config "${members[0]}" "$dir"
if has_application_org "$dir" "$new_msp"; then
  info "$new_msp is already in the channel's configuration"
  sequence=$(config_sequence "$dir/config.json")
else
  { echo "Organizations:"; write_city_org "$new"; } >"$dir/configtx.yaml"
  FABRIC_CFG_PATH=$dir configtxgen -printOrg "$new_msp" >"$dir/organisation.json" 2>"$dir/configtxgen.log" ||
    fail "configtxgen could not describe $new_msp; log: $dir/configtxgen.log"
  jq --arg msp "$new_msp" --slurpfile org "$dir/organisation.json" '.channel_group.groups.Application.groups[$msp] = $org[0]' \
    "$dir/config.json" >"$dir/modified.json"
  make_config_update "$dir"
  submit_by_majority "$dir" "${#members[@]}" "${members[@]}"
  sequence=$(($(config_sequence "$dir/config.json") + 1))
fi
wait_for_config_sequence "$sequence" "${members[@]}"
timing_config=$((SECONDS - mark))

step "Joining $new's peers from a snapshot of $(peer_name "${members[0]}" 0)"
mark=$SECONDS
source_peer=$(peer_name "${members[0]}" 0)
snapshots=$(data_dir "$source_peer")/snapshots/completed/$CHANNEL_NAME
peer_joined() { peer channel list 2>/dev/null | grep -qx "$CHANNEL_NAME"; }
newest_snapshot() { [[ -d "$snapshots" ]] && find "$snapshots" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -n | tail -n 1; }
use_peer_admin "$new" 0
if ! peer_joined; then
  use_peer_admin "${members[0]}" 0
  before=$(newest_snapshot || true)
  # Block 0 asks for a snapshot at the last committed block, which holds the update above.
  quietly peer snapshot submitrequest -c "$CHANNEL_NAME" -b 0 --peerAddress "$(city_host "${members[0]}"):$(peer_port "${members[0]}" 0)" \
    --tlsRootCertFile "$(ca_cert "${members[0]}")" || fail "$source_peer refused the snapshot request"
  snapshot_ready() { [[ "$(newest_snapshot)" != "$before" ]]; }
  wait_ready "$source_peer" "a snapshot of $CHANNEL_NAME" snapshot_ready
  snapshot=$snapshots/$(newest_snapshot)
  info "snapshot at block $(basename "$snapshot"): $(du -sh "$snapshot" | cut -f1)"
fi
for ((n = 0; n < PEERS_PER_CITY; n++)); do
  use_peer_admin "$new" "$n"
  if ! peer_joined; then
    quietly peer channel joinbysnapshot --snapshotpath "$snapshot" || fail "$(peer_name "$new" "$n") could not join from $snapshot"
  fi
  join_done() { peer channel joinbysnapshotstatus 2>/dev/null | grep -q 'No joinbysnapshot operation is in progress' && peer_joined; }
  wait_ready "$(peer_name "$new" "$n")" "the end of its snapshot join" join_done
  info "$(peer_name "$new" "$n") joined $CHANNEL_NAME"
done
wait_for_config_sequence "$sequence" "$new"
timing_join=$((SECONDS - mark))

step "Chaincode: $new's server, pair collections and a new definition"
mark=$SECONDS
bash "$here/deploy-chaincode.sh"
timing_chaincode=$((SECONDS - mark))

mark=$SECONDS
bash "$here/network.sh" gossip
bash "$here/describe-network.sh"
bash "$here/network.sh" gateways
timing_gateways=$((SECONDS - mark))
step "Added $new ($new_msp) in $((SECONDS - started))s: CA and peers ${timing_ca_and_peers}s, channel update ${timing_config}s, snapshot join ${timing_join}s, chaincode ${timing_chaincode}s, gateways ${timing_gateways}s"
