import type { Middleware } from 'koa';
import { ApiError } from '../../errors';

/** How deeply a parsed JSON value nests objects and arrays, counted without recursion; stops past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * No request body nests deeper than `maxDepth` (the deepest the API takes is a few levels): a
 * deeper one is refused 400 before anything walks it recursively (canonical JSON, validation).
 */
export function limitJsonDepth(maxDepth: number): Middleware {
  return async (ctx, next) => {
    const body = ctx.request.body;
    if (body !== null && typeof body === 'object' && nestingDepth(body, maxDepth) > maxDepth) {
      throw new ApiError(400, 'JSON_TOO_DEEP', `the JSON body nests objects and arrays deeper than ${maxDepth} levels`);
    }
    await next();
  };
}
