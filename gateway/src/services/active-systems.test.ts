import type { Ledger } from '../fabric/ledger';
import { ActiveSystems } from './active-systems';

describe('the cache of active systems', () => {
  it('a thousand callers at once past the TTL make one query to the ledger', async () => {
    let queries = 0;
    const ledger = {
      evaluate: async () => {
        queries++;
        await new Promise((r) => setTimeout(r, 20));
        return [{ systemId: 'audit-system', org: 'AuditMSP', status: 'ACTIVE' }];
      },
    } as unknown as Ledger;
    const systems = new ActiveSystems(ledger);
    const actor = { mspId: 'AuditMSP', identity: 'client' as const };
    const answers = await Promise.all(Array.from({ length: 1000 }, () => systems.isActive(actor, 'audit-system')));
    expect(answers.every(Boolean)).toBe(true);
    expect(queries).toBe(1);
  });
});
