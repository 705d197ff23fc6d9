#!/usr/bin/env bash
# Makes fabric-ca-server and fabric-ca-client available: builds the pinned release from its Go
# module into the cache beside Fabric, once (re-running is a no-op).
#
# As for Fabric (install-fabric.sh): `go install ...@v1.5.21` is refused here because it reads the
# module's version list, so both commands are built inside scripts/fabric-ca-build, a module whose
# go.mod/go.sum pin v1.5.21 and every dependency. The CA needs cgo (its SQLite driver).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/fabric-ca-env.sh"
TOOLS=(fabric-ca-server fabric-ca-client)

missing=0
for t in "${TOOLS[@]}"; do [ -x "$FABRIC_CA_BIN/$t" ] || missing=1; done
if [ $missing = 0 ]; then
  echo "fabric-ca $FABRIC_CA_VERSION: already built in $FABRIC_CA_HOME"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build Fabric CA" >&2; exit 1; }
command -v gcc >/dev/null || { echo "gcc is required to build Fabric CA (cgo, for its SQLite driver)" >&2; exit 1; }
cd "$here/fabric-ca-build"
grep -q "github.com/hyperledger/fabric-ca v$FABRIC_CA_VERSION\$" go.mod ||
  { echo "scripts/fabric-ca-build/go.mod does not require fabric-ca v$FABRIC_CA_VERSION (fabric-ca-env.sh)" >&2; exit 1; }
mkdir -p "$FABRIC_CA_BIN"
echo "fabric-ca $FABRIC_CA_VERSION: building into $FABRIC_CA_HOME"
go mod download
for t in "${TOOLS[@]}"; do
  echo "compiling $t..."
  CGO_ENABLED=1 go build -trimpath -o "$FABRIC_CA_BIN/$t.tmp" "github.com/hyperledger/fabric-ca/cmd/$t"
  mv "$FABRIC_CA_BIN/$t.tmp" "$FABRIC_CA_BIN/$t"
done
"$FABRIC_CA_BIN/fabric-ca-server" version | head -2
echo "fabric-ca $FABRIC_CA_VERSION built into $FABRIC_CA_HOME"
