#!/usr/bin/env bash
# Builds the pinned Hyperledger Fabric commands from Fabric's Go module into a cache outside
# the repo, once. Re-running is a no-op when the binaries are already there.
#
# Why a module of our own (scripts/fabric-build) and not `go install cmd@version`: the Go module
# proxy here refuses Fabric's version list, which `go install pkg@version` reads; building inside
# a module whose go.mod/go.sum pin the commit and every dependency needs only the pinned version.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/fabric-env.sh"
TOOLS=(peer orderer configtxgen cryptogen osnadmin)

have_all() {
  for t in "${TOOLS[@]}"; do [ -x "$FABRIC_BIN/$t" ] || return 1; done
  [ -f "$FABRIC_SAMPLECONFIG/core.yaml" ] && [ -f "$FABRIC_SAMPLECONFIG/orderer.yaml" ]
}

if have_all; then
  echo "fabric $FABRIC_VERSION (${FABRIC_COMMIT:0:12}): already built in $FABRIC_HOME"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build Fabric" >&2; exit 1; }
mkdir -p "$FABRIC_BIN" "$FABRIC_SAMPLECONFIG"
cd "$here/fabric-build"

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
cp "$src/core.yaml" "$src/orderer.yaml" "$FABRIC_SAMPLECONFIG/"
chmod u+w "$FABRIC_SAMPLECONFIG"/*.yaml

"$FABRIC_BIN/peer" version | sed -n 1,3p
echo "fabric built into $FABRIC_HOME"
