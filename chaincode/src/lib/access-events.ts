import { canonicalJson } from './canonical-json';
import { leafHash, merkleRootHex } from './merkle';
import type { AccessEvent } from './records';

/** The Merkle leaf of an access event: its canonical JSON (UTF-8). */
export function accessEventLeaf(event: AccessEvent): string {
  return canonicalJson(event);
}

/** The RFC 6962 leaf hash (hex) of an access event: equal for the same event, whoever sends it. */
export function accessEventLeafHash(event: AccessEvent): string {
  return leafHash(accessEventLeaf(event)).toString('hex');
}

/** The RFC 6962 root (hex) over the events' leaves, in the order given: what AnchorAccessBatch expects. */
export function accessEventsRoot(events: readonly AccessEvent[]): string {
  return merkleRootHex(events.map(accessEventLeaf));
}

/**
 * An EVENT_ID_TAKEN refusal ends with the taken eventIds as a JSON array, so that whoever
 * submitted the batch can answer those events' callers and anchor the others again.
 */
export function takenEventIdsMessage(eventIds: readonly string[]): string {
  return `eventIds already anchored: ${JSON.stringify(eventIds)}`;
}

/** The eventIds an EVENT_ID_TAKEN message names; [] for any other text. */
export function takenEventIdsIn(message: string): string[] {
  const list = /eventIds already anchored: (\[.*\])\s*$/.exec(message);
  if (!list) return [];
  try {
    return (JSON.parse(list[1]) as unknown[]).filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
