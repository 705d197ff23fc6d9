/**
 * A route is declared once — method, path, roles, schemas, summary, handler — and that one
 * declaration both mounts it on the router and describes it in /openapi.json, so the document
 * cannot drift from the API.
 */
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import type { Caller, Role } from '../auth/roles';
import { requireRole } from './middleware/auth';
import { proofLink } from '../proofs/links';
import { parse } from './validate';

export interface RouteInput<B, Q> {
  caller: Caller;
  body: B;
  query: Q;
  params: Record<string, string>;
  ctx: Context;
}

export interface RouteSpec<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'patch';
  /** Koa-style path, e.g. /v1/programmes/:id */
  path: string;
  tag: string;
  summary: string;
  /** Roles allowed; an empty list means any authenticated system; undefined means no key needed. */
  roles?: Role[];
  body?: z.ZodType<B>;
  /** Other request bodies this route also takes (e.g. text/csv), described for the docs. */
  altBodies?: Record<string, { description: string }>;
  query?: z.ZodType<Q>;
  /**
   * The answer holds personal data (a history, a payment line): never stored for an
   * Idempotency-Key replay, so every read runs and is logged as an access event.
   */
  readsPersonalData?: boolean;
  /** Status on success. */
  status?: number;
  responseDescription: string;
  handle(input: RouteInput<B, Q>): Promise<unknown>;
}

/** Declares a route with its body and query types inferred from its schemas. */
export function route<B = undefined, Q = undefined>(spec: RouteSpec<B, Q>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/**
 * Mounts each route behind its role check and then, for writes, `beforeWrite` (the
 * Idempotency-Key handling), so that nothing is replayed to a caller without the role.
 */
export function mount(router: Router, specs: RouteSpec[], beforeWrite: Middleware[] = []): void {
  for (const spec of specs) {
    const guards: Middleware[] = spec.roles && spec.roles.length > 0 ? [requireRole(...spec.roles)] : [];
    if (spec.method !== 'get' && !spec.readsPersonalData) guards.push(...beforeWrite);
    router[spec.method](spec.path, ...guards, async (ctx) => {
      const input: RouteInput<unknown, unknown> = {
        caller: ctx.state.caller,
        body: spec.body ? parse(spec.body, ctx.request.body) : undefined,
        query: spec.query ? parse(spec.query, ctx.query) : undefined,
        params: ctx.params,
        ctx,
      };
      const result = await spec.handle(input);
      ctx.status = ctx.state.statusOverride ?? spec.status ?? 200;
      ctx.body = withProofLink(result);
      const txId = (result as { txId?: unknown } | undefined)?.txId;
      if (typeof txId === 'string') ctx.state.txId = txId;
    });
  }
}

/** A receipt (an answer with a txId and a blockNumber) says where its proof is. */
function withProofLink(result: unknown): unknown {
  const receipt = result as { txId?: unknown; blockNumber?: unknown } | undefined;
  if (receipt && typeof receipt.txId === 'string' && typeof receipt.blockNumber === 'number') {
    return { ...receipt, proof: proofLink(receipt.txId) };
  }
  return result;
}
