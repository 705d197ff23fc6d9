#!/usr/bin/env node
// Writes Caliper's network configuration (v2 format, fabric-gateway connector) for the network
// in WELFARE_RUN_DIR, from its network.json: one connection profile per org, each org's User1
// client identity (never an admin: the workloads need none).
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const runDir = path.resolve(process.argv[2]);
const outDir = path.resolve(process.argv[3]);
const network = JSON.parse(readFileSync(path.join(runDir, 'network.json'), 'utf8'));
mkdirSync(outDir, { recursive: true });

const organizations = network.orgs.map((org) => {
  const profile = {
    name: `welfare-${org.key}`,
    version: '1.0.0',
    client: { organization: org.mspId },
    organizations: { [org.mspId]: { mspid: org.mspId, peers: [org.peerHostAlias] } },
    peers: {
      [org.peerHostAlias]: {
        url: `grpcs://${org.peerEndpoint}`,
        tlsCACerts: { path: org.tlsRootCert },
        grpcOptions: { 'ssl-target-name-override': org.peerHostAlias },
      },
    },
  };
  const profilePath = path.join(outDir, `profile-${org.key}.json`);
  writeFileSync(profilePath, JSON.stringify(profile, null, 2));
  return {
    mspid: org.mspId,
    identities: {
      certificates: [{ name: 'User1', clientPrivateKey: { path: org.client.key }, clientSignedCert: { path: org.client.cert } }],
    },
    connectionProfile: { path: profilePath, discover: true },
  };
});

const config = {
  name: 'welfare-ledger',
  version: '2.0.0',
  caliper: { blockchain: 'fabric' },
  channels: [{ channelName: network.channel, contracts: [{ id: network.chaincode }, { id: 'welfare-bench' }] }],
  organizations,
};
writeFileSync(path.join(outDir, 'network.json'), JSON.stringify(config, null, 2));
console.log(`caliper network config for ${runDir}: ${path.join(outDir, 'network.json')}`);
