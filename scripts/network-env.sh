# Sourced by the network scripts: the run directory and every port, derived from one base so a
# test network (WELFARE_PORT_BASE=17000, WELFARE_RUN_DIR=.network-test) can run beside the demo.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$here/.." && pwd)"
source "$here/fabric-env.sh"

RUN_DIR="$(mkdir -p "${WELFARE_RUN_DIR:-$REPO_ROOT/.network}" && cd "${WELFARE_RUN_DIR:-$REPO_ROOT/.network}" && pwd)"
PORT_BASE="${WELFARE_PORT_BASE:-7000}"
CHANNEL=welfare
CHAINCODE=welfare
CRYPTO="$RUN_DIR/crypto"
ORDERER_ORG_DIR="$CRYPTO/ordererOrganizations/orderer.welfare.local"
export RUN_DIR PORT_BASE CHANNEL CHAINCODE CRYPTO REPO_ROOT

ORDERERS=(orderer1 orderer2 orderer3)
orderer_port() { echo $((PORT_BASE + 50 + 100 * ($1 - 1))); }        # 7050 7150 7250
orderer_admin_port() { echo $((PORT_BASE + 53 + 100 * ($1 - 1))); }  # 7053 7153 7253
orderer_ops_port() { echo $((PORT_BASE + 1443 + $1 - 1)); }         # 8443 8444 8445

# org key, MSP id, domain; peer ports 7051/8051/9051, chaincode +1, operations 9443..9445
ORGS=(civilaffairs finance audit)
org_msp() { case $1 in civilaffairs) echo CivilAffairsMSP ;; finance) echo FinanceMSP ;; audit) echo AuditMSP ;; esac; }
org_index() { case $1 in civilaffairs) echo 0 ;; finance) echo 1 ;; audit) echo 2 ;; esac; }
org_domain() { echo "$1.welfare.local"; }
peer_port() { echo $((PORT_BASE + 51 + 1000 * $(org_index "$1"))); }
peer_cc_port() { echo $(($(peer_port "$1") + 1)); }
peer_ops_port() { echo $((PORT_BASE + 2443 + $(org_index "$1"))); }
peer_dir() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/peers/peer0.$(org_domain "$1")"; }
org_admin_msp() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/users/Admin@$(org_domain "$1")/msp"; }
orderer_dir() { echo "$ORDERER_ORG_DIR/orderers/$1.orderer.welfare.local"; }
ORDERER_CA="$ORDERER_ORG_DIR/tlsca/tlsca.orderer.welfare.local-cert.pem"

# Running, and not a zombie: a killed node can linger as a zombie until it is reaped.
pid_alive() {
  [ -f "$1" ] || return 1
  local pid; pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# Point the peer CLI at one org's peer, acting as that org's admin.
use_org_admin() {
  export FABRIC_CFG_PATH="$RUN_DIR/config/peer"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_LOCALMSPID="$(org_msp "$1")"
  export CORE_PEER_MSPCONFIGPATH="$(org_admin_msp "$1")"
  export CORE_PEER_ADDRESS="127.0.0.1:$(peer_port "$1")"
  export CORE_PEER_TLS_ROOTCERT_FILE="$(peer_dir "$1")/tls/ca.crt"
}

# One gateway per org, each in its own directory (config, key store, index, logs; mode 0700):
# CivilAffairs on WELFARE_GATEWAY_PORT (8080), Finance +1, Audit +2.
GATEWAY_PORT_BASE="${WELFARE_GATEWAY_PORT:-8080}"
gateway_port() { echo $((GATEWAY_PORT_BASE + $(org_index "$1"))); }
gateway_dir() { echo "$RUN_DIR/gateways/$1"; }
gateway_pidfile() { echo "$RUN_DIR/pids/gateway-$1.pid"; }
org_client_msp() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/users/User1@$(org_domain "$1")/msp"; }

# One Fabric CA per org, signing with the org's cryptogen CA key (so the channel MSP already trusts
# what it issues): 7054 CivilAffairs, 8054 Finance, 9054 Audit; operations 9446..9448. Its bootstrap
# identity is the org's enrollment registrar (not a Fabric admin); the registrar's secret is generated
# at first start into the org's gateway directory, mode 0600.
source "$here/fabric-ca-env.sh"
ca_port() { echo $((PORT_BASE + 54 + 1000 * $(org_index "$1"))); }
ca_ops_port() { echo $((PORT_BASE + 2446 + $(org_index "$1"))); }
ca_dir() { echo "$RUN_DIR/cas/$1"; }
org_ca_cert() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/ca/ca.$(org_domain "$1")-cert.pem"; }
org_ca_key() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/ca/priv_sk"; }
CA_REGISTRAR=registrar
ca_registrar_secret_file() { echo "$(gateway_dir "$1")/ca-registrar.secret"; }
