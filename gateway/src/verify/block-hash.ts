/**
 * Fabric's block hashes, recomputed.
 *
 * - Header hash: SHA-256 of the DER encoding of SEQUENCE { INTEGER number, OCTET STRING
 *   previous_hash, OCTET STRING data_hash } (Fabric's protoutil.BlockHeaderBytes). It is what
 *   the next block stores as previous_hash and what qscc GetChainInfo reports as the current hash.
 * - Data hash: SHA-256 over the concatenation of the block's data entries (each an envelope's
 *   bytes), as protoutil.ComputeBlockDataHash does.
 */
import { createHash } from 'node:crypto';
import { der, derUnsigned } from './der';

export interface BlockHeaderFields {
  number: number;
  previousHash: Uint8Array;
  dataHash: Uint8Array;
}

export function blockHeaderHash(header: BlockHeaderFields): Buffer {
  return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

export function blockDataHash(entries: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(entry);
  return hash.digest();
}

export function blockHeaderBytes(header: BlockHeaderFields): Buffer {
  if (!Number.isSafeInteger(header.number) || header.number < 0) throw new RangeError(`bad block number ${header.number}`);
  return der(0x30, Buffer.concat([der(0x02, derUnsigned(header.number)), der(0x04, header.previousHash), der(0x04, header.dataHash)]));
}
