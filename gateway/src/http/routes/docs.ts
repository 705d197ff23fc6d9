import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { registry } from '../../metrics';
import { openApiDocument } from '../openapi';
import { route, type RouteSpec } from '../route';

const VERSION = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version as string;

/** /openapi.json (built from the very routes that are mounted), /docs, and /metrics. */
export function operationRoutes(apiRoutes: () => RouteSpec[]): RouteSpec[] {
  const own: RouteSpec[] = [
    route({
      method: 'get', path: '/openapi.json', tag: 'operations', summary: 'This API as an OpenAPI 3.1 document',
      responseDescription: 'the OpenAPI document',
      handle: async () => openApiDocument(apiRoutes(), VERSION),
    }),
    route({
      method: 'get', path: '/docs', tag: 'operations', summary: 'Browsable API documentation',
      responseDescription: 'an HTML page',
      handle: async ({ ctx }) => {
        ctx.type = 'html';
        return DOCS_PAGE;
      },
    }),
    route({
      method: 'get', path: '/metrics', tag: 'operations', summary: 'Prometheus metrics',
      responseDescription: 'text exposition format',
      handle: async ({ ctx }) => {
        ctx.type = registry.contentType;
        return registry.metrics();
      },
    }),
  ];
  return own;
}

// A self-contained page (no CDN: the network may be closed) that renders /openapi.json.
const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>welfare-ledger API</title>
<style>
 body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:1.5rem;color:#1d2733}
 h1{margin-bottom:.2rem} .op{border:1px solid #d7dde4;border-radius:6px;margin:.6rem 0;padding:.5rem .8rem}
 .m{display:inline-block;min-width:4.2rem;font-weight:600;text-transform:uppercase}
 .get{color:#0a6d2c}.post{color:#1346a0}.patch{color:#8a5300} code{background:#f1f3f6;padding:0 .25rem}
 summary{cursor:pointer} pre{background:#f7f8fa;padding:.6rem;overflow:auto;font-size:13px} .tag{margin-top:1.4rem}
 .roles{color:#5a6775;font-size:13px}
</style></head><body>
<h1>welfare-ledger API</h1><p id="intro"></p><div id="ops">Loading /openapi.json…</div>
<script>
fetch('/openapi.json').then(r => r.json()).then(doc => {
  document.getElementById('intro').textContent = doc.info.description;
  const byTag = {};
  for (const [p, methods] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(methods)) (byTag[op.tags[0]] ??= []).push({ p, m, op });
  const esc = s => String(s).replace(/[&<>]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
  let html = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    html += '<h2 class="tag">' + esc(tag) + '</h2>';
    for (const { p, m, op } of ops) {
      const body = op.requestBody ? '<pre>' + esc(JSON.stringify(op.requestBody.content, null, 2)) + '</pre>' : '';
      const params = op.parameters.length ? '<pre>' + esc(JSON.stringify(op.parameters, null, 2)) + '</pre>' : '';
      html += '<div class="op"><details><summary><span class="m ' + m + '">' + m + '</span> <code>' + esc(p) +
        '</code> ' + esc(op.summary) + '</summary><div class="roles">' + esc(op.description) + '</div>' + params + body + '</details></div>';
    }
  }
  document.getElementById('ops').innerHTML = html;
});
</script></body></html>`;
