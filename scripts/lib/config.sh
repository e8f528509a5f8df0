# Loads the network's configuration and names every path and port the
# scripts use, so each is computed in one place. Sourced, never run.

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NETWORK_DIR=$ROOT_DIR/network
RUNTIME_DIR=${TONGBAN_RUNTIME_DIR:-$NETWORK_DIR/runtime}
# Settings a running network was brought up with (written by network.sh up)
# win over the defaults, so later commands address the same network. The
# ordering service's type and the netns mode cannot change after the first
# 'up': the ones asked for are kept to compare (require_same_network).
REQUESTED_ORDERER_TYPE=${ORDERER_TYPE:-}
REQUESTED_NETNS=${TONGBAN_NETNS:-}
# shellcheck source=/dev/null
[[ -f "$RUNTIME_DIR/network.env" ]] && source "$RUNTIME_DIR/network.env"
# shellcheck source=../../network/network.conf
source "$NETWORK_DIR/network.conf"
# The cities: network/cities.conf until the first 'up' copies it into the
# runtime folder; from then on the running network's own copy, which
# network.sh add-city and remove-city change (the consortium at runtime).
RUNTIME_CITIES_FILE=$RUNTIME_DIR/cities.conf
if [[ -f "$RUNTIME_CITIES_FILE" ]]; then DEFAULT_CITIES_FILE=$RUNTIME_CITIES_FILE; else DEFAULT_CITIES_FILE=$NETWORK_DIR/cities.conf; fi
CITIES_FILE=${TONGBAN_CITIES_FILE:-$DEFAULT_CITIES_FILE}
CACHE_DIR=${TONGBAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tongban}
FABRIC_MODULES_DIR=$ROOT_DIR/scripts/fabric-modules

