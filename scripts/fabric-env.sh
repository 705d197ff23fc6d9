# Sourced by the scripts: which Fabric build is pinned and where it lives (outside the repo, reused).
# The pin is the `require` line of scripts/fabric-build/go.mod; keep the two in step.
FABRIC_VERSION=3.0.0-dev
FABRIC_COMMIT=695dd57e01c285a43eb297b6744c156d7bb4baea
FABRIC_MODULE_VERSION=v1.4.0-rc1.0.20230405174026-695dd57e01c2
FABRIC_CACHE_ROOT="${WELFARE_FABRIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/welfare-ledger}"
FABRIC_HOME="$FABRIC_CACHE_ROOT/fabric-$FABRIC_VERSION-${FABRIC_COMMIT:0:12}"
FABRIC_BIN="$FABRIC_HOME/bin"
FABRIC_SAMPLECONFIG="$FABRIC_HOME/sampleconfig"
export FABRIC_VERSION FABRIC_COMMIT FABRIC_HOME FABRIC_BIN FABRIC_SAMPLECONFIG
export PATH="$FABRIC_BIN:$PATH"
