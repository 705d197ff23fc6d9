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

/** One DER TLV: tag, definite length (short or long form), value. */
function der(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A non-negative INTEGER's content: minimal big-endian bytes, with a 0x00 lead when the top bit is set. */
function derUnsigned(value: number): Buffer {
  const bytes: number[] = [];
  for (let n = BigInt(value); n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return Buffer.from(bytes);
}
