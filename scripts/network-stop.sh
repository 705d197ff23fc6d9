#!/usr/bin/env bash
# Stops every process started from the run directory but keeps its data, so `network:up` resumes
# the same chain. Chaincode processes are children of their peer and stop with it.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
shopt -s nullglob
pids=()
for f in "$RUN_DIR"/pids/*.pid; do
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    pkill -TERM -P "$pid" 2>/dev/null || true   # chaincode launched by a peer's builder
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
  fi
  rm -f "$f"
done
for _ in $(seq 1 40); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.25
done
for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
# Any chaincode still running from this run directory's builds.
pkill -KILL -f "module-path $RUN_DIR/" 2>/dev/null || true
echo "stopped ${#pids[@]} processes of $RUN_DIR"
