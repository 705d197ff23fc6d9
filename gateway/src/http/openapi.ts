/** Builds /openapi.json from the route declarations and their zod schemas. */
import { z } from 'zod';
import type { RouteSpec } from './route';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodType): unknown[] {
  const described = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(described.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: (described.required ?? []).includes(name),
    schema: s,
  }));
}

function operation(spec: RouteSpec): Record<string, unknown> {
  const pathParams = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const content: Record<string, unknown> = {};
  if (spec.body) content['application/json'] = { schema: jsonSchema(spec.body) };
  for (const [type, alt] of Object.entries(spec.altBodies ?? {})) content[type] = { schema: { type: 'string', description: alt.description } };
  const errors: Record<string, unknown> = {};
  for (const status of ['400', '401', '403', '404', '405', '409', '413', '415', '422', '429', '501', '502', '503']) {
    errors[status] = { $ref: '#/components/responses/Error' };
  }
  return {
    tags: [spec.tag],
    summary: spec.summary,
    description: spec.roles === undefined ? 'No API key needed.' : `Roles: ${spec.roles.length ? spec.roles.join(', ') : 'any registered system'}.`,
    security: spec.roles === undefined ? [] : [{ apiKey: [] }],
    parameters: [...pathParams, ...(spec.query ? queryParameters(spec.query) : [])],
    ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
    responses: { [String(spec.status ?? 200)]: { description: spec.responseDescription }, ...errors },
  };
}

export function openApiDocument(specs: RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'welfare-ledger gateway',
      version,
      description:
        'The one door to the welfare ledger. Writes answer with a receipt of the committed transaction ' +
        '(txId, blockNumber, status, replay, record); a write the ledger already held is a replay whose txId ' +
        'names the transaction that wrote the record. Citizen IDs and bank accounts are accepted only in request ' +
        'bodies and never returned: the ledger holds keyed pseudonyms (subjectRef, accountRef).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key of a registered system' } },
      responses: { Error: { description: 'An error', content: { 'application/json': { schema: ERROR_SCHEMA } } } },
    },
    paths,
  };
}
