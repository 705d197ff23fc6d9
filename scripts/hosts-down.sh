#!/usr/bin/env bash
# Removes what hosts-up.sh made: the namespaces (their veths go with them), the bridge and the
# /etc/netns hosts files. Stop the network first (network-down.sh). Safe to re-run.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
in_namespaces || { echo "set WELFARE_HOSTS_SUBNET to the subnet hosts-up.sh used" >&2; exit 2; }
for host in "${HOSTS[@]}"; do
  ns="$(host_ns "$host")"
  if ip netns list | grep -qw "^$ns"; then ip netns delete "$ns"; fi
  # Deleting the namespace takes its veth pair with it, a moment later: gone by then is fine.
  ip link delete "${HOSTS_PREFIX}v$(host_number "$host")" 2>/dev/null || true
  rm -rf "/etc/netns/$ns"
done
ip link delete "${HOSTS_PREFIX}br0" 2>/dev/null || true
echo "hosts down: namespaces $HOSTS_PREFIX-*, bridge ${HOSTS_PREFIX}br0 removed"
