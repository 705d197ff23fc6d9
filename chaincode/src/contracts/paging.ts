import { invalid } from '../model/validate';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Reads the string arguments pageSize ('' = default) and bookmark ('' = first page). */
export function historyPaging(pageSize: string, bookmark: string): { pageSize: number; offset: number } {
  const size = pageSize === '' ? DEFAULT_PAGE_SIZE : Number(pageSize);
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalid('pageSize', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (bookmark !== '' && !/^\d{1,9}$/.test(bookmark)) throw invalid('bookmark', 'is not a bookmark this ledger returned');
  return { pageSize: size, offset: bookmark === '' ? 0 : Number(bookmark) };
}
