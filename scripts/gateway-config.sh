#!/usr/bin/env bash
# Provisions one org's gateway directory, <run>/gateways/<org>/ (mode 0700), from the operator's
# material: its key store (that org's client certificate and key, nothing else), every peer's TLS
# root and its org CA's (public), the consortium's pseudonym key, and gateway.json naming them and
# the org's CA (URL, registrar; the registrar's secret is written there by network-up.sh). Safe to re-run:
# gateway.json is rewritten (ports may change), secrets already there are kept.
#   gateway-config.sh <org>     (org: civilaffairs | finance | audit)
set -euo pipefail
source "$(dirname "$0")/network-env.sh"
org="$1"
dir="$(gateway_dir "$org")"
mkdir -p "$dir/msp/signcerts" "$dir/msp/keystore" "$dir/peers" "$dir/logs"
chmod 0700 "$dir" "$dir/msp/keystore"

client="$(org_client_msp "$org")"
cp "$client/signcerts/"*.pem "$dir/msp/signcerts/cert.pem"
if [ ! -f "$dir/msp/keystore/key.pem" ]; then
  install -m 0600 "$client/keystore/priv_sk" "$dir/msp/keystore/key.pem"
fi
for peer_org in "${ORGS[@]}"; do cp "$(peer_dir "$peer_org")/tls/ca.crt" "$dir/peers/$peer_org-tls-ca.pem"; done
# The org's CA signs its TLS certificate with the org's CA key: the org CA certificate is its TLS root.
cp "$(org_ca_cert "$org")" "$dir/ca-tls-root.pem"

# The pseudonym key is the consortium's: every org's gateway must derive the same subjectRef
# from a citizen ID. Generated once for the run directory, handed to each gateway.
consortium="$RUN_DIR/consortium"
mkdir -p "$consortium" && chmod 0700 "$consortium"
[ -f "$consortium/pseudonym.key" ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex")+"\n")' > "$consortium/pseudonym.key")
[ -f "$dir/pseudonym.key" ] || install -m 0600 "$consortium/pseudonym.key" "$dir/pseudonym.key"

peers=()
for peer_org in "${ORGS[@]}"; do
  peers+=("$(printf '{"key":"%s","mspId":"%s","peerEndpoint":"127.0.0.1:%s","peerHostAlias":"peer0.%s","tlsRootCert":"peers/%s-tls-ca.pem"}' \
    "$peer_org" "$(org_msp "$peer_org")" "$(peer_port "$peer_org")" "$(org_domain "$peer_org")" "$peer_org")")
done
IFS=, 
ca="$(printf '{"name":"ca-%s","url":"https://127.0.0.1:%s","tlsRootCert":"ca-tls-root.pem","clientBin":"%s","registrar":{"id":"%s","secretFile":"ca-registrar.secret"}}' \
  "$org" "$(ca_port "$org")" "$FABRIC_CA_BIN/fabric-ca-client" "$CA_REGISTRAR")"
printf '{"mspId":"%s","port":%s,"channel":"%s","chaincode":"%s","peers":[%s],"client":{"cert":"msp/signcerts/cert.pem","key":"msp/keystore/key.pem"},"ca":%s}\n' \
  "$(org_msp "$org")" "$(gateway_port "$org")" "$CHANNEL" "$CHAINCODE" "${peers[*]}" "$ca" \
  | node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0,"utf8")),null,2)+"\n")' > "$dir/gateway.json"
