#!/usr/bin/env bash
# npm run index:rebuild: drops the gateway's query index and replays the chain from block 0 into a
# new one. The gateway is stopped for the rebuild and started again if it was running.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
was_running=0
pid_alive "$RUN_DIR/pids/gateway.pid" && was_running=1
bash "$REPO_ROOT/scripts/gateway-stop.sh"
WELFARE_RUN_DIR="$RUN_DIR" node "$REPO_ROOT/gateway/dist/index/rebuild-cli.js"
if [ $was_running = 1 ]; then bash "$REPO_ROOT/scripts/gateway-start.sh"; fi
