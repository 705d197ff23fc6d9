#!/usr/bin/env bash
# Brings the welfare network up as native processes: 3 Raft orderers and one peer and one Fabric CA
# for each of CivilAffairsMSP, FinanceMSP and AuditMSP, TLS everywhere, channel `welfare` joined the v3 way.
# With WELFARE_HOSTS_SUBNET (after hosts-up.sh) each node starts on its own host (network-env.sh):
# every orderer on its own, each org's peers and CA on the org's host, reached by hostname.
# Safe to re-run: generates crypto and the genesis block once, restarts whatever is not running,
# and joins only what has not joined yet. Each org's material lives in its own directory of the run
# directory (orgs/<org>/), what the orgs exchange in shared/ (network-env.sh).
set -euo pipefail
source "$(dirname "$0")/network-env.sh"

bash "$REPO_ROOT/scripts/install-fabric.sh"
bash "$REPO_ROOT/scripts/install-fabric-ca.sh"
# Host addresses exist only once hosts-up.sh has made the namespaces: without them a probe of a
# node's port would leave this machine for an address that is not ours.
if in_namespaces; then
  for host in "${HOSTS[@]}"; do
    ip netns list | grep -qw "^$(host_ns "$host")" || { echo "no network namespace $(host_ns "$host") for WELFARE_HOSTS_SUBNET=$HOSTS_SUBNET: run scripts/hosts-up.sh first" >&2; exit 1; }
  done
fi
mkdir -p "$RUN_DIR"/{logs,pids,config}
if [ -d "$RUN_DIR/crypto" ]; then
  echo "$RUN_DIR has the old layout (every org's keys in crypto/); remove it with npm run network:down (WELFARE_RUN_DIR=$RUN_DIR)" >&2
  exit 1
fi

