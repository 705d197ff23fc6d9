import Router from '@koa/router';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { errors } from '../middleware/errors';
import { mount } from '../route';
import { operationRoutes } from './docs';

describe('/docs: Swagger UI from its npm package, served by the gateway', () => {
  let server: ReturnType<Koa['listen']>;
  let base: string;

  beforeAll(async () => {
    const router = new Router();
    const routes = operationRoutes(() => routes);
    mount(router, routes);
    const app = new Koa();
    app.use(errors(pino({ level: 'silent' })));
    app.use(router.routes());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('is a page whose every script and stylesheet is served by the gateway itself', async () => {
    const page = await (await fetch(`${base}/docs`)).text();
    const refs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']);
    for (const ref of refs) {
      const res = await fetch(base + ref);
      expect([ref, res.status]).toEqual([ref, 200]);
      expect(res.headers.get('content-type')).toMatch(ref.endsWith('.css') ? /^text\/css/ : /^application\/javascript/);
    }
    expect(page).not.toMatch(/<script>|https?:\/\//);
  });

  it('serves the real Swagger UI bundle, fed by /openapi.json, with the online validator off', async () => {
    expect(await (await fetch(`${base}/docs/swagger-ui-bundle.js`)).text()).toContain('SwaggerUIBundle');
    const init = await (await fetch(`${base}/docs/init.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });

  it('describes the bearer key that "try it" sends', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as any;
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves no other file from the package', async () => {
    for (const file of ['index.html', 'package.json', '..%2Fpackage.json', 'swagger-ui.js.map']) {
      const res = await fetch(`${base}/docs/${file}`);
      expect([file, res.status]).toEqual([file, 404]);
    }
  });
});
