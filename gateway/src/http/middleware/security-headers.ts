import type { Middleware } from 'koa';

/** The docs page is the one HTML answer; it runs its own inline script and style and fetches /openapi.json. */
const DOCS_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
/** The console: its own scripts and styles only, requests to this gateway only; charts are inline SVG. */
const CONSOLE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
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
    ctx.set('Content-Security-Policy', policyFor(ctx.path));
    if (https) ctx.set('Strict-Transport-Security', 'max-age=31536000');
    await next();
  };
}

function policyFor(path: string): string {
  if (path === '/docs') return DOCS_POLICY;
  return path === '/console' || path.startsWith('/console/') ? CONSOLE_POLICY : API_POLICY;
}
