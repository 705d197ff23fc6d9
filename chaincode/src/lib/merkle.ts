import { createHash } from 'node:crypto';

/**
 * RFC 6962 (certificate transparency) Merkle tree hashing, shared by the chaincode, the
 * gateway and the offline verifier. Leaves are the raw leaf data (for access events: the
 * canonical JSON bytes of each event); hashes are 32-byte Buffers.
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export type LeafData = string | Uint8Array;

function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function bytes(data: LeafData): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

export function leafHash(data: LeafData): Buffer {
  return sha256(LEAF_PREFIX, bytes(data));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two strictly smaller than n (n >= 2): where RFC 6962 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over already-hashed leaves. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return sha256();
  return subtreeRoot(hashes, 0, hashes.length);
}

function subtreeRoot(hashes: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return Buffer.from(hashes[start]);
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(hashes, start, start + k), subtreeRoot(hashes, start + k, end));
}

/** MTH(D[n]) over leaf data. The empty tree's root is SHA-256 of nothing. */
export function merkleRoot(leaves: readonly LeafData[]): Buffer {
  return rootFromLeafHashes(leaves.map(leafHash));
}

export function merkleRootHex(leaves: readonly LeafData[]): string {
  return merkleRoot(leaves).toString('hex');
}

/** PATH(index, D[n]): the audit path proving leaf `index` is in the tree of `leaves`. */
export function inclusionProof(index: number, leaves: readonly LeafData[]): Buffer[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${leaves.length} leaves`);
  }
  return auditPath(leaves.map(leafHash), index, 0, leaves.length);
}

function auditPath(hashes: readonly Uint8Array[], index: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (index < k) {
    return [...auditPath(hashes, index, start, start + k), subtreeRoot(hashes, start + k, end)];
  }
  return [...auditPath(hashes, index - k, start + k, end), subtreeRoot(hashes, start, start + k)];
}

/**
 * Checks an inclusion proof (RFC 9162 §2.1.3.2): recomputes the root from the leaf hash
 * and the path, and compares it with the expected root.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let hash: Buffer = Buffer.from(leaf);
  for (const sibling of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(sibling, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && hash.equals(Buffer.from(root));
}
