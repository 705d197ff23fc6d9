/**
 * Facts a decision learned from its range reads rather than key by key: a key inside a proven
 * range is what the range returned for it, or absent when the range did not return it. Inside
 * means what Fabric re-checked at commit: from the start key up to the end key, which is
 * excluded when the query ran to its end and included when the chaincode stopped early (Fabric
 * then records the last key it read as the end). Keys compare as Fabric's state database orders
 * them, by their UTF-8 bytes.
 */
import type { ProvenFact, ProvenRangeFact } from './payment-decisions';
import type { RangeRead } from './read-set';

export interface ProvenRange {
  range: RangeRead;
  results: ProvenRangeFact[];
}

/** The fact under `key` as a proven range shows it; undefined when no proven range covers the key. */
export function factInRanges(ranges: ProvenRange[], namespace: string, key: string): ProvenFact | undefined {
  const covering = ranges.find(({ range }) => range.namespace === namespace && covers(range, key));
  if (!covering) return undefined;
  const found = covering.results.find((result) => result.key === key);
  return found ? { value: found.value, version: found.version } : { value: null, version: null };
}

/** Whether Fabric's commit-time check of this range read covers `key`. */
export function covers(range: RangeRead, key: string): boolean {
  if (compareStored(key, range.startKey) < 0) return false;
  if (range.endKey === '') return true;
  const toEnd = compareStored(key, range.endKey);
  return range.exhausted ? toEnd < 0 : toEnd <= 0;
}

function compareStored(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
