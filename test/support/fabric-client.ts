/**
 * A direct fabric-gateway client that bypasses the gateway service (its HTTP layer, keys and
 * role checks): to show that the chaincode itself refuses a wrong identity, and to read a record
 * from each org's own peer. It reuses only the gateway's gRPC/identity helpers.
 */
import type { Contract } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IdentityFiles, OrgConnection } from '../../gateway/src/config';
import { connectAs, newPeerClient } from '../../gateway/src/fabric/connection';
import { RUN_DIR } from './test-network';

const DEADLINES = { evaluateMs: 10000, endorseMs: 30000, submitMs: 10000, commitStatusMs: 60000 };

export function networkOrgs(): OrgConnection[] {
  return JSON.parse(readFileSync(path.join(RUN_DIR, 'network.json'), 'utf8')).orgs;
}

export interface DirectClient {
  contract: Contract;
  close(): void;
}

/** Connects to `mspId`'s own peer as that org's client identity, or as `identity` (e.g. a CA-enrolled system). */
export function connectDirect(mspId: string, identity?: IdentityFiles): DirectClient {
  const org = networkOrgs().find((o) => o.mspId === mspId);
  if (!org) throw new Error(`no org ${mspId}`);
  const client = newPeerClient(org);
  const gateway = connectAs(client, mspId, identity ?? org.client, DEADLINES);
  return {
    contract: gateway.getNetwork('welfare').getContract('welfare'),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
