#!/usr/bin/env bash
# Starts the gateway in the background (pid and log in the run directory) unless it is running,
# and waits until /health answers with every peer up.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
port="${WELFARE_GATEWAY_PORT:-8080}"
pidf="$RUN_DIR/pids/gateway.pid"
[ -f "$REPO_ROOT/gateway/dist/main.js" ] || { echo "gateway is not built: run npm run build" >&2; exit 1; }
if ! pid_alive "$pidf"; then
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
  WELFARE_RUN_DIR="$RUN_DIR" WELFARE_GATEWAY_PORT="$port" \
    nohup node "$REPO_ROOT/gateway/dist/main.js" >>"$RUN_DIR/logs/gateway.log" 2>&1 &
  echo $! >"$pidf"
fi
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    echo "gateway up on http://127.0.0.1:$port (pid $(cat "$pidf"))"
    exit 0
  fi
  pid_alive "$pidf" || break
  sleep 0.5
done
echo "gateway did not become healthy; see $RUN_DIR/logs/gateway.log" >&2
tail -20 "$RUN_DIR/logs/gateway.log" >&2 || true
exit 1
