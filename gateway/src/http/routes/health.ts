import type { Ledger } from '../../fabric/ledger';
import { route } from '../route';

/** GET /health: each peer reachable, with its block height (qscc GetChainInfo). 503 unless all are. */
export const healthRoutes = (ledger: Ledger) => [
  route({
    method: 'get', path: '/health', tag: 'operations',
    summary: "Each org's peer reachable, with its block height and current block hash",
    responseDescription: '{ status: ok | degraded, peers } (503 when any peer is unreachable)',
    handle: async ({ ctx }) => {
      const peers = await Promise.all(
        ledger.orgs.map(async (org) => {
          try {
            const info = await ledger.chainInfo(org.mspId);
            return { org: org.mspId, endpoint: org.peerEndpoint, reachable: true, height: info.height, currentBlockHash: info.currentBlockHash };
          } catch {
            return { org: org.mspId, endpoint: org.peerEndpoint, reachable: false };
          }
        }),
      );
      const ok = peers.every((p) => p.reachable);
      ctx.state.statusOverride = ok ? 200 : 503;
      return { status: ok ? 'ok' : 'degraded', peers };
    },
  }),
];
