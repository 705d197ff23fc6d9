#!/usr/bin/env bash
# Shows each node of the network: running or not, its address and its health.
set -uo pipefail
source "$(dirname "$0")/network-env.sh"
line() { # name pidfile address health-url [curl options]
  local state="stopped" health="-"
  if pid_alive "$2"; then state="running (pid $(cat "$2"))"; health="$(curl -s -m 2 "${@:5}" "$4" | tr -d '\n' | cut -c1-60)"; fi
  printf '%-22s %-22s %-20s %s\n' "$1" "$3" "$state" "$health"
}
echo "run directory: $RUN_DIR"
for n in 1 2 3; do
  addr="$(host_addr orderer$n)"
  line orderer$n "$RUN_DIR/pids/orderer$n.pid" "$addr:$(orderer_port $n)" "http://$addr:$(orderer_ops_port $n)/healthz"
done
for org in "${ORGS[@]}"; do
  addr="$(host_addr "$org")"
  for i in $(peer_indexes); do
    line "peer$i $(org_msp "$org")" "$RUN_DIR/pids/peer-$(peer_key "$org" "$i").pid" "$addr:$(peer_port "$org" "$i")" "http://$addr:$(peer_ops_port "$org" "$i")/healthz"
  done
done
for org in "${ORGS[@]}"; do
  addr="$(host_addr "$org")"
  line "ca $(org_msp "$org")" "$RUN_DIR/pids/ca-$org.pid" "$addr:$(ca_port "$org")" "http://$addr:$(ca_ops_port "$org")/healthz"
done
for org in "${ORGS[@]}"; do
  tls=(); multi_host && tls=(--cacert "$(gateway_dir "$org")/tls/ca.crt")
  line "gateway $(org_msp "$org")" "$(gateway_pidfile "$org")" "$(gateway_host "$org"):$(gateway_port "$org")" \
    "$(gateway_scheme)://$(gateway_host "$org"):$(gateway_port "$org")/health" "${tls[@]}"
done
