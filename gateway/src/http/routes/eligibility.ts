import type Router from '@koa/router';
import type { Services } from '../../services/context';
import { grantEligibility } from '../../services/eligibility';
import { requireRole } from '../middleware/auth';
import { eligibilityGrantInput } from '../schemas';
import { parse } from '../validate';

export function eligibilityRoutes(router: Router, s: Services): void {
  router.post('/v1/eligibility/grant', requireRole('civil-affairs'), async (ctx) => {
    const receipt = await grantEligibility(s, ctx.state.caller, parse(eligibilityGrantInput, ctx.request.body));
    ctx.state.txId = receipt.txId;
    ctx.status = 201;
    ctx.body = receipt;
  });
}
