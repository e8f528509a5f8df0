#!/usr/bin/env bash
# Deploys the chaincode/ workspace with the Fabric lifecycle, as a service:
# each city gets a ccaas package pointing at its own chaincode server, which
# is installed on its peers and approved by the city; the definition is then
# committed. The version is a digest of the built chaincode and its definition
# (policy, collections), so deploying an unchanged build does nothing and a
# changed one upgrades the sequence.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/cli.sh"

step "Deploying chaincode $CC_NAME from $CC_DIR on $CHANNEL_NAME"
(cd "$CC_DIR" && npm run build --if-present --silent) || fail "building $CC_DIR failed"
# A chaincode whose package.json asks for them ("tongban": {"collections":
# "city-pairs"}) gets the domain's pair collections of the cities of
# cities.conf, so a city joining changes the definition (a new sequence) on the
# next deploy.
collections=$RUNTIME_DIR/chaincode/$CC_NAME/collections.json
rm -f "$collections"
collection_set=$(jq -r '.tongban.collections // empty' "$CC_DIR/package.json")
if [[ -n "$collection_set" ]]; then
  [[ "$collection_set" == city-pairs ]] || fail "$CC_DIR/package.json asks for collections '$collection_set'; the only kind is city-pairs"
  mkdir -p "$(dirname "$collections")"
  domain_eval 'domain.pairCollectionsConfig(args.slice(1), Number(args[0]))' "$PEERS_PER_CITY" "${CITY_MSP_IDS[@]}" \
    >"$collections" || fail "the domain module could not make the pair collections of $CC_NAME"
fi
# Any one city's peer may endorse a new key; every record then sets a key-level
# policy naming the cities it binds (a case: its receiving and handling city),
# so "no city changes a joint record alone" holds however many cities join.
policy="OR($(printf "'%s.peer'," "${CITY_MSP_IDS[@]}" | sed 's/,$//'))"
# What runs: package.json and the folder of its "main" (dist/ once built).
version=$(
  cd "$CC_DIR"
  main_dir=$(dirname "$(jq -r .main package.json)")
  { find package.json "$main_dir" -type f -not -path '*/node_modules/*' -print0 | sort -zu | xargs -0 sha256sum
    echo "$policy"; cat "$collections" 2>/dev/null || true; } | sha256sum | cut -c1-12
)
label=${CC_NAME}_$version

# reproducible_tgz DIR ARCHIVE FILE... : the same files always give the same
# bytes, hence the same package ID, so a re-run finds the package installed.
reproducible_tgz() {
  local dir=$1 archive=$2
  shift 2
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n >"$archive"
}

# package_for CITY : writes the city's ccaas package and prints its package ID.
package_for() {
  local city=$1
  local dir
  dir=$(chaincode_dir "$city")
  local work=$dir/package
  rm -rf "$work" && mkdir -p "$work/src"
  printf '{"address":"%s:%s","dial_timeout":"10s","tls_required":false}\n' \
    "$NETWORK_HOST" "$(chaincode_port "$city")" >"$work/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/metadata.json"
  reproducible_tgz "$work/src" "$work/code.tar.gz" connection.json
  reproducible_tgz "$work" "$dir/$label.tar.gz" metadata.json code.tar.gz
  peer lifecycle chaincode calculatepackageid "$dir/$label.tar.gz"
}

# A field of the committed definition, empty while none is committed.
committed_field() {
  local json
  json=$(peer lifecycle chaincode querycommitted -C "$CHANNEL_NAME" -n "$CC_NAME" -O json 2>/dev/null) || return 0
  jq -r ".$1 // empty" <<<"$json"
}

use_peer_admin "${CITY_KEYS[0]}" 0
current_version=$(committed_field version)
current_sequence=$(committed_field sequence)

