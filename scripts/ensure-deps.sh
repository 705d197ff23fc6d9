#!/usr/bin/env bash
# Installs the npm dependencies from the lock file when they are missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.welfare-lock-hash
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "installing npm dependencies (npm ci)..."
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
