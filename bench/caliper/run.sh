#!/usr/bin/env bash
# npm run bench:caliper: the welfare rounds under Hyperledger Caliper, on a network of their own
# (.network-bench on WELFARE_BENCH_PORT_BASE, default 27000), like npm run bench. Caliper is
# installed here on first use (bench/caliper/node_modules), never by the project's npm ci.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export WELFARE_RUN_DIR="${WELFARE_BENCH_RUN_DIR:-$repo/.network-bench}"
export WELFARE_PORT_BASE="${WELFARE_BENCH_PORT_BASE:-27000}"
export WELFARE_GATEWAY_PORT="${WELFARE_BENCH_GATEWAY_PORT:-28080}"

installed="$here/node_modules/.welfare-installed"
if [ ! -f "$installed" ] || [ "$here/package-lock.json" -nt "$installed" ]; then
  (cd "$here" && npm ci --no-audit --no-fund && touch "$installed")
fi
(cd "$repo" && npm run build --silent)
# The network comes down however the run ends, unless asked to stay.
[ "${WELFARE_KEEP_BENCH_NETWORK:-}" = 1 ] || trap 'bash "$repo/scripts/network-down.sh"' EXIT
bash "$repo/scripts/network-up.sh"
bash "$repo/scripts/deploy-chaincode.sh"
# The plain-write baseline is a chaincode of its own, deployed only on bench networks.
(cd "$repo" && npx tsc -p bench/plain-write)
bash "$repo/scripts/deploy-chaincode.sh" welfare-bench "$repo/bench/plain-write" bench:Ping
bash "$repo/scripts/gateway-start.sh"   # registers the orgs' systems, audit-system among them
node "$here/make-network-config.js" "$WELFARE_RUN_DIR" "$WELFARE_RUN_DIR/caliper"

mkdir -p "$repo/bench-results"
report="$repo/bench-results/caliper-$(date -u +%Y%m%dT%H%M%SZ).html"
status=0
(cd "$here" && npx caliper launch manager \
  --caliper-workspace "$here" \
  --caliper-networkconfig "$WELFARE_RUN_DIR/caliper/network.json" \
  --caliper-benchconfig benchmark.yaml \
  --caliper-flow-only-test \
  --caliper-report-path "$report") || status=$?
echo "caliper report: $report"
exit $status
