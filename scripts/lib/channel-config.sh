# Channel configuration updates, made as separate organisations make them:
# fetch the channel's latest configuration, change it, compute the update,
# have the admin of each organisation the policy needs sign it with that
# organisation's own identity, submit it, and wait until every peer applies
# it. Each update's files stay in a folder of their own under the channel's
# (what changed, and what was signed). Sourced after common.sh, config.sh and cli.sh.

# write_city_org CITY : the city's organisation as configtxgen reads it (an
# entry of configtx.yaml's Organizations): its MSP, policies and anchor peer.
write_city_org() {
  local city=$1 msp=${CITY_MSP[$1]}
  echo "  - &$city"
  echo "    Name: $msp"
  echo "    ID: $msp"
  echo "    MSPDir: $(org_msp_dir "$city")"
  echo "    Policies:"
  echo "      Readers: {Type: Signature, Rule: \"OR('$msp.admin', '$msp.peer', '$msp.client')\"}"
  echo "      Writers: {Type: Signature, Rule: \"OR('$msp.admin', '$msp.client')\"}"
  echo "      Admins: {Type: Signature, Rule: \"OR('$msp.admin')\"}"
  echo "      Endorsement: {Type: Signature, Rule: \"OR('$msp.peer')\"}"
  echo "    AnchorPeers:"
  echo "      - {Host: $(city_host "$city"), Port: $(peer_port "$city" 0)}"
}

# new_config_update_dir WHAT : creates and prints a new folder for one update.
new_config_update_dir() {
  mkdir -p "$(channel_dir)/updates"
  mktemp -d "$(channel_dir)/updates/$(date -u +%Y%m%dT%H%M%SZ)-$1.XXXX"
}

# fetch_channel_config CITY DIR : DIR/config.json, the channel's latest
# configuration, from the ordering service as CITY's admin.
fetch_channel_config() {
  local city=$1 dir=$2
  use_peer_admin "$city" 0
  # shellcheck disable=SC2046
  quietly peer channel fetch config "$dir/config.block" -c "$CHANNEL_NAME" $(orderer_flags) ||
    fail "$city's admin could not fetch the configuration of $CHANNEL_NAME"
  configtxlator proto_decode --input "$dir/config.block" --type common.Block |
    jq '.data.data[0].payload.data.config' >"$dir/config.json"
}

# config_sequence FILE : the sequence number of the configuration in FILE (JSON).
config_sequence() { jq -r .sequence "$1"; }

# make_config_update DIR : DIR/update.envelope, the update from DIR/config.json
# to DIR/modified.json in an unsigned envelope, ready for signatures.
make_config_update() {
  local dir=$1
  configtxlator proto_encode --input "$dir/config.json" --type common.Config --output "$dir/config.pb"
  configtxlator proto_encode --input "$dir/modified.json" --type common.Config --output "$dir/modified.pb"
  configtxlator compute_update --channel_id "$CHANNEL_NAME" --original "$dir/config.pb" --updated "$dir/modified.pb" \
    --output "$dir/update.pb"
  # A configuration update travels as a CONFIG_UPDATE (type 2) transaction.
  configtxlator proto_decode --input "$dir/update.pb" --type common.ConfigUpdate |
    jq --arg channel "$CHANNEL_NAME" '{payload: {header: {channel_header: {channel_id: $channel, type: 2}}, data: {config_update: .}}}' \
      >"$dir/update.envelope.json"
  configtxlator proto_encode --input "$dir/update.envelope.json" --type common.Envelope --output "$dir/update.envelope"
}

# submit_config_update DIR CITY... : each CITY's admin signs DIR/update.envelope
# in turn, with its own identity; the last one's signature is added as it
# submits the update to the ordering service (peer channel update signs too).
submit_config_update() {
  local dir=$1 city
  shift
  for city in "${@:1:$# - 1}"; do
    use_peer_admin "$city" 0
    quietly peer channel signconfigtx -f "$dir/update.envelope" || fail "$city's admin could not sign the update in $dir"
    info "signed by the admin of ${CITY_MSP[$city]}"
  done
  city=${*: -1}
  use_peer_admin "$city" 0
  # shellcheck disable=SC2046
  quietly peer channel update -f "$dir/update.envelope" -c "$CHANNEL_NAME" $(orderer_flags) ||
    fail "the ordering service refused the update in $dir (submitted by $city's admin)"
  info "signed and submitted by the admin of ${CITY_MSP[$city]}"
}

# has_application_org DIR MSP : true when DIR/config.json's Application group holds MSP.
has_application_org() { jq -e --arg msp "$2" '.channel_group.groups.Application.groups[$msp]' "$1/config.json" >/dev/null; }

# submit_by_majority DIR ORGANISATIONS CITY... : the first CITYs, as many as make
# a majority of ORGANISATIONS (the Application group's MAJORITY Admins policy),
# sign and submit DIR's update.
submit_by_majority() {
  local dir=$1 organisations=$2
  shift 2
  submit_config_update "$dir" "${@:1:$((organisations / 2 + 1))}"
}

# peer_config_sequence CITY N : the sequence of the channel configuration that
# peer N of CITY applies, from its configuration system chaincode (the peer
# CLI prints the answer's bytes followed by a newline).
peer_config_sequence() {
  use_peer_admin "$1" "$2"
  peer chaincode query -C "$CHANNEL_NAME" -n cscc -c "{\"Args\":[\"GetChannelConfig\",\"$CHANNEL_NAME\"]}" 2>/dev/null |
    head -c -1 | configtxlator proto_decode --type common.Config | jq -r .sequence
}

# peer_has_config_sequence CITY N SEQUENCE : true when peer N of CITY applies
# a channel configuration of at least SEQUENCE.
peer_has_config_sequence() { (($(peer_config_sequence "$1" "$2") >= $3)); }

# wait_for_config_sequence SEQUENCE [CITY...] : waits until every peer of the
# cities (by default every city) applies a channel configuration of at least SEQUENCE.
wait_for_config_sequence() {
  local sequence=$1 city n
  shift
  for city in "${@:-${CITY_KEYS[@]}}"; do
    for ((n = 0; n < PEERS_PER_CITY; n++)); do
      wait_ready "$(peer_name "$city" "$n")" "channel configuration $sequence" peer_has_config_sequence "$city" "$n" "$sequence"
    done
  done
  info "every peer applies channel configuration $sequence"
}
