#!/usr/bin/env bash
# Invites a person to a city's staff through its gateway, as that city's admin
# would (POST /staff with the admin API key): prints their staff ID and the
# one-time enrolment secret to hand them. They enrol at the console URL that
# start.sh prints. Usage: network.sh invite CITY ROLE NAME
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

city=${1:?usage: network.sh invite CITY ROLE NAME (ROLE: clerk, reviewer, admin or auditor)}
role=${2:?usage: network.sh invite CITY ROLE NAME}
name=${3:?usage: network.sh invite CITY ROLE NAME}
[[ -n "${CITY_MSP[$city]:-}" ]] || fail "no city $city in this network (${CITY_KEYS[*]})"
url="https://$(city_host "$city"):$(gateway_port "$city")"
# The admin key goes to curl in a header file, never on its command line (which ps shows).
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
chmod 600 "$headers"
printf 'x-api-key: %s\ncontent-type: application/json\n' "$(sed -n 's/^ADMIN_KEY=//p' "$(gateway_dir "$city")/api-keys.env")" >"$headers"
answer=$(curl -sS --cacert "$(ca_cert "$city")" -X POST "$url/staff" -H "@$headers" \
  -d "$(jq -n --arg name "$name" --arg role "$role" '{name: $name, role: $role}')")
id=$(jq -r '.id // empty' <<<"$answer")
[[ -n "$id" ]] || fail "the gateway refused the invitation: $answer"
info "$name is invited to ${CITY_NAME[$city]} as $role"
info "  console:           $url/console"
info "  staff ID:          $id"
info "  enrolment secret:  $(jq -r .enrolmentSecret <<<"$answer")  (works once)"
