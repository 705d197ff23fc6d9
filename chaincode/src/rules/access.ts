import { accessEventLeafHash, accessEventsRoot, takenEventIdsMessage } from '../lib/access-events';
import { LedgerError } from '../lib/ledger-error';
import type { AccessBatch, AccessEventAnchor, SystemRecord } from '../lib/records';
import type { AnchorInput } from '../lib/inputs';
import type { Caller } from './roles';
import type { Stamp } from './stamp';

export function requireMatchingRoot(input: AnchorInput): void {
  const computed = accessEventsRoot(input.events);
  if (computed !== input.merkleRoot) {
    throw new LedgerError('MERKLE_ROOT_MISMATCH', `the events hash to ${computed}, not ${input.merkleRoot}`, { computed });
  }
}

/** Every accessor must be an ACTIVE system registered by the organisation anchoring the events. */
export function requireKnownAccessors(systems: ReadonlyMap<string, SystemRecord | null>, caller: Caller): void {
  const unknown = [...systems].filter(([, system]) => !system || system.status !== 'ACTIVE' || system.org !== caller.msp).map(([id]) => id);
  if (unknown.length > 0) {
    throw new LedgerError('UNKNOWN_ACCESSOR', `not ACTIVE systems of ${caller.msp}: ${unknown.join(', ')}`, { systemIds: unknown });
  }
}

/** An anchored batchId: the same events again get the stored anchor; other events are refused. */
export function storedAnchorOrConflict(stored: AccessBatch, input: AnchorInput): AccessBatch {
  if (stored.root !== input.merkleRoot || stored.count !== input.events.length) {
    throw new LedgerError('BATCH_CONFLICT', `access batch ${stored.batchId} is already anchored with root ${stored.root}`);
  }
  return stored;
}

export function anchorRecord(input: AnchorInput, stamp: Stamp): AccessBatch {
  const byTime = [...input.events].sort((a, b) => Date.parse(a.accessedAt) - Date.parse(b.accessedAt));
  return {
    batchId: input.batchId,
    root: input.merkleRoot,
    count: input.events.length,
    firstAccessedAt: byTime[0].accessedAt,
    lastAccessedAt: byTime[byTime.length - 1].accessedAt,
    anchoredBy: stamp.msp,
    anchoredAt: stamp.now,
    txId: stamp.txId,
  };
}

/**
 * An eventId is anchored once on the whole chain. Any event whose id is already anchored (the
 * same event again, other content, or another system's) refuses the batch, naming every such id;
 * the submitter answers a repeat of the same event with its first anchor (`firsts`).
 */
export function requireFreshEventIds(input: AnchorInput, firsts: ReadonlyArray<AccessEventAnchor | null>): void {
  const taken = input.events.filter((_, i) => firsts[i] !== null).map((event) => event.eventId);
  if (taken.length > 0) throw new LedgerError('EVENT_ID_TAKEN', takenEventIdsMessage(taken), { eventIds: taken });
}

/** The per-eventId index records of a batch being anchored. */
export function eventAnchors(input: AnchorInput, stamp: Stamp): AccessEventAnchor[] {
  return input.events.map((event, leafIndex) => ({
    eventId: event.eventId,
    accessorSystemId: event.accessorSystemId,
    leafHash: accessEventLeafHash(event),
    batchId: input.batchId,
    leafIndex,
    txId: stamp.txId,
  }));
}
