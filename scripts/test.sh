#!/usr/bin/env bash
# npm test: unit tests (chaincode with coverage, gateway), then end-to-end tests against a real
# Fabric network of native processes that the suite brings up and removes itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/install-fabric.sh
bash scripts/install-chromium.sh
npm run build --silent
echo "== unit tests: chaincode"
(cd chaincode && npx jest --coverage)
echo "== unit tests: gateway"
(cd gateway && npx jest)
echo "== end-to-end tests: real network"
# The network under test runs through WELFARE_FABRIC_BIN, as official release binaries would,
# pointed at the module build: the variable's path is exercised by every end-to-end test.
if [ -z "${WELFARE_FABRIC_BIN:-}" ]; then
  WELFARE_FABRIC_BIN="$(source scripts/fabric-env.sh && echo "$FABRIC_BIN")"
  export WELFARE_FABRIC_BIN
fi
npx jest --config test/jest.config.js --runInBand
