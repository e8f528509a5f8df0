#!/usr/bin/env bash
# Deploys the chaincode/ workspace (or CC_DIR, see lib/config.sh) with the
# Fabric lifecycle, as a service: each city gets a ccaas package pointing at
# its own chaincode server, which is installed on its peers and approved by the
# city; the definition is then committed. The version is a digest of the built
# chaincode and its definition (policy, collections), so deploying an
# unchanged build does nothing and a changed one upgrades the sequence. Steps
# already done are skipped, so a re-run finishes a deploy that failed.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/cli.sh"

collections=$RUNTIME_DIR/chaincode/$CC_NAME/collections.json

build_chaincode() {
  (cd "$CC_DIR" && npm run build --if-present --silent) || fail "building $CC_DIR failed"
}

# write_collections : the private data collections of a chaincode whose
# package.json asks for them ("tongban": {"collections": "city-pairs"}): the
# domain's pair collections of the cities of cities.conf, so a city joining
# changes the definition (a new sequence) on the next deploy.
write_collections() {
  rm -f "$collections"
  local wanted
  wanted=$(jq -r '.tongban.collections // empty' "$CC_DIR/package.json")
  [[ -n "$wanted" ]] || return 0
  [[ "$wanted" == city-pairs ]] || fail "$CC_DIR/package.json asks for collections '$wanted'; the only kind is city-pairs"
  mkdir -p "$(dirname "$collections")"
  domain_eval 'domain.pairCollectionsConfig(args.slice(1), Number(args[0]))' "$PEERS_PER_CITY" "${CITY_MSP_IDS[@]}" \
    >"$collections" || fail "the domain module could not make the pair collections of $CC_NAME"
}

# endorsement_policy : any one city's peer may endorse a new key; every record
# then sets a key-level policy naming the cities it binds (a case: its
# receiving and handling city), so "no city changes a joint record alone"
# holds however many cities join.
endorsement_policy() {
  echo "OR($(printf "'%s.peer'," "${CITY_MSP_IDS[@]}" | sed 's/,$//'))"
}

# chaincode_version : a digest of what runs (package.json and the folder of its
# "main", dist/ once built) and of the definition (policy, collections).
chaincode_version() {
  (
    cd "$CC_DIR"
    main_dir=$(dirname "$(jq -r .main package.json)")
    { find package.json "$main_dir" -type f -not -path '*/node_modules/*' -print0 | sort -zu | xargs -0 sha256sum
      echo "$policy"; cat "$collections" 2>/dev/null || true; } | sha256sum | cut -c1-12
  )
}

package_file() { echo "$(chaincode_dir "$1")/$label.tar.gz"; }
# The ID of the package installed on CITY's peers, which its chaincode server presents.
package_id() { cat "$(chaincode_dir "$1")/package-id"; }

# reproducible_tgz DIR ARCHIVE FILE... : the same files always give the same
# bytes, hence the same package ID, so a re-run finds the package installed.
reproducible_tgz() {
  local dir=$1 archive=$2
  shift 2
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n >"$archive"
}

# package_for CITY : writes the city's ccaas package, whose connection.json
# points at the city's own chaincode server.
package_for() {
  local city=$1
  local work
  work=$(chaincode_dir "$city")/package
  rm -rf "$work" && mkdir -p "$work/src"
  printf '{"address":"%s:%s","dial_timeout":"10s","tls_required":false}\n' \
    "$NETWORK_HOST" "$(chaincode_port "$city")" >"$work/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/metadata.json"
  reproducible_tgz "$work/src" "$work/code.tar.gz" connection.json
  reproducible_tgz "$work" "$(package_file "$city")" metadata.json code.tar.gz
}

# install_on CITY : installs the city's package on each of its peers that lacks
# it, then records its ID for the city's chaincode server.
install_on() {
  local city=$1 n name id
  use_peer_admin "$city" 0
  id=$(peer lifecycle chaincode calculatepackageid "$(package_file "$city")")
  for ((n = 0; n < PEERS_PER_CITY; n++)); do
    use_peer_admin "$city" "$n"
    name=$(peer_name "$city" "$n")
    if ! peer lifecycle chaincode queryinstalled -O json | jq -e --arg id "$id" '.installed_chaincodes[]? | select(.package_id == $id)' >/dev/null; then
      quietly peer lifecycle chaincode install "$(package_file "$city")" ||
        fail "installing $label on $name failed; log: $(log_file "$name")"
      info "installed $label on $name"
    fi
  done
  echo "$id" >"$(chaincode_dir "$city")/package-id"
}

start_servers() {
  local city
  for city in "${CITY_KEYS[@]}"; do bash "$ROOT_DIR/scripts/start-chaincode.sh" "$city"; done
}

