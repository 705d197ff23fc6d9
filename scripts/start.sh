#!/usr/bin/env bash
# npm start: from nothing to a running welfare-ledger. Safe to re-run: every step skips what is
# already done (Fabric build, crypto, channel, chaincode, gateway, demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/install-fabric.sh
bash scripts/network-up.sh
npm run build --silent
bash scripts/deploy-chaincode.sh
bash scripts/gateway-stop.sh   # a running gateway may be older code than what was just built
bash scripts/gateway-start.sh
source scripts/network-env.sh
port="${WELFARE_GATEWAY_PORT:-8080}"
node scripts/demo-data.js "http://127.0.0.1:$port" "$RUN_DIR/gateway/bootstrap-keys.json"
cat <<MSG

welfare-ledger is running.
  gateway        http://127.0.0.1:$port   (health: /health, metrics: /metrics)
  API docs       http://127.0.0.1:$port/docs   (OpenAPI: /openapi.json)
  API keys       $RUN_DIR/gateway/bootstrap-keys.json   (mode 0600; one admin and one system key per org)
  run directory  $RUN_DIR   (logs/, pids/, crypto/, ledgers)
  status         npm run network:status
  stop           npm stop              (keeps the chain; npm start resumes it)
  remove all     npm run network:down  (stops everything and deletes the run directory)
MSG
