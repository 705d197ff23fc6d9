#!/usr/bin/env bash
# Removes what hosts-up.sh made: the namespaces (their veths go with them), the bridge and the
# /etc/netns hosts files. Stop the network first (network-down.sh). Safe to re-run.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
in_namespaces || { echo "set WELFARE_HOSTS_SUBNET to the subnet hosts-up.sh used" >&2; exit 2; }
for host in "${HOSTS[@]}"; do
  ns="$(host_ns "$host")"
  ip netns list | grep -qw "^$ns" && ip netns delete "$ns"
  ip link show "${HOSTS_PREFIX}v$(host_number "$host")" >/dev/null 2>&1 && ip link delete "${HOSTS_PREFIX}v$(host_number "$host")"
  rm -rf "/etc/netns/$ns"
done
ip link show "${HOSTS_PREFIX}br0" >/dev/null 2>&1 && ip link delete "${HOSTS_PREFIX}br0"
echo "hosts down: namespaces $HOSTS_PREFIX-*, bridge ${HOSTS_PREFIX}br0 removed"
