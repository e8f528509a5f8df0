#!/usr/bin/env bash
# Writes network/runtime/network.json: the ordering service (type and nodes)
# and each city's MSP ID, peers, TLS root,
# CA and the certificate and key files of its role users. Gateways and tests
# read it instead of knowing the folder layout. It holds paths, never keys.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
read_role_users

city_json() {
  local city=$1 n role peers='[]' users='{}'
  for ((n = 0; n < PEERS_PER_CITY; n++)); do
    peers=$(jq -c --arg name "$(peer_name "$city" "$n")" --arg endpoint "$NETWORK_HOST:$(peer_port "$city" "$n")" \
      --arg operations "http://$NETWORK_HOST:$(peer_ops_port "$city" "$n")" \
      '. + [{name: $name, endpoint: $endpoint, operations: $operations}]' <<<"$peers")
  done
  for role in "${ROLE_USERS[@]}"; do
    local msp
    msp=$(user_dir "$city" "$role")/msp
    users=$(jq -c --arg role "$role" --arg cert "$msp/signcerts/cert.pem" --arg key "$msp/keystore/key.pem" \
      '. + {($role): {certificate: $cert, privateKey: $key}}' <<<"$users")
  done
  jq -n --arg key "$city" --arg name "${CITY_NAME[$city]}" --arg msp "${CITY_MSP[$city]}" \
    --arg tls "$(ca_cert "$city")" --arg ca "https://$NETWORK_HOST:$(ca_port "$city")" --arg caName "$(ca_name "$city")" \
    --argjson peers "$peers" --argjson users "$users" --argjson chaincodePort "$(chaincode_port "$city")" \
    --arg gateway "http://$NETWORK_HOST:$(gateway_port "$city")" --arg gatewayOperations "http://$NETWORK_HOST:$(gateway_ops_port "$city")" --arg apiKeys "$(gateway_dir "$city")/api-keys.env" \
    '{key: $key, name: $name, mspId: $msp, tlsRootCert: $tls, ca: {url: $ca, name: $caName},
      peers: $peers, users: $users, chaincodeServer: {port: $chaincodePort},
      gateway: {url: $gateway, operations: $gatewayOperations, apiKeysFile: $apiKeys}}'
}

cities='[]'
for city in "${CITY_KEYS[@]}"; do
  cities=$(jq -c --argjson city "$(city_json "$city")" '. + [$city]' <<<"$cities")
done
orderers='[]'
for ((k = 1; k <= ORDERER_COUNT; k++)); do
  orderers=$(jq -c --arg name "$(orderer_name "$k")" --argjson index "$k" --arg endpoint "$NETWORK_HOST:$(orderer_port "$k")" \
    --arg operations "http://$NETWORK_HOST:$(orderer_ops_port "$k")" \
    '. + [{name: $name, index: $index, endpoint: $endpoint, operations: $operations}]' <<<"$orderers")
done
jq -n --arg channel "$CHANNEL_NAME" --arg chaincode "$CHAINCODE_NAME" --arg runtime "$RUNTIME_DIR" --arg bin "$FABRIC_BIN" \
  --arg ordererType "$ORDERER_TYPE" --argjson cities "$cities" --argjson orderers "$orderers" \
  '{channel: $channel, chaincode: $chaincode, runtimeDir: $runtime, fabricBin: $bin, ordererType: $ordererType,
    orderers: $orderers, cities: $cities}' >"$RUNTIME_DIR/network.json"
info "network description: $RUNTIME_DIR/network.json"
