import { accessEventSchema } from '../lib/inputs';
import { arrayOf, fromSchema, id, invalid, object, sha256, type Check } from './validate';

/** The largest number of access events one anchoring transaction accepts. */
export const MAX_EVENTS_PER_BATCH = 10_000;

export const accessEvent = fromSchema(accessEventSchema);

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
