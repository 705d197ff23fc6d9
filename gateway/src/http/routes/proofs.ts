/**
 * Proofs an auditor can check without trusting the gateway: self-contained bundles for a
 * transaction or an access event (verify offline with `npx welfare-ledger verify`), and signed
 * checkpoints of the chain tip to keep and check later bundles against.
 */
import { z } from 'zod';
import type { ProofService } from '../../proofs/proof-service';
import { accessEvent } from '../../services/reports';
import type { Services } from '../../services/context';
import { route } from '../route';
import { parse } from '../validate';

const blockNumber = z.coerce.number().int().min(0);
const rangeQuery = z.strictObject({ since: blockNumber.optional(), tip: blockNumber.optional() });
const checkpointQuery = z.strictObject({ org: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/).optional() });
const txIdParam = z.string().regex(/^[0-9a-f]{64}$/, 'a transaction id is 64 lowercase hex digits');

export function proofRoutes(s: Services, proofs: ProofService) {
  return [
    route({
      method: 'get', path: '/v1/proofs/tx/:txId', tag: 'proofs', roles: ['auditor', 'inspector', 'finance', 'civil-affairs'],
      query: rangeQuery,
      summary:
        'Proof bundle of a transaction: envelope, block, validation code, endorsements with certificates, headers to the tip, ' +
        'channel MSP roots and the key/values written. `since` adds headers from an earlier block, `tip` ends the chain earlier.',
      responseDescription: 'ProofBundle (welfare-ledger/proof-bundle v1)',
      handle: async ({ params, query }) => {
        const txId = parse(txIdParam, params.txId);
        return proofs.transaction(txId, query);
      },
    }),
    route({
      method: 'get', path: '/v1/proofs/access-events/:eventId', tag: 'proofs', roles: ['auditor', 'inspector'],
      query: rangeQuery,
      summary: 'Proof bundle of an access event: the anchor transaction bundle plus the RFC 6962 inclusion path to its anchored root',
      responseDescription: 'ProofBundle (kind access-event)',
      handle: async ({ params, query }) => {
        const located = await accessEvent(s, params.eventId);
        return proofs.accessEvent({ eventId: params.eventId, ...located }, query);
      },
    }),
    route({
      method: 'get', path: '/v1/proofs/checkpoint', tag: 'proofs', roles: [],
      query: checkpointQuery,
      summary: "A checkpoint of the chain tip as an org's peer reports it, signed with that org's identity (default: the gateway's first org)",
      responseDescription: 'SignedCheckpoint (welfare-ledger/checkpoint v1)',
      handle: ({ query }) => proofs.checkpoint(query.org),
    }),
  ];
}
