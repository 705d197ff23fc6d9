#!/usr/bin/env bash
# Starts each org's gateway in the background (one process per org, each given only its own
# gateway.json) unless it is running, and waits until every one is ready (/health/ready).
#   gateway-start.sh [org ...]     (default: every org)
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
[ -f "$REPO_ROOT/gateway/dist/main.js" ] || { echo "gateway is not built: run npm run build" >&2; exit 1; }
orgs=("$@"); [ ${#orgs[@]} -gt 0 ] || orgs=("${ORGS[@]}")
mkdir -p "$RUN_DIR/pids"
for org in "${orgs[@]}"; do
  pidf="$(gateway_pidfile "$org")"
  pid_alive "$pidf" && continue
  bash "$REPO_ROOT/scripts/gateway-config.sh" "$org"
  dir="$(gateway_dir "$org")"
  (
    # On its org's host, the gateway listens on the host's address and serves HTTPS (gateway-config.sh made its certificate).
    if multi_host; then
      export WELFARE_GATEWAY_HOST="$(gateway_host "$org")" WELFARE_GATEWAY_TLS_CERT="$dir/tls/server.crt" WELFARE_GATEWAY_TLS_KEY="$dir/tls/server.key"
    fi
    nohup $(node_exec "$org") node "$REPO_ROOT/gateway/dist/main.js" --config "$dir/gateway.json" >>"$dir/logs/gateway.log" 2>&1 &
    echo $! >"$pidf"
  )
done
# Ready, not merely alive: /health/ready answers 200 once a query is endorsed by peers satisfying
# the endorsement policy and the org's peer has caught up (a restarted peer's gossip and discovery
# take a while to settle). WELFARE_READY_TIMEOUT_S bounds the wait (default 180).
for org in "${orgs[@]}"; do
  pidf="$(gateway_pidfile "$org")"; port="$(gateway_port "$org")"; ready=0
  deadline=$((SECONDS + ${WELFARE_READY_TIMEOUT_S:-180}))
  while [ $SECONDS -lt $deadline ]; do
    if gateway_curl "$org" -sf "$(gateway_scheme)://$(gateway_host "$org"):$port/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    pid_alive "$pidf" || break
    sleep 0.5
  done
  if [ $ready = 0 ]; then
    echo "gateway of $(org_msp "$org") did not become ready; its last answer and log:" >&2
    gateway_curl "$org" -s "$(gateway_scheme)://$(gateway_host "$org"):$port/health/ready" >&2 || true; echo >&2
    tail -20 "$(gateway_dir "$org")/logs/gateway.log" >&2 || true
    exit 1
  fi
  echo "gateway of $(org_msp "$org") ready on $(gateway_scheme)://$(gateway_host "$org"):$port (pid $(cat "$pidf"))"
done
