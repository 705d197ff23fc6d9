import type { Ledger } from '../../fabric/ledger';
import type { Readiness } from '../../fabric/readiness';
import { route } from '../route';

/**
 * GET /health (liveness): each peer reachable, with its block height (qscc GetChainInfo); 503 unless all are.
 * GET /health/ready (readiness): 200 only when a write would be endorsed and committed (fabric/readiness.ts).
 */
export const healthRoutes = (ledger: Ledger, readiness: Readiness) => [
  route({
    method: 'get', path: '/health', tag: 'operations',
    summary: "Each org's peer reachable, with its block height and current block hash",
    responseDescription: '{ status: ok | degraded, submitsThrough, peers } (503 when any peer is unreachable; submitsThrough: the own org\'s peer writes go through now)',
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
      return { status: ok ? 'ok' : 'degraded', submitsThrough: ledger.ownPeer, peers };
    },
  }),
  route({
    method: 'get', path: '/health/ready', tag: 'operations',
    summary: 'Whether this gateway can endorse and commit a write now: a query endorsed by peers satisfying the endorsement policy, and its own peer caught up',
    responseDescription: '{ ready, checkedAt, checks: [{ name, ok, detail }] } (503 until ready; kept WELFARE_READY_CACHE_MS)',
    handle: async ({ ctx }) => {
      const report = await readiness.check();
      ctx.state.statusOverride = report.ready ? 200 : 503;
      if (!report.ready) ctx.set('Retry-After', '1');
      return report;
    },
  }),
];
