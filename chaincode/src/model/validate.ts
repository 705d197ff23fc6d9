/**
 * A small kit for validating transaction inputs: each check takes the raw value and its
 * path and either returns the typed value or throws VALIDATION naming the field.
 * Objects refuse unknown fields.
 */
import type { z } from 'zod';
import { FORMATS } from '../lib/formats';
import { LedgerError } from '../lib/ledger-error';
import { isInstant, isRealDate } from '../lib/time';

export type Check<T> = ((value: unknown, path: string) => T) & { optional?: boolean };

type Shape = Record<string, Check<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

export function invalid(path: string, problem: string): LedgerError {
  return new LedgerError('VALIDATION', `${path}: ${problem}`, { field: path });
}

/** Parses a transaction's JSON argument. */
export function parseJsonArg<T>(text: string, check: Check<T>, name: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(name, 'is not valid JSON');
  }
  return check(value, name);
}

export function object<S extends Shape>(shape: S): Check<Parsed<S>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, 'must be an object');
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) throw invalid(`${path}.${key}`, 'is not a known field');
    }
    const result: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const present = input[key] !== undefined;
      if (!present && !check.optional) throw invalid(`${path}.${key}`, 'is required');
      result[key] = check(input[key], `${path}.${key}`);
    }
    return result as Parsed<S>;
  };
}

/** Absent or null becomes null. */
export function optional<T>(check: Check<T>): Check<T | null> {
  const wrapped: Check<T | null> = (value, path) => (value === undefined || value === null ? null : check(value, path));
  wrapped.optional = true;
  return wrapped;
}

export function arrayOf<T>(item: Check<T>, bounds: { min: number; max: number }): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw invalid(path, 'must be an array');
    if (value.length < bounds.min || value.length > bounds.max) {
      throw invalid(path, `must hold ${bounds.min} to ${bounds.max} items`);
    }
    return value.map((entry, i) => item(entry, `${path}[${i}]`));
  };
}

export function matching(pattern: RegExp, description: string): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string' || !pattern.test(value)) throw invalid(path, `must be ${description}`);
    return value;
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw invalid(path, `must be one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

/** Free text (names, legal bases, decision references): trimmed-non-empty, bounded, no control characters. */
export function text(maxLength: number): Check<string> {
  return (value, path) => {
    // eslint-disable-next-line no-control-regex
    if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength || /[\u0000-\u001f\u007f]/.test(value)) {
      throw invalid(path, `must be text of 1 to ${maxLength} characters without control characters`);
    }
    return value;
  };
}

export const realDate: Check<string> = (value, path) => {
  if (typeof value !== 'string' || !isRealDate(value)) throw invalid(path, 'must be a real date YYYY-MM-DD');
  return value;
};

export const subjectRef = matching(FORMATS.pseudonym, '64 lowercase hex (a keyed pseudonym)');
export const accountRef = subjectRef;
export const sha256 = matching(FORMATS.sha256, 'a sha256 in 64 lowercase hex');
export const programmeId = matching(FORMATS.programmeId, 'an upper-case programme id such as MINIMUM_LIVING');
export const id = matching(FORMATS.id, 'an id of 1 to 128 letters, digits or . _ : -');
export const code = matching(FORMATS.code, 'an upper-case code such as CITY_DEATH_REGISTRY');
export const period = matching(FORMATS.period, 'a period YYYY-MM');
export const districtCode = matching(FORMATS.districtCode, 'a 6-digit district code');

/** Validates a plain string argument (not JSON). */
export function arg<T>(check: Check<T>, value: string, name: string): T {
  return check(value, name);
}

/**
 * A check from a shared zod schema (lib/inputs.ts): the first problem becomes VALIDATION naming
 * the field, as the kit's own checks do.
 */
export function fromSchema<T>(schema: z.ZodType<T>): Check<T> {
  return (value, path) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const keys = issue.code === 'unrecognized_keys' ? [issue.keys[0]] : [];
    const at = [...issue.path, ...keys].map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    throw invalid(`${path}${at}`, problemOf(issue));
  };
}

function problemOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'is not a known field';
  if (issue.code === 'invalid_type') {
    if (/received undefined$/.test(issue.message)) return 'is required';
    return issue.expected === 'object' ? 'must be an object' : `must be of type ${issue.expected}`;
  }
  // Formats and refinements carry the shared schema's own description ("a dataset code of ...").
  if (issue.code === 'invalid_format' || issue.code === 'custom') return `must be ${issue.message}`;
  return issue.message;
}
