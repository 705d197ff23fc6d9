# Sourced by the network scripts: the run directory and every port, derived from one base so a
# test network (WELFARE_PORT_BASE=17000, WELFARE_RUN_DIR=.network-test) can run beside the demo.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$here/.." && pwd)"
source "$here/fabric-env.sh"

RUN_DIR="$(mkdir -p "${WELFARE_RUN_DIR:-$REPO_ROOT/.network}" && cd "${WELFARE_RUN_DIR:-$REPO_ROOT/.network}" && pwd)"
PORT_BASE="${WELFARE_PORT_BASE:-7000}"
CHANNEL=welfare
CHAINCODE=welfare
export RUN_DIR PORT_BASE CHANNEL CHAINCODE REPO_ROOT

# The run directory holds one directory per organisation, what that org would copy to its own
# machine (mode 0700): orgs/<org>/ for civilaffairs, finance and audit (its peers', CA's, admin's and
# gateway's material, its peers' ledgers, its CA's database, its gateway's state) and orgs/orderer/
# for the orderer org. Beside them, shared/ holds only what Fabric exchanges between orgs: each
# org's MSP certificates (shared/msp/<org>/, no private keys), the orderers' TLS certificates for
# the consenter set, the genesis block and the chaincode packages. Every node is started with paths
# into its own org's directory and shared/ only. logs/, pids/, network.json and config/ (the input
# of cryptogen and configtxgen) are the operator's, read by no node.
SHARED="$RUN_DIR/shared"
GENESIS_BLOCK="$SHARED/$CHANNEL.block"
org_home() { echo "$RUN_DIR/orgs/$1"; } # civilaffairs | finance | audit | orderer
org_config_dir() { echo "$(org_home "$1")/config"; }
shared_msp() { echo "$SHARED/msp/$1"; }
ORDERER_ORG_DIR="$(org_home orderer)"
export SHARED GENESIS_BLOCK

# Hosts. By default every node runs on this machine at 127.0.0.1. With WELFARE_HOSTS_SUBNET (say
# 10.77.0; scripts/hosts-up.sh makes the hosts) every orderer and every org is a host of its own: a
# network namespace <prefix>-<host> (WELFARE_HOSTS_PREFIX, default wl) with its own address on a
# bridge and its own hostnames, and every org runs a second peer. Certificates, the channel config
# and every endpoint then carry hostnames; nothing listens on 127.0.0.1.
# WELFARE_HOSTS_FILE instead names real machines, one "<host> <address>" line per host (docs/deploy.md):
# the same names, certificates and configs, with the addresses given and no namespaces.
HOSTS_SUBNET="${WELFARE_HOSTS_SUBNET:-}"
HOSTS_FILE="${WELFARE_HOSTS_FILE:-}"
HOSTS_PREFIX="${WELFARE_HOSTS_PREFIX:-wl}"
HOSTS=(orderer1 orderer2 orderer3 civilaffairs finance audit)
multi_host() { [ -n "$HOSTS_SUBNET" ] || [ -n "$HOSTS_FILE" ]; }
in_namespaces() { [ -n "$HOSTS_SUBNET" ]; }
host_number() { case $1 in orderer1) echo 11 ;; orderer2) echo 12 ;; orderer3) echo 13 ;; civilaffairs) echo 21 ;; finance) echo 22 ;; audit) echo 23 ;; esac; }
host_addr() {
  if [ -n "$HOSTS_FILE" ]; then
    awk -v h="$1" '$1 == h { print $2; found = 1 } END { exit !found }' "$HOSTS_FILE" || { echo "no address for host $1 in $HOSTS_FILE" >&2; return 1; }
  elif in_namespaces; then echo "$HOSTS_SUBNET.$(host_number "$1")"
  else echo 127.0.0.1; fi
}
host_ns() { echo "$HOSTS_PREFIX-$1"; }
# Runs a command on a host: in its namespace (with its /etc/netns/<ns>/hosts), or here.
on_host() { local host=$1; shift; if in_namespaces; then ip netns exec "$(host_ns "$host")" "$@"; else "$@"; fi; }
# The prefix that starts a long-running process on a host (nohup $(host_exec finance) peer ...): the
# process keeps its pid, so pid files and kill work as on one machine.
host_exec() { if in_namespaces; then echo "ip netns exec $(host_ns "$1")"; fi; }
# The name a node is reached by: its hostname across hosts, 127.0.0.1 on one machine.
node_name() { if multi_host; then echo "$2"; else echo 127.0.0.1; fi; } # host fqdn
PEERS_PER_ORG="${WELFARE_PEERS_PER_ORG:-$(multi_host && echo 2 || echo 1)}"
export HOSTS_SUBNET HOSTS_PREFIX PEERS_PER_ORG

ORDERERS=(orderer1 orderer2 orderer3)
orderer_fqdn() { echo "orderer$1.orderer.welfare.local"; }
orderer_name() { node_name "orderer$1" "$(orderer_fqdn "$1")"; }
orderer_port() { echo $((PORT_BASE + 50 + 100 * ($1 - 1))); }        # 7050 7150 7250
orderer_admin_port() { echo $((PORT_BASE + 53 + 100 * ($1 - 1))); }  # 7053 7153 7253
orderer_ops_port() { echo $((PORT_BASE + 1443 + $1 - 1)); }         # 8443 8444 8445

