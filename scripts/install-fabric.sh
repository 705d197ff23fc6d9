#!/usr/bin/env bash
# Makes the Fabric commands available: builds the pinned release from Fabric's Go module into a
# cache outside the repo, once (re-running is a no-op), or, with WELFARE_FABRIC_BIN set, checks
# the official binaries found there. Either way it refuses a Fabric older than 2.5.
#
# Why a module of our own (scripts/fabric-build) and not `go install cmd@version`: the Go module
# proxy here refuses Fabric's version list, which `go install pkg@version` reads; building inside
# a module whose go.mod/go.sum pin the commit and every dependency needs only the pinned version.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/fabric-env.sh"
TOOLS=(peer orderer configtxgen cryptogen osnadmin)

missing() {
  local t
  for t in "${TOOLS[@]}"; do [ -x "$FABRIC_BIN/$t" ] || echo "$FABRIC_BIN/$t"; done
  for t in core.yaml orderer.yaml; do [ -f "$FABRIC_CONFIG/$t" ] || echo "$FABRIC_CONFIG/$t"; done
}

# `peer version` and `orderer version` print "Version: X.Y.Z"; the network needs 2.5 or later
# (channel participation without a system channel, application capability V2_5).
check_version() {
  local t v major minor
  for t in peer orderer; do
    v="$("$FABRIC_BIN/$t" version 2>/dev/null | sed -n 's/^ *Version: *v\{0,1\}\([0-9][0-9.]*\).*/\1/p' | head -1)"
    if [ -z "$v" ]; then
      echo "$FABRIC_BIN/$t does not report a Fabric version ('$t version'); is it Fabric?" >&2
      exit 1
    fi
    major="${v%%.*}"; minor="$(echo "$v" | cut -d. -f2)"
    if [ "$major" -lt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -lt 5 ]; }; then
      echo "$FABRIC_BIN/$t is Fabric $v; welfare-ledger needs Fabric 2.5 or later (2.5.x or 3.1.x)" >&2
      exit 1
    fi
  done
  echo "$v"
}

if [ "$FABRIC_BUILD" = external ]; then
  gaps="$(missing)"
  if [ -n "$gaps" ]; then
    echo "WELFARE_FABRIC_BIN=$WELFARE_FABRIC_BIN lacks what the network needs:" >&2
    echo "$gaps" | sed 's/^/  /' >&2
    echo "(an official release archive has bin/ and config/ side by side; WELFARE_FABRIC_CONFIG names another config/)" >&2
    exit 1
  fi
  version="$(check_version)"
  echo "fabric $version: official binaries from $FABRIC_BIN"
  exit 0
fi

if [ -z "$(missing)" ]; then
  version="$(check_version)"
  echo "fabric $version (${FABRIC_COMMIT:0:12}): already built in $FABRIC_HOME"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build Fabric" >&2; exit 1; }
mkdir -p "$FABRIC_BIN" "$FABRIC_CONFIG"
cd "$here/fabric-build"
grep -q "github.com/hyperledger/fabric $FABRIC_MODULE_VERSION\$" go.mod ||
  { echo "scripts/fabric-build/go.mod does not require fabric $FABRIC_MODULE_VERSION (fabric-env.sh)" >&2; exit 1; }

echo "fabric $FABRIC_VERSION (${FABRIC_COMMIT:0:12}): building into $FABRIC_HOME"
echo "[1/3] downloading Fabric and its dependencies from the Go module proxy..."
go mod download
ldflags="-X github.com/hyperledger/fabric/common/metadata.Version=$FABRIC_VERSION"
ldflags+=" -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${FABRIC_COMMIT:0:12}"
i=0
for t in "${TOOLS[@]}"; do
  i=$((i + 1))
  echo "[2/3] compiling $t ($i/${#TOOLS[@]}; the first one takes the longest)..."
  CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$FABRIC_BIN/$t.tmp" "github.com/hyperledger/fabric/cmd/$t"
  mv "$FABRIC_BIN/$t.tmp" "$FABRIC_BIN/$t"
done

echo "[3/3] copying sample configs (the module cache copy is read-only)..."
src="$(go list -m -f '{{.Dir}}' github.com/hyperledger/fabric)/sampleconfig"
cp "$src/core.yaml" "$src/orderer.yaml" "$FABRIC_CONFIG/"
chmod u+w "$FABRIC_CONFIG"/*.yaml

"$FABRIC_BIN/peer" version | sed -n 1,3p
version="$(check_version)"
echo "fabric $version built into $FABRIC_HOME"