for city in "${CITY_KEYS[@]}"; do
  use_peer_admin "$city" 0
  package_id=$(package_for "$city")
  for ((n = 0; n < PEERS_PER_CITY; n++)); do
    use_peer_admin "$city" "$n"
    if ! peer lifecycle chaincode queryinstalled -O json | jq -e --arg id "$package_id" '.installed_chaincodes[]? | select(.package_id == $id)' >/dev/null; then
      peer lifecycle chaincode install "$(chaincode_dir "$city")/$label.tar.gz" >/dev/null 2>&1 ||
        fail "installing $label on $(peer_name "$city" "$n") failed; log: $(log_file "$(peer_name "$city" "$n")")"
      info "installed $label on $(peer_name "$city" "$n")"
    fi
  done
  echo "$package_id" >"$(chaincode_dir "$city")/package-id"
  bash "$ROOT_DIR/scripts/start-chaincode.sh" "$city"
done

# approved_package CITY : the package ID the city approved for the committed sequence.
approved_package() {
  use_peer_admin "$1" 0
  peer lifecycle chaincode queryapproved -C "$CHANNEL_NAME" -n "$CC_NAME" -O json 2>/dev/null |
    jq -r '.source.Type.LocalPackage.package_id // empty' || true
}

up_to_date=$([[ "$current_version" == "$version" ]] && echo yes || echo no)
for city in "${CITY_KEYS[@]}"; do
  [[ "$(approved_package "$city")" == "$(<"$(chaincode_dir "$city")/package-id")" ]] || up_to_date=no
done
# wait_until_served : every peer runs the committed definition against its
# city's (possibly just restarted) chaincode server.
wait_until_served() {
  local city n
  for city in "${CITY_KEYS[@]}"; do
    for ((n = 0; n < PEERS_PER_CITY; n++)); do
      use_peer_admin "$city" "$n"
      wait_ready "$(peer_name "$city" "$n")" "chaincode $CC_NAME answering" \
        peer chaincode query -C "$CHANNEL_NAME" -n "$CC_NAME" -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}'
    done
  done
}

if [[ "$up_to_date" == yes ]]; then
  wait_until_served
  info "$label already committed at sequence $current_sequence"
  exit 0
fi
sequence=$((${current_sequence:-0} + 1))
definition=(--channelID "$CHANNEL_NAME" --name "$CC_NAME" --version "$version" --sequence "$sequence"
  --signature-policy "$policy")
[[ -f "$collections" ]] && definition+=(--collections-config "$collections")

# shellcheck disable=SC2046
for city in "${CITY_KEYS[@]}"; do
  use_peer_admin "$city" 0
  peer lifecycle chaincode approveformyorg "${definition[@]}" --package-id "$(<"$(chaincode_dir "$city")/package-id")" \
    $(orderer_flags) --waitForEvent >/dev/null 2>&1 || fail "${CITY_MSP[$city]} could not approve $label (sequence $sequence)"
  info "${CITY_MSP[$city]} approved $label (sequence $sequence)"
done

commit_peers=()
for city in "${CITY_KEYS[@]}"; do
  commit_peers+=(--peerAddresses "$NETWORK_HOST:$(peer_port "$city" 0)" --tlsRootCertFiles "$(ca_cert "$city")")
done
use_peer_admin "${CITY_KEYS[0]}" 0
# shellcheck disable=SC2046
peer lifecycle chaincode commit "${definition[@]}" "${commit_peers[@]}" $(orderer_flags) >/dev/null 2>&1 ||
  fail "committing $label (sequence $sequence) failed"
for city in "${CITY_KEYS[@]}"; do
  for ((n = 0; n < PEERS_PER_CITY; n++)); do
    use_peer_admin "$city" "$n"
    wait_ready "$(peer_name "$city" "$n")" "sequence $sequence of $CC_NAME" \
      bash -c "peer lifecycle chaincode querycommitted -C '$CHANNEL_NAME' -n '$CC_NAME' -O json | jq -e '.sequence == $sequence'"
  done
done
wait_until_served
info "committed $label at sequence $sequence"
