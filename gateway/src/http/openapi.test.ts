import { z } from 'zod';
import { openApiDocument } from './openapi';
import { route } from './route';

const specs = [
  route({
    method: 'post', path: '/v1/things/:thingId/parts', tag: 'things', status: 201, roles: ['finance'],
    body: z.strictObject({ amountFen: z.number().int() }), query: z.strictObject({ purpose: z.enum(['AUDIT']) }),
    summary: 'Add a part', responseDescription: 'receipt',
    handle: async () => ({}),
  }),
  route({ method: 'get', path: '/health', tag: 'ops', summary: 'Health', responseDescription: 'ok', handle: async () => ({}) }),
];

describe('the OpenAPI document built from route declarations', () => {
  const doc = openApiDocument(specs, '1.2.3') as any;

  it('has one operation per declared route, with the path parameters in OpenAPI form', () => {
    expect(Object.keys(doc.paths)).toEqual(['/v1/things/{thingId}/parts', '/health']);
    const op = doc.paths['/v1/things/{thingId}/parts'].post;
    expect(op.parameters).toEqual([
      { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'purpose', in: 'query', required: true, schema: { type: 'string', enum: ['AUDIT'] } },
    ]);
    expect(op.responses['201'].description).toBe('receipt');
  });

  it('describes the body from the same schema that validates it, unknown fields refused', () => {
    const schema = doc.paths['/v1/things/{thingId}/parts'].post.requestBody.content['application/json'].schema;
    expect(schema).toMatchObject({ type: 'object', required: ['amountFen'], additionalProperties: false });
  });

  it('marks routes without roles as needing no key, and others as needing the bearer key', () => {
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/v1/things/{thingId}/parts'].post.security).toEqual([{ apiKey: [] }]);
    expect(doc.info.version).toBe('1.2.3');
  });
});