# org key, MSP id, domain; peer ports 7051/8051/9051, chaincode +1, operations 9443..9445
ORGS=(civilaffairs finance audit)
org_msp() { case $1 in civilaffairs) echo CivilAffairsMSP ;; finance) echo FinanceMSP ;; audit) echo AuditMSP ;; esac; }
org_index() { case $1 in civilaffairs) echo 0 ;; finance) echo 1 ;; audit) echo 2 ;; esac; }
org_domain() { echo "$1.welfare.local"; }
# A second argument picks an org's peer: 0 (default) or 1 (the second peer: ports +100, operations +10).
peer_port() { echo $((PORT_BASE + 51 + 1000 * $(org_index "$1") + 100 * ${2:-0})); }
peer_cc_port() { echo $(($(peer_port "$1" "${2:-0}") + 1)); }
peer_ops_port() { echo $((PORT_BASE + 2443 + $(org_index "$1") + 10 * ${2:-0})); }
# Go's pprof endpoints, only with WELFARE_FABRIC_PPROF=1: peers 9460.. (+10 for a second peer), orderers 9481..9483.
peer_pprof_port() { echo $((PORT_BASE + 2460 + $(org_index "$1") + 10 * ${2:-0})); }
orderer_pprof_port() { echo $((PORT_BASE + 2480 + $1)); }
peer_fqdn() { echo "peer${2:-0}.$(org_domain "$1")"; }
peer_name() { node_name "$1" "$(peer_fqdn "$1" "${2:-0}")"; }
peer_dir() { echo "$(org_home "$1")/peers/$(peer_fqdn "$1" "${2:-0}")"; }
peer_key() { if [ "${2:-0}" = 0 ]; then echo "$1"; else echo "$1-peer$2"; fi; } # pid, log and ledger names
peer_indexes() { seq 0 $((PEERS_PER_ORG - 1)); }
peer_data_dir() { echo "$(org_home "$1")/ledgers/$(peer_key "$1" "${2:-0}")"; } # ledger, state, snapshots
org_admin_msp() { echo "$(org_home "$1")/users/Admin@$(org_domain "$1")/msp"; }
# An org's TLS root as every other org knows it: from its MSP in shared/.
org_tls_root() { echo "$(shared_msp "$1")/tlscacerts/tlsca.$(org_domain "$1")-cert.pem"; }
orderer_dir() { echo "$ORDERER_ORG_DIR/orderers/$1.orderer.welfare.local"; }
orderer_data_dir() { echo "$ORDERER_ORG_DIR/ledgers/$1"; } # block store, Raft WAL and snapshots
ORDERER_CA="$(shared_msp orderer)/tlscacerts/tlsca.orderer.welfare.local-cert.pem"

# The prefix that starts a node (nohup $(node_exec finance) peer ...): on its host, without the
# operator's variables that name the whole run directory, so a node is handed its own org's paths only.
node_exec() { echo "env -u RUN_DIR -u WELFARE_RUN_DIR -u SHARED -u GENESIS_BLOCK $(host_exec "$1")"; }

# Running, and not a zombie: a killed node can linger as a zombie until it is reaped.
pid_alive() {
  [ -f "$1" ] || return 1
  local pid; pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# Point the peer CLI at one org's peer (the second argument picks which, default 0), acting as that org's admin.
use_org_admin() {
  export FABRIC_CFG_PATH="$(org_config_dir "$1")"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_LOCALMSPID="$(org_msp "$1")"
  export CORE_PEER_MSPCONFIGPATH="$(org_admin_msp "$1")"
  export CORE_PEER_ADDRESS="$(peer_name "$1" "${2:-0}"):$(peer_port "$1" "${2:-0}")"
  export CORE_PEER_TLS_ROOTCERT_FILE="$(peer_dir "$1" "${2:-0}")/tls/ca.crt"
}

# One gateway per org, each in its own directory (config, key store, index, logs; mode 0700):
# CivilAffairs on WELFARE_GATEWAY_PORT (8080), Finance +1, Audit +2.
GATEWAY_PORT_BASE="${WELFARE_GATEWAY_PORT:-8080}"
gateway_port() { echo $((GATEWAY_PORT_BASE + $(org_index "$1"))); }
gateway_host() { host_addr "$1"; }
gateway_scheme() { if multi_host; then echo https; else echo http; fi; }
# Beyond loopback the gateway serves HTTPS with a certificate from its org's TLS CA.
gateway_curl() { if multi_host; then curl --cacert "$(gateway_dir "$1")/tls/ca.crt" "${@:2}"; else curl "${@:2}"; fi; }
gateway_dir() { echo "$(org_home "$1")/gateway"; }
gateway_pidfile() { echo "$RUN_DIR/pids/gateway-$1.pid"; }
org_client_msp() { echo "$(org_home "$1")/users/User1@$(org_domain "$1")/msp"; }

# One Fabric CA per org, signing with the org's cryptogen CA key (so the channel MSP already trusts
# what it issues): 7054 CivilAffairs, 8054 Finance, 9054 Audit; operations 9446..9448. Its bootstrap
# identity is the org's enrollment registrar (not a Fabric admin); the registrar's secret is generated
# at first start into the org's gateway directory, mode 0600.
source "$here/fabric-ca-env.sh"
ca_fqdn() { echo "ca.$(org_domain "$1")"; }
ca_port() { echo $((PORT_BASE + 54 + 1000 * $(org_index "$1"))); }
ca_ops_port() { echo $((PORT_BASE + 2446 + $(org_index "$1"))); }
ca_dir() { echo "$(org_home "$1")/ca-server"; }
org_ca_cert() { echo "$(org_home "$1")/ca/ca.$(org_domain "$1")-cert.pem"; }
org_ca_key() { echo "$(org_home "$1")/ca/priv_sk"; }
CA_REGISTRAR=registrar
ca_registrar_secret_file() { echo "$(gateway_dir "$1")/ca-registrar.secret"; }
