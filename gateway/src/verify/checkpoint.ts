/**
 * A signed checkpoint: an organisation's statement "channel C had height H with tip hash X at
 * time T", signed with that org's identity. An auditor keeps it and later checks that a bundle's
 * chain passes through that tip. The signature is over the canonical JSON of every field but
 * `signature` (ECDSA with SHA-256, DER, as Fabric identities sign).
 */
import { canonicalJson } from '@welfare-ledger/chaincode/lib';

export const CHECKPOINT_FORMAT = 'welfare-ledger/checkpoint';

export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  /** Who states it: the channel and the org whose peer reported the tip. */
  origin: string;
  channel: string;
  /** Number of blocks; the tip is block height - 1. */
  height: number;
  tip: { number: number; hash: string };
  issuedAt: string;
  signer: { mspId: string; certificate: string };
}

export interface SignedCheckpoint extends CheckpointBody {
  /** base64 */
  signature: string;
}

export function checkpointSigningBytes(checkpoint: CheckpointBody): Buffer {
  const { format, version, origin, channel, height, tip, issuedAt, signer } = checkpoint;
  return Buffer.from(canonicalJson({ format, version, origin, channel, height, tip, issuedAt, signer }), 'utf8');
}
