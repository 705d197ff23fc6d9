import { createHash } from 'node:crypto';
import { merkleSummaryOf, rangeResultsProblem } from './range-reads';
import type { KeyRead, RangeRead } from './read-set';

const NS = 'welfare';
const key = (i: number) => `\u0000paidPeriod\u0000${'a'.repeat(64)}\u0000P\u00002026-${String(i).padStart(3, '0')}\u0000`;
const reads = (n: number): KeyRead[] => Array.from({ length: n }, (_, i) => ({ namespace: NS, key: key(i), version: { block: 10 + i, tx: i % 3 } }));
const range = (over: Partial<RangeRead>): RangeRead => ({ namespace: NS, startKey: key(0), endKey: `${key(0).slice(0, 70)}\u{10ffff}`, exhausted: true, rawReads: null, merkle: null, ...over });
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** QueryReads{kv_reads} encoded by hand (field 1 of each; KVRead: key = 1, version = 2 {block_num = 1, tx_num = 2}), independently of the protobuf library. */
function queryReadsBytes(chunk: KeyRead[]): Buffer {
  const varint = (n: number) => {
    const out: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      if (v < 128) return Buffer.from([...out, v]);
      out.push((v % 128) | 128);
    }
  };
  const field = (tag: number, bytes: Buffer) => Buffer.concat([Buffer.from([tag]), varint(bytes.length), bytes]);
  return Buffer.concat(chunk.map((r) => {
    const version = Buffer.concat([r.version!.block ? Buffer.concat([Buffer.from([0x08]), varint(r.version!.block)]) : Buffer.alloc(0), r.version!.tx ? Buffer.concat([Buffer.from([0x10]), varint(r.version!.tx)]) : Buffer.alloc(0)]);
    return field(0x0a, Buffer.concat([field(0x0a, Buffer.from(r.key)), field(0x12, version)]));
  }));
}

describe('range reads kept raw', () => {
  test('the listed results are exactly the raw results: accepted', () => {
    expect(rangeResultsProblem(range({ rawReads: reads(3) }), reads(3))).toBeNull();
  });

  test('a result listed at another version is refused', () => {
    const listed = reads(3);
    listed[1] = { ...listed[1], version: { block: 99, tx: 0 } };
    expect(rangeResultsProblem(range({ rawReads: reads(3) }), listed)).toMatch(/result 1 of the range .* at another version/);
  });

  test('a result dropped from the list is refused', () => {
    expect(rangeResultsProblem(range({ rawReads: reads(3) }), reads(2))).toBe('the range returned 3 keys, 2 are listed');
  });

  test('a listed key outside the range is refused', () => {
    expect(rangeResultsProblem(range({ rawReads: [] }), [{ namespace: NS, key: '\u0000zzz\u0000', version: null }])).toMatch(/outside the range/);
  });
});

describe("range reads summarised as Merkle hashes (Fabric's QueryReadsMerkleSummary)", () => {
  test('3 results at max degree 2: one chunk of 3, hashed as SHA-256 of QueryReads', () => {
    const listed = reads(3);
    expect(merkleSummaryOf(listed, 2)).toEqual({ maxDegree: 2, maxLevel: 1, maxLevelHashes: [sha(queryReadsBytes(listed))] });
  });

  test('7 results at max degree 2: three chunk hashes, combined into one node at level 2', () => {
    const listed = reads(7);
    const [h1, h2, h3] = [listed.slice(0, 3), listed.slice(3, 6), listed.slice(6)].map((c) => sha(queryReadsBytes(c)));
    expect(merkleSummaryOf(listed, 2)).toEqual({ maxDegree: 2, maxLevel: 2, maxLevelHashes: [sha(h1, h2, h3)] });
  });

  test('the 120 listed results rebuild the summary the endorsers signed (max degree 50): accepted', () => {
    const summary = merkleSummaryOf(reads(120), 50);
    expect(summary.maxLevel).toBe(1);
    expect(summary.maxLevelHashes).toHaveLength(3);
    expect(rangeResultsProblem(range({ merkle: summary }), reads(120))).toBeNull();
  });

  test('one of 120 results listed at another version is refused', () => {
    const listed = reads(120);
    listed[77] = { ...listed[77], version: { block: 5, tx: 0 } };
    expect(rangeResultsProblem(range({ merkle: merkleSummaryOf(reads(120), 50) }), listed)).toMatch(/do not rebuild the Merkle summary/);
  });

  test('one of 120 results dropped is refused', () => {
    const listed = reads(120).filter((_, i) => i !== 3);
    expect(rangeResultsProblem(range({ merkle: merkleSummaryOf(reads(120), 50) }), listed)).toMatch(/do not rebuild the Merkle summary/);
  });
});
