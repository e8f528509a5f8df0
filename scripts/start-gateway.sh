#!/usr/bin/env bash
# Starts a city's gateway service (gateway-service/) on its own port, serving
# HTTPS with the TLS certificate the city's CA issued it (enroll.sh), signing
# with the identities the city's CA enrolled for each role. On first start it
# makes one API key per role for the city's partner systems, kept in
# network/runtime/gateways/CITY/api-keys.env; the gateway only sees their
# SHA-256. Partner cities' gateways need no key: they present their TLS
# certificates, trusted by the channel's configuration.
# A gateway already running is left alone unless its build or configuration
# changed since it started; then it is restarted (it drains first).
# TONGBAN_GATEWAY_NODE_ARGS: options for node itself, such as a CPU profile
# (--cpu-prof --cpu-prof-dir=DIR, written when the gateway stops), which
# NODE_OPTIONS does not accept.
# Usage: start-gateway.sh CITY
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

city=${1:?usage: start-gateway.sh CITY}
host=$(city_host "$city")
read_role_users
name=$(gateway_name "$city")
dir=$(gateway_dir "$city")
tls=$(node_dir "$city" "$name")/tls
# A network enrolled before gateways had TLS certificates: enrol this one now (its CA runs).
[[ -f "$tls/server.crt" ]] || bash "$(dirname "$0")/enroll.sh" "$city"
keys=$dir/api-keys.env
mkdir -p "$dir"
if [[ ! -f "$keys" ]]; then
  (
    # Secrets: readable by the operator only (the files are created under this umask).
    umask 077
    {
      echo "# API keys of the $city gateway (https://$host:$(gateway_port "$city"), TLS root $(ca_cert "$city")), one per role; send as the x-api-key header."
      for role in "${ROLE_USERS[@]}"; do echo "${role^^}_KEY=$city-$role-$(random_secret)"; done
    } >"$keys"
    { random_secret && random_secret; } >"$dir/salt.secret"
  )
fi
chmod 600 "$keys" "$dir/salt.secret"

api_keys=()
for role in "${ROLE_USERS[@]}"; do
  key=$(grep "^${role^^}_KEY=" "$keys" | cut -d= -f2-)
  api_keys+=("$city-$role:$role:$(printf '%s' "$key" | sha256sum | cut -c1-64)")
  msp=$(user_dir "$city" "$role")/msp
  export "TONGBAN_IDENTITY_${role^^}_CERT=$msp/signcerts/cert.pem"
  export "TONGBAN_IDENTITY_${role^^}_KEY=$msp/keystore/key.pem"
done
export TONGBAN_API_KEYS=$(IFS=,; echo "${api_keys[*]}")

# The other cities' gateways, where materials and result documents are fetched
# over mutual TLS (each trusted by its TLS CAs in the channel's configuration).
partner_gateways=()
for partner in "${CITY_KEYS[@]}"; do
  [[ "$partner" == "$city" ]] && continue
  partner_gateways+=("${CITY_MSP[$partner]}=https://$(city_host "$partner"):$(gateway_port "$partner")")
done
city_names=()
for other in "${CITY_KEYS[@]}"; do city_names+=("${CITY_MSP[$other]}=${CITY_NAME[$other]}"); done
export TONGBAN_CITY_NAMES=$(IFS=,; echo "${city_names[*]}")
export TONGBAN_PARTNER_GATEWAYS=$(IFS=,; echo "${partner_gateways[*]}")
export TONGBAN_TLS_CERT=$tls/server.crt
export TONGBAN_TLS_KEY=$tls/server.key
export TONGBAN_APPLICANT_SALT_SECRET=$(tr -d '\n' <"$dir/salt.secret")
export TONGBAN_DATA_DIR=$dir/data
export TONGBAN_HOST=$host
export TONGBAN_PORT=$(gateway_port "$city")
# Partner systems' webhook receivers: on the city's host or on this machine
# (as the nodes reach it), unless the operator says otherwise.
export TONGBAN_WEBHOOK_ALLOWED_URLS=${TONGBAN_WEBHOOK_ALLOWED_URLS:-$(unique_list "http://$host:" "http://$(client_host):")}
export TONGBAN_OPERATIONS_HOST=$host
export TONGBAN_OPERATIONS_PORT=$(gateway_ops_port "$city")
export TONGBAN_MSP_ID=${CITY_MSP[$city]}
export TONGBAN_CHANNEL=$CHANNEL_NAME
export TONGBAN_CHAINCODE=$CHAINCODE_NAME
export TONGBAN_PEER_ENDPOINT=$host:$(peer_port "$city" 0)
export TONGBAN_PEER_TLS_ROOT_CERT=$(ca_cert "$city")
# The city's CA, where the gateway registers, enrols and revokes staff as its staff registrar.
export TONGBAN_CA_URL=https://$host:$(ca_port "$city")
export TONGBAN_CA_NAME=$(ca_name "$city")
export TONGBAN_CA_TLS_ROOT_CERT=$(ca_cert "$city")
export TONGBAN_CA_REGISTRAR_CERT=$(user_dir "$city" "$STAFF_REGISTRAR_USER")/msp/signcerts/cert.pem
export TONGBAN_CA_REGISTRAR_KEY=$(user_dir "$city" "$STAFF_REGISTRAR_USER")/msp/keystore/key.pem

# A young generation of 32 MB semi-spaces, twice node's default: a request's
# objects live as long as its Fabric round trip (a block's interval), and with
# the default many of them outlived two scavenges and were promoted; garbage
# collection took 11 % of a gateway's busy time under REST load, 9 % with this.
read -ra node_args <<<"--max-semi-space-size=32 ${TONGBAN_GATEWAY_NODE_ARGS:-}"
# What the running gateway was started with: node's options, its build, the
# verification page's and its configuration (a digest only: the configuration
# holds secrets).
fingerprint=$({ echo "${node_args[*]}"; env | grep '^TONGBAN_' | sort; find "$ROOT_DIR/gateway-service/dist" "$ROOT_DIR/gateway-service/web/dist" "$ROOT_DIR/chaincode/dist/domain" -type f -print0 |
  sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-64)
if running_pid "$name" >/dev/null && [[ "$(cat "$dir/running.fingerprint" 2>/dev/null)" != "$fingerprint" ]]; then
  info "$name: build or configuration changed; restarting"
  stop_process "$name"
fi
echo "$fingerprint" >"$dir/running.fingerprint"
start_process "$name" "$(city_namespace "$city")" node "${node_args[@]}" "$ROOT_DIR/gateway-service/dist/main.js"
wait_ready "$name" "gateway readiness (peer and chaincode answer)" http_ok "https://$host:$TONGBAN_PORT/health/ready" --cacert "$(ca_cert "$city")"
