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
    for _ in $(seq 1 40); do pid_alive "$pidf" || break; sleep 0.25; done
    # Gone for good before the pid file goes: a new gateway must find its port free.
    if pid_alive "$pidf"; then
      kill -KILL "$(cat "$pidf")"
      for _ in $(seq 1 20); do pid_alive "$pidf" || break; sleep 0.25; done
    fi
  fi
  rm -f "$pidf"
done
