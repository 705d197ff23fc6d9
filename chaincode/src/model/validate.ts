/**
 * How the chaincode reads its arguments with the shared input schemas (lib/inputs): the first
 * problem becomes VALIDATION naming the field by its path (`batch.lines[3].lineId: ...`), and
 * nothing is written.
 */
import type { z } from 'zod';
import { LedgerError } from '../lib/ledger-error';

export function invalid(path: string, problem: string): LedgerError {
  return new LedgerError('VALIDATION', `${path}: ${problem}`, { field: path });
}

/** Parses a transaction's JSON argument. */
export function parseJsonArg<T>(text: string, schema: z.ZodType<T>, name: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(name, 'is not valid JSON');
  }
  return parseInput(schema, value, name);
}

/** Validates a plain string argument (not JSON), e.g. a lineId to read. */
export function arg<T>(schema: z.ZodType<T>, value: string, name: string): T {
  return parseInput(schema, value, name);
}

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue.code === 'unrecognized_keys' ? [issue.keys[0]] : [];
  const at = [...issue.path, ...keys].map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  throw invalid(`${path}${at}`, problemOf(issue));
}

const UNITS: Record<string, string> = { string: 'characters', array: 'items' };

function problemOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return 'is required';
      if (issue.expected === 'object' || issue.expected === 'array') return `must be an ${issue.expected}`;
      return issue.expected === 'int' ? 'must be an integer' : `must be of type ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.join(', ')}`;
    case 'too_big':
      return `must be at most ${issue.maximum}${UNITS[issue.origin] ? ` ${UNITS[issue.origin]}` : ''}`;
    case 'too_small':
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}${UNITS[issue.origin] ? ` ${UNITS[issue.origin]}` : ''}`;
    case 'invalid_format':
      // Formats carry the shared schema's own description ("a dataset code of ...").
      return `must be ${issue.message}`;
    case 'custom':
      // A cross-field check states its problem ("repeats lineId L-7"); a refined format names what it must be.
      return issue.params?.problem ? issue.message : `must be ${issue.message}`;
    default:
      return issue.message;
  }
}
