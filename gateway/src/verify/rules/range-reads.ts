/**
 * A range read's results, as the rule proof lists them (key and version, in key order), checked
 * against what the endorsers signed: the raw results one for one, or — when Fabric summarised
 * more than maxDegree results as a Merkle tree — the summary rebuilt from the listed results
 * exactly as Fabric builds it (core/ledger/kvledger/txmgmt/rwsetutil/query_results_helper.go):
 * results in chunks of maxDegree + 1, each chunk's hash SHA-256(proto QueryReads{kv_reads}), a
 * node's hash SHA-256 of its children's hashes concatenated once more than maxDegree of them.
 */
import { ledger } from '@hyperledger/fabric-protos';
import { createHash } from 'node:crypto';
import { covers } from './range-facts';
import type { KeyRead, MerkleSummary, RangeRead } from './read-set';

/** Null when the listed results are what the range read returned; otherwise why not. */
export function rangeResultsProblem(range: RangeRead, listed: KeyRead[]): string | null {
  const outside = listed.find((r) => r.namespace !== range.namespace || !covers(range, r.key));
  if (outside) return `listed key ${JSON.stringify(outside.key)} is outside the range`;
  if (range.rawReads) {
    if (range.rawReads.length !== listed.length) return `the range returned ${range.rawReads.length} keys, ${listed.length} are listed`;
    const differs = range.rawReads.findIndex((r, i) => r.key !== listed[i].key || !sameVersion(r, listed[i]));
    return differs < 0 ? null : `result ${differs} of the range is ${JSON.stringify(range.rawReads[differs].key)} at another version than listed`;
  }
  if (range.merkle) {
    const rebuilt = merkleSummaryOf(listed, range.merkle.maxDegree);
    return sameSummary(rebuilt, range.merkle) ? null : 'the listed results do not rebuild the Merkle summary of the range the endorsers signed';
  }
  return listed.length === 0 ? null : `the range returned nothing, ${listed.length} keys are listed`;
}

/** Fabric's Merkle summary of a range's results (only meaningful for more than maxDegree results). */
export function merkleSummaryOf(results: KeyRead[], maxDegree: number): MerkleSummary {
  const tree = new Map<number, Buffer[]>();
  let maxLevel = 1;
  const level = (n: number) => tree.get(n) ?? [];
  const update = (leaf: Buffer) => {
    tree.set(1, [...level(1), leaf]);
    for (let current = 1; level(current).length > maxDegree; current++) {
      const combined = combinedHash(level(current));
      tree.delete(current);
      tree.set(current + 1, [...level(current + 1), combined]);
      maxLevel = Math.max(maxLevel, current + 1);
    }
  };
  for (let start = 0; start < results.length; start += maxDegree + 1) update(chunkHash(results.slice(start, start + maxDegree + 1)));
  for (let current = 1; current < maxLevel; current++) {
    const hashes = level(current);
    if (hashes.length === 0) continue;
    tree.delete(current);
    tree.set(current + 1, [...level(current + 1), hashes.length === 1 ? hashes[0] : combinedHash(hashes)]);
  }
  if (level(maxLevel).length > maxDegree) {
    const combined = combinedHash(level(maxLevel));
    tree.delete(maxLevel);
    maxLevel += 1;
    tree.set(maxLevel, [combined]);
  }
  return { maxDegree, maxLevel, maxLevelHashes: level(maxLevel) };
}

function chunkHash(chunk: KeyRead[]): Buffer {
  const reads = new ledger.rwset.kvrwset.QueryReads();
  reads.setKvReadsList(chunk.map(kvRead));
  return createHash('sha256').update(reads.serializeBinary()).digest();
}

/** A KVRead as the peer's ledger serialises it (proto3: zero fields omitted). */
export function kvRead(read: KeyRead): ledger.rwset.kvrwset.KVRead {
  const kv = new ledger.rwset.kvrwset.KVRead();
  kv.setKey(read.key);
  if (read.version) {
    const version = new ledger.rwset.kvrwset.Version();
    version.setBlockNum(read.version.block);
    version.setTxNum(read.version.tx);
    kv.setVersion(version);
  }
  return kv;
}

function combinedHash(hashes: Buffer[]): Buffer {
  return createHash('sha256').update(Buffer.concat(hashes)).digest();
}

function sameVersion(a: KeyRead, b: KeyRead): boolean {
  return a.version === null || b.version === null ? a.version === b.version : a.version.block === b.version.block && a.version.tx === b.version.tx;
}

function sameSummary(a: MerkleSummary, b: MerkleSummary): boolean {
  return a.maxDegree === b.maxDegree && a.maxLevel === b.maxLevel && a.maxLevelHashes.length === b.maxLevelHashes.length &&
    a.maxLevelHashes.every((h, i) => h.equals(b.maxLevelHashes[i]));
}
