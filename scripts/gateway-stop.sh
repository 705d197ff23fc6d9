#!/usr/bin/env bash
# Stops the gateway of the run directory, if running.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
pidf="$RUN_DIR/pids/gateway.pid"
if pid_alive "$pidf"; then
  kill -TERM "$(cat "$pidf")"
  for _ in $(seq 1 20); do pid_alive "$pidf" || break; sleep 0.25; done
  pid_alive "$pidf" && kill -KILL "$(cat "$pidf")"
fi
rm -f "$pidf"
