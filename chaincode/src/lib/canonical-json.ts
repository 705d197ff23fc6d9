import { createHash } from 'node:crypto';
import { LedgerError } from './ledger-error';

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as RFC 8785), no whitespace,
 * undefined object members dropped. Every endorser must write the same bytes, so values
 * that JSON cannot carry exactly are refused: non-finite numbers anywhere, and any value
 * under a money key (a name ending in `Fen`) that is not a safe integer or null.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, 'is not a finite number');
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? encodeArray(value, path) : encodeObject(value as Record<string, unknown>, path);
    default:
      throw refuse(path, `cannot be represented in JSON (${typeof value})`);
  }
}

function encodeArray(items: unknown[], path: string): string {
  return `[${items.map((item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
}

function encodeObject(object: Record<string, unknown>, path: string): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    const memberPath = `${path}.${key}`;
    if (isMoneyKey(key) && member !== null && !Number.isSafeInteger(member)) {
      throw refuse(memberPath, 'is money and must be a safe integer number of fen');
    }
    members.push(`${JSON.stringify(key)}:${encode(member, memberPath)}`);
  }
  return `{${members.join(',')}}`;
}

function isMoneyKey(key: string): boolean {
  return key.endsWith('Fen');
}

function refuse(path: string, problem: string): LedgerError {
  return new LedgerError('VALIDATION', `${path} ${problem}`, { path });
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The bytes a record is stored and hashed as. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
