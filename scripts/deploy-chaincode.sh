#!/usr/bin/env bash
# Deploys the compiled `welfare` chaincode with the Fabric lifecycle: package, install on every
# peer, approve for every org, commit with the channel's MAJORITY endorsement policy.
# Idempotent: a chaincode whose package is already committed is left alone; a changed one is
# committed as the next sequence.
# Usage: deploy-chaincode.sh [name source-dir probe-function]; the default is the welfare chaincode.
# The benchmark deploys its plain-write baseline this way: welfare-bench bench/plain-write bench:Ping.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"

CHAINCODE="${1:-$CHAINCODE}"
cc_dir="${2:-$REPO_ROOT/chaincode}"
probe="${3:-programme:ListProgrammes}"
[ -f "$cc_dir/dist/index.js" ] || { echo "chaincode is not built: no $cc_dir/dist/index.js" >&2; exit 1; }
work="$RUN_DIR/chaincode"
[ "$CHAINCODE" = welfare ] || work="$RUN_DIR/chaincode-$CHAINCODE"
rm -rf "$work" && mkdir -p "$work/src"

# A reproducible package: same compiled code -> same bytes -> same package id.
cp -R "$cc_dir/dist" "$cc_dir/package.json" "$work/src/"
find "$work/src/dist" -name '*.test.*' -delete
# Fabric refuses directory entries in a package, so the archive lists regular files only.
tar_repro() {
  (cd "$1" && find . -type f | sed 's#^\./##' | LC_ALL=C sort |
    tar --mtime=@0 --owner=0 --group=0 --numeric-owner --no-recursion -T - -cf -) | gzip -n
}
tar_repro "$work/src" > "$work/code.tar.gz"
hash="$(sha256sum "$work/code.tar.gz" | cut -c1-12)"
label="${CHAINCODE}_$hash"
# The definition's version names the package and the rules it runs (a rule proof re-runs those).
version="$hash"
if [ -f "$cc_dir/dist/lib/rules.js" ]; then
  version="$hash+$(node -p 'require(process.argv[1]).RULES_VERSION' "$cc_dir/dist/lib/rules.js")"
fi
mkdir -p "$work/pkg"
mv "$work/code.tar.gz" "$work/pkg/"
printf '{"path":"","type":"welfare-node","label":"%s"}' "$label" > "$work/pkg/metadata.json"
# The package is what every org installs: it goes to shared/.
package="$SHARED/chaincode/$label.tgz"
mkdir -p "$SHARED/chaincode"
tar_repro "$work/pkg" > "$package"

orderer=(-o "$(orderer_name 1):$(orderer_port 1)" --tls --cafile "$ORDERER_CA")
peers_all=()
for org in "${ORGS[@]}"; do
  peers_all+=(--peerAddresses "$(peer_name "$org"):$(peer_port "$org")" --tlsRootCertFiles "$(org_tls_root "$org")")
done

use_org_admin civilaffairs
committed="$(on_host civilaffairs peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" -O json 2>/dev/null || true)"
current_seq="$(node -e 'try{const j=JSON.parse(process.argv[1]);console.log(j.sequence||0)}catch{console.log(0)}' "$committed")"
current_ver="$(node -e 'try{console.log(JSON.parse(process.argv[1]).version||"")}catch{console.log("")}' "$committed")"
if [ "$current_ver" = "$version" ]; then
  echo "chaincode $CHAINCODE $version already committed at sequence $current_seq"
  exit 0
fi
sequence=$((current_seq + 1))
echo "deploying chaincode $CHAINCODE version $version as sequence $sequence"

for org in "${ORGS[@]}"; do
  for i in $(peer_indexes); do
    use_org_admin "$org" "$i"
    if ! on_host "$org" peer lifecycle chaincode queryinstalled -O json 2>/dev/null | grep -q "\"$label\""; then
      echo "  install on $(peer_fqdn "$org" "$i")"
      on_host "$org" peer lifecycle chaincode install "$package" >>"$RUN_DIR/logs/deploy.log" 2>&1
    fi
  done
  use_org_admin "$org"
  package_id="$(peer lifecycle chaincode calculatepackageid "$package")"
  echo "  approve for $(org_msp "$org")"
  on_host "$org" peer lifecycle chaincode approveformyorg "${orderer[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
    --version "$version" --sequence "$sequence" --package-id "$package_id" \
    --channel-config-policy /Channel/Application/Endorsement --waitForEvent >>"$RUN_DIR/logs/deploy.log" 2>&1
done

use_org_admin civilaffairs
echo "  commit (endorsement policy: MAJORITY of CivilAffairsMSP, FinanceMSP, AuditMSP)"
on_host civilaffairs peer lifecycle chaincode commit "${orderer[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
  --version "$version" --sequence "$sequence" \
  --channel-config-policy /Channel/Application/Endorsement "${peers_all[@]}" --waitForEvent \
  >>"$RUN_DIR/logs/deploy.log" 2>&1

# The first call on each peer starts its chaincode process; wait until every peer answers.
for org in "${ORGS[@]}"; do for p in $(peer_indexes); do
  use_org_admin "$org" "$p"
  for i in $(seq 1 60); do
    if on_host "$org" peer chaincode query -C "$CHANNEL" -n "$CHAINCODE" -c "{\"Args\":[\"$probe\"]}" >/dev/null 2>>"$RUN_DIR/logs/deploy.log"; then
      break
    fi
    [ "$i" = 60 ] && { echo "chaincode did not start on $(peer_fqdn "$org" "$p"); see $RUN_DIR/logs/peer-$(peer_key "$org" "$p").log" >&2; exit 1; }
    sleep 1
  done
done; done
echo "chaincode $CHAINCODE $version committed at sequence $sequence and running on all peers"
