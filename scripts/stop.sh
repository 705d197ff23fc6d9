#!/usr/bin/env bash
# npm stop: stops the gateway, peers, orderers and chaincode; keeps the data for the next start.
set -euo pipefail
bash "$(dirname "$0")/network-stop.sh"
