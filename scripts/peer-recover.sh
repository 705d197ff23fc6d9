#!/usr/bin/env bash
# Rebuilds a peer that lost its disk, then checks it against the other peers.
#   peer-recover.sh <org> [peer] [--from-genesis]
# By default from a ledger snapshot of the org's other peer: that peer's admin asks it for a
# snapshot of its last committed block (`peer snapshot submitrequest`), the wiped peer starts
# empty, gets the chaincode package installed again (installed packages were on the lost disk)
# and joins the channel from the snapshot (`peer channel joinbysnapshot`); it then pulls only the
# blocks after the snapshot from the orderers. Such a peer holds no block below the snapshot: it
# can endorse and commit, but proofs and audits of older blocks need a peer with the whole chain.
# --from-genesis joins it with the genesis block instead and it pulls every block (slower, whole chain).
# On real machines the snapshot directory is copied from the source peer's host first.
# The check: the recovered peer's chain tip (the hash of its last block) equals that block's hash
# on the org's other peer and on another org's peer. Prints one JSON line with the timings.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"

org="${1:?usage: peer-recover.sh <org> [peer] [--from-genesis]}"
peer="${2:-1}"
mode="${3:-snapshot}"
[ "$PEERS_PER_ORG" -gt 1 ] || [ "$mode" = --from-genesis ] || { echo "$org has one peer: no other peer to take a snapshot from (use --from-genesis)" >&2; exit 2; }
source_peer=$(( (peer + 1) % PEERS_PER_ORG ))
key="$(peer_key "$org" "$peer")"
pidf="$RUN_DIR/pids/peer-$key.pid"
began=$(date +%s.%N)
elapsed() { awk -v now="$(date +%s.%N)" -v began="$began" 'BEGIN { printf "%.1f", now - began }'; }

# A peer's chain tip as "height hex-hash" (the hash of block height-1), from its own answer (peer CLI
# as the org's admin). A peer joined from a snapshot knows its tip from the snapshot before it
# commits a block of its own.
tip_of_own_peer() { # peer
  CORE_PEER_ADDRESS="$(peer_name "$org" "$1"):$(peer_port "$org" "$1")" CORE_PEER_TLS_ROOTCERT_FILE="$(peer_dir "$org" "$1")/tls/ca.crt" \
    on_host "$org" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/^Blockchain info: //p' |
    node -e 'const i=JSON.parse(require("fs").readFileSync(0,"utf8")||"{}");if(i.height)console.log(i.height,Buffer.from(i.currentBlockHash,"base64").toString("hex"))'
}
# Block n's header hash (hex) as one peer stores it: qscc GetBlockByNumber on that peer, asked by
# this org's admin (any channel member may), the header hash recomputed from the block's own fields.
block_hash_on() { # peer-org peer-index block-number
  use_org_admin "$org" "$peer"
  on_host "$org" peer chaincode query -C "$CHANNEL" -n qscc -x -c "{\"Args\":[\"GetBlockByNumber\",\"$CHANNEL\",\"$3\"]}" \
    --peerAddresses "$(peer_name "$1" "$2"):$(peer_port "$1" "$2")" --tlsRootCertFiles "$(org_tls_root "$1")" 2>/dev/null |
    node -e '
      const { common } = require(require.resolve("@hyperledger/fabric-protos", { paths: [process.argv[2]] }));
      const { blockHeaderHash } = require(process.argv[1]);
      const hex = require("fs").readFileSync(0, "utf8").trim();
      if (!/^[0-9a-f]+$/i.test(hex)) process.exit(0);
      const header = common.Block.deserializeBinary(Buffer.from(hex, "hex")).getHeader();
      console.log(blockHeaderHash({ number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() }).toString("hex"));
    ' "$REPO_ROOT/gateway/dist/verify/block-hash.js" "$REPO_ROOT/gateway"
}

# 1. The peer is gone with its disk: stop whatever is left of it and give it an empty one.
if pid_alive "$pidf"; then
  pkill -TERM -P "$(cat "$pidf")" 2>/dev/null || true
  kill -TERM "$(cat "$pidf")" 2>/dev/null || true
  for _ in $(seq 1 40); do pid_alive "$pidf" || break; sleep 0.25; done
  pid_alive "$pidf" && kill -KILL "$(cat "$pidf")"
