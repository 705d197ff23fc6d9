import { openApiDocument } from '../openapi';
import type { ProofService } from '../../proofs/proof-service';
import type { Services } from '../../services/context';
import { proofRoutes } from './proofs';

describe('the proof routes', () => {
  const routes = proofRoutes({} as Services, {} as ProofService);

  test('are declared for /openapi.json with their roles and query parameters', () => {
    const doc = openApiDocument(routes, 'test') as { paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/proofs/access-events/{eventId}', '/v1/proofs/checkpoint', '/v1/proofs/rules/tx/{txId}', '/v1/proofs/tx/{txId}']);
    expect(doc.paths['/v1/proofs/tx/{txId}'].get.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['since', 'tip']));
    expect(routes.map((r) => [r.path, r.roles])).toEqual([
      ['/v1/proofs/tx/:txId', ['auditor', 'inspector', 'finance', 'civil-affairs']],
      ['/v1/proofs/rules/tx/:txId', ['auditor', 'inspector', 'finance', 'civil-affairs']],
      ['/v1/proofs/access-events/:eventId', ['auditor', 'inspector']],
      ['/v1/proofs/checkpoint', []],
    ]);
  });

  test('a malformed txId is a 400 before anything is built', async () => {
    await expect(routes[0].handle({ params: { txId: 'nope' }, query: {} } as never)).rejects.toMatchObject({ status: 400, code: 'VALIDATION' });
  });
});