# committed_field FIELD : a field of the definition committed on the peer the
# CLI points at (use_peer_admin), empty while none is committed.
committed_field() {
  local json
  json=$(peer lifecycle chaincode querycommitted -C "$CHANNEL_NAME" -n "$CC_NAME" -O json 2>/dev/null) || return 0
  jq -r ".$1 // empty" <<<"$json"
}

committed_at() { [[ "$(committed_field sequence)" == "$1" ]]; }

# approved_package CITY [SEQUENCE] : the package ID the city approved at
# SEQUENCE (by default, for the committed or the next sequence), empty if none.
approved_package() {
  use_peer_admin "$1" 0
  peer lifecycle chaincode queryapproved -C "$CHANNEL_NAME" -n "$CC_NAME" ${2:+--sequence "$2"} -O json 2>/dev/null |
    jq -r '.source.Type.LocalPackage.package_id // empty' || true
}

# already_committed : true when the committed definition is this version and
# every city approved it with the package its peers and server have.
already_committed() {
  local city
  use_peer_admin "${CITY_KEYS[0]}" 0
  [[ "$(committed_field version)" == "$version" ]] || return 1
  for city in "${CITY_KEYS[@]}"; do
    [[ "$(approved_package "$city")" == "$(package_id "$city")" ]] || return 1
  done
}

# lifecycle_definition SUBCOMMAND ARGS... : runs the peer CLI's lifecycle
# SUBCOMMAND on this definition: version, sequence, policy and collections.
lifecycle_definition() {
  local subcommand=$1
  shift
  local definition=(--channelID "$CHANNEL_NAME" --name "$CC_NAME" --version "$version" --sequence "$sequence"
    --signature-policy "$policy")
  [[ -f "$collections" ]] && definition+=(--collections-config "$collections")
  quietly peer lifecycle chaincode "$subcommand" "${definition[@]}" "$@"
}

# approve_for CITY : the city approves the definition with its package, unless
# it already did (Fabric refuses the same approval twice).
approve_for() {
  local city=$1
  local msp=${CITY_MSP[$city]}
  if [[ "$(approved_package "$city" "$sequence")" == "$(package_id "$city")" ]]; then
    info "$msp already approved $label (sequence $sequence)"
    return 0
  fi
  use_peer_admin "$city" 0
  # shellcheck disable=SC2046
  lifecycle_definition approveformyorg --package-id "$(package_id "$city")" $(orderer_flags) --waitForEvent ||
    fail "$msp could not approve $label (sequence $sequence); log: $(log_file "$(peer_name "$city" 0)")"
  info "$msp approved $label (sequence $sequence)"
}

# wait_on_every_peer WHAT COMMAND... : waits, peer after peer, until COMMAND
# succeeds as the peer's admin.
wait_on_every_peer() {
  local what=$1 city n
  shift
  for city in "${CITY_KEYS[@]}"; do
    for ((n = 0; n < PEERS_PER_CITY; n++)); do
      use_peer_admin "$city" "$n"
      wait_ready "$(peer_name "$city" "$n")" "$what" "$@"
    done
  done
}

# commit_definition : commits the definition, endorsed by a peer of every city,
# and waits until every peer has it.
commit_definition() {
  local city peers=()
  for city in "${CITY_KEYS[@]}"; do
    peers+=(--peerAddresses "$NETWORK_HOST:$(peer_port "$city" 0)" --tlsRootCertFiles "$(ca_cert "$city")")
  done
  use_peer_admin "${CITY_KEYS[0]}" 0
  # shellcheck disable=SC2046
  lifecycle_definition commit "${peers[@]}" $(orderer_flags) ||
    fail "committing $label (sequence $sequence) failed; log: $(log_file "$(peer_name "${CITY_KEYS[0]}" 0)")"
  wait_on_every_peer "sequence $sequence of $CC_NAME" committed_at "$sequence"
}

# wait_until_served : every peer runs the committed definition against its
# city's (possibly just restarted) chaincode server.
wait_until_served() {
  wait_on_every_peer "chaincode $CC_NAME answering" \
    peer chaincode query -C "$CHANNEL_NAME" -n "$CC_NAME" -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}'
}

step "Deploying chaincode $CC_NAME from $CC_DIR on $CHANNEL_NAME"
build_chaincode
write_collections
policy=$(endorsement_policy)
version=$(chaincode_version)
label=${CC_NAME}_$version
for city in "${CITY_KEYS[@]}"; do package_for "$city"; done
for city in "${CITY_KEYS[@]}"; do install_on "$city"; done
start_servers
use_peer_admin "${CITY_KEYS[0]}" 0
committed_sequence=$(committed_field sequence)
if already_committed; then
  wait_until_served
  info "$label already committed at sequence $committed_sequence"
  exit 0
fi
sequence=$((${committed_sequence:-0} + 1))
for city in "${CITY_KEYS[@]}"; do approve_for "$city"; done
commit_definition
wait_until_served
info "committed $label at sequence $sequence"