# The Fabric build is identified by the versions its tools modules pin, so a
# change of either builds into a new cache folder and never mixes binaries.
module_version() { awk -v m="$1" '$1 == "require" && $2 == m { print $3 } $1 == m { print $2 }' "$2" | head -n 1; }
FABRIC_VERSION=$(module_version github.com/hyperledger/fabric "$FABRIC_MODULES_DIR/fabric/go.mod")
FABRIC_CA_VERSION=$(module_version github.com/hyperledger/fabric-ca "$FABRIC_MODULES_DIR/fabric-ca/go.mod")
# Fabric's release tags are not Go module versions: go.mod pins the release's
# commit by pseudo-version, whose last 12 characters are the commit.
FABRIC_COMMIT=${FABRIC_VERSION##*-}
FABRIC_HOME=$CACHE_DIR/fabric-${FABRIC_COMMIT}_ca-$FABRIC_CA_VERSION
FABRIC_BIN=$FABRIC_HOME/bin
# core.yaml and orderer.yaml of the pinned module's sampleconfig; the scripts
# override what they need through CORE_* and ORDERER_* variables.
FABRIC_CONFIG=$FABRIC_HOME/config
export PATH="$FABRIC_BIN:$PATH"

CITY_KEYS=() CITY_MSP_IDS=() FORMER_CITY_MSP_IDS=()
declare -A CITY_MSP CITY_PORT_BASE CITY_HOST CITY_NAME
# A city that left the channel stays listed, as "#removed KEY MSP ...": its
# pair collections outlive it (deploy-chaincode.sh).
while read -r key msp port host name; do
  # On such a line the fields shift by one: the MSP ID is read into `port`.
  [[ "$key" == "#removed" ]] && FORMER_CITY_MSP_IDS+=("$port")
  [[ -z "$key" || "$key" == \#* ]] && continue
  CITY_KEYS+=("$key")
  CITY_MSP_IDS+=("$msp")
  CITY_MSP[$key]=$msp
  CITY_PORT_BASE[$key]=$port
  if [[ "$host" == - ]]; then CITY_HOST[$key]=$NETWORK_HOST; else CITY_HOST[$key]=$host; fi
  CITY_NAME[$key]=$name
done <"$CITIES_FILE"
read -ra ORDERER_HOST_LIST <<<"$ORDERER_HOSTS"
ALL_ORGS=("$ORDERER_ORG_KEY" "${CITY_KEYS[@]}")

# require_same_network : fails when the ordering service or the netns mode
# asked for differs from what this network was created with, or is unknown.
require_same_network() {
  [[ "$ORDERER_TYPE" == raft || "$ORDERER_TYPE" == bft ]] || fail "unknown orderer type '$ORDERER_TYPE' (raft or bft)"
  [[ "$TONGBAN_NETNS" == 0 || "$TONGBAN_NETNS" == 1 ]] || fail "TONGBAN_NETNS is 0 or 1, not '$TONGBAN_NETNS'"
  if [[ -n "$REQUESTED_ORDERER_TYPE" && "$REQUESTED_ORDERER_TYPE" != "$ORDERER_TYPE" ]]; then
    fail "the network in $RUNTIME_DIR was created with a $ORDERER_TYPE ordering service, not $REQUESTED_ORDERER_TYPE; 'bash scripts/network.sh clean' removes it"
  fi
  if [[ -n "$REQUESTED_NETNS" && "$REQUESTED_NETNS" != "$TONGBAN_NETNS" ]]; then
    fail "the network in $RUNTIME_DIR was created with TONGBAN_NETNS=$TONGBAN_NETNS, not $REQUESTED_NETNS; 'bash scripts/network.sh clean' removes it"
  fi
}

is_city() { [[ -n "${CITY_MSP[$1]:-}" ]]; }
msp_id() { if is_city "$1"; then echo "${CITY_MSP[$1]}"; else echo "$ORDERER_MSP_ID"; fi; }
port_base() { if is_city "$1"; then echo "${CITY_PORT_BASE[$1]}"; else echo "$ORDERER_PORT_BASE"; fi; }

# Hosts: the address a node's processes listen on and are reached at, which
# its certificates name. In the netns mode, the namespace plan's: orderer K
# at .(10+K) of the bridge's subnet, a city at .(100+B) where its port base
# is ORDERER_PORT_BASE + 100 B (.101 for 7100), so an address never changes
# as cities join and leave; this machine (the bridge's side) at .1.
netns_mode() { [[ "$TONGBAN_NETNS" == 1 ]]; }
city_host() {
  if netns_mode; then echo "$NETNS_SUBNET.$((100 + (${CITY_PORT_BASE[$1]} - ORDERER_PORT_BASE) / 100))"; else echo "${CITY_HOST[$1]}"; fi
}
orderer_host() { if netns_mode; then echo "$NETNS_SUBNET.$((10 + $1))"; else echo "${ORDERER_HOST_LIST[$1 - 1]:-$NETWORK_HOST}"; fi; }
org_host() { if is_city "$1"; then city_host "$1"; else orderer_host 1; fi; }
# Where the nodes reach this machine's clients (the tests' webhook receivers).
client_host() { if netns_mode; then echo "$NETNS_SUBNET.1"; else echo "$NETWORK_HOST"; fi; }
# The names a node's certificates carry: its host, and loopback for clients on that host.
cert_hosts() { unique_list "$1" localhost 127.0.0.1; }

# The network namespace a node's processes run in: empty unless in the netns mode.
city_namespace() { if netns_mode; then echo "tb-$1"; fi; }
orderer_namespace() { if netns_mode; then echo "tb-orderer$1"; fi; }
org_namespace() { if is_city "$1"; then city_namespace "$1"; else orderer_namespace 1; fi; }

ca_port() { echo $(($(port_base "$1") + 54)); }
ca_ops_port() { echo $(($(port_base "$1") + 55)); }
peer_port() { echo $((${CITY_PORT_BASE[$1]} + 1 + 10 * $2)); }
peer_chaincode_port() { echo $((${CITY_PORT_BASE[$1]} + 2 + 10 * $2)); }
peer_ops_port() { echo $((${CITY_PORT_BASE[$1]} + 3 + 10 * $2)); }
gateway_port() { echo $((${CITY_PORT_BASE[$1]} + 90)); }
gateway_ops_port() { echo $((${CITY_PORT_BASE[$1]} + 91)); }
orderer_port() { echo $((ORDERER_PORT_BASE + 10 * $1)); }
orderer_admin_port() { echo $((ORDERER_PORT_BASE + 10 * $1 + 1)); }
orderer_ops_port() { echo $((ORDERER_PORT_BASE + 10 * $1 + 2)); }

# Process and node names.
ca_name() { echo "ca.$1"; }
peer_name() { echo "peer$2.$1"; }
orderer_name() { echo "orderer$1"; }
gateway_name() { echo "gateway.$1"; }

# The chaincode the deploy and start scripts work on: the product's by default;
# the benchmark's baseline sets CC_NAME, CC_DIR and CC_PORT_OFFSET. Each city
# runs its own server of each chaincode, on its port base plus the offset.
CC_NAME=${CC_NAME:-$CHAINCODE_NAME}
CC_DIR=${CC_DIR:-$ROOT_DIR/chaincode}
CC_PORT_OFFSET=${CC_PORT_OFFSET:-80}
chaincode_name() { if [[ "$CC_NAME" == "$CHAINCODE_NAME" ]]; then echo "chaincode.$1"; else echo "chaincode-$CC_NAME.$1"; fi; }
chaincode_dir() { echo "$RUNTIME_DIR/chaincode/$CC_NAME/$1"; }
# A city's chaincode server has two slots, two ports apart (offset and offset
# + 2): an upgrade starts the new version's server in the free slot beside the
# serving one (the "next" server), and the old one stops only once the new
# definition is committed and served (deploy-chaincode.sh). The serving
# server's package ID and slot are in chaincode_dir, the next one's in next/.
chaincode_state_dir() { if [[ "${2:-}" == next ]]; then echo "$(chaincode_dir "$1")/next"; else chaincode_dir "$1"; fi; }
chaincode_slot() { cat "$(chaincode_state_dir "$1" "${2:-}")/slot" 2>/dev/null || echo 0; }
chaincode_port() { echo $((${CITY_PORT_BASE[$1]} + CC_PORT_OFFSET + 2 * $(chaincode_slot "$1" "${2:-}"))); }
chaincode_process() { if [[ "${2:-}" == next ]]; then echo "$(chaincode_name "$1").next"; else chaincode_name "$1"; fi; }

# Crypto material: one folder per organisation.
org_dir() { echo "$RUNTIME_DIR/orgs/$1"; }
ca_home() { echo "$(org_dir "$1")/ca"; }
ca_cert() { echo "$(ca_home "$1")/ca-cert.pem"; }
# The MSP of the CA's bootstrap registrar, who registers, revokes and issues CRLs.
ca_registrar_msp() { echo "$(ca_home "$1")/registrar-msp"; }
# ca_client ORG ARGS... : fabric-ca-client against ORG's CA (its name and TLS
# root), with the CA's folder as its home; shows its output only on failure.
ca_client() {
  local org=$1
  shift
  FABRIC_CA_CLIENT_HOME=$(ca_home "$org") quietly fabric-ca-client "$@" --caname "$(ca_name "$org")" --tls.certfiles "$(ca_cert "$org")"
}
org_msp_dir() { echo "$(org_dir "$1")/msp"; }
node_dir() { echo "$(org_dir "$1")/nodes/$2"; }
user_dir() { echo "$(org_dir "$1")/users/$2"; }
data_dir() { echo "$RUNTIME_DIR/data/$1"; }
channel_dir() { echo "$RUNTIME_DIR/channel"; }
channel_block() { echo "$(channel_dir)/$CHANNEL_NAME.block"; }
gateway_dir() { echo "$RUNTIME_DIR/gateways/$1"; }

# The domain of Tongban (roles, rules, collections; chaincode/src/domain) as
# built by install.sh: the scripts read it there instead of restating it.
DOMAIN_MODULE=$ROOT_DIR/chaincode/dist/domain/index.js

# domain_eval EXPRESSION [ARG...] : prints the value of the JavaScript
# EXPRESSION, in which `domain` is the domain module and `args` the ARGs; a
# string as it is, anything else as JSON indented by two spaces.
domain_eval() {
  [[ -f "$DOMAIN_MODULE" ]] || fail "the chaincode is not built ($DOMAIN_MODULE is missing): run scripts/install.sh"
  node -e "const domain = require(process.argv[1]), args = process.argv.slice(2), value = ($1);
    console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));" "$DOMAIN_MODULE" "${@:2}"
}

# Users every city's CA enrols: the Fabric org admin and one per Tongban role.
ORG_ADMIN_USER=orgadmin
# The registrar each city's gateway manages its staff with (enroll.sh).
STAFF_REGISTRAR_USER=staffregistrar
# read_role_users : sets ROLE_USERS to the roles of the domain. Called by the
# scripts that need them, since config.sh is sourced before the build exists.
read_role_users() {
  local roles
  roles=$(domain_eval 'domain.ROLES.join(" ")')
  read -ra ROLE_USERS <<<"$roles"
}

# Every process of the network, in start order.
network_processes() {
  local org city n k
  for org in "${ALL_ORGS[@]}"; do ca_name "$org"; done
  for ((k = 1; k <= ORDERER_COUNT; k++)); do orderer_name "$k"; done
  for city in "${CITY_KEYS[@]}"; do
    for ((n = 0; n < PEERS_PER_CITY; n++)); do peer_name "$city" "$n"; done
  done
  for city in "${CITY_KEYS[@]}"; do chaincode_name "$city"; done
  for city in "${CITY_KEYS[@]}"; do gateway_name "$city"; done
}

# process_address NAME : where the process named NAME listens.
process_address() {
  local name=$1
  case $name in
    ca.*) echo "https://$(org_host "${name#ca.}"):$(ca_port "${name#ca.}")" ;;
    orderer*) local k=${name#orderer}; echo "$(orderer_host "$k"):$(orderer_port "$k") (admin :$(orderer_admin_port "$k"))" ;;
    peer*.*) local n=${name%%.*} city=${name#*.}; echo "$(city_host "$city"):$(peer_port "$city" "${n#peer}") (operations :$(peer_ops_port "$city" "${n#peer}"))" ;;
    chaincode.*.next) local city=${name#chaincode.}; echo "$(city_host "${city%.next}"):$(chaincode_port "${city%.next}" next) (upgrade)" ;;
    chaincode.*) echo "$(city_host "${name#chaincode.}"):$(chaincode_port "${name#chaincode.}")" ;;
    chaincode-*) echo "(a chaincode of the benchmark)" ;;
    gateway.*) local city=${name#gateway.}; echo "https://$(city_host "$city"):$(gateway_port "$city") (operations :$(gateway_ops_port "$city"))" ;;
  esac
}
