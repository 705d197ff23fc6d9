#!/usr/bin/env bash
# Makes one host per organisation and per orderer on this machine (needs root): a network namespace
# <prefix>-<host> for each of orderer1..3, civilaffairs, finance and audit, each with one veth into a
# bridge and its own address on WELFARE_HOSTS_SUBNET (.11-.13 orderers, .21-.23 orgs; .1 is the
# bridge, so this machine can reach them), and /etc/netns/<ns>/hosts giving every node's hostname.
# No default route, no NAT: the hosts reach each other and nothing else. Safe to re-run.
#   WELFARE_HOSTS_SUBNET=10.77.0 [WELFARE_HOSTS_PREFIX=wl] scripts/hosts-up.sh
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
in_namespaces || { echo "set WELFARE_HOSTS_SUBNET (e.g. 10.77.0) to make hosts" >&2; exit 2; }
bridge="${HOSTS_PREFIX}br0"

if ! ip link show "$bridge" >/dev/null 2>&1; then
  ip link add "$bridge" type bridge
fi
ip addr replace "$HOSTS_SUBNET.1/24" dev "$bridge"
ip link set "$bridge" up

# Every hostname a node is reached by, on the host that runs it (what DNS would give on real machines).
hosts_file() {
  echo "127.0.0.1 localhost"
  local n org i
  for n in 1 2 3; do echo "$(host_addr orderer$n) $(orderer_fqdn $n)"; done
  for org in "${ORGS[@]}"; do
    echo "$(host_addr "$org") $(for i in $(peer_indexes); do printf '%s ' "$(peer_fqdn "$org" "$i")"; done)$(ca_fqdn "$org") gateway.$(org_domain "$org")"
  done
}

for host in "${HOSTS[@]}"; do
  ns="$(host_ns "$host")"; veth="${HOSTS_PREFIX}v$(host_number "$host")"
  ip netns list | grep -qw "^$ns" || ip netns add "$ns"
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name eth0 netns "$ns"
  fi
  ip link set "$veth" master "$bridge" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr replace "$(host_addr "$host")/24" dev eth0
  ip -n "$ns" link set eth0 up
  mkdir -p "/etc/netns/$ns"
  hosts_file > "/etc/netns/$ns/hosts"
done
echo "hosts up on $HOSTS_SUBNET.0/24 (bridge $bridge):"
for host in "${HOSTS[@]}"; do printf '  %-13s %-15s netns %s\n' "$host" "$(host_addr "$host")" "$(host_ns "$host")"; done
