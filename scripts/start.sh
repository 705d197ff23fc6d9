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
node scripts/demo-data.js "$RUN_DIR"
cat <<MSG

welfare-ledger is running: one gateway per org (health: /health, readiness: /health/ready, metrics: /metrics, API docs: /docs,
web console: /console, e.g. http://127.0.0.1:$(gateway_port audit)/console, signed in with a key below)
  CivilAffairsMSP  http://127.0.0.1:$(gateway_port civilaffairs)   keys: $(gateway_dir civilaffairs)/bootstrap-keys.json
  FinanceMSP       http://127.0.0.1:$(gateway_port finance)   keys: $(gateway_dir finance)/bootstrap-keys.json
  AuditMSP         http://127.0.0.1:$(gateway_port audit)   keys: $(gateway_dir audit)/bootstrap-keys.json
                   (each key file mode 0600: that org's admin and business system keys)
  run directory  $RUN_DIR   (orgs/<org>/: each org's keys, ledgers and gateway; shared/: what orgs exchange)
  status         npm run network:status
  stop           npm stop              (keeps the chain; npm start resumes it)
  remove all     npm run network:down  (stops everything and deletes the run directory)
MSG
