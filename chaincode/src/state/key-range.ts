import type { Context } from 'fabric-contract-api';

type Stub = Context['stub'];

/**
 * Fabric keeps at most this many results of a range read raw in the read set (maxDegree); above
 * it keeps only Merkle hashes, which a rule proof cannot list. A range that returns more is not
 * used as evidence: its keys are read one by one instead.
 */
export const MAX_RAW_RANGE_RESULTS = 50;

interface QueryIterator {
  next(): Promise<{ value?: { key: string; value: Uint8Array }; done: boolean }>;
  close(): Promise<unknown>;
}

interface RangeHandler {
  handleGetStateByRange(collection: string, startKey: string, endKey: string, channelId: string, txId: string): Promise<{ iterator: QueryIterator }>;
}

/**
 * Every key from `firstKey` to `lastKey` (both included) with its value, in one round trip; null
 * when there are more than MAX_RAW_RANGE_RESULTS of them. fabric-shim's getStateByRange refuses
 * composite keys, so this asks the shim's handler directly, as its getStateByPartialCompositeKey does.
 */
export async function readKeyRange(stub: Stub, firstKey: string, lastKey: string): Promise<Map<string, Uint8Array> | null> {
  const handler = (stub as unknown as { handler: RangeHandler }).handler;
  // Composite keys end in U+0000, so lastKey + U+0000 is the first key after lastKey.
  const { iterator } = await handler.handleGetStateByRange('', firstKey, `${lastKey}\u0000`, stub.getChannelID(), stub.getTxID());
  const entries = new Map<string, Uint8Array>();
  for (;;) {
    const next = await iterator.next();
    // The peer already closed an exhausted query: closing it again would cost a round trip.
    if (next.done) return entries;
    if (entries.size === MAX_RAW_RANGE_RESULTS) {
      await iterator.close();
      return null;
    }
    entries.set(next.value!.key, next.value!.value);
  }
}

/** Keys in the order Fabric's state database keeps them: by their UTF-8 bytes. */
export function byStoredOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
