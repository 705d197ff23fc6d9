#!/usr/bin/env bash
# npm test: unit tests (chaincode with coverage, gateway), then end-to-end tests against a real
# Fabric network of native processes that the suite brings up and removes itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/install-fabric.sh
npm run build --silent
echo "== unit tests: chaincode"
(cd chaincode && npx jest --coverage)
echo "== unit tests: gateway"
(cd gateway && npx jest)
echo "== end-to-end tests: real network"
npx jest --config test/jest.config.js --runInBand
