#!/usr/bin/env bash
# npm run index:rebuild [org ...]: drops each org gateway's query index and replays the chain from
# block 0 into a new one (default: every org). Each gateway is stopped for its rebuild and started
# again if it was running.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
orgs=("$@"); [ ${#orgs[@]} -gt 0 ] || orgs=("${ORGS[@]}")
for org in "${orgs[@]}"; do
  was_running=0
  pid_alive "$(gateway_pidfile "$org")" && was_running=1
  bash "$REPO_ROOT/scripts/gateway-stop.sh" "$org"
  node "$REPO_ROOT/gateway/dist/index/rebuild-cli.js" --config "$(gateway_dir "$org")/gateway.json"
  if [ $was_running = 1 ]; then bash "$REPO_ROOT/scripts/gateway-start.sh" "$org"; fi
done
