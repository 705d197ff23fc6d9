#!/usr/bin/env bash
# Deploys the compiled `welfare` chaincode with the Fabric lifecycle: package, install on every
# peer, approve for every org, commit with the channel's MAJORITY endorsement policy.
# Idempotent: a chaincode whose package is already committed is left alone; a changed one is
# committed as the next sequence.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"

cc_dir="$REPO_ROOT/chaincode"
[ -f "$cc_dir/dist/index.js" ] || { echo "chaincode is not built: run npm run build -w chaincode" >&2; exit 1; }
work="$RUN_DIR/chaincode"
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
rules_version="$(node -p 'require(process.argv[1]).RULES_VERSION' "$cc_dir/dist/lib/rules.js")"
version="$hash+$rules_version"
mkdir -p "$work/pkg"
mv "$work/code.tar.gz" "$work/pkg/"
printf '{"path":"","type":"welfare-node","label":"%s"}' "$label" > "$work/pkg/metadata.json"
tar_repro "$work/pkg" > "$work/$label.tgz"

orderer=(-o "127.0.0.1:$(orderer_port 1)" --tls --cafile "$ORDERER_CA")
peers_all=()
for org in "${ORGS[@]}"; do
  peers_all+=(--peerAddresses "127.0.0.1:$(peer_port "$org")" --tlsRootCertFiles "$(peer_dir "$org")/tls/ca.crt")
done

use_org_admin civilaffairs
committed="$(peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" -O json 2>/dev/null || true)"
current_seq="$(node -e 'try{const j=JSON.parse(process.argv[1]);console.log(j.sequence||0)}catch{console.log(0)}' "$committed")"
current_ver="$(node -e 'try{console.log(JSON.parse(process.argv[1]).version||"")}catch{console.log("")}' "$committed")"
if [ "$current_ver" = "$version" ]; then
  echo "chaincode $CHAINCODE $version already committed at sequence $current_seq"
  exit 0
fi
sequence=$((current_seq + 1))
echo "deploying chaincode $CHAINCODE version $version as sequence $sequence"

for org in "${ORGS[@]}"; do
  use_org_admin "$org"
  if ! peer lifecycle chaincode queryinstalled -O json 2>/dev/null | grep -q "\"$label\""; then
    echo "  install on peer0.$(org_domain "$org")"
    peer lifecycle chaincode install "$work/$label.tgz" >>"$RUN_DIR/logs/deploy.log" 2>&1
  fi
  package_id="$(peer lifecycle chaincode calculatepackageid "$work/$label.tgz")"
  echo "  approve for $(org_msp "$org")"
  peer lifecycle chaincode approveformyorg "${orderer[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
    --version "$version" --sequence "$sequence" --package-id "$package_id" \
    --channel-config-policy /Channel/Application/Endorsement --waitForEvent >>"$RUN_DIR/logs/deploy.log" 2>&1
done

use_org_admin civilaffairs
echo "  commit (endorsement policy: MAJORITY of CivilAffairsMSP, FinanceMSP, AuditMSP)"
peer lifecycle chaincode commit "${orderer[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
  --version "$version" --sequence "$sequence" \
  --channel-config-policy /Channel/Application/Endorsement "${peers_all[@]}" --waitForEvent \
  >>"$RUN_DIR/logs/deploy.log" 2>&1

# The first call on each peer starts its chaincode process; wait until all three answer.
for org in "${ORGS[@]}"; do
  use_org_admin "$org"
  for i in $(seq 1 60); do
    if peer chaincode query -C "$CHANNEL" -n "$CHAINCODE" -c '{"Args":["programme:ListProgrammes"]}' >/dev/null 2>>"$RUN_DIR/logs/deploy.log"; then
      break
    fi
    [ "$i" = 60 ] && { echo "chaincode did not start on $org; see $RUN_DIR/logs/peer-$org.log" >&2; exit 1; }
    sleep 1
  done
done
echo "chaincode $CHAINCODE $version committed at sequence $sequence and running on all peers"
