#!/usr/bin/env bash
# Writes network/runtime/network.json: the ordering service (type and nodes),
# each city's host, MSP ID, peers, TLS root, CA, the certificate and key
# files of its role users and its gateway (https URL, operations address, TLS
# certificate and key), and the address the nodes reach this machine's
# clients at (clientHost: where the tests' webhook receivers listen). Gateways and tests
# read it instead of knowing the folder layout. For each city it also writes,
# from the same description, a Fabric common connection profile
# (connection-profiles/CITY.json) and a Hyperledger Caliper network
# configuration (caliper/CITY.json, format 2.0.0) naming the city's peers and
# the identity that receives cases. All hold paths, never keys.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
read_role_users

city_json() {
  local city=$1 n role peers='[]' users='{}' host
  host=$(city_host "$city")
  for ((n = 0; n < PEERS_PER_CITY; n++)); do
    peers=$(jq -c --arg name "$(peer_name "$city" "$n")" --arg endpoint "$host:$(peer_port "$city" "$n")" \
      --arg operations "http://$host:$(peer_ops_port "$city" "$n")" \
      '. + [{name: $name, endpoint: $endpoint, operations: $operations}]' <<<"$peers")
  done
  for role in "${ROLE_USERS[@]}"; do
    local msp
    msp=$(user_dir "$city" "$role")/msp
    users=$(jq -c --arg role "$role" --arg cert "$msp/signcerts/cert.pem" --arg key "$msp/keystore/key.pem" \
      '. + {($role): {certificate: $cert, privateKey: $key}}' <<<"$users")
  done
  jq -n --arg key "$city" --arg name "${CITY_NAME[$city]}" --arg host "$host" --arg msp "${CITY_MSP[$city]}" \
    --arg tls "$(ca_cert "$city")" --arg ca "https://$host:$(ca_port "$city")" --arg caName "$(ca_name "$city")" \
    --argjson peers "$peers" --argjson users "$users" --argjson chaincodePort "$(chaincode_port "$city")" \
    --arg gateway "https://$host:$(gateway_port "$city")" --arg gatewayOperations "http://$host:$(gateway_ops_port "$city")" --arg apiKeys "$(gateway_dir "$city")/api-keys.env" \
    --arg gatewayTls "$(node_dir "$city" "$(gateway_name "$city")")/tls" \
    '{key: $key, name: $name, host: $host, mspId: $msp, tlsRootCert: $tls, ca: {url: $ca, name: $caName},
      peers: $peers, users: $users, chaincodeServer: {port: $chaincodePort},
      gateway: {url: $gateway, operations: $gatewayOperations, apiKeysFile: $apiKeys,
        tlsCertificate: "\($gatewayTls)/server.crt", tlsPrivateKey: "\($gatewayTls)/server.key"}}'
}

# connection_profile_json CITY_DESCRIPTION : the city's common connection profile.
# Peers are addressed by their host, which their TLS certificates name (enroll.sh).
connection_profile_json() {
  jq '{
    name: "tongban-\(.key)", version: "1.0.0",
    client: {organization: .key},
    organizations: {(.key): {mspid: .mspId, peers: [.peers[].name], certificateAuthorities: [.ca.name]}},
    peers: (.tlsRootCert as $tls | .peers | map({key: .name, value: {url: "grpcs://\(.endpoint)", tlsCACerts: {path: $tls}}}) | from_entries),
    certificateAuthorities: {(.ca.name): {url: .ca.url, caName: .ca.name, tlsCACerts: {path: .tlsRootCert}}}}' <<<"$1"
}

# caliper_network_json CITY_DESCRIPTION PROFILE ROLE : the city's Caliper network
# configuration, acting as the city's user of ROLE through its connection profile
# (discover: the peers' gateway finds the other cities' endorsers).
caliper_network_json() {
  jq --arg channel "$CHANNEL_NAME" --arg chaincode "$CHAINCODE_NAME" --arg profile "$2" --arg role "$3" '{
    name: "tongban-\(.key)", version: "2.0.0",
    caliper: {blockchain: "fabric"},
    channels: [{channelName: $channel, contracts: [{id: $chaincode}]}],
    organizations: [{mspid: .mspId,
      identities: {certificates: [{name: $role, clientPrivateKey: {path: .users[$role].privateKey}, clientSignedCert: {path: .users[$role].certificate}}]},
      connectionProfile: {path: $profile, discover: true}}]}' <<<"$1"
}

# Caliper benchmarks case creation, so its identity is the role that receives cases.
receiving_role=$(domain_eval 'domain.RECEIVE.role')
mkdir -p "$RUNTIME_DIR/connection-profiles" "$RUNTIME_DIR/caliper"
cities='[]'
for city in "${CITY_KEYS[@]}"; do
  description=$(city_json "$city")
  cities=$(jq -c --argjson city "$description" '. + [$city]' <<<"$cities")
  profile=$RUNTIME_DIR/connection-profiles/$city.json
  connection_profile_json "$description" >"$profile"
  caliper_network_json "$description" "$profile" "$receiving_role" >"$RUNTIME_DIR/caliper/$city.json"
done
orderers='[]'
for ((k = 1; k <= ORDERER_COUNT; k++)); do
  orderers=$(jq -c --arg name "$(orderer_name "$k")" --argjson index "$k" --arg host "$(orderer_host "$k")" \
    --arg endpoint "$(orderer_host "$k"):$(orderer_port "$k")" --arg operations "http://$(orderer_host "$k"):$(orderer_ops_port "$k")" \
    '. + [{name: $name, index: $index, host: $host, endpoint: $endpoint, operations: $operations}]' <<<"$orderers")
done
jq -n --arg channel "$CHANNEL_NAME" --arg chaincode "$CHAINCODE_NAME" --arg runtime "$RUNTIME_DIR" --arg bin "$FABRIC_BIN" \
  --arg ordererType "$ORDERER_TYPE" --arg clientHost "$(client_host)" --argjson netns "$(netns_mode && echo true || echo false)" \
  --argjson cities "$cities" --argjson orderers "$orderers" \
  '{channel: $channel, chaincode: $chaincode, runtimeDir: $runtime, fabricBin: $bin, ordererType: $ordererType,
    netns: $netns, clientHost: $clientHost, orderers: $orderers, cities: $cities}' >"$RUNTIME_DIR/network.json"
info "network description: $RUNTIME_DIR/network.json"
info "connection profiles: $RUNTIME_DIR/connection-profiles/, Caliper network configurations: $RUNTIME_DIR/caliper/"
