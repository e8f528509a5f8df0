#!/usr/bin/env bash
# Registers and enrols the identities of one organisation with its CA:
# its nodes (MSP and TLS certificates), its Fabric admin, and, for a city,
# its gateway (for its TLS certificate) and one user per Tongban role with
# the role as a certificate attribute. Builds the organisation's channel MSP.
# Identities already enrolled are kept.
# Usage: enroll.sh ORG
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

org=${1:?usage: enroll.sh ORG}
ca_url_host="$(org_host "$org"):$(ca_port "$org")"
secrets=$(ca_home "$org")/identities.secrets

# Writes the NodeOUs file that lets Fabric tell clients, peers, admins and
# orderers apart by the OU the CA puts in their certificates.
write_node_ous() {
  local msp=$1 ou
  {
    echo "NodeOUs:"
    echo "  Enable: true"
    for ou in client peer admin orderer; do
      echo "  ${ou^}OUIdentifier:"
      echo "    Certificate: cacerts/ca.pem"
      echo "    OrganizationalUnitIdentifier: $ou"
    done
  } >"$msp/config.yaml"
}

# Gives enrolled material fixed file names the rest of the scripts rely on.
normalise_msp() {
  local msp=$1
  mv "$msp"/cacerts/*.pem "$msp/cacerts/ca.pem.tmp" && mv "$msp/cacerts/ca.pem.tmp" "$msp/cacerts/ca.pem"
  mv "$msp"/keystore/*_sk "$msp/keystore/key.pem"
  rm -rf "$msp/intermediatecerts" "$msp/tlscacerts" "$msp/tlsintermediatecerts" "$msp/user" "$msp/IssuerPublicKey" "$msp/IssuerRevocationPublicKey"
  write_node_ous "$msp"
}

normalise_tls() {
  local tls=$1
  mv "$tls"/tlscacerts/*.pem "$tls/ca.crt"
  mv "$tls/signcerts/cert.pem" "$tls/server.crt"
  mv "$tls"/keystore/*_sk "$tls/server.key"
  rm -rf "$tls/cacerts" "$tls/tlscacerts" "$tls/signcerts" "$tls/keystore" "$tls/intermediatecerts" "$tls/tlsintermediatecerts" "$tls/user" "$tls/IssuerPublicKey" "$tls/IssuerRevocationPublicKey" "$tls/config.yaml"
}

# register_and_enrol NAME TYPE DIR HOST WITH_TLS [ATTRS] : certificates naming
# HOST, the host the identity's node runs on (a user's: its organisation's).
register_and_enrol() {
  local id=$1 type=$2 dir=$3 hosts with_tls=$5 attrs=${6:-}
  hosts=$(cert_hosts "$4")
  if [[ -f "$dir/msp/signcerts/cert.pem" ]]; then
    return 0
  fi
  local secret
  secret=$(random_secret)
  local register=(register -u "https://$ca_url_host" --mspdir "$(ca_registrar_msp "$org")"
    --id.name "$id" --id.secret "$secret" --id.type "$type")
  [[ -n "$attrs" ]] && register+=(--id.attrs "$attrs")
  ca_client "$org" "${register[@]}" || fail "registering $id with $(ca_name "$org") failed; log: $(log_file "$(ca_name "$org")")"
  (umask 077 && echo "$id=$secret" >>"$secrets")
  ca_client "$org" enroll -u "https://$id:$secret@$ca_url_host" --mspdir "$dir/msp" --csr.hosts "$hosts" \
    --csr.names "C=CN,O=$(msp_id "$org")" ||
    fail "enrolling $id with $(ca_name "$org") failed"
  normalise_msp "$dir/msp"
  if [[ "$with_tls" == tls ]]; then
    ca_client "$org" enroll -u "https://$id:$secret@$ca_url_host" --mspdir "$dir/tls" --enrollment.profile tls \
      --csr.hosts "$hosts" || fail "enrolling the TLS certificate of $id failed"
    normalise_tls "$dir/tls"
  fi
  info "enrolled $id ($type${attrs:+, $attrs})"
}

step "Enrolling identities of $org ($(msp_id "$org"))"
if [[ ! -f "$(ca_registrar_msp "$org")/signcerts/cert.pem" ]]; then
  ca_client "$org" enroll -u "https://registrar:$(<"$(ca_home "$org")/registrar.secret")@$ca_url_host" \
    --mspdir "$(ca_registrar_msp "$org")" || fail "enrolling the registrar of $(ca_name "$org") failed"
fi

if is_city "$org"; then
  for ((n = 0; n < PEERS_PER_CITY; n++)); do
    register_and_enrol "$(peer_name "$org" "$n")" peer "$(node_dir "$org" "$(peer_name "$org" "$n")")" "$(city_host "$org")" tls
  done
  # The gateway's TLS certificate serves its HTTPS API and is its client certificate towards
  # partner cities' gateways, which trust it because the channel lists this CA as a TLS root.
  register_and_enrol "$(gateway_name "$org")" client "$(node_dir "$org" "$(gateway_name "$org")")" "$(city_host "$org")" tls
  read_role_users
  role_attribute=$(domain_eval domain.ROLE_ATTRIBUTE)
  for role in "${ROLE_USERS[@]}"; do
    register_and_enrol "$role" client "$(user_dir "$org" "$role")" "$(org_host "$org")" no-tls "$role_attribute=$role:ecert"
  done
  # The gateway registers, enrols and revokes the city's staff as this registrar: clients only, with the role attribute.
  register_and_enrol "$STAFF_REGISTRAR_USER" client "$(user_dir "$org" "$STAFF_REGISTRAR_USER")" "$(org_host "$org")" no-tls \
    "hf.Registrar.Roles=client,hf.Registrar.Attributes=$role_attribute,hf.Revoker=true"
else
  for ((k = 1; k <= ORDERER_COUNT; k++)); do
    register_and_enrol "$(orderer_name "$k")" orderer "$(node_dir "$org" "$(orderer_name "$k")")" "$(orderer_host "$k")" tls
  done
fi
# The org admin also gets a TLS client certificate (osnadmin needs one).
register_and_enrol "$ORG_ADMIN_USER" admin "$(user_dir "$org" "$ORG_ADMIN_USER")" "$(org_host "$org")" tls

msp=$(org_msp_dir "$org")
mkdir -p "$msp/cacerts" "$msp/tlscacerts"
cp "$(ca_cert "$org")" "$msp/cacerts/ca.pem"
cp "$(ca_cert "$org")" "$msp/tlscacerts/ca.pem"
write_node_ous "$msp"
