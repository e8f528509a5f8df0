#!/usr/bin/env bash
# Removes a city from the running network, the reverse of add-city.sh: the
# chaincode definition no longer names its peers (its pair collections stay,
# Fabric never deletes one, with the city that stays as their only member);
# a channel configuration update, signed by a majority of the cities' admins
# other than the leaving city's, removes its organisation, so its peers and
# users can no longer endorse, submit or read; its gateway, chaincode server,
# peers and CA stop, and the other gateways restart one at a time without it.
# The records it took part in stay on the ledger, unchanged.
# Usage: remove-city.sh KEY
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/cli.sh"
source "$(dirname "$0")/lib/channel-config.sh"
here=$(dirname "$0")

leaving=${1:-}
[[ -n "$leaving" ]] || { sed -n '10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ -f "$(channel_block)" ]] || fail "no network is up in $RUNTIME_DIR: 'bash scripts/network.sh up' first"
is_city "$leaving" || fail "unknown city '$leaving' (cities: ${CITY_KEYS[*]})"
((${#CITY_KEYS[@]} > 2)) || fail "$leaving is one of the last two cities; a channel of one city shares nothing"
leaving_msp=${CITY_MSP[$leaving]}
staying=()
for city in "${CITY_KEYS[@]}"; do [[ "$city" == "$leaving" ]] || staying+=("$city"); done

started=$SECONDS
step "Removing ${CITY_NAME[$leaving]} ($leaving, $leaving_msp) from $CHANNEL_NAME"
# From here on the scripts see the city as one that left.
sed -i "s/^$leaving[[:space:]]/#removed &/" "$RUNTIME_CITIES_FILE"
source "$(dirname "$0")/lib/config.sh"

step "Chaincode: a definition without $leaving_msp's peers"
mark=$SECONDS
bash "$here/deploy-chaincode.sh"
timing_chaincode=$((SECONDS - mark))

step "Channel configuration: removing $leaving_msp"
mark=$SECONDS
dir=$(new_config_update_dir "remove-$leaving")
fetch_channel_config "${staying[0]}" "$dir"
sequence=$(config_sequence "$dir/config.json")
if has_application_org "$dir" "$leaving_msp"; then
  jq --arg msp "$leaving_msp" 'del(.channel_group.groups.Application.groups[$msp])' "$dir/config.json" >"$dir/modified.json"
  make_config_update "$dir"
  # The majority counts the leaving city, which does not sign.
  submit_by_majority "$dir" $((${#staying[@]} + 1)) "${staying[@]}"
  sequence=$((sequence + 1))
else
  info "$leaving_msp is no longer in the channel's configuration"
fi
wait_for_config_sequence "$sequence" "${staying[@]}"
timing_config=$((SECONDS - mark))

step "Stopping $leaving's processes"
# Its chaincode servers: the product's and the benchmark's, serving or of an unfinished upgrade.
# shellcheck disable=SC2046
stop_processes "$(gateway_name "$leaving")" $(find "$RUNTIME_DIR/pids" -maxdepth 1 \( -name "chaincode*.$leaving.pid" -o -name "chaincode*.$leaving.next.pid" \) \
  -printf '%f\n' | sed 's/\.pid$//')
for ((n = 0; n < PEERS_PER_CITY; n++)); do stop_process "$(peer_name "$leaving" "$n")"; done
stop_process "$(ca_name "$leaving")"

bash "$here/describe-network.sh"
bash "$here/network.sh" gateways
step "Removed $leaving ($leaving_msp) in $((SECONDS - started))s: chaincode ${timing_chaincode}s, channel update ${timing_config}s"
