#!/usr/bin/env bash
# Starts each org's gateway in the background (one process per org, each given only its own
# gateway.json) unless it is running, and waits until every /health answers.
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
  nohup node "$REPO_ROOT/gateway/dist/main.js" --config "$dir/gateway.json" >>"$dir/logs/gateway.log" 2>&1 &
  echo $! >"$pidf"
done
for org in "${orgs[@]}"; do
  pidf="$(gateway_pidfile "$org")"; port="$(gateway_port "$org")"; healthy=0
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then healthy=1; break; fi
    pid_alive "$pidf" || break
    sleep 0.5
  done
  if [ $healthy = 0 ]; then
    echo "gateway of $(org_msp "$org") did not become healthy; see $(gateway_dir "$org")/logs/gateway.log" >&2
    tail -20 "$(gateway_dir "$org")/logs/gateway.log" >&2 || true
    exit 1
  fi
  echo "gateway of $(org_msp "$org") up on http://127.0.0.1:$port (pid $(cat "$pidf"))"
done
