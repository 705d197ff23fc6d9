#!/usr/bin/env bash
# Shows each node of the network: running or not, its address and its health.
set -uo pipefail
source "$(dirname "$0")/network-env.sh"
line() { # name pidfile address health-url
  local state="stopped" health="-"
  if pid_alive "$2"; then state="running (pid $(cat "$2"))"; health="$(curl -s -m 2 "$4" | tr -d '\n' | cut -c1-60)"; fi
  printf '%-22s %-22s %-20s %s\n' "$1" "$3" "$state" "$health"
}
echo "run directory: $RUN_DIR"
for n in 1 2 3; do
  line orderer$n "$RUN_DIR/pids/orderer$n.pid" "127.0.0.1:$(orderer_port $n)" "http://127.0.0.1:$(orderer_ops_port $n)/healthz"
done
for org in "${ORGS[@]}"; do
  line "peer0 $(org_msp "$org")" "$RUN_DIR/pids/peer-$org.pid" "127.0.0.1:$(peer_port "$org")" "http://127.0.0.1:$(peer_ops_port "$org")/healthz"
done
for org in "${ORGS[@]}"; do
  line "ca $(org_msp "$org")" "$RUN_DIR/pids/ca-$org.pid" "127.0.0.1:$(ca_port "$org")" "http://127.0.0.1:$(ca_ops_port "$org")/healthz"
done
for org in "${ORGS[@]}"; do
  line "gateway $(org_msp "$org")" "$(gateway_pidfile "$org")" "127.0.0.1:$(gateway_port "$org")" "http://127.0.0.1:$(gateway_port "$org")/health"
done
