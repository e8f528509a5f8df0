#!/usr/bin/env bash
# Starts the Fabric CA of one organisation (TLS on) and waits until it answers.
# On first start it creates the CA's key pair and a bootstrap registrar whose
# secret stays in the CA's home folder.
# Usage: start-ca.sh ORG
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/config.sh"

org=${1:?usage: start-ca.sh ORG}
host=$(org_host "$org")
home=$(ca_home "$org")
name=$(ca_name "$org")
mkdir -p "$home"
chmod 700 "$home"
if [[ ! -f "$home/registrar.secret" ]]; then
  (umask 077 && random_secret >"$home/registrar.secret")
fi

export FABRIC_CA_SERVER_HOME=$home
# The registrar's password goes in the environment (readable by this user only),
# not on the command line, which every user of the machine can list.
FABRIC_CA_SERVER_BOOT="registrar:$(<"$home/registrar.secret")"
export FABRIC_CA_SERVER_BOOT
start_process "$name" "$(org_namespace "$org")" fabric-ca-server start \
  --ca.name "$name" \
  --csr.cn "$name" \
  --csr.hosts "$(cert_hosts "$host")" \
  --address "$host" \
  --port "$(ca_port "$org")" \
  --tls.enabled \
  --operations.listenaddress "$host:$(ca_ops_port "$org")"

wait_ready "$name" "CA health endpoint" http_ok "http://$host:$(ca_ops_port "$org")/healthz"
