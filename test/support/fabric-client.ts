/**
 * A direct fabric-gateway client that bypasses the gateway service (its HTTP layer, keys and
 * role checks): to show that the chaincode itself refuses a wrong identity, and to read a record
 * from each org's own peer. It reuses only the gateway's gRPC/identity helpers.
 */
import { type Contract, EndorseError } from '@hyperledger/fabric-gateway';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IdentityFiles, OrgConnection } from '../../gateway/src/config';
import { connectAs, newPeerClient } from '../../gateway/src/fabric/connection';
import { gatewayDir, type OrgKey, RUN_DIR } from './test-network';

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

/** A system's identity as its org's gateway keeps it: orgs/<org>/gateway/systems/<systemId>/msp. */
export function heldIdentity(org: OrgKey, systemId: string): IdentityFiles {
  const msp = path.join(gatewayDir(org), 'systems', systemId, 'msp');
  const key = readdirSync(path.join(msp, 'keystore')).find((name) => name.endsWith('_sk'))!;
  return { cert: path.join(msp, 'signcerts', 'cert.pem'), key: path.join(msp, 'keystore', key) };
}

/** Submits straight to `mspId`'s peer as `identity`: the endorsers' refusal, or the txId once committed. */
export async function submitDirect(mspId: string, identity: IdentityFiles, fn: string, arg: string): Promise<{ txId?: string; refusal?: string }> {
  const client = connectDirect(mspId, identity);
  try {
    const proposal = client.contract.newProposal(fn, { arguments: [arg] });
    const transaction = await proposal.endorse().catch((err: unknown) => err);
    if (transaction instanceof EndorseError) return { refusal: transaction.details.map((d) => d.message).join(' ') || transaction.message };
    if (transaction instanceof Error) throw transaction;
    const status = await (await (transaction as Awaited<ReturnType<typeof proposal.endorse>>).submit()).getStatus();
    if (!status.successful) throw new Error(`transaction ${status.transactionId} was not committed VALID (code ${status.code})`);
    return { txId: status.transactionId };
  } finally {
    client.close();
  }
}
