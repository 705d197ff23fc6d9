/**
 * A decision's argument, read with the chaincode's own input schema (one validation, shared):
 * the re-run sees the input exactly as the chaincode did, defaults included, and an argument the
 * chaincode's input check refuses could not have been committed.
 */
import type { z } from 'zod';

/** What was committed is not what the rules give (or the rules could not have let it commit). */
export class DecisionMismatch extends Error {}

export function decisionInput<T>(schema: z.ZodType<T>, argument: string | undefined): T {
  let value: unknown;
  try {
    value = JSON.parse(argument ?? '');
  } catch {
    throw new DecisionMismatch('the decision\'s argument is not JSON, yet it was committed');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new DecisionMismatch(`the chaincode's input check refuses the argument (${problem.path.join('.') || 'input'}: ${problem.message}), yet it was committed`);
  }
  return parsed.data;
}