fi
rm -f "$pidf"
data="$(peer_data_dir "$org" "$peer")"
if mountpoint -q "$data"; then find "$data" -mindepth 1 -delete; else rm -rf "$data"; fi

# 2. A snapshot of the org's other peer, at its last committed block.
snapshot=""
if [ "$mode" != --from-genesis ]; then
  use_org_admin "$org" "$source_peer"
  completed="$(peer_data_dir "$org" "$source_peer")/snapshots/completed/$CHANNEL"
  before="$(ls "$completed" 2>/dev/null || true)"
  if ! answer="$(on_host "$org" peer snapshot submitrequest -c "$CHANNEL" --peerAddress "$CORE_PEER_ADDRESS" \
    --tlsRootCertFile "$CORE_PEER_TLS_ROOTCERT_FILE" 2>&1)"; then
    # No block since the last snapshot (an idle channel): that one is the snapshot of the tip.
    n="$(sed -n 's/.*snapshot already generated for block number \([0-9]*\).*/\1/p' <<<"$answer")"
    [ -n "$n" ] && [ -d "$completed/$n" ] || { echo "$answer" >&2; exit 1; }
    before="$(grep -vx "$n" <<<"$before" || true)"
  fi
  for _ in $(seq 1 240); do
    for n in $(ls "$completed" 2>/dev/null); do
      grep -qx "$n" <<<"$before" || snapshot="$completed/$n"
    done
    [ -n "$snapshot" ] && break
    sleep 0.25
  done
  [ -n "$snapshot" ] || { echo "no snapshot appeared under $completed" >&2; exit 1; }
fi
snapshot_s="$(elapsed)"

# 3. The peer starts empty (network-up.sh starts what is not running; here it joins nothing).
WELFARE_JOIN_PEERS=0 bash "$REPO_ROOT/scripts/network-up.sh" >/dev/null
use_org_admin "$org" "$peer"
for package in "$SHARED"/chaincode/*.tgz; do
  [ -f "$package" ] && on_host "$org" peer lifecycle chaincode install "$package" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 || true
done
if [ -n "$snapshot" ]; then
  on_host "$org" peer channel joinbysnapshot --snapshotpath "$snapshot" >>"$RUN_DIR/logs/peer-cli.log" 2>&1
else
  on_host "$org" peer channel join -b "$GENESIS_BLOCK" >>"$RUN_DIR/logs/peer-cli.log" 2>&1
fi
joined_s="$(elapsed)"
from="genesis block"; [ -z "$snapshot" ] || from="snapshot of block ${snapshot##*/}"

# 4. The check: the recovered peer's tip (the hash of its last block) equals the header hash of
# the same block as the org's other peer and another org's first peer stored it (each on its own;
# a block's hash covers the whole chain before it). Deterministic under load: one block number,
# asked of each peer, however far the chain has moved since.
other_org=""
for candidate in "${ORGS[@]}"; do [ "$candidate" = "$org" ] || { other_org="$candidate"; break; }; done
verdict="" height="" mine=""
for _ in $(seq 1 120); do
  tip="$(tip_of_own_peer "$peer" || true)"
  if [ -n "$tip" ]; then
    height="${tip%% *}" mine="${tip#* }" n=$((${tip%% *} - 1))
    own="$(block_hash_on "$org" "$source_peer" "$n" || true)"
    theirs="$(block_hash_on "$other_org" 0 "$n" || true)"
    if [ -n "$mine" ] && [ -n "$own" ] && [ -n "$theirs" ]; then
      [ "$mine" = "$own" ] && [ "$mine" = "$theirs" ] || { echo "peer $peer of $org: block $n is $mine here, $own on peer$source_peer, $theirs on $other_org's" >&2; exit 1; }
      verdict="peer$source_peer $other_org"
      break
    fi
  fi
  sleep 1
done
[ -n "$verdict" ] || { echo "peer $peer of $org: could not compare its last block with peer$source_peer's and $other_org's" >&2; exit 1; }
printf '{"peer":"%s","from":"%s","snapshotSeconds":%s,"joinedSeconds":%s,"checkedSeconds":%s,"height":%s,"tip":"%s","agreeing":"%s"}\n' \
  "$(peer_fqdn "$org" "$peer")" "$from" "$snapshot_s" "$joined_s" "$(elapsed)" \
  "$height" "$mine" "$verdict"
