/**
 * Opaque page cursors: the chain position (block, transaction index, change index) of the last
 * entry returned. Positions never change, so a cursor stays valid across a rebuild.
 */
import { badRequest } from '../errors';

export interface ChainPosition {
  blockNumber: number;
  txIndex: number;
  changeIndex: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function encodeCursor(position: ChainPosition): string {
  return Buffer.from(`${position.blockNumber}.${position.txIndex}.${position.changeIndex}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ChainPosition {
  const match = /^(\d{1,15})\.(\d{1,9})\.(-?\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badRequest('cursor: not a cursor this API returned', { field: 'cursor' });
  return { blockNumber: Number(match[1]), txIndex: Number(match[2]), changeIndex: Number(match[3]) };
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badRequest(`limit: must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'limit' });
  }
  return limit;
}

/** The position after which a page starts; before everything when there is no cursor. */
export function startAfter(cursor: string | null | undefined): ChainPosition {
  return cursor ? decodeCursor(cursor) : { blockNumber: -1, txIndex: -1, changeIndex: -1 };
}

/** Cuts a page from `size + 1` rows read: the extra row only says whether there is a next page. */
export function toPage<R extends ChainPosition, T>(rows: R[], size: number, toItem: (row: R) => T): Page<T> {
  const pageRows = rows.slice(0, size);
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(toItem), nextCursor: rows.length > size && last ? encodeCursor(last) : null };
}
