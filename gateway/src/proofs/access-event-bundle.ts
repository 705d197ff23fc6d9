/**
 * The proof bundle of one access event: the anchor transaction's bundle, plus the event as it
 * was hashed (taken from the anchor's own input in the block), its leaf index, the RFC 6962
 * audit path to the batch root, and the key of the anchor record (root, count) the path ends at.
 */
import { accessEventLeaf, inclusionProof, type AccessEvent } from '@welfare-ledger/chaincode/lib';
import { hex } from '../verify/bytes';
import type { ProofBundle } from '../verify/bundle';
import { transactionBundle, type AssembledTransaction, type BundleRange, type ProofSources } from './transaction-bundle';

export interface LocatedEvent {
  eventId: string;
  txId: string;
  batchId: string;
  leafIndex: number;
}

export async function accessEventBundle(sources: ProofSources, located: LocatedEvent, range: BundleRange = {}): Promise<AssembledTransaction> {
  const assembled = await transactionBundle(sources, located.txId, range);
  const { bundle, transaction } = assembled;
  const events = anchoredEvents(transaction.actions.flatMap((a) => a.args));
  const event = events[located.leafIndex];
  if (!event || event.eventId !== located.eventId) {
    throw new Error(`event ${located.eventId} is not leaf ${located.leafIndex} of the anchor in transaction ${located.txId}`);
  }
  const anchor = bundle.claims.find((claim) => anchorBatchId(claim.value) === located.batchId);
  if (!anchor) throw new Error(`transaction ${located.txId} did not write the anchor of batch ${located.batchId}`);
  const eventBundle: ProofBundle = {
    ...bundle,
    kind: 'access-event',
    claims: [anchor],
    accessEvent: {
      event,
      batchId: located.batchId,
      leafIndex: located.leafIndex,
      treeSize: events.length,
      path: inclusionProof(located.leafIndex, events.map(accessEventLeaf)).map(hex),
      anchorKey: anchor.key,
    },
  };
  return { ...assembled, bundle: eventBundle };
}

/** The events of an AnchorAccessBatch call: its single argument is the batch JSON. */
function anchoredEvents(args: string[]): AccessEvent[] {
  const [fn, batchJson] = args;
  if (!fn?.endsWith('AnchorAccessBatch') || !batchJson) throw new Error(`not an access-event anchor transaction (${fn})`);
  return (JSON.parse(batchJson) as { events: AccessEvent[] }).events;
}

function anchorBatchId(value: string): string | undefined {
  try {
    const record = JSON.parse(value) as { batchId?: string; root?: string };
    return typeof record.root === 'string' ? record.batchId : undefined;
  } catch {
    return undefined;
  }
}
