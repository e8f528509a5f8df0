#!/usr/bin/env bash
# The README's first command: from a fresh clone, installs what is needed,
# brings the network up, deploys the chaincode and prints where things are.
# Options are passed to 'network.sh up' (e.g. --peers 2).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

started=$SECONDS
bash "$ROOT_DIR/scripts/install.sh"
bash "$ROOT_DIR/scripts/network.sh" up "$@"
# Read again: the options of 'up' (such as --netns, which moves every address) are now in network.env.
source "$(dirname "$0")/lib/config.sh"
step "Ready in $((SECONDS - started))s"
for city in "${CITY_KEYS[@]}"; do
  info "${CITY_NAME[$city]} (${CITY_MSP[$city]}): https://$(city_host "$city"):$(gateway_port "$city")  staff console: /console  API docs: /docs  verification page: /verify  API keys: $(gateway_dir "$city")/api-keys.env  TLS root (curl --cacert): $(ca_cert "$city")"
done
info "invite a person to a city's staff (then enrol at its /console): bash scripts/network.sh invite CITY ROLE NAME"
info "network description (peers, TLS roots, user identities): $RUNTIME_DIR/network.json"
info "stop: bash scripts/network.sh down    remove everything: bash scripts/network.sh clean"
