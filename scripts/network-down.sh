#!/usr/bin/env bash
# Stops every process of the network (and the gateway and chaincode) and removes the run directory.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
bash "$REPO_ROOT/scripts/network-stop.sh"
rm -rf "$RUN_DIR"
echo "network down: $RUN_DIR removed"
