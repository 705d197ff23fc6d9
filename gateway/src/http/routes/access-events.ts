import { accessEventProofLink } from '../../proofs/links';
import type { Services } from '../../services/context';
import { logAccessEvents } from '../../services/access-events';
import { route } from '../route';
import { accessEventsInput } from '../schemas';

export const accessEventRoutes = (s: Services) => [
  route({
    method: 'post', path: '/v1/access-events', tag: 'access events', status: 201, roles: ['access-log'],
    body: accessEventsInput,
    summary: 'Log one access to personal data, or an array of them; answered once anchored on the chain',
    responseDescription: '{ events: [{ eventId, batchId, leafIndex, root, txId, blockNumber, proof }] }',
    handle: async ({ caller, body }) => {
      const events = await logAccessEvents(s, caller, Array.isArray(body) ? body : [body]);
      return { events: events.map((e) => ({ ...e, proof: accessEventProofLink(e.eventId) })) };
    },
  }),
];
