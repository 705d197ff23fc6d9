import type Router from '@koa/router';
import type { Ledger } from '../../fabric/ledger';

/** GET /health: each peer reachable, with its block height (qscc GetChainInfo). 503 unless all are. */
export function healthRoutes(router: Router, ledger: Ledger): void {
  router.get('/health', async (ctx) => {
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
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'degraded', peers };
  });
}
