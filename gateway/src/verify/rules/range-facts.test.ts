import { covers, factInRanges } from './range-facts';
import type { RangeRead } from './read-set';

const NS = 'welfare';
const range = (over: Partial<RangeRead>): RangeRead => ({ namespace: NS, startKey: 'b', endKey: 'd', exhausted: true, rawReads: [], merkle: null, ...over });

describe("a range read's coverage, as Fabric re-checks it at commit", () => {
  test('a query run to its end covers its start key and stops before its end key', () => {
    expect([covers(range({}), 'b'), covers(range({}), 'c'), covers(range({}), 'd'), covers(range({}), 'a')]).toEqual([true, true, false, false]);
  });

  test('a query the chaincode stopped early covers up to the last key Fabric read, included', () => {
    expect([covers(range({ exhausted: false }), 'd'), covers(range({ exhausted: false }), 'd\u0000')]).toEqual([true, false]);
  });

  test('keys compare by their UTF-8 bytes, as the state database orders them, not by UTF-16 code units', () => {
    // U+FFFF sorts before U+10000 in UTF-8, after it in UTF-16 (a surrogate pair starts at U+D800).
    expect(covers(range({ startKey: 'a\uffff', endKey: 'a\u{10000}' }), 'a\uffff\u0001')).toBe(true);
  });
});

describe('facts from proven ranges', () => {
  const proven = [{ range: range({}), results: [{ key: 'c', value: { ok: 1 }, version: { block: 4, tx: 1 } }] }];

  test('a key the range returned is that fact, at its version', () => {
    expect(factInRanges(proven, NS, 'c')).toEqual({ value: { ok: 1 }, version: { block: 4, tx: 1 } });
  });

  test('a key inside the range and not returned was absent at commit', () => {
    expect(factInRanges(proven, NS, 'c2')).toEqual({ value: null, version: null });
  });

  test('a key outside every range, or in another namespace, is not proven either way', () => {
    expect(factInRanges(proven, NS, 'e')).toBeUndefined();
    expect(factInRanges(proven, 'other', 'c')).toBeUndefined();
  });
});
