# Sourced by the scripts: which Fabric the network runs and where its commands live.
#
# By default: Fabric v2.5.0 built from its Go module (scripts/fabric-build pins the commit and
# every dependency; keep FABRIC_MODULE_VERSION equal to its `require` line) into a cache outside
# the repo. WELFARE_FABRIC_BIN=/opt/fabric/bin uses an official release's `bin/` instead; its
# core.yaml and orderer.yaml are read from the `config/` beside it (WELFARE_FABRIC_CONFIG to
# override). install-fabric.sh checks that those binaries are Fabric 2.5 or later.
FABRIC_VERSION=2.5.0
FABRIC_COMMIT=bd8e2485693995a7e25a112504a015dbe679f4ea
FABRIC_MODULE_VERSION=v1.4.0-rc1.0.20230401164317-bd8e24856939
FABRIC_CACHE_ROOT="${WELFARE_FABRIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/welfare-ledger}"
if [ -n "${WELFARE_FABRIC_BIN:-}" ]; then
  FABRIC_BIN="${WELFARE_FABRIC_BIN%/}"
  FABRIC_HOME="$(dirname "$FABRIC_BIN")"
  FABRIC_BUILD=external
else
  FABRIC_HOME="$FABRIC_CACHE_ROOT/fabric-$FABRIC_VERSION-${FABRIC_COMMIT:0:12}"
  FABRIC_BIN="$FABRIC_HOME/bin"
  FABRIC_BUILD=module
fi
# Same layout as an official release archive: bin/ and config/ side by side.
FABRIC_CONFIG="${WELFARE_FABRIC_CONFIG:-$FABRIC_HOME/config}"
export FABRIC_VERSION FABRIC_COMMIT FABRIC_HOME FABRIC_BIN FABRIC_CONFIG FABRIC_BUILD
export PATH="$FABRIC_BIN:$PATH"
