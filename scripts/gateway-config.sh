#!/usr/bin/env bash
# Provisions one org's gateway directory, <run>/orgs/<org>/gateway/ (mode 0700), from its org's
# directory and shared/ only: its key store (that org's client certificate and key, nothing else), every peer's TLS
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
for peer_org in "${ORGS[@]}"; do cp "$(org_tls_root "$peer_org")" "$dir/peers/$peer_org-tls-ca.pem"; done
# Beyond loopback the gateway serves HTTPS: a key of its own and a certificate from its org's TLS CA
# naming its hostname and address (the same CA as the org's peers' TLS certificates).
if multi_host && [ ! -f "$dir/tls/server.crt" ]; then
  tlsca="$(org_home "$org")/tlsca"
  mkdir -p "$dir/tls" && chmod 0700 "$dir/tls"
  (umask 077 && openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$dir/tls/server.key")
  openssl req -new -key "$dir/tls/server.key" -subj "/O=$(org_msp "$org")/CN=gateway.$(org_domain "$org")" -out "$dir/tls/server.csr"
  printf 'subjectAltName=DNS:gateway.%s,IP:%s\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n' "$(org_domain "$org")" "$(host_addr "$org")" > "$dir/tls/ext.cnf"
  openssl x509 -req -in "$dir/tls/server.csr" -CA "$tlsca/tlsca.$(org_domain "$org")-cert.pem" -CAkey "$tlsca/priv_sk" \
    -CAcreateserial -CAserial "$dir/tls/ca.srl" -days 365 -sha256 -extfile "$dir/tls/ext.cnf" -out "$dir/tls/server.crt" 2>/dev/null
  cp "$tlsca/tlsca.$(org_domain "$org")-cert.pem" "$dir/tls/ca.crt"
  rm -f "$dir/tls/server.csr" "$dir/tls/ext.cnf" "$dir/tls/ca.srl"
fi
# The org's CA signs its TLS certificate with the org's CA key: the org CA certificate is its TLS root.
cp "$(org_ca_cert "$org")" "$dir/ca-tls-root.pem"

# The pseudonym key is the consortium's: every org's gateway must derive the same subjectRef
# from a citizen ID. Generated once for the run directory, handed to each gateway.
consortium="$RUN_DIR/consortium"
mkdir -p "$consortium" && chmod 0700 "$consortium"
[ -f "$consortium/pseudonym.key" ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex")+"\n")' > "$consortium/pseudonym.key")
[ -f "$dir/pseudonym.key" ] || install -m 0600 "$consortium/pseudonym.key" "$dir/pseudonym.key"

peer_entry() { # org index
  printf '{"key":"%s","mspId":"%s","peerEndpoint":"%s:%s","peerHostAlias":"%s","tlsRootCert":"peers/%s-tls-ca.pem"}' \
    "$(peer_key "$1" "$2")" "$(org_msp "$1")" "$(peer_name "$1" "$2")" "$(peer_port "$1" "$2")" "$(peer_fqdn "$1" "$2")" "$1"
}
peers=() standby=()
for peer_org in "${ORGS[@]}"; do peers+=("$(peer_entry "$peer_org" 0)"); done
# The org's other peers: where its gateway submits when its first peer cannot be reached.
for i in $(peer_indexes); do [ "$i" = 0 ] || standby+=("$(peer_entry "$org" "$i")"); done
# The orderers' operations endpoints: readiness asks them whether the channel has a Raft leader.
orderers=()
for n in 1 2 3; do orderers+=("$(printf '{"name":"orderer%s","operationsUrl":"http://%s:%s"}' "$n" "$(orderer_name "$n")" "$(orderer_ops_port "$n")")"); done
IFS=, 
ca="$(printf '{"name":"ca-%s","url":"https://%s:%s","tlsRootCert":"ca-tls-root.pem","clientBin":"%s","registrar":{"id":"%s","secretFile":"ca-registrar.secret"}}' \
  "$org" "$(node_name "$org" "$(ca_fqdn "$org")")" "$(ca_port "$org")" "$FABRIC_CA_BIN/fabric-ca-client" "$CA_REGISTRAR")"
printf '{"mspId":"%s","port":%s,"channel":"%s","chaincode":"%s","peers":[%s],"standbyPeers":[%s],"orderers":[%s],"client":{"cert":"msp/signcerts/cert.pem","key":"msp/keystore/key.pem"},"ca":%s}\n' \
  "$(org_msp "$org")" "$(gateway_port "$org")" "$CHANNEL" "$CHAINCODE" "${peers[*]}" "${standby[*]:-}" "${orderers[*]}" "$ca" \
  | node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0,"utf8")),null,2)+"\n")' > "$dir/gateway.json"
