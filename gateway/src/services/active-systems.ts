/**
 * Which systems the ledger's registry holds as ACTIVE, cached briefly: every posted access event
 * names its accessor, and asking the chain for each event would cost a query per event. A miss
 * refreshes at once (a system registered a moment ago is found); retiring a system through this
 * gateway clears the cache. Callers that arrive while a refresh is running share it: a thousand
 * concurrent events past the TTL make one query, not a thousand (the peer refuses more than 500).
 */
import type { SystemRecord } from '@welfare-ledger/chaincode/lib';
import type { Actor, Ledger } from '../fabric/ledger';

const TTL_MS = 5000;

export class ActiveSystems {
  private cache: { at: number; systems: Map<string, SystemRecord> } | undefined;
  private refreshing: Promise<Map<string, SystemRecord>> | undefined;

  constructor(private readonly ledger: Ledger) {}

  async isActive(actor: Actor, systemId: string): Promise<boolean> {
    let system = (await this.load(actor, false)).get(systemId);
    if (!system) system = (await this.load(actor, true)).get(systemId);
    return system !== undefined && system.org === actor.mspId && system.status === 'ACTIVE';
  }

  forget(): void {
    this.cache = undefined;
  }

  private load(actor: Actor, fresh: boolean): Promise<Map<string, SystemRecord>> {
    if (!fresh && this.cache && Date.now() - this.cache.at < TTL_MS) return Promise.resolve(this.cache.systems);
    this.refreshing ??= this.refresh(actor).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(actor: Actor): Promise<Map<string, SystemRecord>> {
    const list = await this.ledger.evaluate<SystemRecord[]>(actor, 'system:ListSystems', []);
    this.cache = { at: Date.now(), systems: new Map(list.map((s) => [s.systemId, s])) };
    return this.cache.systems;
  }
}
