#!/usr/bin/env bash
# npm run channel:crl -- <org>: puts the org's current CRL from its Fabric CA into the channel
# configuration (the revocation_list of the org's MSP), so peers refuse the certificates the org's
# gateway revoked (revoke-key, retire). Returns once every org's peer has the new configuration.
#
# Channel administration, so the admin identities do it, never a gateway: the config update is
# signed by the admins of a majority of the orgs (the org itself first), as the channel's Admins
# policy (MAJORITY Admins) asks of a channel change; the MSP value's own mod_policy, the org's
# Admins, is met by the org's signature among them. The CRL is fetched with the org's CA registrar
# (hf.GenCRL), enrolled into this script's own directory.
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
org="${1:-}"
[ -n "$org" ] && [ -n "$(org_msp "$org")" ] || { echo "usage: channel-crl-update.sh <${ORGS[*]// /|}>" >&2; exit 2; }
msp_id="$(org_msp "$org")"
orderer=(-o "$(orderer_name 1):$(orderer_port 1)" --tls --cafile "$ORDERER_CA")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The CRL, from the org's CA.
ca_client() { # command args... (the command must come first)
  "$FABRIC_CA_BIN/fabric-ca-client" "$@" -H "$(org_home "$org")/crl-client" --tls.certfiles "$(org_ca_cert "$org")" --caname "ca-$org"
}
ca_url="https://$(host_addr "$org"):$(ca_port "$org")"
if [ ! -f "$(org_home "$org")/crl-client/msp/signcerts/cert.pem" ]; then
  # The registrar's secret goes in the client's environment, not on its command line (`ps` shows that to all).
  FABRIC_CA_CLIENT_URL="https://$CA_REGISTRAR:$(cat "$(ca_registrar_secret_file "$org")")@$(host_addr "$org"):$(ca_port "$org")" \
    ca_client enroll >"$work/ca.log" 2>&1 ||
    { cat "$work/ca.log" >&2; exit 1; }
fi
ca_client gencrl -u "$ca_url" >"$work/ca.log" 2>&1 || { cat "$work/ca.log" >&2; exit 1; }
crl="$(org_home "$org")/crl-client/msp/crls/crl.pem"

# 2. The config update: the channel's current configuration with the org's revocation_list replaced.
use_org_admin "$org"
on_host "$org" peer channel fetch config "$work/config.block" -c "$CHANNEL" "${orderer[@]}" 2>"$work/peer.log" || { cat "$work/peer.log" >&2; exit 1; }
status=0
node "$REPO_ROOT/scripts/channel-crl-update.js" "$work/config.block" "$msp_id" "$crl" "$work/update.pb" || status=$?
if [ $status = 3 ]; then echo "$msp_id: the channel configuration already holds the CA's current CRL"; exit 0; fi
[ $status = 0 ] || exit $status

# 3. Signed by a majority of the orgs' admins; the last of them submits it.
signers=("$org")
for other in "${ORGS[@]}"; do [ "$other" = "$org" ] || signers+=("$other"); done
majority=$(( ${#ORGS[@]} / 2 + 1 ))
for ((i = 0; i < majority; i++)); do
  use_org_admin "${signers[$i]}"
  if ((i < majority - 1)); then
    on_host "${signers[$i]}" peer channel signconfigtx -f "$work/update.pb" 2>"$work/peer.log" || { cat "$work/peer.log" >&2; exit 1; }
  else
    on_host "${signers[$i]}" peer channel update -f "$work/update.pb" -c "$CHANNEL" "${orderer[@]}" 2>"$work/peer.log" || { cat "$work/peer.log" >&2; exit 1; }
  fi
done
echo "$msp_id: CRL update signed by the admins of ${signers[*]:0:$majority} and submitted"

# 4. Wait until the orderer has cut the new config block and every org's peer has committed it.
crl_in_config='const s=require(process.argv[1]),fs=require("fs"),{common}=require("@hyperledger/fabric-protos");
const b=fs.readFileSync(process.argv[2]);const has=s.crlsInConfig(b,process.argv[3]).includes(fs.readFileSync(process.argv[4],"utf8"));
console.log(has?common.Block.deserializeBinary(b).getHeader().getNumber():"")'
block=""
for _ in $(seq 1 60); do
  on_host "$org" peer channel fetch config "$work/config.block" -c "$CHANNEL" "${orderer[@]}" 2>/dev/null &&
    block="$(cd "$REPO_ROOT" && node -e "$crl_in_config" "$REPO_ROOT/scripts/channel-crl-update.js" "$work/config.block" "$msp_id" "$crl")"
  [ -n "$block" ] && break
  sleep 0.5
done
[ -n "$block" ] || { echo "the orderer has not cut a config block with the new CRL" >&2; exit 1; }
for peer_org in "${ORGS[@]}"; do
  use_org_admin "$peer_org"
  for _ in $(seq 1 60); do
    height="$(on_host "$peer_org" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p')"
    [ -n "$height" ] && [ "$height" -gt "$block" ] && break
    sleep 0.5
  done
  [ -n "$height" ] && [ "$height" -gt "$block" ] || { echo "the peer of $peer_org has not committed config block $block" >&2; exit 1; }
done
echo "$msp_id: CRL in the channel configuration since block $block; every peer has it"
