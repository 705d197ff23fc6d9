/**
 * A signed checkpoint of what one org's peer reports as the chain tip, signed with that org's
 * client identity (held by this gateway). An auditor keeps it and later checks bundles against it.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { forbidden } from '../errors';
import { base64 } from '../verify/bytes';
import { CHECKPOINT_FORMAT, checkpointSigningBytes, type CheckpointBody, type SignedCheckpoint } from '../verify/checkpoint';
import type { ChainQueries } from './chain-queries';

export async function signedCheckpoint(queries: ChainQueries, mspId = queries.defaultOrg): Promise<SignedCheckpoint> {
  if (!queries.holds(mspId)) throw forbidden(`this gateway holds no identity of ${mspId} to sign with`);
  const org = queries.org(mspId);
  const info = await queries.chainInfo(mspId);
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    origin: `${org.peerHostAlias}/${queries.channel}`,
    channel: queries.channel,
    height: info.height,
    tip: { number: info.height - 1, hash: info.currentBlockHash },
    issuedAt: new Date().toISOString(),
    signer: { mspId, certificate: readFileSync(queries.identity.client.cert, 'utf8') },
  };
  const signature = sign('sha256', checkpointSigningBytes(body), createPrivateKey(readFileSync(queries.identity.client.key)));
  return { ...body, signature: base64(signature) };
}
