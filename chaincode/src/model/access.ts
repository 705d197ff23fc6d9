import { ACCESS_PURPOSES } from '../lib/records';
import { arrayOf, count, id, instant, invalid, matching, object, oneOf, sha256, subjectRef, text, type Check } from './validate';

/** The largest number of access events one anchoring transaction accepts. */
export const MAX_EVENTS_PER_BATCH = 10_000;

const fieldName = matching(/^[A-Za-z0-9_.-]{1,64}$/, 'a field name of letters, digits or _ . -');
const datasetCode = matching(/^[A-Za-z0-9_.:-]{1,64}$/, 'a dataset code of letters, digits or _ . : -');

export const accessEvent = object({
  eventId: id,
  accessorSystemId: id,
  subjectRef,
  datasetCode,
  fields: arrayOf(fieldName, { min: 1, max: 256 }),
  purpose: oneOf(ACCESS_PURPOSES),
  legalBasis: text(256),
  accessedAt: instant,
  resultCount: count,
});

const anchorShape = object({
  batchId: id,
  events: arrayOf(accessEvent, { min: 1, max: MAX_EVENTS_PER_BATCH }),
  merkleRoot: sha256,
});
export type AnchorInput = ReturnType<typeof anchorShape>;

export const anchorInput: Check<AnchorInput> = (value, path) => {
  const input = anchorShape(value, path);
  const seen = new Set<string>();
  input.events.forEach((event, i) => {
    if (seen.has(event.eventId)) throw invalid(`${path}.events[${i}].eventId`, `repeats eventId ${event.eventId}`);
    seen.add(event.eventId);
  });
  return input;
};
