# The network-namespace test mode (TONGBAN_NETNS=1): one Linux network
# namespace per city and per orderer (lib/config.sh's *_namespace), each
# joined by a veth pair to a bridge on this machine and holding its node's
# address (lib/config.sh's hosts). Only 10.77.0.0/24 is routed, on the
# bridge: nothing leaves this machine. What the scripts create is recorded in
# the runtime folder, and only that is removed. Needs root. Sourced after
# common.sh and config.sh.

netns_record() { echo "$RUNTIME_DIR/netns.created"; }

# created KIND NAME : records a link or namespace the scripts made.
created() { echo "$1 $2" >>"$(netns_record)"; }

netns_exists() { ip netns list | awk '{ print $1 }' | grep -qx "$1"; }
link_exists() { ip link show "$1" >/dev/null 2>&1; }

# Every namespace of the network with its address: "NAMESPACE ADDRESS" lines.
netns_plan() {
  local k city
  for ((k = 1; k <= ORDERER_COUNT; k++)); do echo "$(orderer_namespace "$k") $(orderer_host "$k")"; done
  for city in "${CITY_KEYS[@]}"; do echo "$(city_namespace "$city") $(city_host "$city")"; done
}

# netns_node NAMESPACE ADDRESS : the namespace with its loopback up and a veth
# pair, eth0 inside holding ADDRESS and the other end on the bridge, named
# after the address (interface names have 15 characters at most).
netns_node() {
  local namespace=$1 address=$2
  local veth=tb-veth${address##*.}
  if ! netns_exists "$namespace"; then
    ip netns add "$namespace"
    created netns "$namespace"
  fi
  ip -n "$namespace" link set lo up
  if ! link_exists "$veth"; then
    ip link add "$veth" type veth peer name eth0 netns "$namespace"
    created link "$veth"
  fi
  ip link set "$veth" master "$NETNS_BRIDGE" up
  ip -n "$namespace" addr replace "$address/24" dev eth0
  ip -n "$namespace" link set eth0 up
}

# netns_up : creates what is missing of the bridge and the namespaces.
netns_up() {
  ((EUID == 0)) || fail "the netns mode needs root (network namespaces, veth pairs, a bridge)"
  command -v ip >/dev/null || apt_install iproute2
  step "Network namespaces: $NETNS_BRIDGE, $NETNS_SUBNET.0/24"
  if ! link_exists "$NETNS_BRIDGE"; then
    ip link add "$NETNS_BRIDGE" type bridge
    created link "$NETNS_BRIDGE"
  fi
  ip addr replace "$(client_host)/24" dev "$NETNS_BRIDGE"
  ip link set "$NETNS_BRIDGE" up
  local namespace address
  while read -r namespace address; do
    netns_node "$namespace" "$address"
    info "$namespace: $address"
  done < <(netns_plan)
}

# netns_remove : deletes what the scripts recorded creating, newest first (a
# namespace's deletion also deletes its veth pair, hence the checks).
netns_remove() {
  local file kind name
  file=$(netns_record)
  [[ -f "$file" ]] || return 0
  step "Removing the network namespaces and links the scripts created"
  while read -r kind name; do
    case $kind in
      netns) if netns_exists "$name"; then ip netns delete "$name"; fi ;;
      link) if link_exists "$name"; then ip link delete "$name"; fi ;;
    esac
  done < <(tac "$file")
  rm -f "$file"
}

# node_namespace NODE : the namespace of a city (its key) or an orderer (ordererK).
node_namespace() {
  if is_city "$1"; then city_namespace "$1"
  elif [[ "$1" =~ ^orderer([0-9]+)$ ]] && ((BASH_REMATCH[1] >= 1 && BASH_REMATCH[1] <= ORDERER_COUNT)); then orderer_namespace "${BASH_REMATCH[1]}"
  else fail "no node $1: a city (${CITY_KEYS[*]}) or orderer1 to orderer$ORDERER_COUNT"
  fi
}

# netns_cut NODE ACTION : adds (replace) or removes (del) an "unreachable" route
# both ways between NODE's namespace and every other node's. Unreachable, not
# blackhole: a send fails at once (EHOSTUNREACH), as behind a router that lost
# the route, so clients see the cut without waiting for timeouts. The bridge's
# own address (this machine: operators, the tests) still reaches NODE.
netns_cut() {
  local node=$1 action=$2 own address namespace other
  netns_mode || fail "partitions need the netns mode (network.sh up --netns)"
  own=$(node_namespace "$node")
  address=$(netns_plan | awk -v own="$own" '$1 == own { print $2 }')
  while read -r namespace other; do
    [[ "$namespace" == "$own" ]] && continue
    if [[ "$action" == replace ]]; then
      ip -n "$own" route replace unreachable "$other/32"
      ip -n "$namespace" route replace unreachable "$address/32"
    else
      ip -n "$own" route del unreachable "$other/32" 2>/dev/null || true
      ip -n "$namespace" route del unreachable "$address/32" 2>/dev/null || true
    fi
  done < <(netns_plan)
}
