/**
 * A direct fabric-gateway client, independent of the gateway service: to show that the
 * chaincode itself refuses a wrong identity, and to read a record from each org's own peer.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, type Contract, type Gateway, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RUN_DIR } from './test-network';

interface OrgEntry {
  mspId: string;
  peerEndpoint: string;
  peerHostAlias: string;
  tlsRootCert: string;
  client: { cert: string; key: string };
}

export function networkOrgs(): OrgEntry[] {
  return JSON.parse(readFileSync(path.join(RUN_DIR, 'network.json'), 'utf8')).orgs;
}

export interface DirectClient {
  contract: Contract;
  close(): void;
}

/** Connects to `org`'s own peer as `org`'s client identity. */
export function connectDirect(mspId: string): DirectClient {
  const org = networkOrgs().find((o) => o.mspId === mspId);
  if (!org) throw new Error(`no org ${mspId}`);
  const client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.tlsRootCert)), {
    'grpc.ssl_target_name_override': org.peerHostAlias,
  });
  const gateway: Gateway = connect({
    client,
    identity: { mspId, credentials: readFileSync(org.client.cert) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(org.client.key))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 10000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30000 }),
    submitOptions: () => ({ deadline: Date.now() + 10000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
  });
  return {
    contract: gateway.getNetwork('welfare').getContract('welfare'),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
