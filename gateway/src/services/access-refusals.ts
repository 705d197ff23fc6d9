/**
 * Which events of a refused access batch the ledger's refusal names, so that the batcher answers
 * only their callers and anchors the other events again.
 */
import { type AccessEvent, takenEventIdsIn } from '@welfare-ledger/chaincode/lib';
import { ApiError } from '../errors';

/** Leaf indexes of the events at fault; empty when the refusal names none. */
export function eventsNamedBy(err: unknown, events: readonly AccessEvent[]): Set<number> {
  if (!(err instanceof ApiError)) return new Set();
  const named = (matches: (event: AccessEvent, leafIndex: number) => boolean) =>
    new Set(events.flatMap((event, leafIndex) => (matches(event, leafIndex) ? [leafIndex] : [])));
  switch (err.code) {
    case 'EVENT_ID_TAKEN': {
      const taken = new Set(takenEventIdsIn(err.message));
      return named((event) => taken.has(event.eventId));
    }
    case 'UNKNOWN_ACCESSOR': {
      const systems = new Set(/: ([^:]*)$/.exec(err.message)?.[1].split(', ') ?? []);
      return named((event) => systems.has(event.accessorSystemId));
    }
    case 'VALIDATION': {
      const field = /^accessBatch\.events\[(\d+)\]/.exec(err.message);
      return named((_, leafIndex) => field !== null && Number(field[1]) === leafIndex);
    }
    default:
      return new Set();
  }
}

/**
 * Codes by which the ledger refuses a batch for some of its events. Any other answer (FORBIDDEN,
 * the ledger unreachable...) would be the same for every event, so the whole batch gets it.
 */
const ABOUT_EVENTS = new Set(['VALIDATION', 'MERKLE_ROOT_MISMATCH', 'UNKNOWN_ACCESSOR', 'EVENT_ID_TAKEN']);

export function isAboutEvents(err: unknown): boolean {
  return err instanceof ApiError && ABOUT_EVENTS.has(err.code);
}
