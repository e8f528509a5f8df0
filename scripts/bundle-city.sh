#!/usr/bin/env bash
# Makes what an operator copies to a city's own host: one archive holding the
# city's part of the running network's folder (its CA with its keys and
# database, its MSP, peers', gateway's and users' certificates and keys, its
# chaincode package and its ID, its gateway's API keys and salt), the public part of
# the others (each organisation's MSP and CA certificate: TLS roots), the
# channel's genesis block, the network's settings and cities, and a systemd
# unit for each of the city's processes. Never another organisation's key,
# never a ledger. Unpacked over a checkout of the same commit (README,
# "Deploying a city on its own host").
# Usage: bundle-city.sh CITY [--prefix DIR] [--out FILE]
#   --prefix  where the checkout lives on the city's host (default /opt/tongban)
#   --out     the archive (default network/runtime/bundles/CITY.tar.gz)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

city=${1:-}
[[ -n "$city" ]] || { sed -n '11,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
is_city "$city" || fail "unknown city '$city' (cities: ${CITY_KEYS[*]})"
shift
prefix=/opt/tongban out=$RUNTIME_DIR/bundles/$city.tar.gz
while (($#)); do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --out) out=${2:?--out needs a file}; shift 2 ;;
    *) fail "unknown option $1" ;;
  esac
done
[[ -f "$(channel_block)" ]] || fail "no network is up in $RUNTIME_DIR: 'bash scripts/network.sh up' first"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
runtime=$staging/network/runtime
mkdir -p "$runtime"

# copy PATH... : copies paths of the runtime folder into the bundle's, keeping their place.
copy() { (cd "$RUNTIME_DIR" && cp -a --parents "$@" "$runtime/"); }
relative() { echo "${1#"$RUNTIME_DIR"/}"; }

copy network.env cities.conf "$(relative "$(channel_block)")"
copy "$(relative "$(org_dir "$city")")"
for org in "${ALL_ORGS[@]}"; do
  [[ "$org" == "$city" ]] && continue
  copy "$(relative "$(org_msp_dir "$org")")" "$(relative "$(ca_cert "$org")")"
done
# The package the city's peers run (deploy-chaincode.sh names it LABEL_slotN.tar.gz), its ID and slot.
chaincode=$(relative "$(chaincode_dir "$city")")
if [[ -f "$RUNTIME_DIR/$chaincode/package-id" ]]; then
  copy "$chaincode/package-id" "$chaincode/$(cut -d: -f1 <"$RUNTIME_DIR/$chaincode/package-id")_slot$(chaincode_slot "$city").tar.gz"
  [[ -f "$RUNTIME_DIR/$chaincode/slot" ]] && copy "$chaincode/slot"
fi
gateway=$(relative "$(gateway_dir "$city")")
# (The gateway's TLS certificate and key, which partner gateways trust by the channel's
# configuration, are in the city's folder, copied above: there are no keys shared with partners.)
copy "$gateway/api-keys.env" "$gateway/salt.secret"

# unit NAME DESCRIPTION AFTER SCRIPT ARGS... : a systemd service running a start
# script in the foreground (TONGBAN_FOREGROUND=1): systemd keeps the process,
# restarts it and collects its output.
unit() {
  local name=$1 description=$2 after=$3
  shift 3
  cat >"$staging/systemd/$name.service" <<UNIT
[Unit]
Description=Tongban $description
After=network-online.target $after
Wants=network-online.target $after

[Service]
Type=simple
Environment=TONGBAN_FOREGROUND=1
Environment=TONGBAN_RUNTIME_DIR=$prefix/network/runtime
WorkingDirectory=$prefix
ExecStart=/bin/bash $prefix/scripts/$*
Restart=always
RestartSec=5
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
UNIT
}
mkdir -p "$staging/systemd"
unit "tongban-ca-$city" "certificate authority of ${CITY_NAME[$city]}" "" start-ca.sh "$city"
peers=()
for ((n = 0; n < PEERS_PER_CITY; n++)); do
  unit "tongban-peer$n-$city" "peer $n of ${CITY_NAME[$city]}" "tongban-ca-$city.service" start-peer.sh "$city" "$n"
  peers+=("tongban-peer$n-$city.service")
done
unit "tongban-chaincode-$city" "chaincode server of ${CITY_NAME[$city]}" "${peers[*]}" start-chaincode.sh "$city"
unit "tongban-gateway-$city" "gateway of ${CITY_NAME[$city]}" "tongban-chaincode-$city.service" start-gateway.sh "$city"

mkdir -p "$(dirname "$out")"
tar -czf "$out" -C "$staging" network systemd
info "bundle of $city: $out ($(du -h "$out" | cut -f1)), $(tar -tzf "$out" | grep -c '\.service$') systemd units for $prefix"
