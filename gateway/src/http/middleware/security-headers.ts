import type { Middleware } from 'koa';

/** The docs page is the one HTML answer; it runs its own inline script and style and fetches /openapi.json. */
const DOCS_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers that keep a browser from misreading or framing an answer, and keep answers (which may
 * hold pseudonyms and receipts) out of caches. HSTS only when the gateway serves HTTPS.
 */
export function securityHeaders({ https }: { https: boolean }): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', ctx.path === '/docs' ? DOCS_POLICY : API_POLICY);
    if (https) ctx.set('Strict-Transport-Security', 'max-age=31536000');
    await next();
  };
}
