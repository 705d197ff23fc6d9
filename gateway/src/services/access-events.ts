/**
 * Logging reads of personal data: events posted by data-consuming systems, and the events the
 * gateway writes itself whenever a caller reads a subject's data through it.
 */
import type { AccessEvent, AccessPurpose } from '@welfare-ledger/chaincode/lib';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/roles';
import { ApiError } from '../errors';
import type { AnchoredEvent } from './access-log';
import { actorFor, type Services } from './context';

/** An access event as a system posts it: ids optional, the subject as a citizen ID or a subjectRef. */
export type AccessEventInput = Omit<AccessEvent, 'eventId' | 'accessorSystemId' | 'subjectRef'> & {
  eventId?: string;
  accessorSystemId?: string;
  citizenId?: string;
  subjectRef?: string;
};

const newEventId = () => `AE-${randomUUID()}`;

/** Anchors events posted by a system; the accessor must be an ACTIVE system of the caller's org. */
export async function logAccessEvents(s: Services, caller: Caller, inputs: AccessEventInput[]): Promise<AnchoredEvent[]> {
  const events: AccessEvent[] = inputs.map(({ citizenId, subjectRef, eventId, accessorSystemId, ...rest }) => ({
    ...rest,
    eventId: eventId ?? newEventId(),
    accessorSystemId: accessorSystemId ?? caller.systemId,
    subjectRef: subjectRef ?? s.pseudonyms.subjectRef(citizenId!),
  }));
  const ids = new Set(events.map((e) => e.eventId));
  if (ids.size !== events.length) throw new ApiError(400, 'VALIDATION', 'eventIds must be unique within a request');
  await assertAccessorsActive(s, caller, [...new Set(events.map((e) => e.accessorSystemId))]);
  return s.accessLog.record(caller.mspId, events);
}

async function assertAccessorsActive(s: Services, caller: Caller, systemIds: string[]): Promise<void> {
  for (const systemId of systemIds) {
    if (!(await s.systems.isActive(actorFor(caller), systemId))) {
      throw ApiError.fromReason('UNKNOWN_ACCESSOR', `${systemId} is not an ACTIVE system of ${caller.mspId}`);
    }
  }
}

/** The access event for a read through the gateway, anchored before the data is returned. */
export function logGatewayRead(
  s: Services,
  caller: Caller,
  read: { subjectRef: string; datasetCode: string; fields: string[]; purpose: AccessPurpose; resultCount: number },
): Promise<AnchoredEvent> {
  const event: AccessEvent = {
    eventId: newEventId(),
    accessorSystemId: caller.systemId,
    subjectRef: read.subjectRef,
    datasetCode: read.datasetCode,
    fields: read.fields,
    purpose: read.purpose,
    legalBasis: 'welfare-ledger gateway read',
    accessedAt: new Date().toISOString(),
    resultCount: read.resultCount,
  };
  return s.accessLog.record(caller.mspId, [event]).then(([anchored]) => anchored);
}
