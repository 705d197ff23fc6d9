/**
 * Proofs an auditor can check without trusting the gateway: self-contained bundles for a
 * transaction or an access event (verify offline with `npx welfare-ledger verify`), and
 * checkpoints of the chain tip signed by an org's peer, to keep and check later bundles against.
 */
import type { Context } from 'koa';
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

/** A bundle already encoded as JSON bytes (proofs/bundle-bytes.ts): sent as they are. */
function asJson(ctx: Context, bytes: Buffer): Buffer {
  ctx.type = 'application/json; charset=utf-8';
  return bytes;
}

export function proofRoutes(s: Services, proofs: ProofService) {
  return [
    route({
      method: 'get', path: '/v1/proofs/tx/:txId', tag: 'proofs', roles: ['auditor', 'inspector', 'finance', 'civil-affairs'],
      query: rangeQuery,
      summary:
        'Proof bundle of a transaction: envelope, orderer-signed block, validation code and each org peer\'s signed word on it, ' +
        'endorsements with certificates, config blocks from genesis, headers to the tip and the key/values written. ' +
        '`since` adds headers from an earlier block (at most 10,000 before), `tip` ends the chain earlier.',
      responseDescription: 'ProofBundle (welfare-ledger/proof-bundle v2)',
      handle: async ({ params, query, ctx }) => {
        const txId = parse(txIdParam, params.txId);
        return asJson(ctx, await proofs.transactionBytes(txId, query));
      },
    }),
    route({
      method: 'get', path: '/v1/proofs/rules/tx/:txId', tag: 'proofs', roles: ['auditor', 'inspector', 'finance', 'civil-affairs'],
      summary:
        'Rule proof of a payment decision: its transaction bundle plus, for every key it read at a version, the bundle of the transaction ' +
        'that wrote that version (facts, and the `_lifecycle` commit of the chaincode definition in effect). ' +
        '`welfare-ledger verify --rules` re-runs the rules offline on the proven facts.',
      responseDescription: 'RuleProof (welfare-ledger/rule-proof v1)',
      handle: async ({ params }) => proofs.rules(parse(txIdParam, params.txId)),
    }),
    route({
      method: 'get', path: '/v1/proofs/access-events/:eventId', tag: 'proofs', roles: ['auditor', 'inspector'],
      query: rangeQuery,
      summary: 'Proof bundle of an access event: the anchor transaction bundle plus the RFC 6962 inclusion path to its anchored root',
      responseDescription: 'ProofBundle (kind access-event)',
      handle: async ({ params, query, ctx }) => {
        const located = await accessEvent(s, params.eventId);
        return asJson(ctx, await proofs.accessEventBytes({ eventId: params.eventId, ...located }, query));
      },
    }),
    route({
      method: 'get', path: '/v1/proofs/checkpoint', tag: 'proofs', roles: [],
      query: checkpointQuery,
      summary: "The chain tip as an org's peer signs it: its signed answer to qscc GetChainInfo (default: the gateway's org's peer). The gateway signs nothing.",
      responseDescription: 'PeerCheckpoint (welfare-ledger/checkpoint v2)',
      handle: ({ query }) => proofs.checkpoint(query.org),
    }),
  ];
}