# cryptogen writes every org's material into one tree; each org's part moves to orgs/<org>/ and
# only the public MSP of each org is copied to shared/ (on real machines each org generates its
# own and sends only that, docs/deploy.md).
generate_crypto() {
  local staging="$RUN_DIR/config/cryptogen/out" org src
  rm -rf "$staging"
  mkdir -p "$RUN_DIR/config/cryptogen" "$RUN_DIR/orgs" "$SHARED/msp" "$SHARED/orderers"
  sed -e "s#@@PEERS@@#$PEERS_PER_ORG#g" \
      -e "s#@@ORDERER1_ADDR@@#$(host_addr orderer1)#g" -e "s#@@ORDERER2_ADDR@@#$(host_addr orderer2)#g" \
      -e "s#@@ORDERER3_ADDR@@#$(host_addr orderer3)#g" -e "s#@@CIVILAFFAIRS_ADDR@@#$(host_addr civilaffairs)#g" \
      -e "s#@@FINANCE_ADDR@@#$(host_addr finance)#g" -e "s#@@AUDIT_ADDR@@#$(host_addr audit)#g" \
      "$REPO_ROOT/network/crypto-config.yaml.tmpl" > "$RUN_DIR/config/cryptogen/crypto-config.yaml"
  cryptogen generate --config="$RUN_DIR/config/cryptogen/crypto-config.yaml" --output="$staging" >/dev/null
  for org in orderer "${ORGS[@]}"; do
    if [ "$org" = orderer ]; then src="$staging/ordererOrganizations/orderer.welfare.local"; else src="$staging/peerOrganizations/$(org_domain "$org")"; fi
    rm -rf "$(org_home "$org")"/{ca,msp,peers,orderers,tlsca,users} "$(shared_msp "$org")"
    mkdir -p "$(org_home "$org")" && chmod 0700 "$(org_home "$org")"
    mv "$src"/* "$(org_home "$org")/"
    cp -R "$(org_home "$org")/msp" "$(shared_msp "$org")"
  done
  rm -rf "$staging"
  # Private keys readable by their owner only; none in shared/.
  find "$RUN_DIR/orgs" -name '*_sk' -o -name 'server.key' -o -name 'client.key' | xargs chmod 600
  if [ -n "$(find "$SHARED" -name '*_sk' -o -name '*.key' -o -path '*/keystore/*')" ]; then echo "a private key reached $SHARED" >&2; exit 1; fi
  # The consenter set names each orderer's TLS certificate (public).
  for n in 1 2 3; do cp "$(orderer_dir orderer$n)/tls/server.crt" "$SHARED/orderers/orderer$n-tls.crt"; done
}

generate_crypto_and_genesis() {
  [ -f "$GENESIS_BLOCK" ] && return 0
  echo "generating crypto material and the $CHANNEL genesis block..."
  generate_crypto
  mkdir -p "$RUN_DIR/config/configtx"
  # Block cutting, for measuring other values (docs/performance.md "Block cutting").
  batch_timeout="${WELFARE_BATCH_TIMEOUT:-250ms}" batch_max_messages="${WELFARE_BATCH_MAX_MESSAGES:-500}"
  [[ "$batch_timeout" =~ ^[1-9][0-9]*(ms|s)$ ]] || { echo "WELFARE_BATCH_TIMEOUT must look like 250ms or 2s, not '$batch_timeout'" >&2; exit 2; }
  [[ "$batch_max_messages" =~ ^[1-9][0-9]{0,4}$ ]] || { echo "WELFARE_BATCH_MAX_MESSAGES must be a whole number from 1 to 99999, not '$batch_max_messages'" >&2; exit 2; }
  sed -e "s#@@SHARED@@#$SHARED#g" \
      -e "s#@@BATCH_TIMEOUT@@#$batch_timeout#g" \
      -e "s#@@BATCH_MAX_MESSAGES@@#$batch_max_messages#g" \
      -e "s#@@ORDERER1_PORT@@#$(orderer_port 1)#g" \
      -e "s#@@ORDERER1_HOST@@#$(orderer_name 1)#g" \
      -e "s#@@ORDERER2_HOST@@#$(orderer_name 2)#g" \
      -e "s#@@ORDERER3_HOST@@#$(orderer_name 3)#g" \
      -e "s#@@CIVILAFFAIRS_PEER_HOST@@#$(peer_name civilaffairs)#g" \
      -e "s#@@FINANCE_PEER_HOST@@#$(peer_name finance)#g" \
      -e "s#@@AUDIT_PEER_HOST@@#$(peer_name audit)#g" \
      -e "s#@@ORDERER2_PORT@@#$(orderer_port 2)#g" \
      -e "s#@@ORDERER3_PORT@@#$(orderer_port 3)#g" \
      -e "s#@@CIVILAFFAIRS_PEER_PORT@@#$(peer_port civilaffairs)#g" \
      -e "s#@@FINANCE_PEER_PORT@@#$(peer_port finance)#g" \
      -e "s#@@AUDIT_PEER_PORT@@#$(peer_port audit)#g" \
      "$REPO_ROOT/network/configtx.yaml.tmpl" > "$RUN_DIR/config/configtx/configtx.yaml"
  configtxgen -configPath "$RUN_DIR/config/configtx" -profile WelfareChannel -channelID "$CHANNEL" \
    -outputBlock "$GENESIS_BLOCK.tmp" 2>"$RUN_DIR/logs/configtxgen.log"
  mv "$GENESIS_BLOCK.tmp" "$GENESIS_BLOCK"
}

# Each org's nodes read their own copy of Fabric's configuration, in the org's directory.
prepare_configs() {
  local org
  # No Docker here: an empty vm.endpoint turns off the Docker health check and Docker builds, so
  # chaincode runs only through the external builder. (An empty env var would be ignored.)
  for org in "${ORGS[@]}"; do
    mkdir -p "$(org_config_dir "$org")"
    sed -e 's#^\(    endpoint:\) unix:///var/run/docker.sock#\1 ""#' \
      "$FABRIC_CONFIG/core.yaml" > "$(org_config_dir "$org")/core.yaml"
    grep -q '^    endpoint: ""' "$(org_config_dir "$org")/core.yaml" || { echo "could not clear vm.endpoint in core.yaml" >&2; exit 1; }
  done
  mkdir -p "$(org_config_dir orderer)"
  cp "$FABRIC_CONFIG/orderer.yaml" "$(org_config_dir orderer)/orderer.yaml"
}

# A port held by a process of some other run directory would silently join the wrong network.
port_free() { # port what [address]
  if (exec 3<>"/dev/tcp/${3:-127.0.0.1}/$1") 2>/dev/null; then
    echo "port $1 ($2) is already in use by another process; stop it or set WELFARE_PORT_BASE" >&2
    exit 1
  fi
}

start_orderer() {
  local n=$1 name=orderer$1 dir pidf addr
  dir="$(orderer_dir "$name")"; pidf="$RUN_DIR/pids/$name.pid"; addr="$(host_addr "$name")"
  pid_alive "$pidf" && return 0
  port_free "$(orderer_port "$n")" "$name" "$addr"
  port_free "$(orderer_admin_port "$n")" "$name admin" "$addr"
  local tls="$dir/tls" data
  data="$(orderer_data_dir "$name")"; mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$(org_config_dir orderer)"
    export ORDERER_GENERAL_LISTENADDRESS="$addr"
    export ORDERER_GENERAL_LISTENPORT="$(orderer_port "$n")"
    export ORDERER_GENERAL_LOCALMSPID=OrdererMSP
    export ORDERER_GENERAL_LOCALMSPDIR="$dir/msp"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
    export ORDERER_GENERAL_TLS_ENABLED=true
    export ORDERER_GENERAL_TLS_CERTIFICATE="$tls/server.crt"
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$tls/server.key"
    export ORDERER_GENERAL_TLS_ROOTCAS="[$tls/ca.crt]"
    export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$tls/server.crt"
    export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$tls/server.key"
    export ORDERER_GENERAL_CLUSTER_ROOTCAS="[$tls/ca.crt]"
    export ORDERER_CHANNELPARTICIPATION_ENABLED=true
    export ORDERER_ADMIN_LISTENADDRESS="$addr:$(orderer_admin_port "$n")"
    export ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_CERTIFICATE="$tls/server.crt"
    export ORDERER_ADMIN_TLS_PRIVATEKEY="$tls/server.key"
    export ORDERER_ADMIN_TLS_ROOTCAS="[$tls/ca.crt]"
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$tls/ca.crt]"
    export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_FILELEDGER_LOCATION="$data/ledger"
    export ORDERER_CONSENSUS_WALDIR="$data/etcdraft/wal"
    export ORDERER_CONSENSUS_SNAPDIR="$data/etcdraft/snapshot"
    export ORDERER_OPERATIONS_LISTENADDRESS="$addr:$(orderer_ops_port "$n")"
    export ORDERER_METRICS_PROVIDER=prometheus
    if [ "${WELFARE_FABRIC_PPROF:-}" = 1 ]; then   # Go's pprof, for profiling only (docs/performance.md)
      export ORDERER_GENERAL_PROFILE_ENABLED=true ORDERER_GENERAL_PROFILE_ADDRESS="$addr:$(orderer_pprof_port "$n")"
    fi
    export FABRIC_LOGGING_SPEC="${WELFARE_FABRIC_LOGGING:-INFO}"
    nohup $(node_exec "$name") orderer >>"$RUN_DIR/logs/$name.log" 2>&1 &
    echo $! >"$pidf"
  )
}

start_peer() { # org [peer index]
  local org=$1 i=${2:-0} dir pidf key addr data
  dir="$(peer_dir "$org" "$i")"; key="$(peer_key "$org" "$i")"; pidf="$RUN_DIR/pids/peer-$key.pid"; addr="$(host_addr "$org")"
  data="$(peer_data_dir "$org" "$i")"
  pid_alive "$pidf" && return 0
  port_free "$(peer_port "$org" "$i")" "peer $i of $org" "$addr"
  mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$(org_config_dir "$org")"
    export CORE_PEER_ID="$(peer_fqdn "$org" "$i")"
    export CORE_PEER_ADDRESS="$(peer_name "$org" "$i"):$(peer_port "$org" "$i")"
    export CORE_PEER_LISTENADDRESS="$addr:$(peer_port "$org" "$i")"
    export CORE_PEER_CHAINCODEADDRESS="$addr:$(peer_cc_port "$org" "$i")"
    export CORE_PEER_CHAINCODELISTENADDRESS="$addr:$(peer_cc_port "$org" "$i")"
    # An org's peers find each other (the other peer, or itself when alone) and, by the anchor peers, the other orgs.
    export CORE_PEER_GOSSIP_BOOTSTRAP="$(peer_name "$org" $(( (i + 1) % PEERS_PER_ORG ))):$(peer_port "$org" $(( (i + 1) % PEERS_PER_ORG )))"
    export CORE_PEER_GOSSIP_EXTERNALENDPOINT="$(peer_name "$org" "$i"):$(peer_port "$org" "$i")"
    export CORE_PEER_LOCALMSPID="$(org_msp "$org")"
    export CORE_PEER_MSPCONFIGPATH="$dir/msp"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key"
    export CORE_PEER_TLS_ROOTCERT_FILE="$dir/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$data"
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$data/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS="$addr:$(peer_ops_port "$org" "$i")"
    export CORE_METRICS_PROVIDER=prometheus
    export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: welfare-node, path: $REPO_ROOT/network/builders/node}]"
    if [ "${WELFARE_FABRIC_PPROF:-}" = 1 ]; then
      export CORE_PEER_PROFILE_ENABLED=true CORE_PEER_PROFILE_LISTENADDRESS="$addr:$(peer_pprof_port "$org" "$i")"
    fi
    export FABRIC_LOGGING_SPEC="${WELFARE_FABRIC_LOGGING:-INFO}"
    nohup $(node_exec "$org") peer node start >>"$RUN_DIR/logs/peer-$key.log" 2>&1 &
    echo $! >"$pidf"
  )
}

start_ca() {
  local org=$1 dir pidf secret addr
  dir="$(ca_dir "$org")"; pidf="$RUN_DIR/pids/ca-$org.pid"; addr="$(host_addr "$org")"
  pid_alive "$pidf" && return 0
  port_free "$(ca_port "$org")" "CA of $org" "$addr"
  mkdir -p "$dir" "$(gateway_dir "$org")"
  chmod 0700 "$dir" "$(gateway_dir "$org")"
  secret="$(ca_registrar_secret_file "$org")"
  [ -f "$secret" ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url")+"\n")' > "$secret")
  # The registrar's secret in the server's environment (FABRIC_CA_SERVER_BOOT = -b), not on its command line.
  FABRIC_CA_SERVER_BOOT="$CA_REGISTRAR:$(cat "$secret")" nohup $(node_exec "$org") "$FABRIC_CA_BIN/fabric-ca-server" start -H "$dir" \
    --ca.name "ca-$org" --ca.certfile "$(org_ca_cert "$org")" --ca.keyfile "$(org_ca_key "$org")" \
    --address "$addr" --port "$(ca_port "$org")" --tls.enabled --csr.hosts "127.0.0.1,localhost,$addr,$(ca_fqdn "$org")" \
    --operations.listenaddress "$addr:$(ca_ops_port "$org")" >>"$RUN_DIR/logs/ca-$org.log" 2>&1 &
  echo $! >"$pidf"
}

wait_healthy() { # name url
  for _ in $(seq 1 120); do
    curl -sf "$2" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$1 did not become healthy; see $RUN_DIR/logs/$1.log" >&2
  tail -20 "$RUN_DIR/logs/$1.log" >&2 || true
  return 1
}

join_orderers() {
  local n tls
  for n in 1 2 3; do
    tls="$(orderer_dir orderer$n)/tls"
    if on_host orderer$n osnadmin channel list -o "$(orderer_name $n):$(orderer_admin_port $n)" --ca-file "$ORDERER_CA" \
         --client-cert "$tls/server.crt" --client-key "$tls/server.key" 2>/dev/null | grep -q "\"$CHANNEL\""; then
      continue
    fi
    echo "orderer$n joins $CHANNEL"
    on_host orderer$n osnadmin channel join --channelID "$CHANNEL" --config-block "$GENESIS_BLOCK" \
      -o "$(orderer_name $n):$(orderer_admin_port $n)" --ca-file "$ORDERER_CA" \
      --client-cert "$tls/server.crt" --client-key "$tls/server.key" >/dev/null
  done
}

join_peers() {
  local org i
  for org in "${ORGS[@]}"; do
    for i in $(peer_indexes); do
      use_org_admin "$org" "$i"
      if on_host "$org" peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then continue; fi
      echo "$(peer_fqdn "$org" "$i") joins $CHANNEL"
      for _ in $(seq 1 20); do
        on_host "$org" peer channel join -b "$GENESIS_BLOCK" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 && break
        sleep 1
      done
      on_host "$org" peer channel list 2>/dev/null | grep -qx "$CHANNEL" || { echo "peer $i of $org failed to join; see $RUN_DIR/logs/peer-cli.log" >&2; exit 1; }
    done
  done
}

# Writes fail with "no Raft leader" until the orderers have elected one.
wait_raft_leader() {
  local n
  for _ in $(seq 1 120); do
    for n in 1 2 3; do
      curl -s "http://$(host_addr orderer$n):$(orderer_ops_port $n)/metrics" |
        grep -q "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1" && return 0
    done
    sleep 0.5
  done
  echo "the orderers elected no Raft leader for $CHANNEL; see $RUN_DIR/logs/orderer*.log" >&2
  return 1
}

# What the gateway and the tests read to find the network: peers, TLS roots, org identities.
write_network_json() {
  local org domain users entries=()
  for org in "${ORGS[@]}"; do
    domain="$(org_domain "$org")"; users="$(org_home "$org")/users"
    entries+=("$(printf '{"key":"%s","mspId":"%s","peerEndpoint":"%s:%s","peerHostAlias":"peer0.%s","tlsRootCert":"%s","client":{"cert":"%s","key":"%s"},"admin":{"cert":"%s","key":"%s"}}' \
      "$org" "$(org_msp "$org")" "$(host_addr "$org")" "$(peer_port "$org")" "$domain" "$(org_tls_root "$org")" \
      "$users/User1@$domain/msp/signcerts/User1@$domain-cert.pem" "$users/User1@$domain/msp/keystore/priv_sk" \
      "$users/Admin@$domain/msp/signcerts/Admin@$domain-cert.pem" "$users/Admin@$domain/msp/keystore/priv_sk")")
  done
  local IFS=,
  printf '{"channel":"%s","chaincode":"%s","runDir":"%s","orgs":[%s]}\n' "$CHANNEL" "$CHAINCODE" "$RUN_DIR" "${entries[*]}" \
    | node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0,"utf8")),null,2)+"\n")' > "$RUN_DIR/network.json"
}

generate_crypto_and_genesis
write_network_json
prepare_configs
for n in 1 2 3; do start_orderer $n; done
for org in "${ORGS[@]}"; do for i in $(peer_indexes); do start_peer "$org" "$i"; done; done
for org in "${ORGS[@]}"; do start_ca "$org"; done
for n in 1 2 3; do wait_healthy orderer$n "http://$(host_addr orderer$n):$(orderer_ops_port $n)/healthz"; done
for org in "${ORGS[@]}"; do for i in $(peer_indexes); do
  wait_healthy "peer-$(peer_key "$org" "$i")" "http://$(host_addr "$org"):$(peer_ops_port "$org" "$i")/healthz"
done; done
for org in "${ORGS[@]}"; do wait_healthy "ca-$org" "http://$(host_addr "$org"):$(ca_ops_port "$org")/healthz"; done
join_orderers
source "$REPO_ROOT/scripts/orderer-deadlock.sh" && unstick_orderers   # Fabric 2.5.0 restart deadlock
# peer-recover.sh starts a wiped peer this way, then joins it from another peer's snapshot.
[ "${WELFARE_JOIN_PEERS:-1}" = 0 ] || join_peers
wait_raft_leader
bash "$REPO_ROOT/scripts/network-status.sh"
