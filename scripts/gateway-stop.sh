#!/usr/bin/env bash
# Stops the orgs' gateways of the run directory, if running.
#   gateway-stop.sh [org ...]     (default: every org)
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
orgs=("$@"); [ ${#orgs[@]} -gt 0 ] || orgs=("${ORGS[@]}")
for org in "${orgs[@]}"; do
  pidf="$(gateway_pidfile "$org")"
  if pid_alive "$pidf"; then
    kill -TERM "$(cat "$pidf")"
    for _ in $(seq 1 20); do pid_alive "$pidf" || break; sleep 0.25; done
    pid_alive "$pidf" && kill -KILL "$(cat "$pidf")"
  fi
  rm -f "$pidf"
done
