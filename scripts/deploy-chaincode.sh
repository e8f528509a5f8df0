#!/usr/bin/env bash
# Deploys the chaincode/ workspace (or CC_DIR, see lib/config.sh) with the
# Fabric lifecycle, as a service: each city gets a ccaas package pointing at
# its own chaincode server, which is installed on its peers and approved by the
# city; the definition is then committed. The version is a digest of the built
# chaincode and its definition (policy, collections) and of CHAINCODE_RELEASE
# if set, so deploying an unchanged build does nothing and a changed one
# upgrades the sequence.
#
# An upgrade keeps the network serving: each city's new server starts beside
# the serving one (the other chaincode slot, lib/config.sh), the old one keeps
# serving the committed definition while the cities approve, and stops only
# once the new definition is committed and answers on every peer. Steps
# already done are skipped, so a re-run finishes an upgrade that failed, and
# an upgrade that fails before its commit leaves the old version serving.
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
# changes the definition (a new sequence) on the next deploy; the pairs of a
# city that left stay (Fabric never deletes a collection), with the city that
# stays as their only member.
write_collections() {
  rm -f "$collections"
  local wanted
  wanted=$(jq -r '.tongban.collections // empty' "$CC_DIR/package.json")
  [[ -n "$wanted" ]] || return 0
  [[ "$wanted" == city-pairs ]] || fail "$CC_DIR/package.json asks for collections '$wanted'; the only kind is city-pairs"
  mkdir -p "$(dirname "$collections")"
  # Arguments: peers per city, the orderer organisation, the cities, then "--" and the cities that left.
  domain_eval 'domain.pairCollectionsConfig(args.slice(2, args.indexOf("--")), Number(args[0]), args.slice(args.indexOf("--") + 1), args[1])' \
    "$PEERS_PER_CITY" "$ORDERER_MSP_ID" "${CITY_MSP_IDS[@]}" -- "${FORMER_CITY_MSP_IDS[@]}" \
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
# "main", dist/ once built), of the definition (policy, collections) and of
# CHAINCODE_RELEASE, an operator's name for a rollout of the same build.
chaincode_version() {
  (
    cd "$CC_DIR"
    main_dir=$(dirname "$(jq -r .main package.json)")
    { find package.json "$main_dir" -type f -not -path '*/node_modules/*' -print0 | sort -zu | xargs -0 sha256sum
      echo "$policy"; cat "$collections" 2>/dev/null || true; echo "${CHAINCODE_RELEASE:-}"; } | sha256sum | cut -c1-12
  )
}

# Where this version's server of CITY goes: "next" (beside the serving one)
# while another definition is committed, else the serving slot.
declare -A TARGET
package_file() { echo "$(chaincode_dir "$1")/${label}_slot$(chaincode_slot "$1" "${TARGET[$1]}").tar.gz"; }
# The ID of this version's package for CITY, which its new chaincode server presents.
package_id() { cat "$(chaincode_state_dir "$1" "${TARGET[$1]}")/package-id"; }

# reproducible_tgz DIR ARCHIVE FILE... : the same files always give the same
# bytes, hence the same package ID, so a re-run finds the package installed.
reproducible_tgz() {
  local dir=$1 archive=$2
  shift 2
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n >"$archive"
}

# choose_slot CITY : where this version's server goes (TARGET), and its slot:
# on an upgrade, the slot the serving server does not use.
choose_slot() {
  local city=$1
  TARGET[$city]=
  [[ -n "$committed_sequence" ]] || return 0
  TARGET[$city]=next
  local next
  next=$(chaincode_state_dir "$city" next)
  mkdir -p "$next"
  echo $((1 - $(chaincode_slot "$city"))) >"$next/slot"
}

# package_for CITY : writes the city's ccaas package, whose connection.json
# points at the city's own chaincode server in its slot.
package_for() {
  local city=$1
  local work
  work=$(chaincode_dir "$city")/package
  rm -rf "$work" && mkdir -p "$work/src"
  printf '{"address":"%s:%s","dial_timeout":"10s","tls_required":false}\n' \
    "$(city_host "$city")" "$(chaincode_port "$city" "${TARGET[$city]}")" >"$work/src/connection.json"
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
  echo "$id" >"$(chaincode_state_dir "$city" "${TARGET[$city]}")/package-id"
}

start_server() { bash "$ROOT_DIR/scripts/start-chaincode.sh" "$1" "${TARGET[$1]}"; }

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

# promote CITY : once the committed definition names the city's next package,
# the next server becomes the serving one and the old server (idle since the
# commit) stops. Does nothing when no upgrade is pending or it is not committed.
promote() {
  local city=$1
  local next serving old new
  next=$(chaincode_state_dir "$city" next)
  serving=$(chaincode_dir "$city")
  [[ -f "$next/package-id" ]] || return 0
  [[ "$(approved_package "$city" "$committed_sequence")" == "$(<"$next/package-id")" ]] || return 0
  old=$(chaincode_process "$city")
  new=$(chaincode_process "$city" next)
  stop_process "$old"
  mv "$next/package-id" "$next/slot" "$next/running-id" "$serving/" && rmdir "$next"
  mv "$(pid_file "$new")" "$(pid_file "$old")"
  [[ -f "$(log_file "$old")" ]] && mv "$(log_file "$old")" "$RUNTIME_DIR/logs/$old.previous.log"
  mv "$(log_file "$new")" "$(log_file "$old")"
  info "$old now serves $(<"$serving/package-id") in slot $(<"$serving/slot")"
}

# discard_next CITY : stops the next server of an upgrade that was never
# committed (another version is now committed) and forgets it.
discard_next() {
  local city=$1
  local next
  next=$(chaincode_state_dir "$city" next)
  [[ -d "$next" ]] || return 0
  stop_process "$(chaincode_process "$city" next)"
  rm -rf "$next"
  info "discarded the unfinished upgrade of $(chaincode_name "$city")"
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
  # The wait is longer than the CLI's 30 s: after an orderer restarts, a peer's
  # block delivery may take that long to move to another orderer.
  # shellcheck disable=SC2046
  lifecycle_definition approveformyorg --package-id "$(package_id "$city")" $(orderer_flags) --waitForEvent \
    --waitForEventTimeout 120s ||
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
    peers+=(--peerAddresses "$(city_host "$city"):$(peer_port "$city" 0)" --tlsRootCertFiles "$(ca_cert "$city")")
  done
  use_peer_admin "${CITY_KEYS[0]}" 0
  # shellcheck disable=SC2046
  lifecycle_definition commit "${peers[@]}" $(orderer_flags) --waitForEventTimeout 120s ||
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
use_peer_admin "${CITY_KEYS[0]}" 0
committed_sequence=$(committed_field sequence)
if [[ "$(committed_field version)" == "$version" ]]; then
  # Committed, maybe by a run that stopped before the old servers were retired.
  for city in "${CITY_KEYS[@]}"; do
    promote "$city"
    discard_next "$city"
    TARGET[$city]=
    start_server "$city"
  done
  wait_until_served
  info "$label already committed at sequence $committed_sequence"
  exit 0
fi
sequence=$((${committed_sequence:-0} + 1))
for city in "${CITY_KEYS[@]}"; do
  choose_slot "$city"
  package_for "$city"
  install_on "$city"
  start_server "$city"
done
for city in "${CITY_KEYS[@]}"; do approve_for "$city"; done
commit_definition
wait_until_served
committed_sequence=$sequence
for city in "${CITY_KEYS[@]}"; do promote "$city"; done
info "committed $label at sequence $sequence"
