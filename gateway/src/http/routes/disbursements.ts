import type Router from '@koa/router';
import type { Services } from '../../services/context';
import { postDisbursement, readDisbursement } from '../../services/disbursements';
import { requireRole } from '../middleware/auth';
import { disbursementLineInput } from '../schemas';
import { parse } from '../validate';

export function disbursementRoutes(router: Router, s: Services): void {
  router.post('/v1/disbursements', requireRole('finance'), async (ctx) => {
    const receipt = await postDisbursement(s, ctx.state.caller, parse(disbursementLineInput, ctx.request.body));
    ctx.state.txId = receipt.txId;
    ctx.status = 201;
    ctx.body = receipt;
  });

  router.get('/v1/disbursements/:lineId', requireRole('finance', 'auditor', 'inspector'), async (ctx) => {
    ctx.body = await readDisbursement(s, ctx.state.caller, ctx.params.lineId);
  });
}
