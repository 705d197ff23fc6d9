# Sourced by the scripts: which Fabric CA the orgs run and where its commands live. Beside
# fabric-env.sh (Fabric itself), in the same cache root; keep FABRIC_CA_VERSION equal to the
# `require` line of scripts/fabric-ca-build/go.mod.
FABRIC_CA_VERSION=1.5.21
FABRIC_CA_CACHE_ROOT="${WELFARE_FABRIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/welfare-ledger}"
FABRIC_CA_HOME="$FABRIC_CA_CACHE_ROOT/fabric-ca-$FABRIC_CA_VERSION"
FABRIC_CA_BIN="$FABRIC_CA_HOME/bin"
export FABRIC_CA_VERSION FABRIC_CA_HOME FABRIC_CA_BIN
