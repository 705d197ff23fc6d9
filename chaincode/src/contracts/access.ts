import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import type { AccessEventAnchor, SystemRecord } from '../lib/records';
import { anchorSchema, ledgerId } from '../lib/inputs';
import { arg, parseJsonArg } from '../model/validate';
import { anchorRecord, eventAnchors, requireFreshEventIds, requireKnownAccessors, requireMatchingRoot, storedAnchorOrConflict } from '../rules/access';
import { requireMember, requireWriter } from '../rules/roles';
import { Ledger } from '../state/ledger';
import { callerOf, stampOf } from './caller';

/**
 * Anchors of data-access events. The events travel in the transaction (so they are in the
 * block and provable); state keeps only the batch's Merkle root, count and time range.
 */
@Info({ title: 'access', description: 'Data-access event anchors (RFC 6962 Merkle roots)' })
export class AccessContract extends Contract {
  constructor() {
    super('access');
  }

  @Transaction()
  @Returns('string')
  async AnchorAccessBatch(ctx: Context, batchJson: string): Promise<string> {
    const input = parseJsonArg(batchJson, anchorSchema, 'accessBatch');
    const caller = await callerOf(ctx);
    requireWriter(caller, 'accessEvents');
    requireMatchingRoot(input);
    const ledger = new Ledger(ctx.stub);
    const stored = await ledger.get('accessBatch', input.batchId);
    if (stored) return canonicalJson(storedAnchorOrConflict(stored, input));

    const accessors = new Map<string, SystemRecord | null>();
    for (const event of input.events) {
      if (!accessors.has(event.accessorSystemId)) accessors.set(event.accessorSystemId, await ledger.get('system', event.accessorSystemId));
    }
    requireKnownAccessors(accessors, caller);
    // One PutState per event and a look-up of its id (up to MAX_EVENTS_PER_BATCH): the price of an
    // eventId unique on the chain; the reads also make a concurrent batch with the same id lose.
    // Ids that sort together (a system's sequence numbers) are looked up by range, 40 at a time;
    // ids scattered among others already anchored, one by one (Ledger.prefetch).
    await ledger.prefetch('accessEvent', input.events.map((event) => [event.eventId]));
    const firsts: (AccessEventAnchor | null)[] = [];
    for (const event of input.events) firsts.push(await ledger.get('accessEvent', event.eventId));
    requireFreshEventIds(input, firsts);
    const stamp = stampOf(ledger, caller);
    const anchor = anchorRecord(input, stamp);
    await ledger.put('accessBatch', anchor);
    for (const eventAnchor of eventAnchors(input, stamp)) await ledger.put('accessEvent', eventAnchor);
    input.events.forEach((event, leafIndex) => ledger.announce('AccessEvent', { ...event, batchId: anchor.batchId, leafIndex }));
    ledger.publish();
    return canonicalJson(anchor);
  }

  /** Where an eventId was first anchored: its batch, leaf index, leaf hash and transaction. */
  @Transaction(false)
  @Returns('string')
  async ReadAccessEvent(ctx: Context, eventId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const anchor = await new Ledger(ctx.stub).get('accessEvent', arg(ledgerId, eventId, 'eventId'));
    if (!anchor) throw new LedgerError('NOT_FOUND', `access event ${eventId} is not anchored`);
    return canonicalJson(anchor);
  }

  @Transaction(false)
  @Returns('string')
  async ReadAccessBatch(ctx: Context, batchId: string): Promise<string> {
    requireMember(await callerOf(ctx));
    const anchor = await new Ledger(ctx.stub).get('accessBatch', arg(ledgerId, batchId, 'batchId'));
    if (!anchor) throw new LedgerError('NOT_FOUND', `access batch ${batchId} is not anchored`);
    return canonicalJson(anchor);
  }
}
