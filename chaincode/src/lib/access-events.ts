import { canonicalJson } from './canonical-json';
import { merkleRootHex } from './merkle';
import type { AccessEvent } from './records';

/** The Merkle leaf of an access event: its canonical JSON (UTF-8). */
export function accessEventLeaf(event: AccessEvent): string {
  return canonicalJson(event);
}

/** The RFC 6962 root (hex) over the events' leaves, in the order given: what AnchorAccessBatch expects. */
export function accessEventsRoot(events: readonly AccessEvent[]): string {
  return merkleRootHex(events.map(accessEventLeaf));
}
