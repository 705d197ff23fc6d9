import { z } from 'zod';
import { badRequest } from '../errors';

/** Parses input with a schema; a failure is a 400 naming each field path and what is wrong. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw badRequest('the request is not valid', details);
  }
  return result.data;
}
