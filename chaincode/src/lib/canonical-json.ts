import { createHash } from 'node:crypto';
import { LedgerError } from './ledger-error';

/**
 * Canonical JSON is RFC 8785, the JSON Canonicalization Scheme (JCS): object keys sorted by
 * UTF-16 code units, no whitespace, numbers and strings serialised as ECMAScript's
 * JSON.stringify does, the text encoded as UTF-8. Any JCS library in any language recomputes
 * the same bytes (see canonical-json.rfc8785.test.ts).
 *
 * Every endorser must write the same bytes, so the project refuses more than JCS does:
 * - values JSON cannot carry exactly: non-finite numbers, `undefined` in an array, functions,
 *   bigints, objects that are not plain (Date, Map, Buffer: JSON has no single form for them);
 * - strings with a lone UTF-16 surrogate (JCS input must be I-JSON, RFC 7493, which forbids them);
 * - under a money key (a name ending in `Fen`), anything but a safe integer or null.
 * Undefined object members are dropped, as JSON.stringify and JCS libraries do.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return encodeString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, 'is not a finite number');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return encodeArray(value, path);
      if (!isPlainObject(value)) throw refuse(path, 'cannot be represented in JSON (not a plain object)');
      return encodeObject(value, path);
    default:
      throw refuse(path, `cannot be represented in JSON (${typeof value})`);
  }
}

// With the u flag a surrogate pair is one code point, so only an unpaired half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

// JSON.stringify escapes exactly as RFC 8785 3.2.2.2 asks: \b \t \n \f \r \" \\, other
// controls as \u00xx in lowercase hex, everything else (including "/" and non-ASCII) as is.
function encodeString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) throw refuse(path, 'has a lone UTF-16 surrogate (not I-JSON)');
  return JSON.stringify(text);
}

function encodeArray(items: unknown[], path: string): string {
  return `[${items.map((item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
}

// Array.prototype.sort with no comparator orders by UTF-16 code units, as RFC 8785 3.2.3 asks.
function encodeObject(object: Record<string, unknown>, path: string): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    const memberPath = `${path}.${key}`;
    if (isMoneyKey(key) && member !== null && !Number.isSafeInteger(member)) {
      throw refuse(memberPath, 'is money and must be a safe integer number of fen');
    }
    members.push(`${encodeString(key, memberPath)}:${encode(member, memberPath)}`);
  }
  return `{${members.join(',')}}`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
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
