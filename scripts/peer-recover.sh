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
# The check: the recovered peer's chain tip (height, hash) equals that of every other peer at the
# same height, other orgs' peers included. Prints one JSON line with the timings.
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

# A chain tip as "height hex-hash". The org's own peers answer its admin (peer CLI); another
# org's peer is asked through this org's gateway, whose checkpoint is that peer's signed answer.
tip_of_own_peer() { # peer
  CORE_PEER_ADDRESS="$(peer_name "$org" "$1"):$(peer_port "$org" "$1")" CORE_PEER_TLS_ROOTCERT_FILE="$(peer_dir "$org" "$1")/tls/ca.crt" \
    on_host "$org" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/^Blockchain info: //p' |
    node -e 'const i=JSON.parse(require("fs").readFileSync(0,"utf8")||"{}");if(i.height)console.log(i.height,Buffer.from(i.currentBlockHash,"base64").toString("hex"))'
}
tip_of_other_org() { # org
  local keys; keys="$(gateway_dir "$org")/bootstrap-keys.json"
  gateway_curl "$org" -sf --max-time 10 -H "Authorization: Bearer $(node -p 'Object.values(require(process.argv[1]))[0].apiKey' "$keys")" \
    "$(gateway_scheme)://$(gateway_host "$org"):$(gateway_port "$org")/v1/proofs/checkpoint?org=$(org_msp "$1")" 2>/dev/null |
    node -e 'const t=JSON.parse(require("fs").readFileSync(0,"utf8")||"{}").tip;if(t)console.log(t.number+1,t.hash)'
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

# 4. The check: its block hash at a height equals that of the org's other peer and of another
# org's peer at the same height. Under load the chain moves between two questions, so every tip
# seen is kept by height, and two tips are compared once both peers were seen at one height.
declare -A mine=() seen=()
agreed=() verdict=""
for _ in $(seq 1 240); do
  tip="$(tip_of_own_peer "$peer" || true)"
  [ -n "$tip" ] && mine[${tip%% *}]="${tip#* }"
  for source in "peer$source_peer" "${ORGS[@]}"; do
    [ "$source" = "$org" ] && continue
    if [ "$source" = "peer$source_peer" ]; then tip="$(tip_of_own_peer "$source_peer" || true)"; else tip="$(tip_of_other_org "$source" || true)"; fi
    [ -n "$tip" ] && seen["$source ${tip%% *}"]="${tip#* }"
  done
  for key in "${!seen[@]}"; do
    source="${key% *}" height="${key#* }"
    [ -n "${mine[$height]:-}" ] || continue
    [ "${mine[$height]}" = "${seen[$key]}" ] || { echo "peer $peer of $org: block $((height - 1)) differs from $source's" >&2; exit 1; }
    printf '%s\n' "${agreed[@]}" | grep -qxF "$source" || agreed+=("$source")
  done
  # The org's other peer and at least one other org's.
  if [ "${#agreed[@]}" -ge 2 ] && printf '%s\n' "${agreed[@]}" | grep -qx "peer$source_peer"; then verdict="${agreed[*]}"; break; fi
  sleep 0.5
done
height="$(printf '%s\n' "${!mine[@]}" | sort -n | tail -1)"
[ -n "$verdict" ] || { echo "peer $peer of $org: no matching tip from its org's other peer and another org's (agreed: ${agreed[*]:-none})" >&2; exit 1; }
printf '{"peer":"%s","from":"%s","snapshotSeconds":%s,"joinedSeconds":%s,"checkedSeconds":%s,"height":%s,"tip":"%s","agreeing":"%s"}\n' \
  "$(peer_fqdn "$org" "$peer")" "$from" "$snapshot_s" "$joined_s" "$(elapsed)" \
  "$height" "${mine[$height]:-}" "$verdict"
