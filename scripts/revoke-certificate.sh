#!/usr/bin/env bash
# Revokes one person's certificates (someone leaves a service hall): the
# city's CA revokes every certificate of USER and issues its current
# certificate revocation list (CRL); the list replaces the city's earlier
# one in the city's MSP of the channel configuration, an update the city's
# admin signs; every peer then refuses transactions signed with USER's
# certificates, and the rest of the city keeps working. Safe to re-run: a CRL
# the channel already has is not submitted again.
# Usage: revoke-certificate.sh CITY USER [--reason REASON] [--force]
#   REASON: an RFC 5280 reason as fabric-ca-client names it (default
#   affiliationchanged: the person no longer works there; keycompromise ...).
#   --force: also revoke an identity the network runs on (a role user its
#   gateway signs with, the org admin, a peer), which stops what uses it; a
#   revoked identity cannot enrol again.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"
source "$(dirname "$0")/lib/cli.sh"
source "$(dirname "$0")/lib/channel-config.sh"

usage() { sed -n '9,14p' "$0" | sed 's/^# \{0,1\}//'; }
city=${1:-} user=${2:-}
[[ -n "$city" && -n "$user" ]] || { usage >&2; exit 2; }
is_city "$city" || fail "unknown city '$city' (cities: ${CITY_KEYS[*]})"
shift 2
reason=affiliationchanged force=no
while (($#)); do
  case $1 in
    --reason) reason=${2:?--reason needs a reason such as keycompromise}; shift 2 ;;
    --force) force=yes; shift ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done
msp=${CITY_MSP[$city]}

# What the city's gateway, its administration and its peers sign with.
read_role_users
protected_identities() {
  local n
  printf '%s\n' "${ROLE_USERS[@]}" "$ORG_ADMIN_USER" "$STAFF_REGISTRAR_USER"
  for ((n = 0; n < PEERS_PER_CITY; n++)); do peer_name "$city" "$n"; done
}
if grep -qxF "$user" <(protected_identities) && [[ "$force" != yes ]]; then
  fail "$user is an identity $city's network runs on (the role users its gateway signs with, $ORG_ADMIN_USER, its peers: $(protected_identities | paste -sd' ')); revoking it stops what uses it, and the CA will not enrol that name again. Add --force to revoke it anyway."
fi

# Runs fabric-ca-client as the CA's registrar (it holds hf.Revoker and hf.GenCRL).
as_registrar() { ca_client "$city" "$@" -u "https://$(city_host "$city"):$(ca_port "$city")" --mspdir "$(ca_registrar_msp "$city")"; }
registrar_crl=$(ca_registrar_msp "$city")/crls/crl.pem

# crl_serials : the serial numbers the PEM CRL on stdin revokes, one a line.
crl_serials() { openssl crl -noout -text | awk '$1 == "Serial" && $2 == "Number:" { print $3 }'; }

started=$SECONDS
step "Revoking the certificates of $user at $(ca_name "$city")"
as_registrar revoke -e "$user" -r "$reason" || fail "$(ca_name "$city") could not revoke $user (is it registered there?)"
# The CRL lists every certificate the CA has revoked. It is asked for on its
# own: revoke --gencrl returns one only when that call revoked something, and
# a re-run would store an empty file.
as_registrar gencrl || fail "$(ca_name "$city") could not issue its CRL"
ca_serials=$(crl_serials <"$registrar_crl" | sort)
info "CRL of $(ca_name "$city"): $(grep -c . <<<"$ca_serials") revoked certificate(s)"
# The city's MSP folders keep the CRL too: the organisation definition the
# channel was made from, and the peers' local MSPs (read when they start).
city_msp_dirs() {
  local n
  org_msp_dir "$city"
  for ((n = 0; n < PEERS_PER_CITY; n++)); do echo "$(node_dir "$city" "$(peer_name "$city" "$n")")/msp"; done
}
while read -r msp_dir; do
  mkdir -p "$msp_dir/crls"
  cp "$registrar_crl" "$msp_dir/crls/crl.pem"
done < <(city_msp_dirs)

step "Putting the CRL into $msp of channel $CHANNEL_NAME"
dir=$(new_config_update_dir "revoke-$city-$user")
fetch_channel_config "$city" "$dir"
msp_value=".channel_group.groups.Application.groups[\"$msp\"].values.MSP"
# The MSP value is the city's to change alone: its mod_policy is the city's own Admins.
[[ "$(jq -r "$msp_value.mod_policy" "$dir/config.json")" == Admins ]] ||
  fail "$msp's MSP in $CHANNEL_NAME is not governed by $msp's Admins policy; its update needs signatures this script does not collect"
jq --arg crl "$(base64 -w0 "$registrar_crl")" "$msp_value.value.config.revocation_list = [\$crl]" "$dir/config.json" >"$dir/modified.json"
channel_serials=$(jq -r "$msp_value.value.config.revocation_list[]" "$dir/config.json" | while read -r crl; do base64 -d <<<"$crl" | crl_serials; done | sort)
sequence=$(config_sequence "$dir/config.json")
if [[ "$channel_serials" == "$ca_serials" ]]; then
  info "$msp's CRL in the channel already revokes these certificates (configuration $sequence)"
else
  make_config_update "$dir"
  submit_config_update "$dir" "$city"
  sequence=$((sequence + 1))
fi
wait_for_config_sequence "$sequence"
step "Revoked $user of $msp in $((SECONDS - started))s (update files: $dir)"
