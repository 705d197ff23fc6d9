import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { notFound } from '../../errors';
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
      method: 'get', path: '/docs', tag: 'operations', summary: 'Browsable API documentation (Swagger UI) with "try it" under your own key',
      responseDescription: 'an HTML page',
      handle: async ({ ctx }) => {
        ctx.type = 'html';
        return DOCS_PAGE;
      },
    }),
    route({
      method: 'get', path: '/docs/:file', tag: 'operations', summary: 'The files of the /docs page, served by the gateway itself (no CDN)',
      responseDescription: 'a script or stylesheet',
      handle: async ({ ctx, params }) => {
        const asset = docsAsset(params.file);
        ctx.type = asset.type;
        ctx.set('Cache-Control', 'public, max-age=3600');
        return asset.body;
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

/** The page: Swagger UI from its npm package, fed by /openapi.json; no inline script, nothing fetched from elsewhere. */
const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>welfare-ledger API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;

// validatorUrl null: Swagger UI would otherwise send the document to an online validator.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: false,
});
`;

const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'application/javascript' };
const assets = new Map<string, { type: string; body: string | Buffer }>([['init.js', { type: 'application/javascript', body: INIT_SCRIPT }]]);

function docsAsset(file: string): { type: string; body: string | Buffer } {
  const known = assets.get(file);
  if (known) return known;
  const type = SWAGGER_FILES[file];
  if (!type) throw notFound(`no docs file ${file}`);
  const asset = { type, body: readFileSync(path.join(SWAGGER_UI_DIR, file)) };
  assets.set(file, asset);
  return asset;
}
